import { useEffect, useState } from 'react';
import type { SegmentCriteria } from '@contract/segments.ts';
import { errorMessage } from '../api-error.ts';
import { useDebounced } from '../common/use-load.ts';
import { segmentsApi } from './segments-api.ts';

type Count =
  { state: 'counting' } | { state: 'counted'; count: number } | { state: 'error'; message: string };

/**
 * How many customers the form's criteria hold now, asked once typing has paused (the
 * server counts; nothing is saved). An answer for criteria since changed is dropped.
 */
export function LiveCount({ definition }: { definition: SegmentCriteria | null }) {
  const key = definition === null ? null : JSON.stringify(definition);
  const settled = useDebounced(key, 400);
  const [count, setCount] = useState<Count>({ state: 'counting' });
  useEffect(() => {
    if (settled === null) return;
    let live = true;
    setCount({ state: 'counting' });
    segmentsApi.count(JSON.parse(settled) as SegmentCriteria).then(
      (answer) => live && setCount({ state: 'counted', count: answer.count }),
      (err: unknown) => live && setCount({ state: 'error', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [settled]);

  if (definition === null) return <p className="segment-count muted">Fix the criteria to count.</p>;
  const stale = key !== settled || count.state === 'counting';
  return (
    <p
      className={stale ? 'segment-count stale' : 'segment-count'}
      data-testid="segment-count"
      aria-live="polite"
    >
      {count.state === 'error' ? (
        <span className="error">{count.message}</span>
      ) : count.state === 'counted' ? (
        <>
          <strong>{count.count.toLocaleString()}</strong>{' '}
          {count.count === 1 ? 'customer' : 'customers'} now
        </>
      ) : (
        'Counting…'
      )}
    </p>
  );
}
