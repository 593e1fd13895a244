import type { Duplicate } from '@contract/customers.ts';

type Props = { duplicates: readonly Duplicate[]; onSelect: (duplicate: Duplicate) => void };

/** Same phone or email already on file: offer the existing customer instead of a second profile. */
export function DuplicateWarning({ duplicates, onSelect }: Props) {
  if (duplicates.length === 0) return null;
  return (
    <div className="warning" role="alert" data-testid="duplicate-warning">
      {duplicates.map((d) => (
        <p key={`${d.id}-${d.matchedOn}`}>
          This {d.matchedOn} already belongs to {d.name} ({d.number}).{' '}
          <button type="button" onClick={() => onSelect(d)}>
            Select {d.name} instead
          </button>
        </p>
      ))}
    </div>
  );
}
