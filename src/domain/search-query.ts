import { compactDigits, isCardNumber, isCustomerNumber } from './customer-number.ts';
import { normaliseEmail, normalisePhone } from './contact-details.ts';
import { searchableName } from './names.ts';

/**
 * What a till search box holds, read every way it could be meant. A scan of nine
 * digits with a valid check digit is a customer number; thirteen starting 29 a card;
 * an @ an email; a run of digits a phone, whole or its last digits; letters a name.
 * Digits and words together ("4821 smith") are a phone, or its last digits, and a name:
 * the digits narrow the search and the words filter what they found.
 */
export type SearchPlan = {
  customerNumber: string | null;
  cardNumber: string | null;
  email: string | null;
  phone: string | null;
  /** 4 to 8 trailing digits of a phone. */
  phoneEnding: string | null;
  /**
   * Name words, longest first; empty when the query is not a name. Set together with
   * `phone` or `phoneEnding`, a customer must match the digits and every word.
   */
  nameWords: string[];
};

/** A run of digits as people write phones: "07911", "+44", "(0)20", "123-456". */
const digitGroup = /^\+?[\d().-]+$/;

/** Shortest run of digits taken as a phone ending rather than part of a name. */
const minEndingDigits = 4;

function nameWordsOf(text: string): string[] {
  const words = searchableName(text)
    .split(' ')
    .filter((word) => word !== '');
  return [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The phone and phone-ending readings of a run of digits. */
function phoneReadings(
  text: string,
  bareDigits: string,
  defaultCountry: string,
): Pick<SearchPlan, 'phone' | 'phoneEnding'> {
  const phone = bareDigits.length >= 7 ? normalisePhone(text, defaultCountry) : null;
  return {
    phone: phone?.ok ? phone.value : null,
    phoneEnding: bareDigits.length >= minEndingDigits && bareDigits.length <= 8 ? bareDigits : null,
  };
}

export function planSearch(query: string, defaultCountry: string): SearchPlan {
  const trimmed = query.trim();
  const plan: SearchPlan = {
    customerNumber: null,
    cardNumber: null,
    email: null,
    phone: null,
    phoneEnding: null,
    nameWords: [],
  };
  if (trimmed.includes('@')) {
    const email = normaliseEmail(trimmed);
    if (email.ok) plan.email = email.value;
    return plan;
  }
  const groups = trimmed.split(/\s+/);
  const digitGroups = groups.filter((group) => digitGroup.test(group) && /\d/.test(group));
  if (digitGroups.length === groups.length) {
    const bareDigits = compactDigits(trimmed).replace(/[^\d]/g, '');
    if (isCustomerNumber(bareDigits)) plan.customerNumber = bareDigits;
    if (isCardNumber(bareDigits)) plan.cardNumber = bareDigits;
    // A valid customer or card number is what a scan is; parsing it as a phone too
    // would only cost time on the most frequent search of all.
    const scanned = plan.customerNumber !== null || plan.cardNumber !== null;
    const readings = phoneReadings(trimmed, bareDigits, defaultCountry);
    return { ...plan, ...readings, phone: scanned ? null : readings.phone };
  }
  const digitsText = digitGroups.join(' ');
  const bareDigits = digitsText.replace(/[^\d]/g, '');
  if (bareDigits.length >= minEndingDigits) {
    // "4821 smith": the digits are the phone (or its end), the rest the name.
    const words = groups.filter((group) => !digitGroups.includes(group)).join(' ');
    return {
      ...plan,
      ...phoneReadings(digitsText, bareDigits, defaultCountry),
      nameWords: nameWordsOf(words),
    };
  }
  // A few digits among words belong to the name ("flat 4"), as they are stored.
  return { ...plan, nameWords: nameWordsOf(trimmed) };
}

/** The word with each pair of neighbouring letters swapped: "jnoes" -> "jones", ... */
export function adjacentSwaps(word: string): string[] {
  const letters = [...word];
  const variants = new Set<string>();
  for (let i = 0; i + 1 < letters.length; i++) {
    if (letters[i] === letters[i + 1]) continue;
    const swapped = [...letters];
    [swapped[i], swapped[i + 1]] = [letters[i + 1]!, letters[i]!];
    variants.add(swapped.join(''));
  }
  return [...variants];
}

/** How a search found a customer, best first: the till jumps straight to a number or card. */
export const searchMatchKinds = [
  'number',
  'card',
  'phone',
  'email',
  'phone_ending',
  'name_prefix',
  'name_fuzzy',
] as const;
export type SearchMatchKind = (typeof searchMatchKinds)[number];
