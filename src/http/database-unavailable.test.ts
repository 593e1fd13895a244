import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable.ts';

const coded = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['admin shutdown (pg_terminate_backend)', coded('57P01')],
    ['crash shutdown', coded('57P02')],
    ['starting up or shutting down', coded('57P03')],
    ['connection failure', coded('08006')],
    ['connection refused by the server', coded('08004')],
    ['server down', coded('ECONNREFUSED')],
    ['socket reset', coded('ECONNRESET')],
    ['socket timed out', coded('ETIMEDOUT')],
    ['socket ended under a query', new Error('Connection terminated unexpectedly')],
    ['pool wait timed out', new Error('timeout exceeded when trying to connect')],
    [
      'every address refused',
      new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect failed'),
    ],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', coded('23505')],
    ['a syntax error', coded('42601')],
    ['a query cancelled by statement timeout', coded('57014')],
    ['a serialization failure', coded('40001')],
    ['a bug', new TypeError('x is undefined')],
    ['not an error at all', 'Connection terminated'],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
