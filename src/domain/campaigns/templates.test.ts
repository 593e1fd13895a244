import { describe, expect, it } from 'vitest';
import { points } from '../units.ts';
import type { Reward } from '../rewards.ts';
import { previewMessage, reachableRewardOf } from './campaign-preview.ts';
import {
  compileTemplate,
  fieldsUsed,
  renderMessage,
  type CompiledTemplate,
  type MergeValues,
  type TemplateInput,
} from './templates.ts';

const good: TemplateInput = {
  subject: 'Hello {{firstName}}, {{ pointsBalance }} points',
  html: '<p>Hi {{firstName}} from {{outlet}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
  text: 'Hi {{firstName}}. Unsubscribe: {{unsubscribeUrl}}',
};

const values: MergeValues = {
  firstName: 'Ann',
  pointsBalance: '120',
  reachableReward: 'Free coffee',
  outlet: 'High Street',
  unsubscribeUrl: 'https://shop.example/u/abc?x=1&y=2',
  reconfirm_link: '',
};

function compiled(input: TemplateInput = good): CompiledTemplate {
  const result = compileTemplate(input);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('campaign templates: compiling and filling in', () => {
  it('compiles once into literal pieces and field slots', () => {
    const template = compiled();
    expect(template.subject).toEqual([
      { kind: 'literal', text: 'Hello ' },
      { kind: 'field', field: 'firstName' },
      { kind: 'literal', text: ', ' },
      { kind: 'field', field: 'pointsBalance' },
      { kind: 'literal', text: ' points' },
    ]);
    expect(fieldsUsed(template)).toEqual([
      'firstName',
      'pointsBalance',
      'outlet',
      'unsubscribeUrl',
    ]);
  });

  it('fills in values, escaped in the HTML and in clear in the text part', () => {
    const message = renderMessage(compiled(), values);
    expect(message.subject).toBe('Hello Ann, 120 points');
    expect(message.html).toBe(
      '<html><head></head><body><p>Hi Ann from High Street</p>' +
        '<a href="https://shop.example/u/abc?x=1&amp;y=2">Unsubscribe</a></body></html>',
    );
    expect(message.text).toBe('Hi Ann. Unsubscribe: https://shop.example/u/abc?x=1&y=2');
  });

  it('never lets a value become markup, leave its attribute or add a line', () => {
    const hostile = {
      ...values,
      firstName: '<img src=x onerror=alert(1)>"\'&\r\nBcc: x@evil.example\u0000',
    };
    const template = compiled({
      subject: 'Hi {{firstName}}',
      html: '<p title="{{firstName}}">{{firstName}}</p>',
      text: '{{firstName}}',
    });
    const message = renderMessage(template, hostile);
    const escaped = '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;Bcc: x@evil.example';
    expect(message.html).toContain(`<p title="${escaped}">${escaped}</p>`);
    expect(message.subject).toBe('Hi <img src=x onerror=alert(1)>"\'&Bcc: x@evil.example');
    expect(message.text).toBe('<img src=x onerror=alert(1)>"\'&Bcc: x@evil.example');
  });

  it('keeps the literal HTML as checked, with every attribute quoted', () => {
    const message = renderMessage(
      compiled({ ...good, html: '<!doctype html><p class=x>Hi &amp; {{firstName}}' }),
      values,
    );
    expect(message.html).toBe(
      '<!DOCTYPE html><html><head></head><body><p class="x">Hi &amp; Ann</p></body></html>',
    );
  });

  it('previews the message one recipient would get', () => {
    const rewards: Reward[] = [
      {
        id: 'r1',
        name: 'Free coffee',
        pointsCost: points(100),
        kind: 'free_product',
        amount: null,
        percentBp: null,
        productSku: 'COF',
        active: true,
      },
    ];
    const template = compiled({ ...good, text: '{{firstName}}: {{reachableReward}}' });
    const preview = previewMessage(template, {
      name: ' Ann Marie Smith ',
      pointsBalance: points(40),
      rewards,
      outlet: null,
      unsubscribeUrl: 'https://shop.example/u/t',
      reconfirmUrl: '',
    });
    expect(preview.text).toBe('Ann: Free coffee (60 points to go)');
    expect(preview.html).toContain('Hi Ann from </p>');
    expect(reachableRewardOf(rewards, points(150))).toBe('Free coffee');
    expect(reachableRewardOf([], points(150))).toBe('');
  });
});

describe('campaign templates: bad input names the field and compiles nothing', () => {
  const cases: [string, TemplateInput, string, string][] = [
    ['empty subject', { ...good, subject: '  ' }, 'validation_failed', 'subject'],
    ['missing subject', { ...good, subject: undefined }, 'validation_failed', 'subject'],
    ['subject over 200', { ...good, subject: 'x'.repeat(201) }, 'validation_failed', 'subject'],
    ['two-line subject', { ...good, subject: 'a\r\nBcc: b' }, 'validation_failed', 'subject'],
    ['empty HTML', { ...good, html: '' }, 'validation_failed', 'html'],
    ['empty text part', { ...good, text: ' ' }, 'validation_failed', 'text'],
    ['unknown field', { ...good, subject: 'Hi {{lastName}}' }, 'unknown_merge_field', 'subject'],
    ['unknown in text', { ...good, text: '{{ email }}' }, 'unknown_merge_field', 'text'],
    [
      'unknown by entity',
      { ...good, html: '<p>&#123;&#123;secret}}</p>' },
      'unknown_merge_field',
      'html',
    ],
    ['script', { ...good, html: '<p>x</p><ScRiPt>alert(1)</script>' }, 'unsafe_html', 'html'],
    [
      'svg script',
      { ...good, html: '<svg><script>alert(1)</script></svg>' },
      'unsafe_html',
      'html',
    ],
    ['event attribute', { ...good, html: '<img src=x OnError="alert(1)">' }, 'unsafe_html', 'html'],
    [
      'javascript: URL',
      { ...good, html: '<a href="javascript:alert(1)">x</a>' },
      'unsafe_html',
      'html',
    ],
    [
      'data: URL holding a page',
      { ...good, html: '<a href="data:text/html,<script>alert(1)</script>">x</a>' },
      'unsafe_html',
      'html',
    ],
    [
      'encoded javascript: URL',
      { ...good, html: '<a href=" &#106;ava\tscript&colon;alert(1)">x</a>' },
      'unsafe_html',
      'html',
    ],
    [
      'javascript: in CSS',
      { ...good, html: '<p style="background:url(javascript:x)">' },
      'unsafe_html',
      'html',
    ],
    [
      'iframe',
      { ...good, html: '<iframe src="https://x.example"></iframe>' },
      'unsafe_html',
      'html',
    ],
    ['object', { ...good, html: '<object data="x.swf"></object>' }, 'unsafe_html', 'html'],
    ['embed', { ...good, html: '<embed src="x.swf">' }, 'unsafe_html', 'html'],
    [
      'in a template',
      { ...good, html: '<template><script>x</script></template>' },
      'unsafe_html',
      'html',
    ],
    [
      'meta refresh',
      { ...good, html: '<meta http-equiv="Refresh" content="0">' },
      'unsafe_html',
      'html',
    ],
    ['field as a link', { ...good, html: '<a href="{{firstName}}">x</a>' }, 'unsafe_html', 'html'],
    [
      'field in CSS',
      { ...good, html: '<style>p{color:{{outlet}}}</style>' },
      'unsafe_html',
      'html',
    ],
    [
      'card in subject',
      { ...good, subject: 'Card 4111 1111 1111 1111' },
      'card_number_refused',
      'subject',
    ],
    [
      'card in HTML',
      { ...good, html: '<p>4111-1111-1111-1111</p>' },
      'card_number_refused',
      'html',
    ],
    ['card in text', { ...good, text: 'pay with 4111111111111111' }, 'card_number_refused', 'text'],
  ];
  for (const [name, input, code, field] of cases) {
    it(name, () => {
      const result = compileTemplate(input);
      expect(result).toMatchObject({ ok: false, code, field });
    });
  }

  it('names the unknown merge field', () => {
    expect(compileTemplate({ ...good, text: 'Dear {{lastName}}' })).toMatchObject({
      details: { mergeField: 'lastName' },
      message: expect.stringContaining('{{lastName}}'),
    });
  });

  it('allows a subject of exactly 200 characters and a query string after a link', () => {
    expect(compileTemplate({ ...good, subject: 'x'.repeat(200) }).ok).toBe(true);
    const html = '<a href="https://shop.example/?outlet={{outlet}}">Visit</a>';
    expect(compileTemplate({ ...good, html }).ok).toBe(true);
  });
});
