import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from './api.ts';
import { ApiError } from './api-error.ts';
import type { SaleBody, SaleQuoteBody } from '@contract/sales.ts';

/**
 * The browser's side of the Idempotency-Key: what the till sends when the server is busy
 * with (or, after a restart, still holding) an earlier attempt. The server's answers are
 * scripted here; the server's own behaviour is tested in test/http and test/crash.
 */
type Sent = { url: string; key: string | null };

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, code, detail: code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
const inProgress = () => problem(409, 'request_in_progress', { 'retry-after': '1' });
const created = () =>
  new Response(JSON.stringify({ sale: { id: 'sale-1' }, giftCardDeliveries: [] }), {
    status: 201,
    headers: { 'content-type': 'application/json' },
  });

const body = { lines: [], tenders: [] } as unknown as SaleBody;

describe('the till asking again while its first attempt is running', () => {
  let sent: Sent[];
  let answers: (() => Response)[];

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    answers = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      sent.push({ url, key: headers['idempotency-key'] ?? null });
      const next = answers.shift();
      if (!next) throw new Error('no answer scripted');
      return next();
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits Retry-After and sends the same key until the answer comes', async () => {
    answers = [inProgress, inProgress, created];
    const sale = api.completeSale(body, 'sale-key-1');
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await sale).sale.id).toBe('sale-1');
    expect(sent.map((s) => s.key)).toEqual(['sale-key-1', 'sale-key-1', 'sale-key-1']);
  });

  it('gives up after a while with the 409, keeping the key for the next press', async () => {
    answers = Array.from({ length: 100 }, () => inProgress);
    const sale = api.completeSale(body, 'sale-key-2').catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await sale;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('request_in_progress');
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.length).toBeLessThan(60);
  });

  it('does not ask again after another conflict', async () => {
    answers = [() => problem(409, 'idempotency_key_reused')];
    await expect(api.completeSale(body, 'sale-key-3')).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
    expect(sent).toHaveLength(1);
  });

  it('sends no key with a quote: it changes nothing', async () => {
    answers = [() => new Response(JSON.stringify({ quote: {} }), { status: 200 })];
    await api.quoteSale({ lines: [] } as unknown as SaleQuoteBody);
    expect(sent).toEqual([{ url: '/api/v1/sales/quote', key: null }]);
  });
});
