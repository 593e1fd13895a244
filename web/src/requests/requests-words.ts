import type { RightsRequest } from './requests-api.ts';

/** The kinds of request in the shop's words; the contract lists them, so a new one needs one. */
export const kindLabel: Readonly<Record<RightsRequest['kind'], string>> = {
  export: 'Copy of their data',
  erasure: 'Erasure',
  objection: 'Objection to profiling',
};
