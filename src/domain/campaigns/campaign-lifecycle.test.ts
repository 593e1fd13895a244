import { describe, expect, it } from 'vitest';
import {
  campaignStates,
  checkCampaignAction,
  checkControlShare,
  checkScheduledAt,
  isHeldBack,
  resumedState,
  type CampaignAction,
  type CampaignState,
} from './campaign-lifecycle.ts';
import { afterSendFailure, maxSendAttempts, retryDelayMillis } from './send-outcome.ts';

describe('campaign actions by state', () => {
  const allowed: Record<CampaignAction, CampaignState[]> = {
    edit: ['draft'],
    schedule: ['draft'],
    pause: ['scheduled', 'sending'],
    resume: ['paused'],
    cancel: ['draft', 'scheduled', 'sending', 'paused'],
  };
  for (const [action, states] of Object.entries(allowed) as [CampaignAction, CampaignState[]][]) {
    for (const state of campaignStates) {
      it(`${action} from ${state}: ${states.includes(state) ? 'allowed' : 'refused'}`, () => {
        const result = checkCampaignAction(state, action);
        if (states.includes(state)) expect(result.ok).toBe(true);
        else expect(result).toMatchObject({ ok: false, code: 'campaign_state_conflict' });
      });
    }
  }

  it('resumes to sending once started, else back to waiting for its time', () => {
    expect(resumedState(true)).toBe('sending');
    expect(resumedState(false)).toBe('scheduled');
  });
});

describe('campaign settings', () => {
  it('holds the control share between 0 and 50%', () => {
    expect(checkControlShare(0).ok).toBe(true);
    expect(checkControlShare(5000).ok).toBe(true);
    expect(checkControlShare(5001)).toMatchObject({ ok: false, field: 'controlShareBp' });
    expect(checkControlShare(-1).ok).toBe(false);
    expect(checkControlShare(10.5).ok).toBe(false);
  });

  it('holds back draws below the share, none at 0%', () => {
    expect(isHeldBack(999, 1000)).toBe(true);
    expect(isHeldBack(1000, 1000)).toBe(false);
    expect(isHeldBack(0, 0)).toBe(false);
  });

  it('takes no schedule as now, and refuses one in the past', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(checkScheduledAt(null, now)).toEqual({ ok: true, value: now });
    expect(checkScheduledAt(new Date('2026-12-01T09:59:30Z'), now).ok).toBe(true);
    expect(checkScheduledAt(new Date('2026-12-01T09:00:00Z'), now)).toMatchObject({
      field: 'scheduledAt',
    });
  });
});

describe('after a failed delivery', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('fails the row on a 5xx', () => {
    expect(
      afterSendFailure({ responseCode: 550, kind: 'EENVELOPE' }, { attempts: 1, now }),
    ).toEqual({ action: 'fail', reason: 'smtp_550' });
  });

  it('retries a 4xx or no answer with doubling delays, then gives up', () => {
    expect(
      afterSendFailure({ responseCode: 451, kind: 'EENVELOPE' }, { attempts: 1, now }),
    ).toEqual({
      action: 'retry',
      at: new Date(now.getTime() + 30_000),
      reason: 'smtp_451',
    });
    expect(
      afterSendFailure({ responseCode: null, kind: 'ECONNECTION' }, { attempts: 2, now }),
    ).toMatchObject({
      action: 'retry',
      reason: 'smtp_econnection',
    });
    expect(retryDelayMillis(1)).toBe(30_000);
    expect(retryDelayMillis(3)).toBe(120_000);
    expect(retryDelayMillis(30)).toBe(3_600_000);
    expect(
      afterSendFailure(
        { responseCode: 421, kind: 'EENVELOPE' },
        { attempts: maxSendAttempts, now },
      ),
    ).toEqual({ action: 'fail', reason: 'smtp_421_gave_up' });
  });
});
