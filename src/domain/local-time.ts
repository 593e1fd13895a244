/**
 * Turns a wall-clock time in a time zone (an outlet's) into the instant it names,
 * using the platform's time-zone data (Intl), no library.
 */
export function zonedTimeToInstant(
  parts: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  const offset = offsetMinutes(new Date(asUtc), timeZone);
  const guess = asUtc - offset * 60_000;
  // Near a clock change the offset at the guess may differ; one correction settles it.
  return new Date(asUtc - offsetMinutes(new Date(guess), timeZone) * 60_000);
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const value = (type: string) => Number(formatted.find((part) => part.type === type)?.value);
  const wall = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
  );
  return Math.round((wall - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * An expiry `months` after `from` (null months: never expires). Month arithmetic in UTC;
 * a 31st rolls into the next month as JavaScript dates do, which errs on the customer's side.
 */
export function expiryAfterMonths(from: Date, months: number | null): Date | null {
  if (months === null) return null;
  const expiry = new Date(from);
  expiry.setUTCMonth(expiry.getUTCMonth() + months);
  return expiry;
}
