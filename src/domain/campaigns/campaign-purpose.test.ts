import { describe, expect, it } from 'vitest';
import type { ConsentRecordFacts, ConsentSendingPolicy } from '../consent-refresh.ts';
import { checkPurposeTemplate, consentAllowsSending, reconfirmUrl } from './campaign-purpose.ts';
import { decideReconfirm, type ReconfirmFacts } from './reconfirm-decision.ts';
import { compileTemplate, type CompiledTemplate, type TemplateInput } from './templates.ts';

const now = new Date('2026-12-01T09:00:00Z');
const current = 'w-current';
const policy = (allowStale = false): ConsentSendingPolicy => ({
  consentMaxAgeMonths: 24,
  allowStaleConsentForSending: allowStale,
  currentWordingIds: { email: current },
});
const record = (granted: boolean, at: string, wordingId = current): ConsentRecordFacts => ({
  channel: 'email',
  granted,
  wordingId,
  at: new Date(at),
});
const fresh = record(true, '2026-06-01T00:00:00Z');
const old = record(true, '2024-11-30T00:00:00Z');
const reworded = record(true, '2026-06-01T00:00:00Z', 'w-earlier');
const withdrawn = record(false, '2026-06-01T00:00:00Z');

function compiled(input: TemplateInput): CompiledTemplate {
  const result = compileTemplate(input);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('campaign purpose', () => {
  it.each([
    ['marketing', 'plain', null, null],
    ['marketing', 'html link', 'reconfirm_link_not_allowed', 'html'],
    ['marketing', 'text link', 'reconfirm_link_not_allowed', 'text'],
    ['repermission', 'plain', 'reconfirm_link_required', 'html'],
    ['repermission', 'html link', 'reconfirm_link_required', 'text'],
    ['repermission', 'both links', null, null],
    ['repermission', 'subject link', 'reconfirm_link_not_allowed', 'subject'],
  ] as const)('%s with %s: %s %s', (purpose, body, code, field) => {
    const link = '<a href="{{reconfirm_link}}">Yes</a>';
    const input = {
      plain: { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' },
      'html link': { subject: 'Hi', html: link, text: 'Hi' },
      'text link': { subject: 'Hi', html: '<p>Hi</p>', text: '{{reconfirm_link}}' },
      'both links': { subject: 'Hi', html: link, text: 'Go: {{ reconfirm_link }}' },
      'subject link': { subject: '{{reconfirm_link}}', html: link, text: '{{reconfirm_link}}' },
    }[body];
    const checked = checkPurposeTemplate(purpose, compiled(input));
    if (code === null) expect(checked.ok).toBe(true);
    else expect(checked).toMatchObject({ ok: false, code, field });
  });

  it.each([
    ['marketing', fresh, false, null],
    ['marketing', old, false, 'consent_stale'],
    ['marketing', reworded, false, 'consent_stale'],
    ['marketing', old, true, null],
    ['marketing', withdrawn, false, 'consent_withdrawn'],
    ['marketing', null, false, 'no_consent'],
    ['repermission', old, false, null],
    ['repermission', reworded, false, null],
    // The shop allowing stale consent for marketing does not make it fresh.
    ['repermission', old, true, null],
    ['repermission', fresh, false, 'consent_not_stale'],
    ['repermission', withdrawn, false, 'consent_withdrawn'],
    ['repermission', null, false, 'no_consent'],
  ] as const)('%s, latest %j, allow stale %s: %s', (purpose, latest, allowStale, skip) => {
    expect(consentAllowsSending(purpose, latest, policy(allowStale), now)).toBe(skip);
  });

  it('builds the re-confirm link under the public base URL', () => {
    expect(reconfirmUrl('https://shop.example/crm/', 'a-b_c')).toBe(
      'https://shop.example/crm/r/a-b_c',
    );
  });
});

describe('what a re-confirm link may do', () => {
  const facts = (change: Partial<ReconfirmFacts>): ReconfirmFacts => ({
    customerActive: true,
    hasEmail: true,
    latest: old,
    suppressed: false,
    currentWordingId: current,
    ...change,
  });
  it.each([
    ['stale by age', facts({}), 'ask'],
    ['stale by wording', facts({ latest: reworded }), 'ask'],
    ['fresh (already re-confirmed)', facts({ latest: fresh }), 'already_confirmed'],
    ['withdrawn since', facts({ latest: withdrawn }), 'withdrawn'],
    ['never asked', facts({ latest: null }), 'withdrawn'],
    ['suppressed address', facts({ suppressed: true }), 'suppressed'],
    ['withdrawn and suppressed', facts({ latest: withdrawn, suppressed: true }), 'withdrawn'],
    ['erased or merged', facts({ customerActive: false }), 'gone'],
    ['no address any more', facts({ hasEmail: false }), 'gone'],
    ['no current wording', facts({ currentWordingId: null }), 'no_wording'],
  ] as const)('%s: %s', (_case, given, decision) => {
    expect(decideReconfirm(given, { consentMaxAgeMonths: 24 }, now)).toBe(decision);
  });
});
