/**
 * The audit endpoints.
 */
import { apiGet } from '../api/client';
import type { AuditEntry, AuditVerifyResult } from '../api/types';

/** The latest audit entries. */
export async function fetchAuditEntries(limit: number, signal?: AbortSignal): Promise<AuditEntry[]> {
  return (await apiGet<{ entries: AuditEntry[] }>('/api/audit', { query: { limit }, signal })).entries;
}

/** Re-computes every hash chain on the server. */
export function verifyAuditChains(): Promise<AuditVerifyResult> {
  return apiGet<AuditVerifyResult>('/api/audit/verify');
}
