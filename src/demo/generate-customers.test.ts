import { describe, it, expect } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import {
  createRandom,
  generateCustomers,
  maxCustomers,
  phoneForIndex,
} from './generate-customers.ts';
import type { GeneratedCustomer } from './generate-customers.ts';
import { familyNames, femaleGivenNames, givenNames, maleGivenNames } from './names.ts';
import type { WeightedName } from './names.ts';

const sampleSize = 50_000;
const sample: readonly GeneratedCustomer[] = [
  ...generateCustomers({ count: sampleSize, seed: 20_240_601 }),
];

function share(predicate: (customer: GeneratedCustomer) => boolean): number {
  return sample.filter(predicate).length / sample.length;
}

function familyNameOf(customer: GeneratedCustomer): string {
  // Given names never contain a space; family names may ("de Vries").
  return customer.name.slice(customer.name.indexOf(' ') + 1);
}

describe('name tables', () => {
  const check = (table: readonly WeightedName[], minimum: number) => {
    expect(table.length).toBeGreaterThanOrEqual(minimum);
    expect(new Set(table.map((entry) => entry.name)).size).toBe(table.length);
    for (const entry of table) {
      expect(entry.weight).toBeGreaterThan(0);
      expect(entry.name.trim()).toBe(entry.name);
    }
  };

  it('has at least 150 given names of both sexes and 300 family names, without duplicates', () => {
    check(givenNames, 150);
    check(familyNames, 300);
    expect(femaleGivenNames.length).toBeGreaterThan(50);
    expect(maleGivenNames.length).toBeGreaterThan(50);
  });

  it('includes names with apostrophes, hyphens and diacritics', () => {
    const names = familyNames.map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining(["O'Brien", 'Hughes-Jones', 'García', 'Øvergaard']),
    );
  });

  it('weights family names with a long tail', () => {
    const weight = (name: string) => familyNames.find((entry) => entry.name === name)?.weight ?? 0;
    expect(Math.max(...familyNames.map((entry) => entry.weight))).toBe(weight('Smith'));
    expect(weight('Smith')).toBeGreaterThan(100 * weight('Øvergaard'));
  });
});

describe('createRandom', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const values = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(values);
    expect(values.filter((value) => !(value >= 0 && value < 1))).toEqual([]);
    expect(new Set(values).size).toBeGreaterThan(9_990);
    expect(createRandom(8)()).not.toBe(createRandom(7)());
  });
});

describe('generateCustomers', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = [...generateCustomers({ count: 1_000, seed: 20_240_601 })];
    expect(again).toEqual(sample.slice(0, 1_000));
    const other = [...generateCustomers({ count: 1_000, seed: 1 })];
    expect(other.map((customer) => customer.name)).not.toEqual(
      again.map((customer) => customer.name),
    );
  });

  it('gives the same customers however the run is split with startIndex', () => {
    const batch = [...generateCustomers({ count: 500, seed: 20_240_601, startIndex: 1_500 })];
    expect(batch).toEqual(sample.slice(1_500, 2_000));
  });

  it('rejects bad options at once', () => {
    expect(() => generateCustomers({ count: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateCustomers({ count: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateCustomers({ count: 1, seed: 1, startIndex: -1 })).toThrow(RangeError);
    expect(() => generateCustomers({ count: 2, seed: 1, startIndex: maxCustomers - 1 })).toThrow(
      RangeError,
    );
    expect([...generateCustomers({ count: 0, seed: 1 })]).toEqual([]);
  });

  it('gives unique UK mobile phones in E.164', () => {
    const phones = sample.flatMap((customer) => (customer.phone === null ? [] : [customer.phone]));
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.filter((phone) => !/^\+447\d{9}$/.test(phone))).toEqual([]);
    for (const phone of phones.slice(0, 2_000)) {
      const parsed = parsePhoneNumberFromString(phone);
      expect(parsed?.isValid(), phone).toBe(true);
      expect(parsed?.getType(), phone).toBe('MOBILE');
      expect(parsed?.country).toBe('GB');
    }
  });

  it('derives phones from the index by a bijection', () => {
    const phones = new Set<string>();
    for (let index = 0; index < 100_000; index++) phones.add(phoneForIndex(index));
    expect(phones.size).toBe(100_000);
    expect(phoneForIndex(maxCustomers - 1)).toMatch(/^\+447\d{9}$/);
    expect(() => phoneForIndex(maxCustomers)).toThrow(RangeError);
    expect(() => phoneForIndex(-1)).toThrow(RangeError);
  });

  it('gives unique, lower-case ASCII emails on common domains', () => {
    const emails = sample.flatMap((customer) => (customer.email === null ? [] : [customer.email]));
    expect(new Set(emails).size).toBe(emails.length);
    const shape =
      /^[a-z-]+\.[a-z-]+\d+@(gmail\.com|outlook\.com|hotmail\.co\.uk|yahoo\.co\.uk|icloud\.com|btinternet\.com|sky\.com)$/;
    expect(emails.filter((email) => !shape.test(email))).toEqual([]);
    const garcia = sample.find(
      (customer) => customer.email !== null && familyNameOf(customer) === 'García',
    );
    expect(garcia?.email).toContain('.garcia');
    const obrien = sample.find(
      (customer) => customer.email !== null && familyNameOf(customer) === "O'Brien",
    );
    expect(obrien?.email).toContain('.obrien');
  });

  it('has roughly the intended shares of each field', () => {
    expect(share((c) => c.phone !== null)).toBeCloseTo(0.85, 1);
    expect(share((c) => c.email !== null)).toBeCloseTo(0.7, 1);
    expect(share((c) => c.address !== null)).toBeCloseTo(0.4, 1);
    expect(share((c) => c.birthday !== null)).toBeCloseTo(0.5, 1);
    expect(share((c) => c.notes !== null)).toBeCloseTo(0.05, 1);
    expect(share((c) => c.emailConsent)).toBeCloseTo(0.6, 1);
    expect(share((c) => c.smsConsent)).toBeCloseTo(0.35, 1);
    expect(share((c) => c.address !== null && c.address.country !== 'GB')).toBeGreaterThan(0);
  });

  it('only records consent for a channel the customer has', () => {
    expect(sample.filter((c) => c.emailConsent && c.email === null)).toEqual([]);
    expect(sample.filter((c) => c.smsConsent && c.phone === null)).toEqual([]);
  });

  it('gives real birthdays between 1940 and 2008', () => {
    const birthdays = sample.flatMap((c) => (c.birthday === null ? [] : [c.birthday]));
    const bad = birthdays.filter(
      (birthday) =>
        new Date(`${birthday}T00:00:00Z`).toISOString().slice(0, 10) !== birthday ||
        birthday < '1940-01-01' ||
        birthday > '2008-12-31',
    );
    expect(bad).toEqual([]);
    expect(birthdays.some((birthday) => birthday.startsWith('194'))).toBe(true);
    expect(birthdays.some((birthday) => birthday.startsWith('200'))).toBe(true);
  });

  it('gives UK addresses with plausible postcodes', () => {
    const ukAddresses = sample.flatMap((c) => (c.address?.country === 'GB' ? [c.address] : []));
    expect(ukAddresses.length).toBeGreaterThan(sampleSize * 0.3);
    const postcode = /^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$/;
    const bad = ukAddresses.filter(
      (address) => !postcode.test(address.postcode) || address.line1 === '' || address.city === '',
    );
    expect(bad).toEqual([]);
  });

  it('follows realistic name frequencies', () => {
    const counts = new Map<string, number>();
    for (const customer of sample) {
      const family = familyNameOf(customer);
      counts.set(family, (counts.get(family) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]?.[0]).toBe('Smith');
    const smith = counts.get('Smith') ?? 0;
    expect(smith).toBeGreaterThan(10 * (counts.get('Barry') ?? 0));
    expect(counts.get('Barry') ?? 0).toBeGreaterThan(0);
    expect(smith).toBeGreaterThan(100 * (counts.get('Øvergaard') ?? 0));
    // Most of the table shows up, not just the head.
    expect(counts.size).toBeGreaterThan(familyNames.length * 0.9);
  });

  it('samples preferences from small lists', () => {
    for (const { preferences } of sample.slice(0, 5_000)) {
      expect(new Set(preferences.brands).size).toBe(preferences.brands.length);
      expect(new Set(preferences.interests).size).toBe(preferences.interests.length);
      for (const size of preferences.sizes) {
        expect(size).toMatch(/^(XS|S|M|L|XL|XXL|UK \d+(\.5)?)$/);
      }
    }
    expect(share((c) => c.preferences.brands.length > 0)).toBeGreaterThan(0.3);
  });
});
