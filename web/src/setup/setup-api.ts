import { request } from '../api.ts';
import type { Session } from '../types.ts';

/** What the first-run set-up sends: the server's SetupBody (src/http/routes/setup.ts). */
export type SetupInput = {
  admin: { username: string; displayName: string; password: string; pin: string };
  shop: { name: string; country: string };
  outlet: {
    code: string;
    name: string;
    currency: string;
    timeZone: string;
    pricingMode: 'tax_inclusive' | 'tax_exclusive';
  };
  register: { code: string; name: string };
};

export const setupApi = {
  /** True only while no staff exist: an empty shop run without the demo. */
  needed: () => request<{ needed: boolean }>('GET', '/setup').then(({ needed }) => needed),
  setUp: (body: SetupInput) => request<{ session: Session }>('POST', '/setup', body),
};
