/**
 * The public face of cases (Open311 reads, the public portal): a district's cases without
 * any personal data, found by filters, by number or by their public token. Callers are
 * adapters of public endpoints; nothing here needs an actor, and nothing here writes.
 */
import type { Db } from '@/db/database.js';
import {
  findLatestStepNotes,
  findPublicCaseByToken,
  listPublicCaseRows,
  type PublicCaseQuery,
  type PublicCaseRow,
} from './case-public-repository.js';

export type { PublicCaseQuery, PublicCaseRow };

/** A district's cases matching the filters, newest first (public columns only). */
export async function listPublicCases(options: { db: Db; query: PublicCaseQuery }): Promise<PublicCaseRow[]> {
  return listPublicCaseRows(options.db, options.query);
}

/** The case of a public token in a district, or undefined. */
export async function findCaseOfToken(options: { db: Db; districtCode: string; token: string }): Promise<{ id: number; token: string } | undefined> {
  return findPublicCaseByToken(options.db, options.districtCode, options.token);
}

/** The note of the latest `action` step of each case (e.g. why it was voided). */
export async function latestStepNotes(options: { db: Db; districtCode: string; caseIds: number[]; action: string }): Promise<Map<number, string>> {
  return findLatestStepNotes(options.db, options.districtCode, options.caseIds, options.action);
}
