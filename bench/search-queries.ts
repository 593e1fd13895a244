import { createRandom } from '../src/demo/generate-customers.ts';
import { nameTerms } from '../src/domain/names.ts';
import type { SampleCustomer } from './search-load.ts';

export const exactKinds = ['customer number', 'card scan', 'phone (full)', 'email'] as const;
export const nameKinds = [
  'name typeahead 3-8',
  'worst common prefixes',
  'two-word fragment',
  'one-typo name',
] as const;
export const queryKinds = [...exactKinds, 'phone last 4', ...nameKinds] as const;
export type QueryKind = (typeof queryKinds)[number];
export type NameKind = (typeof nameKinds)[number];

/** A query as typed or scanned at the till, with the customer it must find when there is one. */
export type BenchQuery = { text: string; expectId: string | null };
export type QuerySet = { warmup: BenchQuery[]; measured: BenchQuery[] };

type Random = () => number;

function shuffled<T>(values: readonly T[], random: Random): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** `count` queries from distinct sources while they last, then cycling through them again. */
function take<T>(
  sources: readonly T[],
  count: number,
  random: Random,
  make: (source: T, random: Random) => BenchQuery | null,
): BenchQuery[] {
  const order = shuffled(sources, random);
  const queries: BenchQuery[] = [];
  for (let i = 0; queries.length < count && i < count * 20 && order.length > 0; i++) {
    const query = make(order[i % order.length] as T, random);
    if (query) queries.push(query);
  }
  return queries;
}

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** The three-letter prefixes of name words shared by the most customers. */
export function topPrefixes(prefixCounts: ReadonlyMap<string, number>, count: number): string[] {
  return [...prefixCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([prefix]) => prefix);
}

const vowels = 'aeiouy';

/** One slip of the finger: swap two neighbours, drop a letter, or change a vowel. */
function oneTypo(word: string, random: Random): string {
  const at = between(random, 1, word.length - 2);
  const kind = Math.floor(random() * 3);
  if (kind === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
  const letter = word[at] ?? 'a';
  const other = vowels.includes(letter)
    ? (vowels.replace(letter, '')[Math.floor(random() * 5)] ?? 'e')
    : 'e';
  return word.slice(0, at) + other + word.slice(at + 1);
}

/**
 * Builds every kind of query from customers that were really loaded, so exact look-ups
 * must find their customer and name terms come with the data's own name frequencies.
 */
export function buildQueries(input: {
  samples: readonly SampleCustomer[];
  prefixCounts: ReadonlyMap<string, number>;
  termCounts: ReadonlyMap<string, number>;
  perKind: number;
  warmup: number;
  seed: number;
}): { sets: Record<QueryKind, QuerySet>; worstPrefixes: string[]; typoTerms: string[] } {
  const random = createRandom(input.seed);
  const total = input.perKind + input.warmup;
  const { samples } = input;
  const withPhone = samples.filter((sample) => sample.phone !== null);
  const withEmail = samples.filter((sample) => sample.email !== null);
  const withCard = samples.filter((sample) => sample.cardNumber !== null);
  const worstPrefixes = topPrefixes(input.prefixCounts, 10);

  // Typos of the most common long words ("smith" -> "smtih"), plus two classics; a
  // "typo" that is itself a name in the data is no typo and is skipped.
  const commonWords = [...input.termCounts.entries()]
    .filter(([term]) => term.length >= 5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([term]) => term);
  const typoTerms = ['smyth', 'jonse'].filter((term) => !input.termCounts.has(term));
  for (const word of commonWords) {
    const typo = oneTypo(word, random);
    if (!input.termCounts.has(typo) && !typoTerms.includes(typo)) typoTerms.push(typo);
  }

  const generated: Record<QueryKind, BenchQuery[]> = {
    'customer number': take(samples, total, random, (s) => ({ text: s.number, expectId: s.id })),
    'card scan': take(withCard, total, random, (s) => ({
      text: s.cardNumber ?? '',
      expectId: s.id,
    })),
    // Half as stored (E.164), half as a customer says it (national, leading 0).
    'phone (full)': take(withPhone, total, random, (s, r) => ({
      text: r() < 0.5 ? (s.phone ?? '') : `0${(s.phone ?? '').slice(3)}`,
      expectId: s.id,
    })),
    email: take(withEmail, total, random, (s) => ({ text: s.email ?? '', expectId: s.id })),
    // Dozens of customers share four digits; any ten of them is a right answer.
    'phone last 4': take(withPhone, total, random, (s) => ({
      text: (s.phone ?? '').slice(-4),
      expectId: null,
    })),
    'name typeahead 3-8': take(samples, total, random, (s, r) => {
      const words = nameTerms(s.name).filter((term) => term.length >= 3);
      const word = words[Math.floor(r() * words.length)];
      if (!word) return null;
      return { text: word.slice(0, between(r, 3, Math.min(8, word.length))), expectId: null };
    }),
    'worst common prefixes': take(worstPrefixes, total, random, (prefix) => ({
      text: prefix,
      expectId: null,
    })),
    // "ann sm": the start of the given name and of the family name, as typed in a hurry.
    'two-word fragment': take(samples, total, random, (s, r) => {
      const [first, ...others] = nameTerms(s.name);
      const last = others[others.length - 1];
      if (!first || !last || first.length < 3 || last.length < 2) return null;
      const text = `${first.slice(0, between(r, 3, Math.min(4, first.length)))} ${last.slice(0, between(r, 2, Math.min(3, last.length)))}`;
      // Many customers match "ann sm"; any of them is a right answer.
      return { text, expectId: null };
    }),
    'one-typo name': take(typoTerms, total, random, (term) => ({ text: term, expectId: null })),
  };

  const sets = Object.fromEntries(
    queryKinds.map((kind) => {
      const queries = generated[kind];
      return [
        kind,
        { warmup: queries.slice(0, input.warmup), measured: queries.slice(input.warmup) },
      ];
    }),
  ) as Record<QueryKind, QuerySet>;
  return { sets, worstPrefixes, typoTerms };
}
