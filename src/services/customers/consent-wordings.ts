import { consentChannels, type ConsentChannel } from '../../domain/consent.ts';
import { invalid, ok, type Result } from '../../domain/result.ts';
import {
  ensureConsentWording,
  selectConsentWordings,
  selectCurrentConsentWordings,
  type ConsentWordingRow,
} from '../../store/consent-wordings.ts';
import type { Db } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { perDatabaseCache } from '../platform/per-database-cache.ts';

export type ConsentWordingView = ConsentWordingRow;
export type CurrentWordings = Partial<Record<ConsentChannel, ConsentWordingRow>>;

/**
 * Every customer look-up at the till needs the current wordings (to tell stale consent),
 * so each database's are kept for a few seconds, like the shop settings; a change made
 * here is seen at once, one made by another process within that time.
 */
const cache = perDatabaseCache(readCurrentConsentWordings, {
  millis: 5_000,
  // Until every channel has one, recording consent may make its text current (the first
  // one used), which a kept copy would not hear of: read afresh until then.
  keep: (wordings) => consentChannels.every((channel) => wordings[channel]),
});

export function getCurrentConsentWordings(db: Db): Promise<CurrentWordings> {
  return cache.get(db);
}

async function readCurrentConsentWordings(db: Db): Promise<CurrentWordings> {
  const rows = await selectCurrentConsentWordings(db);
  const wordings: CurrentWordings = {};
  for (const row of rows) wordings[row.channel] = row;
  return wordings;
}

export function currentWordingIds(
  wordings: CurrentWordings,
): Partial<Record<ConsentChannel, string>> {
  const ids: Partial<Record<ConsentChannel, string>> = {};
  for (const channel of consentChannels) {
    const id = wordings[channel]?.id;
    if (id !== undefined) ids[channel] = id;
  }
  return ids;
}

export async function listConsentWordings(deps: ServiceDeps): Promise<ConsentWordingRow[]> {
  return selectConsentWordings(deps.db);
}

/**
 * The shop changes the text customers are asked to agree to: a new version (or a text used
 * before, again), current from now on. Consent given under the previous one becomes stale.
 */
export async function setCurrentConsentWording({
  deps,
  actor,
  channel,
  text,
}: {
  deps: ServiceDeps;
  actor: Actor;
  channel: ConsentChannel;
  text: string;
}): Promise<Result<ConsentWordingRow>> {
  const trimmed = text.trim();
  if (trimmed === '') return invalid('text', 'text must hold the wording shown to customers');
  if (trimmed.length > 2000) return invalid('text', 'text must be at most 2000 characters');
  const wording = await inTransaction(deps.db, async (trx) => {
    const row = await ensureConsentWording(trx, {
      channel,
      text: trimmed,
      current: true,
      at: deps.now(),
    });
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'consent_wording.changed',
        detail: { channel, wordingId: row.id, version: row.version },
      },
    });
    return ok(row);
  });
  cache.forget(deps.db);
  return wording;
}
