import { request } from '../api.ts';
import type { SetupBody, SetupNeeded } from '@contract/shop.ts';
import type { SessionAnswer } from '@contract/staff.ts';

/** What the first-run set-up sends. */
export type SetupInput = SetupBody;

export const setupApi = {
  /** True only while no staff exist: an empty shop run without the demo. */
  needed: () => request<SetupNeeded>('GET', '/setup').then(({ needed }) => needed),
  setUp: (body: SetupInput) => request<SessionAnswer>('POST', '/setup', body),
};
