import {
  startCampaignWorker,
  type WorkerOptions,
} from '../../src/services/campaigns/campaign-worker.ts';
import type { Actor, ServiceDeps } from '../../src/services/platform/context.ts';
import { updateMailSettings } from '../../src/services/shop/mail-settings.ts';

/** Campaign mail set up as an admin would: the shop's public address and the test's SMTP server. */
export async function configureTestMail(
  deps: ServiceDeps,
  { admin, port, ratePerSecond }: { admin: Actor; port: number; ratePerSecond: number },
): Promise<void> {
  const settings = await updateMailSettings({
    deps,
    actor: admin,
    changes: {
      publicBaseUrl: 'https://shop.example',
      smtp: {
        host: '127.0.0.1',
        port,
        secure: false,
        user: null,
        password: null,
        from: 'Shop <news@shop.example>',
        ratePerSecond,
      },
    },
  });
  if (!settings.ok) throw new Error(`${settings.code}: ${settings.message}`);
}

/** Runs the campaign worker until no campaign is scheduled or sending (10 s at most). */
export async function drainCampaigns(
  deps: ServiceDeps,
  options: WorkerOptions = {},
): Promise<void> {
  const worker = startCampaignWorker(deps, { idleMillis: 20, leaseMillis: 10_000, ...options });
  try {
    for (let i = 0; i < 400; i++) {
      const open = await deps.db
        .selectFrom('campaigns')
        .select('id')
        .where('state', 'in', ['scheduled', 'sending'])
        .execute();
      if (open.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('campaigns did not finish');
  } finally {
    await worker.stop();
  }
}
