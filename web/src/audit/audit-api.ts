import type { AuditItem, AuditPage, AuditQuery } from '@contract/platform.ts';
import { request } from '../api.ts';

/** One entry of the audit log as GET /audit answers it. */
export type { AuditItem };

/** who, action, and ISO instants from (inclusive) and to (exclusive). */
export type AuditFilter = Pick<AuditQuery, 'who' | 'action' | 'from' | 'to'>;

export function fetchAudit(query: AuditFilter & { page: number; pageSize: number }) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return request<AuditPage>('GET', `/audit?${search.toString()}`);
}
