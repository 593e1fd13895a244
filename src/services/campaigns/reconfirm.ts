import {
  decideReconfirm,
  type ReconfirmDecision,
} from '../../domain/campaigns/reconfirm-decision.ts';
import { ok, type Result } from '../../domain/result.ts';
import { findLatestEmailConsent } from '../../store/campaign-audience.ts';
import { selectCurrentConsentWordings } from '../../store/consent-wordings.ts';
import { findSealedContacts } from '../../store/customer-contacts.ts';
import { isMarketingSuppressed } from '../../store/customer-erasure.ts';
import { findCustomerById } from '../../store/customers.ts';
import type { ConsentSendingPolicy } from '../../domain/consent-refresh.ts';
import type { Db } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import { loadConsentPolicy } from '../customers/consent-refresh.ts';
import { writeConsentRecord } from '../customers/consents.ts';
import { openContacts } from '../customers/customer-records.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { verifyReconfirmToken, type ReconfirmClaim } from './reconfirm-tokens.ts';

/**
 * Re-confirming email consent through a re-permission email's link (F18). Nobody signs
 * in; the signed token says who and which campaign. A GET only looks (mail scanners and
 * link previews open links); the page's button POSTs, which records consent given under
 * the current wording, once. reconfirm-decision.ts says when nothing may be recorded.
 */
export type ReconfirmWording = { id: string; version: number; text: string };

export type ReconfirmView =
  { decision: Exclude<ReconfirmDecision, 'ask'> } | { decision: 'ask'; wording: ReconfirmWording };

export type ReconfirmOutcome =
  | ReconfirmView
  | { decision: 'confirmed' }
  /** The wording changed between showing the page and the click: asked again. */
  | { decision: 'ask_again'; wording: ReconfirmWording };

/** The consent record's source: campaign results count re-confirmations by this exact text. */
export function reconfirmSource(campaignId: string): string {
  return `re-confirmed by email link: campaign ${campaignId}`;
}

const reconfirmActor: Actor = { kind: 'system', label: 'reconfirm link', role: 'admin' };

function checkToken(deps: ServiceDeps, token: string): Result<ReconfirmClaim> {
  return verifyReconfirmToken(deps.vault, token, { now: deps.now() });
}

/** The customer's state as the decision needs it, read through `db` (a transaction's, on POST). */
async function viewOf(
  deps: ServiceDeps,
  db: Db,
  { customerId, policy, lock }: { customerId: string; policy: ConsentSendingPolicy; lock: boolean },
): Promise<ReconfirmView> {
  const customer = await findCustomerById(db, customerId, { forUpdate: lock });
  const active = customer?.status === 'active';
  const { email } = active
    ? openContacts(deps.vault, await findSealedContacts(db, customerId))
    : { email: null };
  const latest = active ? await findLatestEmailConsent(db, customerId) : undefined;
  // Read afresh, not the few-seconds copy: the text shown is the text agreed to.
  const wording = (await selectCurrentConsentWordings(db)).find((w) => w.channel === 'email');
  const decision = decideReconfirm(
    {
      customerActive: active,
      hasEmail: email !== null,
      latest: latest ? { channel: 'email', ...latest } : null,
      suppressed:
        email !== null &&
        (await isMarketingSuppressed(db, 'email', deps.vault.blindIndex('email', email))),
      currentWordingId: wording?.id ?? null,
    },
    policy,
    deps.now(),
  );
  if (decision !== 'ask') return { decision };
  if (!wording) throw new Error('decideReconfirm asked without a current wording');
  return {
    decision,
    wording: { id: wording.id, version: wording.version, text: wording.text },
  };
}

/** What the link's page shows; changes nothing (the GET). */
export async function showReconfirmLink(
  deps: ServiceDeps,
  token: string,
): Promise<Result<ReconfirmView>> {
  const claim = checkToken(deps, token);
  if (!claim.ok) return claim;
  const policy = await loadConsentPolicy(deps.db);
  return ok(
    await viewOf(deps, deps.db, { customerId: claim.value.customerId, policy, lock: false }),
  );
}

/**
 * The button's POST: in one transaction holding the customer's row, decides again and,
 * when consent is stale and the wording the person was shown (`wordingId`) is still the
 * current one, records consent given under it, with the campaign in its source. Clicks
 * at once queue on the row lock; the first makes consent fresh, so the others find
 * `already_confirmed` and write nothing.
 */
export async function reconfirmByLink({
  deps,
  token,
  wordingId,
}: {
  deps: ServiceDeps;
  token: string;
  /** The wording id the page showed (a hidden form field); null when the form sent none. */
  wordingId: string | null;
}): Promise<Result<ReconfirmOutcome>> {
  const claim = checkToken(deps, token);
  if (!claim.ok) return claim;
  const { customerId, campaignId } = claim.value;
  // Read before the transaction: on the embedded database, `deps.db` inside it would wait
  // for the transaction itself.
  const policy = await loadConsentPolicy(deps.db);
  return inTransaction(deps.db, async (trx): Promise<Result<ReconfirmOutcome>> => {
    const view = await viewOf(deps, trx, { customerId, policy, lock: true });
    if (view.decision !== 'ask') return ok(view);
    // Consent is agreement to a text: a POST that did not come from the page showing
    // the current one (another wording since, or no form at all) is asked again.
    if (wordingId !== view.wording.id) return ok({ decision: 'ask_again', wording: view.wording });
    await writeConsentRecord(trx, {
      actor: reconfirmActor,
      customerId,
      decision: { channel: 'email', granted: true, wording: view.wording.text },
      source: reconfirmSource(campaignId),
      at: deps.now(),
    });
    return ok({ decision: 'confirmed' as const });
  });
}
