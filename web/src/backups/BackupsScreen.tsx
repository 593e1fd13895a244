import { useCallback } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { BackUpNow } from './BackUpNow.tsx';
import { BackupTable } from './BackupTable.tsx';
import { backupsApi, type Backup } from './backups-api.ts';
import { nightlyLine } from './backup-words.ts';
import './backups.css';

/**
 * Backups of the whole database, for admins: what the nightly one does, a backup now, the
 * latest ones. The master key is said first: a backup without it cannot open the contacts.
 */
export function BackupsScreen() {
  const loader = useCallback(() => backupsApi.list(), []);
  const list = useLoad(loader);
  const { data, setData, reload } = list;

  const taken = useCallback(
    (backup: Backup, masterKeyNote: string) => {
      if (data === null) reload();
      else setData({ ...data, masterKeyNote, backups: [backup, ...data.backups] });
    },
    [data, setData, reload],
  );

  return (
    <section className="stack backups-screen">
      <h1>Backups</h1>
      <ErrorText message={list.error} />
      {data !== null && (
        <>
          <p className="backups-nightly" data-testid="backups-nightly">
            {nightlyLine(data.nightly)}.
          </p>
          <div className="warning backups-key" role="note" data-testid="backups-master-key">
            <strong>The master key is kept apart</strong>
            <p>{data.masterKeyNote}</p>
          </div>
        </>
      )}
      <BackUpNow onTaken={taken} />
      <h2>Latest backups</h2>
      <BackupTable backups={data?.backups ?? null} loading={list.loading} />
    </section>
  );
}
