/**
 * Deterministic, realistic-looking customers for the demo shop (a UK retailer with some
 * international customers) and for the search benchmark (1,000,000 rows).
 *
 * Every customer depends only on (seed, index), never on the ones before it, so a run can be
 * split into batches with `startIndex` and still produce exactly the same customers. Phones and
 * emails are derived from the index, so no two customers of one run (or of batches that do not
 * overlap) share either.
 *
 * Everything here is synthetic: names come from tables of common names, and phones, emails and
 * addresses are shaped like real ones (valid UK mobile ranges, real mail domains, plausible
 * postcodes) but are made up. Never send anything to them.
 */
import { familyNames, givenNames } from './names.ts';
import type { WeightedName } from './names.ts';

export type GeneratedCustomer = {
  name: string;
  phone: string | null;
  email: string | null;
  address: {
    line1: string;
    line2?: string;
    city: string;
    postcode: string;
    country: string;
  } | null;
  /** YYYY-MM-DD */
  birthday: string | null;
  preferences: { sizes: string[]; brands: string[]; interests: string[] };
  notes: string | null;
  emailConsent: boolean;
  smsConsent: boolean;
};

export type GenerateCustomersOptions = {
  count: number;
  seed: number;
  /** Index of the first customer (default 0); customer `i` of a run is index `startIndex + i`. */
  startIndex?: number;
};

/** mulberry32: a small, fast, deterministic PRNG. Returns numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finaliser: a bijection on 32-bit integers that mixes every bit. */
function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

// ---------------------------------------------------------------------------------------------
// Weighted picks: cumulative weights computed once, binary search per pick.

type WeightedTable<T> = { readonly values: readonly T[]; readonly cumulative: Float64Array };

function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    if (!(weight > 0)) throw new RangeError('weights must be positive');
    total += weight;
    cumulative[i] = total;
  });
  if (entries.length === 0) throw new RangeError('a weighted table needs at least one entry');
  return { values: entries.map(([value]) => value), cumulative };
}

function pickWeighted<T>(table: WeightedTable<T>, random: () => number): T {
  const { cumulative, values } = table;
  const target = random() * (cumulative[cumulative.length - 1] ?? 0);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] ?? 0) > target) high = middle;
    else low = middle + 1;
  }
  return values[low] as T;
}

function pick<T>(values: readonly T[], random: () => number): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** Up to `max` distinct values (possibly none), each drawn uniformly. */
function pickSome(values: readonly string[], max: number, random: () => number): string[] {
  const wanted = Math.floor(random() * (max + 1));
  const chosen: string[] = [];
  for (let attempt = 0; chosen.length < wanted && attempt < wanted * 4; attempt++) {
    const value = pick(values, random);
    if (!chosen.includes(value)) chosen.push(value);
  }
  return chosen;
}

/** Lower-case ASCII for an email local part: diacritics, apostrophes and spaces removed. */
function emailPart(name: string): string {
  const special: Readonly<Record<string, string>> = {
    ø: 'o',
    æ: 'ae',
    œ: 'oe',
    ß: 'ss',
    ł: 'l',
    đ: 'd',
    ð: 'd',
    þ: 'th',
    ı: 'i',
  };
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßłđðþı]/g, (letter) => special[letter] ?? '')
    .replace(/[^a-z0-9-]/g, '');
}

type NameEntry = { readonly name: string; readonly emailPart: string };

function nameTable(names: readonly WeightedName[]): WeightedTable<NameEntry> {
  return weightedTable(
    names.map((entry) => [{ name: entry.name, emailPart: emailPart(entry.name) }, entry.weight]),
  );
}

// ---------------------------------------------------------------------------------------------
// Phones: `+447` and 9 digits, a bijection of the index, inside ranges that are valid UK mobiles.

/**
 * Three-digit UK mobile prefixes (after +44) in which every number is a valid mobile per the
 * numbering plan (leaving out 70x personal numbers, 76x pagers and the part-allocated 745x,
 * 750x, 752x, 770x, 778x, 779x, 782x, 783x, 791x, 793x).
 */
const mobilePrefixes: readonly string[] = [
  ...Array.from({ length: 30 }, (_, i) => String(710 + i)),
  '740',
  '741',
  '742',
  '743',
  '744',
  '746',
  '747',
  '748',
  '749',
  '751',
  '753',
  '754',
  '755',
  '756',
  '757',
  '758',
  '759',
  '771',
  '772',
  '773',
  '774',
  '775',
  '776',
  '777',
  '780',
  '781',
  '784',
  '785',
  '786',
  '787',
  '788',
  '789',
  '790',
  '792',
  '794',
  '795',
  '796',
  '797',
  '798',
  '799',
];

const subscriberNumbers = 10_000_000;

/** How many distinct indices can have a phone (and how far `startIndex + count` may go). */
export const maxCustomers = mobilePrefixes.length * subscriberNumbers;

const feistelKeys: readonly number[] = [0x2545f491, 0x9e3779b9, 0x7f4a7c15, 0x1b873593];

/** A 4-round Feistel network: a bijection on 30-bit integers. */
function feistel30(value: number): number {
  let left = value >>> 15;
  let right = value & 0x7fff;
  for (const key of feistelKeys) {
    const mixed = fmix32(right ^ key) & 0x7fff;
    const next = left ^ mixed;
    left = right;
    right = next;
  }
  return (left << 15) | right;
}

/** A bijection on [0, maxCustomers), by cycle-walking the 30-bit Feistel network. */
function scramble(index: number): number {
  let value = feistel30(index);
  while (value >= maxCustomers) value = feistel30(value);
  return value;
}

/** The phone a customer with this index gets (when it has one): `+447` and 9 digits. */
export function phoneForIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= maxCustomers) {
    throw new RangeError(`index must be an integer in [0, ${maxCustomers})`);
  }
  const value = scramble(index);
  const prefix = mobilePrefixes[Math.floor(value / subscriberNumbers)] ?? '';
  return `+44${prefix}${String(value % subscriberNumbers).padStart(7, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Emails, addresses, birthdays, preferences, notes.

const emailDomains = weightedTable<string>([
  ['gmail.com', 35],
  ['hotmail.co.uk', 18],
  ['outlook.com', 12],
  ['icloud.com', 12],
  ['yahoo.co.uk', 8],
  ['btinternet.com', 8],
  ['sky.com', 5],
]);

const commonStreets: readonly string[] = [
  'High Street',
  'Station Road',
  'Main Street',
  'Park Road',
  'Church Road',
  'Church Street',
  'London Road',
  'Victoria Road',
  'Green Lane',
  'Manor Road',
  'Church Lane',
  'Park Avenue',
  'The Avenue',
  'The Crescent',
  'Queens Road',
  'New Road',
  'Grange Road',
  'Kings Road',
  'Kingsway',
  'Windsor Road',
  'Highfield Road',
  'Mill Lane',
  'Alexandra Road',
  'York Road',
  "St John's Road",
  "St Mary's Road",
  'Broadway',
  'King Street',
  'The Green',
  'Springfield Road',
  'George Street',
  'Park Lane',
  'Victoria Street',
  'Albert Road',
  'Queensway',
  'New Street',
  'Queen Street',
  'West Street',
  'North Street',
  'Manchester Road',
  'The Drive',
  'Richmond Road',
  'Grove Road',
  'South Street',
  'School Lane',
  'The Grove',
  'Chapel Street',
  'Mill Road',
  'Stanley Road',
  'Bridge Street',
];

const streetStems: readonly string[] = [
  'Oak',
  'Elm',
  'Beech',
  'Willow',
  'Ash',
  'Cedar',
  'Chestnut',
  'Holly',
  'Rowan',
  'Hawthorn',
  'Meadow',
  'Orchard',
  'Priory',
  'Abbey',
  'Castle',
  'Brook',
  'Spring',
  'Kingfisher',
  'Heron',
  'Nightingale',
  'Primrose',
  'Bluebell',
  'Foxglove',
  'Sycamore',
  'Larch',
  'Fern',
  'Heather',
  'Juniper',
  'Linden',
  'Maple',
];

const streetSuffixes: readonly string[] = [
  'Road',
  'Street',
  'Lane',
  'Avenue',
  'Close',
  'Drive',
  'Way',
  'Gardens',
  'Crescent',
  'Court',
  'Place',
  'Grove',
  'Terrace',
  'Mews',
  'Walk',
  'Rise',
  'View',
];

const houseNames: readonly string[] = [
  'Rose Cottage',
  'The Old Rectory',
  'Ivy Cottage',
  'The Coach House',
  'Orchard House',
  'Mill House',
  'The Barn',
  'Holly Lodge',
];

/** Postcode districts from `area` + a number in [from, to]. */
function districts(area: string, from: number, to: number): (random: () => number) => string {
  return (random) => area + String(from + Math.floor(random() * (to - from + 1)));
}

const londonDistricts: readonly string[] = [
  'SW1A',
  'SW3',
  'SW4',
  'SW11',
  'SW19',
  'SE1',
  'SE10',
  'SE15',
  'SE22',
  'N1',
  'N7',
  'N16',
  'N19',
  'E1',
  'E2',
  'E8',
  'E14',
  'E17',
  'W1T',
  'W2',
  'W4',
  'W11',
  'NW1',
  'NW3',
  'NW6',
  'EC1V',
  'EC2A',
  'WC1N',
  'WC2H',
];

const ukCities = weightedTable<{
  readonly city: string;
  readonly district: (random: () => number) => string;
}>([
  [{ city: 'London', district: (random) => pick(londonDistricts, random) }, 30],
  [{ city: 'Manchester', district: districts('M', 1, 40) }, 6],
  [{ city: 'Birmingham', district: districts('B', 1, 38) }, 6],
  [{ city: 'Leeds', district: districts('LS', 1, 29) }, 4],
  [{ city: 'Glasgow', district: districts('G', 1, 53) }, 4],
  [{ city: 'Edinburgh', district: districts('EH', 1, 17) }, 3],
  [{ city: 'Liverpool', district: districts('L', 1, 38) }, 3],
  [{ city: 'Bristol', district: districts('BS', 1, 16) }, 3],
  [{ city: 'Sheffield', district: districts('S', 1, 36) }, 3],
  [{ city: 'Cardiff', district: districts('CF', 3, 24) }, 3],
  [{ city: 'Newcastle upon Tyne', district: districts('NE', 1, 15) }, 2],
  [{ city: 'Nottingham', district: districts('NG', 1, 17) }, 2],
  [{ city: 'Leicester', district: districts('LE', 1, 5) }, 2],
  [{ city: 'Brighton', district: districts('BN', 1, 3) }, 2],
  [{ city: 'Belfast', district: districts('BT', 1, 17) }, 2],
  [{ city: 'Southampton', district: districts('SO', 14, 19) }, 2],
  [{ city: 'Reading', district: districts('RG', 1, 6) }, 2],
  [{ city: 'Oxford', district: districts('OX', 1, 4) }, 1],
  [{ city: 'Cambridge', district: districts('CB', 1, 5) }, 1],
  [{ city: 'York', district: districts('YO', 1, 32) }, 1],
  [{ city: 'Norwich', district: districts('NR', 1, 7) }, 1],
  [{ city: 'Exeter', district: districts('EX', 1, 4) }, 1],
  [{ city: 'Bath', district: districts('BA', 1, 2) }, 1],
  [{ city: 'Aberdeen', district: districts('AB', 10, 25) }, 1],
  [{ city: 'Swansea', district: districts('SA', 1, 7) }, 1],
  [{ city: 'Coventry', district: districts('CV', 1, 6) }, 1],
  [{ city: 'Plymouth', district: districts('PL', 1, 9) }, 1],
  [{ city: 'Milton Keynes', district: districts('MK', 1, 19) }, 1],
]);

/** Letters allowed in the inward code of a UK postcode (no C, I, K, M, O, V). */
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

function digits(count: number, random: () => number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(Math.floor(random() * 10));
  return text;
}

function letters(alphabet: string, count: number, random: () => number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += alphabet.charAt(Math.floor(random() * alphabet.length));
  return text;
}

function houseNumber(random: () => number): number {
  const r = random();
  return 1 + Math.floor(r * r * 180);
}

type Address = NonNullable<GeneratedCustomer['address']>;

function ukAddress(random: () => number): Address {
  const street =
    random() < 0.5
      ? pick(commonStreets, random)
      : `${pick(streetStems, random)} ${pick(streetSuffixes, random)}`;
  const { city, district } = pickWeighted(ukCities, random);
  const postcode = `${district(random)} ${digits(1, random)}${letters(inwardLetters, 2, random)}`;
  const kind = random();
  if (kind < 0.15) {
    const flat = 1 + Math.floor(random() * 40);
    return {
      line1: `Flat ${flat}`,
      line2: `${houseNumber(random)} ${street}`,
      city,
      postcode,
      country: 'GB',
    };
  }
  if (kind < 0.2) {
    return { line1: pick(houseNames, random), line2: street, city, postcode, country: 'GB' };
  }
  return { line1: `${houseNumber(random)} ${street}`, city, postcode, country: 'GB' };
}

const internationalAddresses = weightedTable<(random: () => number) => Address>([
  [
    (random) => ({
      line1: `${houseNumber(random)} ${pick(['Main Street', 'Dame Street', 'Patrick Street', 'Strand Road'], random)}`,
      city: 'Dublin',
      postcode: `D${String(1 + Math.floor(random() * 24)).padStart(2, '0')} ${letters('ACDEFHKNPRTVWXY', 1, random)}${digits(1, random)}${letters('ACDEFHKNPRTVWXY0123456789', 2, random)}`,
      country: 'IE',
    }),
    5,
  ],
  [
    (random) => ({
      line1: `${houseNumber(random)} ${pick(['rue de Rivoli', 'rue Oberkampf', 'boulevard Voltaire', 'rue de la Roquette'], random)}`,
      city: 'Paris',
      postcode: `750${String(1 + Math.floor(random() * 20)).padStart(2, '0')}`,
      country: 'FR',
    }),
    3,
  ],
  [
    (random) => ({
      line1: `${pick(['Hauptstraße', 'Schönhauser Allee', 'Kastanienallee', 'Müllerstraße'], random)} ${houseNumber(random)}`,
      city: 'Berlin',
      postcode: String(10115 + Math.floor(random() * 4000)),
      country: 'DE',
    }),
    3,
  ],
  [
    (random) => ({
      line1: `${pick(['Prinsengracht', 'Keizersgracht', 'Damrak', 'Ferdinand Bolstraat'], random)} ${houseNumber(random)}`,
      city: 'Amsterdam',
      postcode: `10${digits(2, random)} ${letters('ABCDEGHJKLMNPRSTVWXZ', 2, random)}`,
      country: 'NL',
    }),
    2,
  ],
  [
    (random) => ({
      line1: `Calle de ${pick(['Alcalá', 'Atocha', 'Serrano', 'Fuencarral'], random)}, ${houseNumber(random)}`,
      city: 'Madrid',
      postcode: `280${String(1 + Math.floor(random() * 55)).padStart(2, '0')}`,
      country: 'ES',
    }),
    2,
  ],
  [
    (random) => ({
      line1: `ul. ${pick(['Marszałkowska', 'Nowy Świat', 'Puławska', 'Grójecka'], random)} ${houseNumber(random)}`,
      city: 'Warszawa',
      postcode: `0${digits(1, random)}-${digits(3, random)}`,
      country: 'PL',
    }),
    2,
  ],
  [
    (random) => ({
      line1: `${houseNumber(random) * 10} ${pick(['Broadway', 'Amsterdam Avenue', 'Atlantic Avenue', 'Court Street'], random)}`,
      line2: `Apt ${1 + Math.floor(random() * 30)}${letters('ABCD', 1, random)}`,
      city: 'New York, NY',
      postcode: `10${digits(3, random)}`,
      country: 'US',
    }),
    2,
  ],
]);

const firstBirthday = Date.UTC(1940, 0, 1) / 86_400_000;
const lastBirthday = Date.UTC(2008, 11, 31) / 86_400_000;
const birthdayDays = lastBirthday - firstBirthday + 1;

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** YYYY-MM-DD of a day counted from 1970-01-01 (Hinnant's civil_from_days; no Date, for speed). */
function isoDate(daysSinceEpoch: number): string {
  const z = daysSinceEpoch + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** Between 1940-01-01 and 2008-12-31, more often in the middle (mean of two uniforms). */
function birthday(random: () => number): string {
  return isoDate(firstBirthday + Math.floor(((random() + random()) / 2) * birthdayDays));
}

const clothingSizes = weightedTable<string>([
  ['XS', 6],
  ['S', 18],
  ['M', 30],
  ['L', 26],
  ['XL', 14],
  ['XXL', 6],
]);
const shoeSizes: readonly string[] = [
  'UK 3',
  'UK 4',
  'UK 5',
  'UK 5.5',
  'UK 6',
  'UK 6.5',
  'UK 7',
  'UK 8',
  'UK 9',
  'UK 10',
  'UK 11',
  'UK 12',
];
const brands: readonly string[] = [
  "Levi's",
  'Barbour',
  'Joules',
  'Fat Face',
  'Seasalt',
  'Boden',
  'White Stuff',
  'Hobbs',
  'Whistles',
  'Jigsaw',
  'Superdry',
  'Dr. Martens',
  'Clarks',
  'Le Creuset',
  'Emma Bridgewater',
  'Orla Kiely',
  'Denby',
  'Joseph Joseph',
  'Dualit',
  'Smeg',
];
const interests: readonly string[] = [
  'denim',
  'knitwear',
  'outdoor',
  'running',
  'footwear',
  'accessories',
  'kidswear',
  'homeware',
  'kitchen',
  'bedding',
  'gifts',
  'sustainable fashion',
  'new arrivals',
  'sale',
];
const noteTexts: readonly string[] = [
  'Prefers email receipts',
  'Allergic to wool',
  'Prefers paper receipts',
  'Likes to be told when new stock arrives',
  'Buys gifts for grandchildren; ask about wrapping',
  'Wheelchair user; use the side entrance',
  'Usually shops on Saturday mornings',
  'Returns often; check receipt',
  'Collects online orders in store',
  'Prefers no phone calls',
  'Trade customer; ask for account number',
  'Vegan; no leather products',
];

// ---------------------------------------------------------------------------------------------

const givenTable = nameTable(givenNames);
const familyTable = nameTable(familyNames);

/** Overall shares; consents are only ever given for a channel the customer has. */
const phoneShare = 0.85;
const emailShare = 0.7;
const addressShare = 0.4;
const internationalAddressShare = 0.06;
const birthdayShare = 0.5;
const notesShare = 0.05;
const emailConsentShare = 0.6;
const smsConsentShare = 0.35;

function customerAt(seed: number, index: number): GeneratedCustomer {
  const random = createRandom(fmix32((fmix32(seed) + index) | 0));
  const given = pickWeighted(givenTable, random);
  const family = pickWeighted(familyTable, random);
  const phone = random() < phoneShare ? phoneForIndex(index) : null;
  const email =
    random() < emailShare
      ? `${given.emailPart}.${family.emailPart}${index + 1}@${pickWeighted(emailDomains, random)}`
      : null;
  let address: GeneratedCustomer['address'] = null;
  if (random() < addressShare) {
    address =
      random() < internationalAddressShare
        ? pickWeighted(internationalAddresses, random)(random)
        : ukAddress(random);
  }
  const sizes: string[] = [];
  if (random() < 0.45) sizes.push(pickWeighted(clothingSizes, random));
  if (random() < 0.3) sizes.push(pick(shoeSizes, random));
  return {
    name: `${given.name} ${family.name}`,
    phone,
    email,
    address,
    birthday: random() < birthdayShare ? birthday(random) : null,
    preferences: {
      sizes,
      brands: pickSome(brands, 3, random),
      interests: pickSome(interests, 3, random),
    },
    notes: random() < notesShare ? pick(noteTexts, random) : null,
    emailConsent: email !== null && random() < emailConsentShare / emailShare,
    smsConsent: phone !== null && random() < smsConsentShare / phoneShare,
  };
}

/**
 * Yields `count` customers, indices `startIndex` to `startIndex + count - 1`. The same seed and
 * index always give the same customer, whatever the batching. Bad options throw at once.
 */
export function generateCustomers(options: GenerateCustomersOptions): Generator<GeneratedCustomer> {
  const { count, seed } = options;
  const startIndex = options.startIndex ?? 0;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number');
  if (!Number.isInteger(startIndex) || startIndex < 0) {
    throw new RangeError('startIndex must be a whole number');
  }
  if (startIndex + count > maxCustomers) {
    throw new RangeError(`startIndex + count must not exceed ${maxCustomers}`);
  }
  return customersFrom(seed, startIndex, count);
}

function* customersFrom(
  seed: number,
  startIndex: number,
  count: number,
): Generator<GeneratedCustomer> {
  for (let i = 0; i < count; i++) yield customerAt(seed, startIndex + i);
}
