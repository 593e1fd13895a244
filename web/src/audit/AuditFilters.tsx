import { actionGroups } from './audit-actions.ts';

export type AuditFilterForm = { who: string; action: string; fromDay: string; toDay: string };

export const noFilter: AuditFilterForm = { who: '', action: '', fromDay: '', toDay: '' };

/** A day picked in the browser's time zone, as the instant it starts. */
export function startOfDay(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/** Who, what and when: the server filters, so every page counts only what matches. */
export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilterForm;
  onChange: (value: AuditFilterForm) => void;
}) {
  const set = (changes: Partial<AuditFilterForm>) => onChange({ ...value, ...changes });
  const filtered = value.who !== '' || value.action !== '' || value.fromDay || value.toDay;
  return (
    <form className="filters audit-filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Who
        <input
          type="search"
          data-testid="audit-who"
          placeholder="name or username"
          value={value.who}
          onChange={(e) => set({ who: e.target.value })}
        />
      </label>
      <label>
        What
        <select
          data-testid="audit-action"
          value={value.action}
          onChange={(e) => set({ action: e.target.value })}
        >
          <option value="">Everything</option>
          {actionGroups.map(({ group, actions }) => (
            <optgroup key={group} label={group}>
              {Object.entries(actions).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          data-testid="audit-from"
          value={value.fromDay}
          max={value.toDay || undefined}
          onChange={(e) => set({ fromDay: e.target.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          data-testid="audit-to"
          value={value.toDay}
          min={value.fromDay || undefined}
          onChange={(e) => set({ toDay: e.target.value })}
        />
      </label>
      {filtered && (
        <button type="button" onClick={() => onChange(noFilter)}>
          Clear
        </button>
      )}
    </form>
  );
}
