import { formatDateTime } from '../common/format.ts';
import type { Backup } from './backups-api.ts';
import { fileName, formatDuration, formatSize, triggerLabel } from './backup-words.ts';

/** The latest backups, newest first; the file's full path on the server is in its title. */
export function BackupTable({ backups, loading }: { backups: Backup[] | null; loading: boolean }) {
  return (
    <table
      className={loading ? 'table backups loading' : 'table backups'}
      data-testid="backups-table"
    >
      <thead>
        <tr>
          <th>When</th>
          <th>By</th>
          <th className="num">Size</th>
          <th className="num">Took</th>
          <th className="file">File</th>
        </tr>
      </thead>
      <tbody>
        {backups?.map((backup) => (
          <tr key={backup.id} data-testid="backups-row">
            <td className="nowrap">{formatDateTime(backup.takenAt)}</td>
            <td className="nowrap">{triggerLabel[backup.trigger]}</td>
            <td className="num">{formatSize(backup.sizeBytes)}</td>
            <td className="num">{formatDuration(backup.durationMs)}</td>
            <td className="file mono" title={backup.file}>
              {fileName(backup.file)}
            </td>
          </tr>
        ))}
        {backups?.length === 0 && (
          <tr>
            <td colSpan={5} className="muted" data-testid="backups-none">
              No backup yet
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
