import { useCallback, useState } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { Pager } from '../common/Pager.tsx';
import { useLoad } from '../common/use-load.ts';
import { customerHref } from '../router.ts';
import { segmentsApi } from './segments-api.ts';

const pageSize = 10;

/**
 * A saved segment's members now, by name and customer number: never a contact detail
 * (marketers see this list). `version` changes after a save, to show the new members.
 */
export function SegmentPreviewTable({
  segmentId,
  version,
}: {
  segmentId: string;
  version: number;
}) {
  const [page, setPage] = useState(1);
  const loader = useCallback(
    () => segmentsApi.preview(segmentId, page, pageSize),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: reload after a save
    [segmentId, page, version],
  );
  const loaded = useLoad(loader);
  const preview = loaded.data;
  return (
    <section className="stack" data-testid="segment-preview">
      <h3>Members now (saved criteria)</h3>
      <ErrorText message={loaded.error} />
      {preview !== null &&
        (preview.total === 0 ? (
          <p className="muted">Nobody matches these criteria today.</p>
        ) : (
          <>
            <table className={loaded.loading ? 'table compact loading' : 'table compact'}>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Customer number</th>
                </tr>
              </thead>
              <tbody>
                {preview.items.map((row) => (
                  <tr key={row.customerId}>
                    <td>
                      <a href={customerHref(row.customerId)}>{row.name}</a>
                    </td>
                    <td className="nowrap">{row.number}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} pageSize={pageSize} total={preview.total} onPage={setPage} />
          </>
        ))}
    </section>
  );
}
