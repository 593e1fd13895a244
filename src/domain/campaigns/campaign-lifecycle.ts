import { fail, invalid, ok, type Result } from '../result.ts';

/**
 * A campaign's life: a draft is edited, then scheduled (or sent now, which is scheduling
 * for this moment); the sender starts it when due; it may be paused and resumed, or
 * cancelled at any point before it finishes. Only a draft's content may change.
 */
export const campaignStates = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'cancelled',
  'finished',
] as const;
export type CampaignState = (typeof campaignStates)[number];

export type CampaignAction = 'schedule' | 'pause' | 'resume' | 'cancel' | 'edit';

const allowedFrom: Record<CampaignAction, readonly CampaignState[]> = {
  edit: ['draft'],
  schedule: ['draft'],
  pause: ['scheduled', 'sending'],
  resume: ['paused'],
  cancel: ['draft', 'scheduled', 'sending', 'paused'],
};

/** Whether `action` may be taken now; the refusal names the state it is in. */
export function checkCampaignAction(state: CampaignState, action: CampaignAction): Result<null> {
  if (allowedFrom[action].includes(state)) return ok(null);
  return fail('campaign_state_conflict', `A ${state} campaign cannot be ${pastTense[action]}`, {
    details: { state, action },
  });
}

const pastTense: Record<CampaignAction, string> = {
  edit: 'changed',
  schedule: 'scheduled or sent',
  pause: 'paused',
  resume: 'resumed',
  cancel: 'cancelled',
};

/**
 * Where a resumed campaign goes: back to sending once its recipients were worked out,
 * else back to waiting for its time.
 */
export function resumedState(started: boolean): CampaignState {
  return started ? 'sending' : 'scheduled';
}

export const defaultControlShareBp = 1000;
export const maxControlShareBp = 5000;

export function checkCampaignName(name: unknown): Result<string> {
  if (typeof name !== 'string' || name.trim() === '') return invalid('name', 'name is required');
  if (name.trim().length > 120) return invalid('name', 'name must be at most 120 characters');
  return ok(name.trim());
}

/** The control group's share: whole basis points from 0 (no control group) to 50%. */
export function checkControlShare(value: number): Result<number> {
  if (!Number.isInteger(value) || value < 0 || value > maxControlShareBp) {
    return invalid(
      'controlShareBp',
      `controlShareBp must be a whole number of basis points from 0 to ${maxControlShareBp} (50%)`,
    );
  }
  return ok(value);
}

/** A schedule in the past (beyond a minute's clock skew) is almost always a typo. */
export function checkScheduledAt(at: Date | null, now: Date): Result<Date> {
  if (at === null) return ok(now);
  if (Number.isNaN(at.getTime())) return invalid('scheduledAt', 'scheduledAt is not a date');
  if (at.getTime() < now.getTime() - 60_000) {
    return invalid('scheduledAt', 'scheduledAt is in the past; leave it out to send now');
  }
  return ok(at);
}

/**
 * Whether a recipient is held back: `draw` is uniform in [0, 10000). Held-back
 * recipients are never sent the message; the uplift is measured against them.
 */
export function isHeldBack(draw: number, controlShareBp: number): boolean {
  return draw < controlShareBp;
}
