import { request } from '../api.ts';

/** One entry of the audit log as GET /audit answers it (src/http/routes/audit.ts). */
export type AuditItem = {
  id: string;
  at: string;
  action: string;
  actorName: string;
  actor: { kind: 'staff' | 'api_key' | 'system'; name: string; username: string | null };
  subjectType: string | null;
  subjectId: string | null;
  subjectLabel: string | null;
  customer: { id: string; number: string; name: string } | null;
  currency: string | null;
  detail: Record<string, unknown>;
  names: Record<string, string>;
};

export type AuditFilter = {
  who?: string;
  action?: string;
  /** ISO instants: from (inclusive) and to (exclusive). */
  from?: string;
  to?: string;
};

export function fetchAudit(query: AuditFilter & { page: number; pageSize: number }) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return request<{ items: AuditItem[]; total: number }>('GET', `/audit?${search.toString()}`);
}
