import { releaseAllClaims } from '../../store/campaign-recipients.ts';
import { finishDrainedCampaigns } from '../../store/campaigns.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { startDueCampaigns } from './campaign-start.ts';
import {
  defaultMailerFor,
  sendNextMessage,
  SenderMail,
  type SenderSetup,
} from './campaign-sender.ts';
import { SenderCache } from './sender-cache.ts';

/**
 * The campaign sender inside the server: one loop that starts due campaigns, then sends
 * owed messages one at a time until none is due, then waits a little and looks again.
 *
 * Why an outbox table and not pg-boss: the recipient rows already are the queue (one row
 * per message owed, with its state), so a job queue would add a second copy of the same
 * facts that could disagree with it; pg-boss on PGlite needs an adapter and its own
 * schema and maintenance timers; and `FOR UPDATE SKIP LOCKED` on the recipients runs
 * unchanged on PGlite and PostgreSQL.
 */
export type CampaignWorker = { stop: () => Promise<void>; wake: () => void };

export type WorkerOptions = Partial<SenderSetup> & {
  /** Wait when nothing is due. */
  idleMillis?: number;
  /**
   * The database is this process's alone (PGlite's locked directory): claims left by a
   * crash are released at start instead of waiting for their lease to run out.
   */
  exclusiveDatabase?: boolean;
  log?: { warn: (detail: object, message: string) => void };
};

/** Long enough for nodemailer's connection, greeting and socket timeouts (10+10+20 s). */
export const defaultLeaseMillis = 120_000;

export function startCampaignWorker(
  deps: ServiceDeps,
  options: WorkerOptions = {},
): CampaignWorker {
  const setup: SenderSetup = {
    leaseMillis: options.leaseMillis ?? defaultLeaseMillis,
    mailerFor: options.mailerFor ?? defaultMailerFor,
    ...(options.retryBaseMillis === undefined ? {} : { retryBaseMillis: options.retryBaseMillis }),
  };
  const sender = {
    mail: new SenderMail(setup.mailerFor ?? defaultMailerFor),
    cache: new SenderCache(),
  };
  const idleMillis = options.idleMillis ?? 2_000;
  let stopping = false;
  let wakeUp: (() => void) | null = null;

  const pause = (millis: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, millis);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wakeUp = null;
    });

  async function run(): Promise<void> {
    if (options.exclusiveDatabase) await releaseAllClaims(deps.db);
    while (!stopping) {
      try {
        await startDueCampaigns(deps);
        // Pause, resume and cancel are read again before every message.
        while (!stopping && (await sendNextMessage(deps, sender, setup))) {
          /* next message */
        }
        await finishDrainedCampaigns(deps.db, deps.now());
      } catch (error) {
        options.log?.warn({ err: error }, 'campaign sender failed; trying again shortly');
      }
      if (!stopping) await pause(idleMillis);
    }
  }

  const running = run();
  return {
    wake: () => wakeUp?.(),
    stop: async () => {
      stopping = true;
      wakeUp?.();
      // The message in flight is finished and marked before the database closes.
      await running;
      sender.mail.close();
    },
  };
}
