import { compactDigits, isCardNumber, isCustomerNumber } from './customer-number.ts';
import { normaliseEmail, normalisePhone } from './contact-details.ts';
import { searchableName } from './names.ts';

/**
 * What a till search box holds, read every way it could be meant. A scan of nine
 * digits with a valid check digit is a customer number; thirteen starting 29 a card;
 * an @ an email; a run of digits a phone, whole or its last digits; letters a name.
 */
export type SearchPlan = {
  customerNumber: string | null;
  cardNumber: string | null;
  email: string | null;
  phone: string | null;
  /** 4 to 8 trailing digits of a phone. */
  phoneEnding: string | null;
  /** Name words, longest first; empty when the query is not a name. */
  nameWords: string[];
};

export function planSearch(query: string, defaultCountry: string): SearchPlan {
  const trimmed = query.trim();
  const digits = compactDigits(trimmed);
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
  if (/^\+?[\d\s().-]+$/.test(trimmed) && /\d/.test(trimmed)) {
    const bareDigits = digits.replace(/[^\d]/g, '');
    if (isCustomerNumber(bareDigits)) plan.customerNumber = bareDigits;
    if (isCardNumber(bareDigits)) plan.cardNumber = bareDigits;
    // A valid customer or card number is what a scan is; parsing it as a phone too
    // would only cost time on the most frequent search of all.
    if (bareDigits.length >= 7 && !plan.customerNumber && !plan.cardNumber) {
      const phone = normalisePhone(trimmed, defaultCountry);
      if (phone.ok) plan.phone = phone.value;
    }
    if (bareDigits.length >= 4 && bareDigits.length <= 8) plan.phoneEnding = bareDigits;
    return plan;
  }
  const words = searchableName(trimmed)
    .split(' ')
    .filter((word) => word !== '');
  plan.nameWords = [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return plan;
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
