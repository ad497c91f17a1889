import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { AuditQuery } from '@/api/types';

/** One page of the audit log; `signal` cancels an outdated request. */
export const fetchAuditPage = (query: AuditQuery, signal?: AbortSignal) =>
  unwrap(api.GET('/api/audit-log', { params: { query }, signal }));
