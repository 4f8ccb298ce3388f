/**
 * The append-only, hash-chained audit log. Each district has its own chain (so the log
 * can be distributed by district later); each row's hash covers its content and the hash
 * of the row before it, and a head table records the newest link. Editing a row, deleting
 * one from the middle or cutting off the newest ones breaks the chain, and
 * {@link verifyAuditChain} says where.
 */
import { createHash } from 'node:crypto';
import type { Db, Executor, Tx } from '@/db/database.js';
import type { Actor } from '@/shared/actor.js';
import { canonicalJson } from '@/shared/canonical-json.js';
import { AppError } from '@/shared/errors.js';
import {
  findChainHead,
  insertAuditRows,
  listAuditEntries,
  listChainDistricts,
  listChainPage,
  claimChainHead,
  type AuditRow,
} from './audit-repository.js';

/** The hash that precedes the first row of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** One change of state to record. */
export interface AuditChange {
  districtCode: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** Who made this change, when one transaction carries several people's (a group commit). */
  actor?: Actor;
}

/**
 * Appends changes to the audit log inside the caller's transaction, so the audit row
 * commits or rolls back with the change it describes.
 */
export async function recordChanges(tx: Tx, actor: Actor, changes: AuditChange[]): Promise<void> {
  const byDistrict = new Map<string, AuditChange[]>();
  for (const change of changes) {
    const list = byDistrict.get(change.districtCode) ?? [];
    list.push(change);
    byDistrict.set(change.districtCode, list);
  }
  const at = new Date();
  for (const districtCode of [...byDistrict.keys()].sort()) {
    const head = await claimChainHead(tx, districtCode, GENESIS_HASH);
    let seq = head.seq;
    let prevHash = head.hash;
    const rows: AuditRow[] = [];
    for (const change of byDistrict.get(districtCode) ?? []) {
      seq += 1;
      const who = change.actor ?? actor;
      const row: Omit<AuditRow, 'hash'> = {
        district_code: districtCode,
        seq,
        at,
        actor_id: who.userId,
        actor_label: who.label,
        action: change.action,
        entity_type: change.entityType,
        entity_id: change.entityId,
        before: normalise(change.before),
        after: normalise(change.after),
        request_id: who.requestId ?? null,
        prev_hash: prevHash,
      };
      const hash = hashRow(row);
      rows.push({ hash, ...row }); // the new key first: cheaper for V8 (see prepareCaseRow in cases)
      prevHash = hash;
    }
    await insertAuditRows(tx, rows);
  }
}

/** Convenience for one change. */
export async function recordChange(tx: Tx, actor: Actor, change: AuditChange): Promise<void> {
  await recordChanges(tx, actor, [change]);
}

// Values pass through JSON once so that what is hashed is exactly what jsonb stores
// (Dates become ISO strings, undefined properties vanish).
function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

/** The hash of a row: SHA-256 over the previous hash and the row's canonical content. */
export function hashRow(row: Omit<AuditRow, 'hash'>): string {
  const content = canonicalJson({
    district_code: row.district_code,
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actor_id: row.actor_id,
    actor_label: row.actor_label,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: row.before,
    after: row.after,
    request_id: row.request_id,
  });
  return createHash('sha256').update(row.prev_hash).update('\n').update(content).digest('hex');
}

/** One problem found by {@link verifyAuditChain}. */
export interface AuditProblem {
  districtCode: string;
  seq: number;
  problem: 'edited' | 'missing' | 'broken_link' | 'head_mismatch';
  detail: string;
}

/** The outcome of a verification. */
export interface AuditVerification {
  ok: boolean;
  rowsChecked: number;
  chains: number;
  problems: AuditProblem[];
}

/**
 * Re-computes the chains (of `districtCodes`, or all) and compares them with the stored
 * hashes and heads, in one repeatable-read snapshot so that writes committed meanwhile
 * cannot look like tampering.
 */
export async function verifyAuditChain(db: Db, districtCodes?: string[]): Promise<AuditVerification> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((tx) => verifyInSnapshot(tx, districtCodes));
}

async function verifyInSnapshot(db: Executor, districtCodes?: string[]): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let rowsChecked = 0;
  const all = await listChainDistricts(db);
  const districts = districtCodes ? all.filter((d) => districtCodes.includes(d)) : all;
  for (const districtCode of districts) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let afterSeq = 0;
    for (;;) {
      const page = await listChainPage(db, districtCode, afterSeq, 2000);
      for (const row of page) {
        rowsChecked += 1;
        if (row.seq !== expectedSeq) {
          problems.push({
            districtCode,
            seq: expectedSeq,
            problem: 'missing',
            detail: `rows ${expectedSeq}..${row.seq - 1} are missing`,
          });
        }
        if (row.prev_hash !== prevHash) {
          problems.push({ districtCode, seq: row.seq, problem: 'broken_link', detail: 'prev_hash does not match' });
        }
        if (hashRow(row) !== row.hash) {
          problems.push({ districtCode, seq: row.seq, problem: 'edited', detail: 'content does not match its hash' });
        }
        prevHash = row.hash;
        expectedSeq = row.seq + 1;
        afterSeq = row.seq;
      }
      if (page.length < 2000) break;
    }
    const head = await findChainHead(db, districtCode);
    if (!head || head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
      problems.push({
        districtCode,
        seq: expectedSeq,
        problem: 'head_mismatch',
        detail: head
          ? `the head says row ${head.seq} is the newest, the log ends at ${expectedSeq - 1}`
          : 'the chain has no head',
      });
    }
  }
  return { ok: problems.length === 0, rowsChecked, chains: districts.length, problems };
}

/** An audit entry as shown to people. */
export interface AuditEntryView {
  districtCode: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * The districts whose audit log an actor may read: all for the system, their own for an
 * admin or supervisor of a whole district. The log of a district records every town's
 * changes, so someone scoped to one town may not read it.
 */
export function auditDistrictsOf(actor: Actor): string[] | undefined {
  if (actor.regionPath === '/') return undefined;
  const isDistrictWide = actor.regionPath === `/${actor.districtCode}/`;
  if (!isDistrictWide || (actor.role !== 'admin' && actor.role !== 'supervisor')) {
    throw new AppError('FORBIDDEN', `${actor.label} may not read the audit log`, {
      userMessage: '只有区县级的管理员和督查人员可以查看审计日志',
    });
  }
  return [actor.districtCode];
}

/** Lists audit entries of the actor's districts, newest first. */
export async function listAudit(
  db: Executor,
  options: { actor: Actor; entityType?: string; entityId?: string; limit?: number; beforeSeq?: number },
): Promise<AuditEntryView[]> {
  const { actor } = options;
  const districtCodes = auditDistrictsOf(actor);
  const rows = await listAuditEntries(db, {
    districtCodes,
    entityType: options.entityType,
    entityId: options.entityId,
    beforeSeq: options.beforeSeq,
    limit: Math.min(options.limit ?? 50, 500),
  });
  return rows.map((row) => ({
    districtCode: row.district_code,
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    actor: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
  }));
}
