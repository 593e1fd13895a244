import type { SearchMatchKind } from '../../domain/search-query.ts';
import { phoneEnding } from '../../domain/contact-details.ts';
import { adjacentSwaps, planSearch, type SearchPlan } from '../../domain/search-query.ts';
import { findCustomerIdsByLookup, selectSealedContacts } from '../../store/customer-contacts.ts';
import {
  selectCustomerSummaries,
  selectCustomerSummariesWhere,
  type CustomerSummaryRow,
  type SummaryFilter,
} from '../../store/customers.ts';
import {
  selectCustomersWithNameWords,
  selectNamePrefixMatches,
  selectKnownTerms,
  selectNamesWithTerms,
  selectSimilarTerms,
} from '../../store/customer-search.ts';
import { isCardRetired, isCustomerNumberErased } from '../../store/customer-erasure.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { openContacts } from './customer-records.ts';
import { summaryFromRow, type CustomerSummary } from './customer-view.ts';
import { getShopSettings } from '../shop/settings.ts';

export type MatchedBy = SearchMatchKind;
export type SearchHit = { customer: CustomerSummary; matchedBy: MatchedBy };

/** Rows per page fetched from the term index; extra covers names matching on two words. */
const overfetch = 3;

type Candidate = { id: string; matchedBy: MatchedBy };

/**
 * Follows merges: a scanned card or number of a merged customer finds the survivor.
 * Costs a query only when a merged customer was hit.
 */
async function resolveSurvivors(
  deps: ServiceDeps,
  rows: CustomerSummaryRow[],
): Promise<Map<string, CustomerSummaryRow>> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const resolved = new Map<string, CustomerSummaryRow>();
  for (const row of rows) {
    let current: CustomerSummaryRow | undefined = row;
    for (let hops = 0; current?.status === 'merged' && current.mergedIntoId && hops < 5; hops++) {
      const next: string = current.mergedIntoId;
      current = byId.get(next) ?? (await selectCustomerSummaries(deps.db, [next]))[0];
      if (current) byId.set(current.id, current);
    }
    if (current?.status === 'active') resolved.set(row.id, current);
  }
  return resolved;
}

type Match = { row: CustomerSummaryRow; matchedBy: MatchedBy };

/** Exact identifiers: each is one statement returning ready summaries. */
async function identifierMatches(
  deps: ServiceDeps,
  plan: SearchPlan,
): Promise<{ matches: Match[]; endingIds: string[] }> {
  const lookups: [SummaryFilter | null, MatchedBy][] = [
    [plan.customerNumber ? { number: plan.customerNumber } : null, 'number'],
    [plan.cardNumber ? { activeCard: plan.cardNumber } : null, 'card'],
    [
      plan.email
        ? { lookup: { kind: 'email', digest: deps.vault.blindIndex('email', plan.email) } }
        : null,
      'email',
    ],
    [
      plan.phone
        ? { lookup: { kind: 'phone', digest: deps.vault.blindIndex('phone', plan.phone) } }
        : null,
      'phone',
    ],
  ];
  const matches: Match[] = [];
  for (const [filter, matchedBy] of lookups) {
    if (!filter) continue;
    for (const row of await selectCustomerSummariesWhere(deps.db, filter))
      matches.push({ row, matchedBy });
  }
  const endingIds = plan.phoneEnding ? await customersWithPhoneEnding(deps, plan.phoneEnding) : [];
  return { matches, endingIds };
}

/**
 * Digits and a name ("4821 smith"): what the digits found, kept when the name matches too.
 * The digits have narrowed the search to a few customers, so the words filter those only.
 */
async function narrowByName(
  deps: ServiceDeps,
  found: { matches: Match[]; endingIds: string[] },
  words: string[],
): Promise<{ matches: Match[]; endingIds: string[] }> {
  const ids = [...found.matches.map((match) => match.row.id), ...found.endingIds];
  const named = new Set(
    await selectCustomersWithNameWords(deps.db, { customerIds: [...new Set(ids)], words }),
  );
  return {
    matches: found.matches.filter((match) => named.has(match.row.id)),
    endingIds: found.endingIds.filter((id) => named.has(id)),
  };
}

/**
 * The blind index holds the last four digits; longer endings are confirmed by decrypting
 * the few candidates' phones, so no phone is ever searchable in clear.
 */
async function customersWithPhoneEnding(deps: ServiceDeps, ending: string): Promise<string[]> {
  const lastFour = ending.slice(-4);
  const ids = await findCustomerIdsByLookup(
    deps.db,
    'phone_ending',
    deps.vault.blindIndex('phone_ending', lastFour),
    500,
  );
  if (ending.length === 4) return ids;
  const sealed = await selectSealedContacts(deps.db, ids);
  return ids.filter((id) => {
    const phone = openContacts(deps.vault, sealed.get(id)).phone;
    return phone !== null && phoneEnding(phone, ending.length) === ending;
  });
}

/**
 * Names with a word like `word` that does not start with it (those the prefix pass saw),
 * every other word starting a word of the name or looking like one.
 */
async function namesLike(
  deps: ServiceDeps,
  word: string,
  otherWords: string[],
  limit: number,
): Promise<Candidate[]> {
  // Trigrams catch a wrong or missing letter; swapped neighbours ("jnoes") share too
  // few trigrams with the word, so those variants are looked up exactly.
  const swapped = await selectKnownTerms(deps.db, adjacentSwaps(word));
  const trigramNeighbours = await selectSimilarTerms(deps.db, word, 8);
  const similar = [...new Set([...swapped, ...trigramNeighbours])].filter(
    (term) => !term.startsWith(word),
  );
  const fuzzy = await selectNamesWithTerms(deps.db, {
    terms: similar,
    otherWords,
    limit: limit * overfetch,
  });
  return fuzzy.map((match): Candidate => ({ id: match.customerId, matchedBy: 'name_fuzzy' }));
}

async function nameCandidates(
  deps: ServiceDeps,
  words: string[],
  limit: number,
): Promise<Candidate[]> {
  const [driver, ...otherWords] = words;
  if (!driver) return [];
  const prefix = await selectNamePrefixMatches(deps.db, {
    driver,
    otherWords,
    limit: limit * overfetch,
  });
  const candidates: Candidate[] = prefix.map((match) => ({
    id: match.customerId,
    matchedBy: 'name_prefix',
  }));
  const distinct = new Set(candidates.map((candidate) => candidate.id));
  // One word: fill up with look-alikes. Several words that already match: the person
  // typed enough to be found, so the (costlier) fuzzy pass is skipped.
  const wantFuzzy = otherWords.length === 0 ? distinct.size < limit : distinct.size === 0;
  if (!wantFuzzy) return candidates;
  // The slip may be in any word ("ann smit" for Ana Smith), not only the longest: each
  // word of three letters or more takes its turn as the look-alike, longest first.
  for (const [index, word] of words.entries()) {
    if (word.length < 3) continue;
    const others = words.filter((_, other) => other !== index);
    candidates.push(...(await namesLike(deps, word, others, limit)));
    if (new Set(candidates.map((candidate) => candidate.id)).size >= limit) break;
  }
  return candidates;
}

/**
 * One box for everything: exact identifiers first (number, card, phone, email, phone
 * ending), then names with words starting as typed, then names that look like it.
 */
export async function searchCustomers({
  deps,
  query,
  limit = 10,
}: {
  deps: ServiceDeps;
  query: string;
  limit?: number;
}): Promise<SearchHit[]> {
  if (query.trim() === '') return [];
  const settings = await getShopSettings(deps.db);
  const plan = planSearch(query, settings.defaultCountry);
  const digits = plan.phone !== null || plan.phoneEnding !== null;
  const found = await identifierMatches(deps, plan);
  const { matches, endingIds } =
    digits && plan.nameWords.length > 0 ? await narrowByName(deps, found, plan.nameWords) : found;
  const candidates: Candidate[] = endingIds.map((id) => ({ id, matchedBy: 'phone_ending' }));
  if (plan.nameWords.length > 0 && !digits)
    candidates.push(...(await nameCandidates(deps, plan.nameWords, limit)));
  const ordered = [
    ...matches.map((match) => ({ id: match.row.id, matchedBy: match.matchedBy })),
    ...candidates,
  ];
  const byId = new Map(matches.map((match) => [match.row.id, match.row]));
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  // Summaries are read only for the candidates that can still make the page (a merged or
  // erased one is skipped and the next read), not for every over-fetched name match.
  for (let start = 0; start < ordered.length && hits.length < limit;) {
    const batch: typeof ordered = [];
    for (; start < ordered.length && batch.length < limit - hits.length; start++) {
      const candidate = ordered[start]!;
      if (!batch.some((other) => other.id === candidate.id)) batch.push(candidate);
    }
    const missing = batch.map((candidate) => candidate.id).filter((id) => !byId.has(id));
    for (const row of await selectCustomerSummaries(deps.db, missing)) byId.set(row.id, row);
    const survivors = await resolveSurvivors(
      deps,
      batch.flatMap((candidate) => byId.get(candidate.id) ?? []),
    );
    for (const candidate of batch) {
      const row = survivors.get(candidate.id);
      if (!row || seen.has(row.id)) continue;
      seen.add(row.id);
      hits.push({ customer: summaryFromRow(deps.vault, row), matchedBy: candidate.matchedBy });
    }
  }
  return hits;
}

/**
 * Whether the customer number or card number typed or scanned belongs to an erased
 * customer: the till then says so, instead of "no customer", and nothing else about them.
 * Asked only when the search found no one.
 */
export async function searchedErasedCustomer(deps: ServiceDeps, query: string): Promise<boolean> {
  if (query.trim() === '') return false;
  const plan = planSearch(query, (await getShopSettings(deps.db)).defaultCountry);
  if (plan.customerNumber && (await isCustomerNumberErased(deps.db, plan.customerNumber)))
    return true;
  return plan.cardNumber !== null && (await isCardRetired(deps.db, plan.cardNumber));
}
