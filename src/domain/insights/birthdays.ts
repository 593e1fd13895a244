import { addDays } from './lapse-rule.ts';

/**
 * Birthdays ahead without birth dates in clear: the store keeps only a keyed hash of a
 * birthday's month and day ('MM-DD'); the list of the next N days is the N month-days
 * hashed the same way and looked up together.
 *
 * A 29 February birthday is celebrated on 28 February in a year without one, so in those
 * years a window holding 28 February asks for '02-29' too.
 */
export const defaultBirthdayDays = 14;
export const maxBirthdayDays = 366;
/** "Birthday this week" at the till: today and the six days after. */
/** The shop's birthdayDays setting: a whole number of days from 1 to maxBirthdayDays. */
export function isBirthdayDays(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= maxBirthdayDays;
}

export const tillBirthdayDays = 7;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 'MM-DD' of a birthday written YYYY-MM-DD. */
export function monthDayOf(birthday: string): string {
  return birthday.slice(5, 10);
}

/**
 * The month-days of the `days` days starting today (today included), each with the date
 * it falls on: what to look up, and when each found birthday is.
 */
export function monthDaysAhead(today: string, days: number): { monthDay: string; on: string }[] {
  const ahead: { monthDay: string; on: string }[] = [];
  for (let i = 0; i < days; i += 1) {
    const on = addDays(today, i);
    ahead.push({ monthDay: monthDayOf(on), on });
    if (monthDayOf(on) === '02-28' && !isLeapYear(Number(on.slice(0, 4)))) {
      ahead.push({ monthDay: '02-29', on });
    }
  }
  return ahead;
}

/** The date within the window on which the birthday is celebrated, or null. */
export function birthdayWithin(birthday: string, today: string, days: number): string | null {
  const wanted = monthDayOf(birthday);
  return monthDaysAhead(today, days).find((day) => day.monthDay === wanted)?.on ?? null;
}
