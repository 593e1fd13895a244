import { startCampaignWorker } from '../../../src/services/campaigns/campaign-worker.ts';
import { openPostgres } from '../../../src/store/database.ts';
import { serviceDeps } from '../../support/deps.ts';

/**
 * The campaign sender alone in a process of its own, on the PostgreSQL database named
 * in argv, as the server runs it: the kill -9 test starts it, kills it mid-campaign and
 * starts it again. A short lease stands in for the two minutes a real one waits.
 */
const url = process.argv[2];
if (!url) throw new Error('usage: campaign-sender-child.ts <postgres url>');
const handle = openPostgres(url, 2);
const worker = startCampaignWorker(serviceDeps(handle), {
  idleMillis: 50,
  leaseMillis: Number(process.env.LEASE_MILLIS ?? 1500),
  log: { warn: (detail, message) => process.stderr.write(`${message} ${String(detail)}\n`) },
});
process.stdout.write('sender started\n');
process.on('SIGTERM', () => {
  void worker.stop().then(() => handle.close());
});
