type Row = { category: string; multiplier: string };

type Props = { rows: Row[]; onChange: (rows: Row[]) => void };

/** Categories that earn more (or less) than normal: "shoes × 2" earns double on shoes. */
export function CategoryMultipliers({ rows, onChange }: Props) {
  const set = (index: number, change: Partial<Row>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset className="stack" data-testid="rules-multipliers">
      <legend>Categories that earn a different rate</legend>
      {rows.length === 0 && <p className="muted">Every category earns the normal rate.</p>}
      {rows.map((row, index) => (
        <div key={index} className="row">
          <label className="grow">
            Category
            <input
              autoComplete="off"
              maxLength={60}
              data-testid={`rules-multiplier-category-${index + 1}`}
              value={row.category}
              onChange={(e) => set(index, { category: e.target.value })}
            />
          </label>
          <label>
            Points × (2 = double, 0.5 = half)
            <input
              inputMode="decimal"
              autoComplete="off"
              data-testid={`rules-multiplier-value-${index + 1}`}
              value={row.multiplier}
              onChange={(e) => set(index, { multiplier: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="link-button"
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <div className="row">
        <button
          type="button"
          data-testid="rules-multiplier-add"
          onClick={() => onChange([...rows, { category: '', multiplier: '2' }])}
        >
          Add a category
        </button>
      </div>
    </fieldset>
  );
}
