import { invalid, ok, type Result } from './result.ts';

export const consentChannels = ['email', 'sms'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

export type ConsentInput = { channel?: unknown; granted?: unknown; wording?: unknown };
export type ConsentDecision = { channel: ConsentChannel; granted: boolean; wording: string };

/**
 * A consent record is only evidence if it says exactly what the customer was shown,
 * so the wording is required and kept verbatim (trimmed).
 */
export function validateConsent(input: ConsentInput, field = 'consent'): Result<ConsentDecision> {
  if (!consentChannels.includes(input.channel as ConsentChannel)) {
    return invalid(
      `${field}.channel`,
      `${field}.channel must be one of ${consentChannels.join(', ')}`,
    );
  }
  if (typeof input.granted !== 'boolean') {
    return invalid(`${field}.granted`, `${field}.granted must be true or false`);
  }
  if (typeof input.wording !== 'string' || input.wording.trim() === '') {
    return invalid(
      `${field}.wording`,
      `${field}.wording must hold the exact text shown to the customer`,
    );
  }
  if (input.wording.length > 2000) {
    return invalid(`${field}.wording`, `${field}.wording must be at most 2000 characters`);
  }
  return ok({
    channel: input.channel as ConsentChannel,
    granted: input.granted,
    wording: input.wording.trim(),
  });
}
