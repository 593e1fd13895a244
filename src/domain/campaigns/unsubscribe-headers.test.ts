import { describe, expect, it } from 'vitest';
import { listUnsubscribeHeaders, mailboxOf, unsubscribeUrl } from './unsubscribe-headers.ts';

describe('List-Unsubscribe headers (RFC 2369, RFC 8058)', () => {
  it('offers the one-click HTTPS link first and a mailto after it', () => {
    expect(
      listUnsubscribeHeaders({
        publicBaseUrl: 'https://shop.example/',
        token: 'abc_-1',
        mailto: 'news@shop.example',
      }),
    ).toEqual({
      'List-Unsubscribe':
        '<https://shop.example/u/abc_-1>, <mailto:news@shop.example?subject=unsubscribe%20abc_-1>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('leaves the mailto out when there is none, and refuses one that would break the header', () => {
    expect(
      listUnsubscribeHeaders({ publicBaseUrl: 'https://shop.example', token: 't', mailto: null })[
        'List-Unsubscribe'
      ],
    ).toBe('<https://shop.example/u/t>');
    expect(() =>
      listUnsubscribeHeaders({
        publicBaseUrl: 'https://shop.example',
        token: 't',
        mailto: 'a@b>, <x',
      }),
    ).toThrow();
  });

  it('builds the link under a base URL with a path, and finds a sender’s bare address', () => {
    expect(unsubscribeUrl('https://shop.example/crm', 'tok')).toBe(
      'https://shop.example/crm/u/tok',
    );
    expect(mailboxOf('The Shop <news@shop.example>')).toBe('news@shop.example');
    expect(mailboxOf('news@shop.example')).toBe('news@shop.example');
  });
});
