/**
 * Errors that say the database cannot be reached just now, rather than that a query is
 * wrong: PostgreSQL ended the connection (57P01 admin shutdown, 57P02 crash shutdown),
 * is starting or stopping (57P03), a connection exception (class 08), or the socket
 * failed (refused, reset, timed out). A retry a few seconds later may well succeed, so
 * the answer is 503 with Retry-After, not 500.
 */
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03']);
const unavailableSocketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// node-postgres's own messages for a connection that ended or could not be had.
const unavailableMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (unavailableSqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (unavailableSocketCodes.has(code)) return true;
  }
  if (unavailableMessages.some((pattern) => pattern.test(error.message))) return true;
  // Connecting to a name with several addresses fails with one error per address.
  return error instanceof AggregateError && error.errors.some(isDatabaseUnavailable);
}

/** Seconds a client should wait before retrying: about as long as a restart takes. */
export const databaseRetryAfterSeconds = 5;
