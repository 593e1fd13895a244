/**
 * How long accounting records (sales, their lines) keep the customer they were sold to.
 * Bookkeeping and tax law set the period by country: the Netherlands 7 years (the
 * fiscal bewaarplicht), Norway 5 years (bokføringsloven), the United Kingdom 6 years
 * (HMRC's period for business records). Any other country falls back to 7 years, the longest of the
 * three, so a shop we know nothing about keeps too long rather than too short; it sets
 * its own period in the shop settings.
 */
export const retentionYearsByCountry: Readonly<Record<string, number>> = { NL: 7, NO: 5, GB: 6 };
export const fallbackRetentionYears = 7;
export const minRetentionYears = 1;
export const maxRetentionYears = 30;

/** The legal default for a shop in `country` (a two-letter code, any case). */
export function defaultRetentionYears(country: string): number {
  return retentionYearsByCountry[country.toUpperCase()] ?? fallbackRetentionYears;
}

/** The period in force: the shop's own setting, or its country's default when unset. */
export function retentionYears(settings: {
  defaultCountry: string;
  accountingRetentionYears: number | null;
}): number {
  return settings.accountingRetentionYears ?? defaultRetentionYears(settings.defaultCountry);
}

export function isRetentionYears(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= minRetentionYears &&
    value <= maxRetentionYears
  );
}

/**
 * Sales completed before this moment are past retention: `now` moved back `years`
 * calendar years in UTC, at the same time of day. 29 February of a leap year becomes
 * 28 February (never 1 March), so the cut-off never comes later than the full period.
 */
export function retentionCutoff(now: Date, years: number): Date {
  const year = now.getUTCFullYear() - years;
  const month = now.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cutoff = new Date(now);
  cutoff.setUTCDate(1);
  cutoff.setUTCFullYear(year);
  cutoff.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}
