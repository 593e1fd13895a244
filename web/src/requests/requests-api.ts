import type {
  RightsRequest,
  RightsRequestAnswer,
  RightsRequestInput,
  RightsRequestList,
} from '@contract/rights-requests.ts';
import { request } from '../api.ts';

export type { RightsRequest };

/** The register of data-subject requests, for supervisors and admins (rights.manage). */
export const requestsApi = {
  /** Records a request a customer made (in person, by email, by letter). */
  open: (customerId: string, body: RightsRequestInput, key: string) =>
    request<RightsRequestAnswer>(
      'POST',
      `/customers/${encodeURIComponent(customerId)}/rights-requests`,
      body,
      { idempotencyKey: key },
    ),
  /** This customer's requests, open and done. */
  forCustomer: (customerId: string) =>
    request<RightsRequestList>(
      'GET',
      `/rights-requests?open=false&customerId=${encodeURIComponent(customerId)}`,
    ),
  /** Every open request, soonest due first. */
  listOpen: () => request<RightsRequestList>('GET', '/rights-requests?open=true'),
  /** Closes a request with what was done; a second time is a 409 request_already_done. */
  complete: (id: string, outcome: string, key: string) =>
    request<RightsRequestAnswer>(
      'POST',
      `/rights-requests/${encodeURIComponent(id)}/complete`,
      { outcome },
      { idempotencyKey: key },
    ),
};
