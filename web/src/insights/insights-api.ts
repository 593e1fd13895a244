import type {
  BirthdayPage,
  InsightCustomerPage,
  InsightsSummary,
  NewSegmentBody,
  SegmentAnswer,
  TopQuery,
} from '@contract/insights.ts';
import { request } from '../api.ts';

/** How the top list ranks: the route's own query type. */
export type TopOrder = NonNullable<TopQuery['by']>;
export type ListQuery = { outletId: string; page: number; pageSize: number };

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The Insights API (GET /insights/…); an empty outletId means every outlet. */
export const insightsApi = {
  summary: (outletId: string) =>
    request<InsightsSummary>('GET', `/insights/summary${query({ outletId })}`),
  lapsed: (q: ListQuery) => request<InsightCustomerPage>('GET', `/insights/lapsed${query(q)}`),
  top: (q: ListQuery & { by: TopOrder }) =>
    request<InsightCustomerPage>('GET', `/insights/top${query(q)}`),
  birthdays: (q: ListQuery & { days: number }) =>
    request<BirthdayPage>('GET', `/insights/birthdays${query(q)}`),
  saveSegment: (body: NewSegmentBody) => request<SegmentAnswer>('POST', '/insights/segments', body),
  /** The list as a CSV file: a plain link, so the browser downloads it with the session. */
  csvUrl: (
    list: 'lapsed' | 'top' | 'birthdays',
    params: Record<string, string | number | undefined>,
  ) => `/api/v1/insights/${list}.csv${query(params)}`,
};
