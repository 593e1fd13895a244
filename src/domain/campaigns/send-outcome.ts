/**
 * What the sender does after one delivery attempt. An SMTP 4xx reply is temporary (the
 * server asks to try later: greylisting, a full mailbox, a rate limit) and a 5xx is
 * permanent (no such mailbox, refused). No reply at all (connection refused, timeout)
 * is treated as temporary: the server may be back soon.
 */
export type SendFailure = { responseCode: number | null; kind: string };

export type AfterFailure =
  { action: 'retry'; at: Date; reason: string } | { action: 'fail'; reason: string };

/** After this many attempts a temporary failure counts as permanent. */
export const maxSendAttempts = 6;
const firstRetryMillis = 30_000;
const maxRetryMillis = 3_600_000;

/** Exponential backoff: 30 s, 1 min, 2 min, ... at most an hour after the attempt. */
export function retryDelayMillis(attempts: number, baseMillis = firstRetryMillis): number {
  return Math.min(maxRetryMillis, baseMillis * 2 ** Math.max(0, attempts - 1));
}

export function afterSendFailure(
  failure: SendFailure,
  { attempts, now, baseMillis }: { attempts: number; now: Date; baseMillis?: number },
): AfterFailure {
  const code = failure.responseCode;
  const reason = code === null ? `smtp_${failure.kind.toLowerCase()}` : `smtp_${code}`;
  if (code !== null && code >= 500) return { action: 'fail', reason };
  if (attempts >= maxSendAttempts) return { action: 'fail', reason: `${reason}_gave_up` };
  return {
    action: 'retry',
    at: new Date(now.getTime() + retryDelayMillis(attempts, baseMillis)),
    reason,
  };
}

/** Why a recipient is not sent the message, decided at send time. */
export const skipReasons = [
  'no_consent',
  'consent_withdrawn',
  'consent_stale',
  // A re-permission campaign's recipient whose consent is fresh again: nothing to ask.
  'consent_not_stale',
  'suppressed',
  'no_email',
  'customer_erased',
  'customer_merged',
  'objects_to_profiling',
  'campaign_cancelled',
] as const;
export type SkipReason = (typeof skipReasons)[number];
