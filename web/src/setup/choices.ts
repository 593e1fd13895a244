/** Lists for the set-up form, from the browser's own Intl data (nothing to download). */

export type Choice = { value: string; label: string };

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function countryChoices(): Choice[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const choices: Choice[] = [];
  for (const first of letters)
    for (const second of letters) {
      const code = first + second;
      const name = names.of(code);
      // Codes the browser cannot name, and groupings such as the EU or the UN, are left out.
      if (name && name !== code && !/Union|Nations|Region|Pseudo|Outlying/.test(name))
        choices.push({ value: code, label: name });
    }
  return choices.sort((a, b) => a.label.localeCompare(b.label));
}

export function currencyChoices(): Choice[] {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' });
  return Intl.supportedValuesOf('currency').map((code) => ({
    value: code,
    label: `${code} — ${names.of(code) ?? code}`,
  }));
}

export function timeZoneChoices(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The country the browser's language names (en-GB: GB), else GB. */
export function browserCountry(): string {
  const region = new Intl.Locale(navigator.language).maximize().region;
  return region && /^[A-Z]{2}$/.test(region) ? region : 'GB';
}

const euro = 'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ');
const currencyOf: Record<string, string> = {
  GB: 'GBP',
  US: 'USD',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  CH: 'CHF',
  NO: 'NOK',
  SE: 'SEK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  JP: 'JPY',
  ...Object.fromEntries(euro.map((country) => [country, 'EUR'])),
};

/** The currency a shop in this country most likely sells in, if we know it. */
export function likelyCurrency(country: string): string | undefined {
  return currencyOf[country];
}

/** An outlet code from its name: "Main Street" → MAINSTREET (2–10 letters or digits). */
export function codeFromName(name: string): string {
  const code = name
    .normalize('NFD')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 10);
  return code.length >= 2 ? code : 'MAIN';
}
