/**
 * Cases (事件闭环): intake from every channel into one model, routing by location and
 * category, the workflow with its timeline, audit and optimistic concurrency, SLA clocks on the
 * working calendar, call-backs, and the overdue sweep that raises supervision notices.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '@/db/database.js';
import type { CaseRollupCounters } from '@/db/schema.js';
import { recordChange, recordChanges, type AuditChange } from '@/domains/audit/audit-service.js';
import { GroupCommit } from '@/db/group-commit.js';
import { loadWorkingCalendar } from '@/domains/calendar/calendar-service.js';
import { localDate, type WorkingCalendar } from '@/domains/calendar/working-time.js';
import { listDepartments } from '@/domains/departments/departments-service.js';
import {
  describeRegions,
  districtOfActor,
  locatePoint,
  resolveRegion,
  type LocatorCache,
} from '@/domains/regions/regions-service.js';
import { isInScope, systemActor, type Actor } from '@/shared/actor.js';
import { canonicalJson } from '@/shared/canonical-json.js';
import type { CaseAction, CaseChannel, CaseNature, CaseState, CaseUrgency, Satisfaction } from '@/shared/case-vocabulary.js';
import { AppError, isAppError } from '@/shared/errors.js';
import { departmentOf, limitsOf, loadCatalogue, requireCategory, type Catalogue } from './case-catalogue-service.js';
import { applyAction, deadlinesOf, currentStage, initialClocks, type ActionParams, type CaseSnapshot } from './case-lifecycle.js';
import { contributionOf, differenceOf, addCounters, zeroCounters } from './case-metrics.js';
import { presentCase, presentSummary, type CaseSummaryView, type CaseView } from './case-presenter.js';
import { yellowPoint } from './case-clocks.js';
import { refuseTransition } from './case-workflow.js';
import {
  addRollupDeltas,
  appendCaseEvent,
  districtHasCases,
  findAttachment,
  findAttachmentMeta,
  findCaseByIdempotencyKey,
  findLinkableAttachments,
  linkAttachments,
  lockCaseRows,
  resolveSupervisionNotice,
  findCaseRow,
  findNearbyCases,
  openIntakeBatch,
  insertCasesWithRollups,
  packCaseRows,
  type NearbyProbe,
  type FullCaseRow,
  findNewlyOverdueCases,
  insertAttachment,
  insertSupervisionNotice,
  listSupervisionNotices,
  listCaseEvents,
  listCaseRows,
  updateCaseRow,
  type CaseListQuery,
  type CaseRow,
  type CasePatch,
  type NewCaseRow,
  type RollupKey,
} from './cases-repository.js';

// ---------------------------------------------------------------------------------------------
// Per-process context: catalogue, calendar and department names of each district

/** What routing and clocks need of a district, cached for a few seconds. */
export interface DistrictCaseContext {
  districtCode: string;
  catalogue: Catalogue;
  cal: WorkingCalendar;
  departments: Map<string, string>;
}

/**
 * Caches each district's catalogue, calendar and departments. Edits through this process
 * invalidate at once; edits by another process apply within `ttlMs`.
 */
export class CaseContextCache {
  #entries = new Map<string, { at: number; value: Promise<DistrictCaseContext> }>();

  constructor(
    private readonly db: Db,
    readonly locator: LocatorCache,
    private readonly ttlMs = 5000,
  ) {}

  /** The context of a district. */
  async get(districtCode: string): Promise<DistrictCaseContext> {
    const entry = this.#entries.get(districtCode);
    if (entry && Date.now() - entry.at < this.ttlMs) return entry.value;
    const value = this.#load(districtCode);
    this.#entries.set(districtCode, { at: Date.now(), value });
    try {
      return await value;
    } catch (error) {
      this.#entries.delete(districtCode);
      throw error;
    }
  }

  /** Forgets cached districts (after a catalogue or calendar edit). */
  invalidate(districtCode?: string): void {
    if (districtCode) this.#entries.delete(districtCode);
    else this.#entries.clear();
  }

  async #load(districtCode: string): Promise<DistrictCaseContext> {
    const [catalogue, cal, departments] = await Promise.all([
      loadCatalogue({ db: this.db, districtCode }),
      loadWorkingCalendar({ db: this.db, districtCode }),
      listDepartments({ db: this.db, actor: systemActor('system:cases') }),
    ]);
    return {
      districtCode,
      catalogue,
      cal,
      departments: new Map(departments.filter((d) => d.districtCode === districtCode).map((d) => [d.code, d.name])),
    };
  }
}

/** The dependencies of the case services. */
export interface CaseDeps {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  now?: Date;
}

// ---------------------------------------------------------------------------------------------
// Roll-up bookkeeping

/** The four roll-up rows a case counts in. */
export function rollupKeysOf(row: Pick<CaseRow, 'received_at' | 'town_code' | 'region_code' | 'department_code' | 'category_code' | 'channel'>): RollupKey[] {
  const month = localDate(new Date(row.received_at)).slice(0, 7);
  const town = row.town_code ?? '';
  const grid = row.region_code && row.region_code.length >= 15 ? row.region_code.slice(0, 15) : '';
  return [
    { month, town_code: town, dim: 'grid', key: grid },
    { month, town_code: town, dim: 'department', key: row.department_code ?? '' },
    { month, town_code: town, dim: 'category', key: row.category_code ?? '' },
    { month, town_code: town, dim: 'channel', key: row.channel },
  ];
}

/** A case row's contribution to the roll-up. */
export function contributionOfRow(row: CaseRow | Omit<NewCaseRow, 'id'>): CaseRollupCounters {
  const r = row as CaseRow;
  return contributionOf({
    status: r.status,
    registeredAt: r.registered_at ? new Date(r.registered_at) : null,
    handledAt: r.handled_at ? new Date(r.handled_at) : null,
    handledOnTime: r.handled_on_time ?? null,
    checkedAt: r.checked_at ? new Date(r.checked_at) : null,
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    closedOnTime: r.closed_on_time ?? null,
    closeWorkingMinutes: r.close_working_minutes ?? null,
    overtimeRatio: r.overtime_ratio ?? null,
    overdueAt: r.overdue_at ? new Date(r.overdue_at) : null,
    reworkCount: r.rework_count ?? 0,
    returnCount: r.return_count ?? 0,
    extensionCount: r.extension_count ?? 0,
    parkCount: r.park_count ?? 0,
    satisfaction: r.satisfaction ?? null,
  });
}

const keyString = (k: RollupKey) => `${k.dim}|${k.month}|${k.town_code}|${k.key}`;

/** Accumulates roll-up deltas by row key. */
export class RollupDeltas {
  readonly #rows = new Map<string, RollupKey & { counters: CaseRollupCounters }>();

  /** Adds a case's contribution (sign +1) or removes it (−1). */
  add(row: CaseRow | Omit<NewCaseRow, 'id'>, sign: 1 | -1): void {
    const counters = contributionOfRow(row);
    for (const key of rollupKeysOf(row)) {
      const id = keyString(key);
      let entry = this.#rows.get(id);
      if (!entry) {
        entry = { counters: zeroCounters(), ...key };
        this.#rows.set(id, entry);
      }
      addCounters(entry.counters, counters, sign);
    }
  }

  /** The rows whose counters changed. */
  rows(): (RollupKey & { counters: CaseRollupCounters })[] {
    return [...this.#rows.values()].filter((r) => differenceOf(r.counters, null) !== null);
  }
}

async function applyRollup(tx: Tx, districtCode: string, before: CaseRow | null, after: CaseRow | NewCaseRow): Promise<void> {
  const deltas = new RollupDeltas();
  if (before) deltas.add(before, -1);
  deltas.add(after, 1);
  await addRollupDeltas(tx, districtCode, deltas.rows());
}

// ---------------------------------------------------------------------------------------------
// Intake

/** One case as it comes in, from any channel. */
export interface CaseInput {
  channel: CaseChannel;
  description: string;
  nature?: CaseNature | null;
  categoryCode?: string | null;
  urgency?: CaseUrgency | null;
  lon?: number | null;
  lat?: number | null;
  address?: string | null;
  townCode?: string | null;
  /** A town's name, for imports that name the town instead of coding it. */
  townName?: string | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  externalId?: string | null;
  occurredAt?: Date | null;
  /** When the case was received, for imports of cases received elsewhere (default: now). */
  receivedAt?: Date | null;
  attachmentIds?: string[];
}

/** Where a case goes: its micro-grid (or town) and department. */
export interface Routing {
  townCode: string | null;
  regionCode: string | null;
  regionPath: string;
}

/** How far apart (in degrees, about 50 m) and how close in time two reports are likely duplicates. */
const DUPLICATE_DEGREES = 0.0005;
const DUPLICATE_WINDOW_MS = 24 * 3600_000;

/**
 * Finds where a point or town lies. A point outside every micro-grid of the district, or no
 * point and no town, leaves the case in the district's unrouted queue.
 */
export async function routeCase(options: {
  locator: LocatorCache;
  db: Db;
  actor: Actor;
  districtCode: string;
  lon?: number | null;
  lat?: number | null;
  townCode?: string | null;
  townByName?: (name: string) => string | undefined;
  townName?: string | null;
}): Promise<Routing> {
  const { districtCode } = options;
  if (options.lon !== null && options.lon !== undefined && options.lat !== null && options.lat !== undefined) {
    const located = await locatePoint({ cache: options.locator, actor: systemActor('system:routing'), lon: options.lon, lat: options.lat });
    const district = located.chain[0];
    if (located.found && located.microgrid && district?.code === districtCode) {
      const town = located.chain.find((c) => c.level === 'town');
      return { townCode: town?.code ?? null, regionCode: located.microgrid.code, regionPath: `/${located.chain.map((c) => c.code).join('/')}/` };
    }
  }
  const townCode = options.townCode ?? (options.townName && options.townByName ? options.townByName(options.townName) : undefined);
  if (townCode) {
    const town = await resolveRegion({ db: options.db, actor: systemActor('system:routing'), code: townCode, field: 'townCode' });
    if (town.districtCode !== districtCode || town.level !== 'town') {
      throw new AppError('VALIDATION_FAILED', `${townCode} is not a town of ${districtCode}`, { field: 'townCode', userMessage: `${townCode} 不是本区县的镇街` });
    }
    return { townCode, regionCode: townCode, regionPath: town.path };
  }
  return { townCode: null, regionCode: null, regionPath: `/${districtCode}/` };
}

function text(value: string | null | undefined, max: number, field: string, label: string): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.length === 0) return null;
  if (trimmed.length > max) throw new AppError('VALIDATION_FAILED', `${field} longer than ${max}`, { field, userMessage: `${label}不能超过 ${max} 个字符` });
  return trimmed;
}

/**
 * A new case's stored row but for its number. `token`, `duplicate_of` and `attachment_ids`
 * hold placeholders ('', null, []) until the writer sets them.
 */
export type PreparedCaseRow = Omit<CaseRow, 'id'>;

/**
 * Validates an intake and decides everything stored with the new case except its number:
 * category and limits, routing, department, status and the whole-case clock. Shared by every
 * channel (REST, Open311, bulk import, patrol).
 *
 * The whole row is one object literal, and the writer later sets its number and token on it.
 * Building it by spreading a partial row into a larger one (`{ ...row, version: 1, … }`) cost
 * tens of microseconds a case: on Node 20's V8 every property added after a spread takes a
 * slow path, and the copy then slows every later read of it (its JSON, its roll-up).
 */
export function prepareCaseRow(
  input: CaseInput,
  context: DistrictCaseContext,
  routing: Routing,
  extra: { actor: Actor; now: Date; idempotencyKey?: string | null; requestHash?: string | null },
): PreparedCaseRow {
  const description = text(input.description, 4000, 'description', '问题描述');
  if (!description) throw new AppError('VALIDATION_FAILED', 'description is required', { field: 'description', userMessage: '请填写问题描述' });
  const hasLon = input.lon !== null && input.lon !== undefined;
  const hasLat = input.lat !== null && input.lat !== undefined;
  if (hasLon !== hasLat) throw new AppError('VALIDATION_FAILED', 'lon and lat go together', { field: hasLon ? 'lat' : 'lon', userMessage: '经度和纬度须同时填写' });
  if (hasLon && (!(Math.abs(input.lon as number) <= 180) || !(Math.abs(input.lat as number) <= 90))) {
    throw new AppError('VALIDATION_FAILED', 'coordinates out of range', { field: Math.abs(input.lon as number) <= 180 ? 'lat' : 'lon', userMessage: '坐标超出范围(经度 −180~180,纬度 −90~90)' });
  }
  const categoryCode = input.categoryCode ?? null;
  if (categoryCode) requireCategory(context.catalogue, categoryCode);
  const urgency = input.urgency ?? 'normal';
  const limits = limitsOf(context.catalogue, categoryCode, urgency);
  const natureLimit = input.nature ? (context.catalogue.natures.get(input.nature)?.limit ?? null) : null;
  const receivedAt = input.receivedAt ?? extra.now;
  if (receivedAt.getTime() > extra.now.getTime() + 5 * 60_000) {
    throw new AppError('VALIDATION_FAILED', 'received in the future', { field: 'receivedAt', userMessage: '受理时间不能晚于当前时间' });
  }
  const clocks = initialClocks(receivedAt, limits, natureLimit, context.cal);
  const department = departmentOf(context.catalogue, categoryCode, routing.townCode);
  return {
    district_code: context.districtCode,
    version: 1,
    token: '',
    channel: input.channel,
    nature: input.nature ?? null,
    category_code: categoryCode,
    urgency,
    description,
    address: text(input.address, 500, 'address', '地址'),
    lon: hasLon ? (input.lon as number) : null,
    lat: hasLat ? (input.lat as number) : null,
    reporter_name: text(input.reporterName, 50, 'reporterName', '反映人姓名'),
    reporter_phone: text(input.reporterPhone, 20, 'reporterPhone', '联系电话'),
    external_id: text(input.externalId, 64, 'externalId', '外部编号'),
    idempotency_key: extra.idempotencyKey ?? null,
    request_hash: extra.requestHash ?? null,
    occurred_at: input.occurredAt ?? null,
    received_at: receivedAt,
    town_code: routing.townCode,
    region_code: routing.regionCode,
    region_path: routing.regionPath,
    department_code: department,
    assignee_id: null,
    status: 'reported',
    stage: clocks.total ? 'total' : null,
    registered_at: null,
    dispatched_at: null,
    accepted_at: null,
    handled_at: null,
    checked_at: null,
    closed_at: null,
    visited_at: null,
    limits: null,
    clocks,
    stage_deadline: clocks.total ? new Date(clocks.total.deadline) : null,
    stage_yellow_at: clocks.total ? yellowPoint(clocks.total, context.cal) : null,
    close_deadline: clocks.total ? new Date(clocks.total.deadline) : null,
    pauses: [],
    paused_since: null,
    pending_request: null,
    satisfaction: null,
    merged_into: null,
    handled_on_time: null,
    closed_on_time: null,
    close_working_minutes: null,
    overtime_ratio: null,
    overdue_at: null,
    duplicate_of: null,
    attachment_ids: [],
    return_count: 0,
    reassign_count: 0,
    extension_count: 0,
    rework_count: 0,
    reopen_count: 0,
    park_count: 0,
    created_by: extra.actor.userId,
    created_at: extra.now,
    updated_at: extra.now,
  };
}

/** A fresh public token (Open311 `token`, the status link of the public portal). */
export function newCaseToken(): string {
  return randomBytes(12).toString('base64url');
}

/** `count` fresh tokens from one draw of the random source (a bulk import needs thousands). */
export function newCaseTokens(count: number): string[] {
  const bytes = randomBytes(12 * count);
  return Array.from({ length: count }, (_, i) => bytes.subarray(12 * i, 12 * i + 12).toString('base64url'));
}

function assertCanReport(actor: Actor): void {
  const allowed = ['admin', 'town_admin', 'operator', 'dispatcher', 'grid_worker'];
  if (!allowed.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot report cases`, { userMessage: '当前角色不能登记事件' });
  }
}

/** A case ready to store: everything but its number and token. */
interface PendingCase {
  actor: Actor;
  prepared: PreparedCaseRow;
  attachmentIds: string[];
}

type NearbyCase = Awaited<ReturnType<typeof findNearbyCases>>[number];

/** What became of a pending case: stored (with its likely duplicates), or a replay of an earlier one. */
type StoredCase = { row: CaseRow; near: NearbyCase[] } | { replayOf: number };

/** One group-committing writer of new cases per database (see {@link GroupCommit}). */
const intakeWriters = new WeakMap<Db, GroupCommit<PendingCase, StoredCase>>();

function intakeWriterOf(db: Db): GroupCommit<PendingCase, StoredCase> {
  let writer = intakeWriters.get(db);
  if (!writer) {
    writer = new GroupCommit((take) => storeNewCases(db, take), 200, 1, isDataError);
    intakeWriters.set(db, writer);
  }
  return writer;
}

/**
 * Whether a failed batch failed on one of its cases' data (a unique key, a check, a deadlock
 * with another writer), so that writing the cases one by one lets the others through.
 */
function isDataError(error: unknown): boolean {
  if (isAppError(error)) return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('23') || code === '40P01' || code === '40001');
}

/**
 * Stores new cases in one transaction, all or none: numbers, rows, attachments, roll-up and
 * one audit row per case (each naming its own reporter). Cases whose idempotency key is
 * already stored (or taken by an earlier case of the same batch) are not stored again but
 * answered as replays. Likely duplicates are looked up for the whole batch in one statement,
 * and among the batch's own earlier cases.
 */
async function storeNewCases(db: Db, take: () => PendingCase[]): Promise<StoredCase[]> {
  return db.transaction().execute(async (tx) => {
    // Taken once BEGIN has answered: what arrived meanwhile comes along (see GroupCommit).
    const items = take();
    const results: (StoredCase | undefined)[] = new Array(items.length);
    const firstOfKey = new Map<string, number>();
    const keys = items.flatMap(({ prepared }) => (prepared.idempotency_key ? [{ districtCode: prepared.district_code, key: prepared.idempotency_key }] : []));
    // Numbers for every item (a replay's number is never used: sequences have gaps anyway),
    // the stored keys and every item's stored likely duplicates (a replay's are not used
    // either), in one round trip.
    const { ids: numbers, known: stored, near: nearRows } = await openIntakeBatch(tx, {
      count: items.length,
      keys,
      probes: items.flatMap(({ prepared }, i) => nearbyProbeOf(prepared, i)),
      degrees: DUPLICATE_DEGREES,
      limit: 5,
    });
    const nearOfItem: NearbyCase[][] = items.map(() => []);
    for (const { i, ...rest } of nearRows) nearOfItem[i]?.push(rest);
    const fresh: number[] = [];
    items.forEach((item, i) => {
      const key = item.prepared.idempotency_key ? `${item.prepared.district_code}:${item.prepared.idempotency_key}` : null;
      const earlier = key ? stored.get(key)?.id : undefined;
      if (earlier !== undefined) results[i] = { replayOf: earlier };
      else if (key && firstOfKey.has(key)) return; // resolved below, once the first has its number
      else {
        if (key) firstOfKey.set(key, i);
        fresh.push(i);
      }
    });
    const ids = numbers.slice(0, fresh.length);
    const tokens = newCaseTokens(fresh.length);
    const writtenAt = new Date();
    const near = fresh.map((i) => nearOfItem[i] ?? []);
    const rows: CaseRow[] = fresh.map((i, n) => {
      const item = items[i] as PendingCase;
      // Set on the prepared row itself (see prepareCaseRow); a batch written again one case
      // at a time sets them again. Created when written, as the database would stamp it.
      return Object.assign(item.prepared, {
        id: ids[n] as number,
        token: tokens[n] as string,
        duplicate_of: null,
        attachment_ids: item.attachmentIds,
        created_at: writtenAt,
        updated_at: writtenAt,
      });
    });
    rows.forEach((row, n) => {
      // A likely duplicate among this batch's earlier cases counts as much as a stored one.
      const list = [...(near[n] ?? []), ...rows.slice(0, n).filter((other) => isNear(other, row)).map(nearbyOfRow)]
        .sort((x, y) => new Date(x.received_at).getTime() - new Date(y.received_at).getTime())
        .slice(0, 5);
      row.duplicate_of = list[0]?.id ?? null;
      results[fresh[n] as number] = { row, near: list };
    });
    items.forEach((item, i) => {
      if (results[i]) return;
      const first = firstOfKey.get(`${item.prepared.district_code}:${item.prepared.idempotency_key}`) as number;
      results[i] = { replayOf: (results[first] as { row: CaseRow }).row.id };
    });

    const deltas = new Map<string, RollupDeltas>();
    for (const row of rows) {
      let d = deltas.get(row.district_code);
      if (!d) deltas.set(row.district_code, (d = new RollupDeltas()));
      d.add(row, 1);
    }
    await insertCasesWithRollups(
      tx,
      packCaseRows(rows as unknown as FullCaseRow[]),
      [...deltas].map(([districtCode, d]) => ({ districtCode, deltas: d.rows() })),
    );
    for (const row of rows) await linkAttachments(tx, row.district_code, row.attachment_ids, row.id, row.region_path);
    if (rows.length > 0) {
      await recordChanges(
        tx,
        (items[fresh[0] as number] as PendingCase).actor,
        rows.map((row, n) => ({
          districtCode: row.district_code,
          action: 'case.created',
          entityType: 'case',
          entityId: String(row.id),
          before: null,
          after: { channel: row.channel, categoryCode: row.category_code, regionCode: row.region_code, departmentCode: row.department_code, externalId: row.external_id },
          actor: (items[fresh[n] as number] as PendingCase).actor,
        })),
      );
    }
    return results as StoredCase[];
  });
}

/** Whether a case is a likely duplicate of a later one: same class, ~50 m, within 24 h before it. */
function isNear(earlier: NewCaseRow, later: NewCaseRow): boolean {
  if (!later.category_code || earlier.category_code !== later.category_code || earlier.district_code !== later.district_code) return false;
  if (earlier.lon === null || earlier.lat === null || later.lon === null || later.lat === null) return false;
  const gap = new Date(later.received_at).getTime() - new Date(earlier.received_at).getTime();
  return (
    gap >= 0 &&
    gap <= DUPLICATE_WINDOW_MS &&
    Math.abs(earlier.lon - later.lon) <= DUPLICATE_DEGREES &&
    Math.abs(earlier.lat - later.lat) <= DUPLICATE_DEGREES
  );
}

function nearbyOfRow(row: NewCaseRow): NearbyCase {
  return { id: row.id, description: row.description, received_at: row.received_at, lon: row.lon, lat: row.lat, status: row.status };
}

/** The probe for a case's stored likely duplicates (same class, ~50 m, 24 h before it), if it has a class and a point. */
function nearbyProbeOf(prepared: PendingCase['prepared'], i: number): NearbyProbe[] {
  if (!prepared.category_code || prepared.lon === null || prepared.lat === null) return [];
  const received = new Date(prepared.received_at);
  return [{ i, districtCode: prepared.district_code, categoryCode: prepared.category_code, lon: prepared.lon, lat: prepared.lat, from: new Date(received.getTime() - DUPLICATE_WINDOW_MS), to: received }];
}

/**
 * Takes in one case. With an idempotency key, a retried request returns the case the first
 * one made (`replayed: true`); the same key with a different body is refused.
 */
export async function intakeCase(
  deps: CaseDeps & { input: CaseInput; idempotencyKey?: string | null; requestedDistrict?: string },
): Promise<{ case: CaseView; replayed: boolean }> {
  const { db, cache, actor, input } = deps;
  assertCanReport(actor);
  const now = deps.now ?? new Date();
  const districtCode = await districtOfActor({ db, actor, requested: deps.requestedDistrict });
  const key = deps.idempotencyKey ? `${actor.userId ?? actor.label}:${deps.idempotencyKey}` : null;
  const requestHash = key ? createHash('sha256').update(canonicalJson(input)).digest('hex') : null;
  const context = await cache.get(districtCode);
  let pending: PendingCase;
  try {
    // Someone working for one town reports into that town when the report names no place.
    const ownTown = actor.regionPath.split('/')[2];
    const routing = await routeCase({ locator: cache.locator, db, actor, districtCode, lon: input.lon, lat: input.lat, townCode: input.townCode ?? ownTown ?? null });
    if (routing.townCode && !isInScope(actor, routing.regionPath)) {
      throw new AppError('NOT_FOUND', 'the place is outside the actor\'s region', { field: input.lon !== undefined && input.lon !== null ? 'lon' : 'townCode', userMessage: '事发位置不在您的辖区内' });
    }
    const prepared = prepareCaseRow(input, context, routing, { actor, now, idempotencyKey: key, requestHash });
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    await checkLinkable(db, actor, districtCode, attachmentIds, null);
    pending = { actor, prepared, attachmentIds };
  } catch (error) {
    // A retry answers as the first request did, even if it would not pass today (the
    // catalogue changed, the attachment is linked now). Looked up only on this rare path:
    // the write below finds stored keys for the whole batch at once.
    if (key) {
      const existing = await findCaseByIdempotencyKey(db, districtCode, key);
      if (existing) return replay(deps, existing, requestHash);
    }
    throw error;
  }
  try {
    const result = await intakeWriterOf(db).submit(pending);
    if ('replayOf' in result) return replay(deps, (await findCaseRow(db, result.replayOf)) as CaseRow, requestHash);
    const { row, near } = result;
    // The new case is shown from the row just stored: no second read of it.
    const [attachments, regions] = await Promise.all([
      findAttachmentMeta(db, districtCode, pending.attachmentIds),
      describeRegions({ cache: cache.locator, codes: codesOfPath(row.region_path) }),
    ]);
    return { case: presentCase(row, { actor, context, now, events: [], attachments, regions, duplicates: near }), replayed: false };
  } catch (error) {
    // Two requests with one key raced: the loser answers as a replay of the winner.
    if (key && isUniqueViolation(error)) {
      const existing = await findCaseByIdempotencyKey(db, districtCode, key);
      if (existing) return replay(deps, existing, requestHash);
    }
    if (isUniqueViolation(error) && input.externalId) {
      throw new AppError('ALREADY_EXISTS', 'external id already stored', { field: 'externalId', userMessage: `外部编号 ${input.externalId} 已登记` });
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (isAppError(error)) return error.code === 'ALREADY_EXISTS';
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

async function replay(deps: CaseDeps, existing: CaseRow, requestHash: string | null): Promise<{ case: CaseView; replayed: boolean }> {
  if (existing.request_hash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'idempotency key reused with another body', { field: 'Idempotency-Key' });
  }
  return { case: await getCase({ ...deps, id: existing.id }), replayed: true };
}

// ---------------------------------------------------------------------------------------------
// Reading

async function visibleCase(db: Db, actor: Actor, id: number): Promise<CaseRow> {
  const row = Number.isSafeInteger(id) ? await findCaseRow(db, id) : undefined;
  if (!row || !isInScope(actor, row.region_path) || (actor.regionPath !== '/' && row.district_code !== actor.districtCode)) {
    throw new AppError('NOT_FOUND', `case ${id} not found`, { field: 'id', userMessage: `案件 ${id} 不存在` });
  }
  return row;
}

/** One case with its clocks, timeline, attachments, duplicates and the actions open to the actor. */
export async function getCase(deps: CaseDeps & { id: number }): Promise<CaseView> {
  const { db, cache, actor } = deps;
  const row = await visibleCase(db, actor, deps.id);
  const context = await cache.get(row.district_code);
  const [events, attachments, regions, duplicates] = await Promise.all([
    listCaseEvents(db, row.district_code, row.id),
    findAttachmentMeta(db, row.district_code, row.attachment_ids),
    describeRegions({ cache: cache.locator, codes: codesOfPath(row.region_path) }),
    row.category_code && row.lon !== null && row.lat !== null && !['voided', 'merged'].includes(row.status)
      ? findNearbyCases(db, {
          districtCode: row.district_code,
          categoryCode: row.category_code,
          lon: row.lon,
          lat: row.lat,
          degrees: DUPLICATE_DEGREES,
          from: new Date(new Date(row.received_at).getTime() - DUPLICATE_WINDOW_MS),
          to: new Date(new Date(row.received_at).getTime() + DUPLICATE_WINDOW_MS),
          excludeId: row.id,
          limit: 5,
        })
      : Promise.resolve([]),
  ]);
  return presentCase(row, { actor, context, now: deps.now ?? new Date(), events, attachments, regions, duplicates });
}

function codesOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The queues of the workbenches. */
export const CASE_QUEUES = ['intake', 'verify', 'dispatch', 'approvals', 'inbox', 'check', 'callback', 'unrouted', 'mine', 'all'] as const;
/** A workbench queue. */
export type CaseQueue = (typeof CASE_QUEUES)[number];

const QUEUE_STATES: Partial<Record<CaseQueue, CaseState[]>> = {
  intake: ['reported'],
  verify: ['verifying'],
  dispatch: ['registered'],
  approvals: ['accepted'],
  inbox: ['dispatched', 'accepted', 'parked'],
  check: ['handled'],
  callback: ['closed'],
};

/** Filters of the case list. */
export interface CaseFilters {
  queue?: CaseQueue;
  status?: CaseState[];
  town?: string;
  region?: string;
  department?: string;
  category?: string;
  channel?: CaseChannel;
  sla?: 'yellow' | 'red';
  /** Only cases past the whole case's deadline (结案时限), as the metrics count overdue. */
  overdue?: 'true';
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  sort?: CaseListQuery['sort'];
}

/** A page of cases in the actor's scope. */
export async function listCases(
  deps: CaseDeps & { filters: CaseFilters; countUpTo?: number },
): Promise<{ items: CaseSummaryView[]; total: number; totalCapped?: boolean; page: number; pageSize: number }> {
  const { db, cache, actor, filters } = deps;
  const now = deps.now ?? new Date();
  let pathPrefix = actor.regionPath;
  for (const [code, field] of [[filters.town, 'town'], [filters.region, 'region']] as const) {
    if (!code) continue;
    const path = (await resolveRegion({ db, actor, code, field })).path;
    // Both a town and a region: the narrower selects; two regions apart select nothing.
    if (path.startsWith(pathPrefix)) pathPrefix = path;
    else if (!pathPrefix.startsWith(path)) return { items: [], total: 0, page: filters.page, pageSize: filters.pageSize };
  }
  const q: CaseListQuery = {
    pathPrefix,
    districtCode: actor.regionPath === '/' ? undefined : actor.districtCode,
    statuses: filters.status ?? (filters.queue ? QUEUE_STATES[filters.queue] : undefined),
    departmentCode: filters.department,
    categoryCode: filters.category,
    channel: filters.channel,
    text: filters.q?.trim() || undefined,
    receivedFrom: filters.from ? new Date(`${filters.from}T00:00:00+08:00`) : undefined,
    receivedTo: filters.to ? new Date(new Date(`${filters.to}T00:00:00+08:00`).getTime() + 86_400_000) : undefined,
    sort: filters.sort ?? (filters.sla ? 'deadline_asc' : 'received_desc'),
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  };
  if (filters.queue === 'inbox' && actor.role === 'department_handler') q.departmentCode = actor.departmentCode ?? '-';
  if (filters.queue === 'approvals') q.pendingRequest = true;
  if (filters.queue === 'unrouted') q.unrouted = true;
  if (filters.queue === 'mine') {
    if (actor.role === 'grid_worker') q.tasksOf = actor.userId ?? '-';
    else q.createdBy = actor.userId ?? '-';
  }
  if (filters.sla) q.sla = { colour: filters.sla, now };
  if (filters.overdue === 'true') q.overdue = true;
  const { rows, total, more } = await listCaseRows(db, { ...q, countUpTo: deps.countUpTo });
  const districts = [...new Set(rows.map((r) => r.district_code))];
  const contexts = new Map(await Promise.all(districts.map(async (d) => [d, await cache.get(d)] as const)));
  const regions = await describeRegions({ cache: cache.locator, codes: rows.flatMap((r) => [r.town_code, r.region_code].filter((c): c is string => !!c)) });
  const items = rows.map((r) => presentSummary(r, { actor, context: contexts.get(r.district_code) as DistrictCaseContext, now, regions }));
  return { items, total, ...(more ? { totalCapped: true } : {}), page: filters.page, pageSize: filters.pageSize };
}

// ---------------------------------------------------------------------------------------------
// Workflow

/** A workflow step asked for. */
export interface ActionRequest extends ActionParams {
  action: CaseAction;
  version: number;
  /** Photos or documents added with the step (uploaded first). */
  attachmentIds?: string[];
  /** 立案 of an unrouted case: the town it belongs to. */
  townCode?: string | null;
}

function snapshotOf(row: CaseRow): CaseSnapshot {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    status: row.status as CaseState,
    categoryCode: row.category_code,
    urgency: row.urgency as CaseUrgency,
    departmentCode: row.department_code,
    assigneeId: row.assignee_id,
    receivedAt: new Date(row.received_at),
    registeredAt: date(row.registered_at),
    dispatchedAt: date(row.dispatched_at),
    acceptedAt: date(row.accepted_at),
    handledAt: date(row.handled_at),
    checkedAt: date(row.checked_at),
    closedAt: date(row.closed_at),
    visitedAt: date(row.visited_at),
    limits: row.limits,
    clocks: row.clocks,
    pauses: row.pauses,
    pausedSince: date(row.paused_since),
    pendingRequest: row.pending_request,
    returnCount: row.return_count,
    reassignCount: row.reassign_count,
    extensionCount: row.extension_count,
    reworkCount: row.rework_count,
    reopenCount: row.reopen_count,
    parkCount: row.park_count,
    satisfaction: row.satisfaction as Satisfaction | null,
    mergedInto: row.merged_into,
    handledOnTime: row.handled_on_time,
    closedOnTime: row.closed_on_time,
    closeWorkingMinutes: row.close_working_minutes,
    overtimeRatio: row.overtime_ratio,
    overdueAt: date(row.overdue_at),
  };
}

function patchOf(s: CaseSnapshot, cal: WorkingCalendar, now: Date): CasePatch {
  const { stageDeadline, stageYellowAt, closeDeadline } = deadlinesOf(s, cal);
  // A case whose whole-case deadline moved past now (a new class at registration, an
  // extension) is no longer overdue.
  const overdueAt = s.overdueAt && closeDeadline && closeDeadline.getTime() > now.getTime() ? null : s.overdueAt;
  return {
    status: s.status,
    category_code: s.categoryCode,
    urgency: s.urgency,
    department_code: s.departmentCode,
    assignee_id: s.assigneeId,
    registered_at: s.registeredAt,
    dispatched_at: s.dispatchedAt,
    accepted_at: s.acceptedAt,
    handled_at: s.handledAt,
    checked_at: s.checkedAt,
    closed_at: s.closedAt,
    visited_at: s.visitedAt,
    limits: s.limits,
    clocks: s.clocks,
    pauses: s.pauses,
    paused_since: s.pausedSince,
    pending_request: s.pendingRequest,
    return_count: s.returnCount,
    reassign_count: s.reassignCount,
    extension_count: s.extensionCount,
    rework_count: s.reworkCount,
    reopen_count: s.reopenCount,
    park_count: s.parkCount,
    satisfaction: s.satisfaction,
    merged_into: s.mergedInto,
    handled_on_time: s.handledOnTime,
    closed_on_time: s.closedOnTime,
    close_working_minutes: s.closeWorkingMinutes,
    overtime_ratio: s.overtimeRatio,
    overdue_at: overdueAt,
    stage: currentStage(s),
    stage_deadline: stageDeadline,
    stage_yellow_at: stageYellowAt,
    close_deadline: closeDeadline,
  };
}

async function checkParams(db: Db, row: CaseRow, request: ActionRequest, context: DistrictCaseContext, actor: Actor): Promise<void> {
  if (request.note && request.note.length > 2000) throw new AppError('VALIDATION_FAILED', 'note too long', { field: 'note', userMessage: '意见不能超过 2000 个字符' });
  if (request.departmentCode && !context.departments.has(request.departmentCode)) {
    throw new AppError('NOT_FOUND', `department ${request.departmentCode} not found`, { field: 'departmentCode', userMessage: `部门 ${request.departmentCode} 不存在` });
  }
  if (request.categoryCode) requireCategory(context.catalogue, request.categoryCode);
  if (request.action === 'merge') {
    if (!request.mergeInto || request.mergeInto === row.id) throw new AppError('VALIDATION_FAILED', 'merge into another case', { field: 'mergeInto', userMessage: '请填写另一个案件的编号' });
    const target = await visibleCase(db, actor, request.mergeInto).catch(() => {
      throw new AppError('NOT_FOUND', `case ${request.mergeInto} not found`, { field: 'mergeInto', userMessage: `案件 ${request.mergeInto} 不存在` });
    });
    if (target.district_code !== row.district_code || ['voided', 'merged'].includes(target.status)) {
      throw new AppError('VALIDATION_FAILED', 'cannot merge into a voided or merged case', { field: 'mergeInto', userMessage: '不能并入已作废或已并单的案件' });
    }
  }
}

/**
 * Takes one workflow step. Checks scope, state, role and department; applies the step with
 * its clocks; stores it if nobody changed the case since `version` (else CONFLICT); appends
 * the timeline entry, the roll-up delta and the audit row in the same transaction.
 */
export async function actOnCase(deps: CaseDeps & { id: number; request: ActionRequest }): Promise<CaseView> {
  const { db, cache, actor, request } = deps;
  const now = deps.now ?? new Date();
  const row = await visibleCase(db, actor, deps.id);
  if (row.version !== request.version) {
    throw new AppError('CONFLICT', `case ${row.id} is at version ${row.version}, not ${request.version}`, { field: 'version', userMessage: '案件已被他人处理,请刷新后重试' });
  }
  const before = snapshotOf(row);
  const refusal = refuseTransition(request.action, { ...before, pendingRequest: before.pendingRequest }, actor);
  if (refusal) throw new AppError(refusal.code, refusal.reason, { field: 'action', userMessage: refusal.userMessage });
  if (['void', 'return', 'handle', 'request_extension', 'request_park', 'reject_extension', 'reject_park', 'check_fail'].includes(request.action) && !request.note?.trim()) {
    throw new AppError('VALIDATION_FAILED', `${request.action} needs a note`, { field: 'note', userMessage: '请填写意见或理由' });
  }
  const context = await cache.get(row.district_code);
  await checkParams(db, row, request, context, actor);
  if (request.action === 'dispatch' && !request.departmentCode) request.departmentCode = row.department_code;
  const after = applyAction(before, request.action, request, {
    now,
    cal: context.cal,
    actorLabel: actor.label,
    limitsFor: (code, urgency) => limitsOf(context.catalogue, code, urgency),
  });
  const patch = patchOf(after, context.cal, now);
  if (request.townCode) {
    // Routing by hand: an operator places a case that came without a usable place in a town.
    if (request.action !== 'register' || row.town_code) {
      throw new AppError('VALIDATION_FAILED', 'only an unrouted case is placed at registration', { field: 'townCode', userMessage: '只有未定位到镇街的案件可在立案时指定镇街' });
    }
    const routing = await routeCase({ locator: cache.locator, db, actor, districtCode: row.district_code, townCode: request.townCode });
    if (!isInScope(actor, routing.regionPath)) throw new AppError('NOT_FOUND', 'town outside scope', { field: 'townCode', userMessage: '该镇街不在您的辖区内' });
    patch.town_code = routing.townCode;
    patch.region_code = routing.regionCode;
    patch.region_path = routing.regionPath;
  }
  if (request.action === 'register' && ((request.categoryCode && request.categoryCode !== row.category_code) || request.townCode)) {
    const town = patch.town_code ?? row.town_code;
    patch.department_code = departmentOf(context.catalogue, after.categoryCode, town) ?? row.department_code;
  }
  if (request.attachmentIds?.length) {
    const ids = [...new Set(request.attachmentIds)];
    await checkLinkable(db, actor, row.district_code, ids, row.id);
    patch.attachment_ids = [...new Set([...row.attachment_ids, ...ids])];
  }
  await db.transaction().execute(async (tx) => {
    if (request.action === 'merge' && request.mergeInto) {
      // Both cases locked in number order: two merges of A into B and B into A cannot both pass.
      const states = await lockCaseRows(tx, row.district_code, [row.id, request.mergeInto]);
      if (['voided', 'merged'].includes(states.get(request.mergeInto) ?? 'voided')) {
        throw new AppError('TRANSITION_NOT_ALLOWED', 'the target was voided or merged meanwhile', { field: 'mergeInto', userMessage: '并入的案件已作废或已并单' });
      }
    }
    const stored = await updateCaseRow(tx, row.district_code, row.id, row.version, patch);
    if (!stored) throw new AppError('CONFLICT', `case ${row.id} changed meanwhile`, { field: 'version', userMessage: '案件已被他人处理,请刷新后重试' });
    if (request.attachmentIds?.length) await linkAttachments(tx, row.district_code, request.attachmentIds, row.id, stored.region_path);
    if (stored.region_path !== row.region_path) await linkAttachments(tx, row.district_code, row.attachment_ids, row.id, stored.region_path);
    if (row.overdue_at && (!stored.overdue_at || stored.closed_at)) {
      await resolveSupervisionNotice(tx, row.district_code, 'case_overdue', String(row.id), now);
    }
    await appendCaseEvent(tx, row.district_code, row.id, {
      at: now,
      actor_id: actor.userId,
      actor_label: actor.label,
      action: request.action,
      from_status: row.status,
      to_status: stored.status,
      note: request.note?.trim() || null,
      data: eventData(request, stored),
    });
    await applyRollup(tx, row.district_code, row, stored);
    await recordChange(tx, actor, {
      districtCode: row.district_code,
      action: `case.${request.action}`,
      entityType: 'case',
      entityId: String(row.id),
      before: { status: row.status, version: row.version, departmentCode: row.department_code },
      after: { status: stored.status, version: stored.version, departmentCode: stored.department_code, note: request.note ?? null },
    });
  });
  return getCase({ ...deps, id: row.id });
}

function eventData(request: ActionRequest, stored: CaseRow): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  if (request.departmentCode && ['dispatch', 'reassign'].includes(request.action)) data.departmentCode = stored.department_code;
  if (request.amount) data.amount = request.amount;
  if (request.mergeInto) data.mergeInto = request.mergeInto;
  if (request.satisfaction) data.satisfaction = request.satisfaction;
  if (request.categoryCode) data.categoryCode = request.categoryCode;
  if (request.urgency) data.urgency = request.urgency;
  if (request.townCode) data.townCode = request.townCode;
  if (request.assigneeId) data.assigneeId = request.assigneeId;
  if (request.attachmentIds?.length) data.attachmentIds = request.attachmentIds;
  return Object.keys(data).length > 0 ? data : null;
}

/** Takes one step on many cases, each on its own: one failure does not undo the others. */
export async function actOnCases(
  deps: CaseDeps & { cases: { id: number; version: number }[]; request: Omit<ActionRequest, 'version'> },
): Promise<{ results: { id: number; ok: boolean; code?: string; message?: string }[] }> {
  const results: { id: number; ok: boolean; code?: string; message?: string }[] = [];
  for (const c of deps.cases) {
    try {
      await actOnCase({ ...deps, id: c.id, request: { ...deps.request, version: c.version } });
      results.push({ id: c.id, ok: true });
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ id: c.id, ok: false, code: error.code, message: error.userMessage });
    }
  }
  return { results };
}

// ---------------------------------------------------------------------------------------------
// Overdue sweep

/**
 * Marks open cases whose whole-case deadline has passed as overdue, counts them in the
 * roll-up (应结案) and raises a supervision notice (督办) for each. Returns how many it marked.
 * `limit` caps one run (the server's minute timer passes one, so a backlog such as a large
 * import of old open cases drains over several runs instead of holding the database for
 * minutes); between cases the run yields, so requests waiting for the connection go first.
 */
export async function sweepOverdueCases(options: { db: Db; now?: Date; batch?: number; limit?: number }): Promise<number> {
  const { db } = options;
  const now = options.now ?? new Date();
  const actor = systemActor('system:sla');
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let marked = 0;
  for (;;) {
    if (marked >= limit) return marked;
    const rows = await findNewlyOverdueCases(db, now, Math.min(options.batch ?? 200, limit - marked));
    if (rows.length === 0) return marked;
    // One transaction per group of cases: each case still gets its own update (on its
    // version: a case changed meanwhile is left for the next round), timeline entry, notice
    // and audit row, but the group shares one commit, one roll-up write and one turn of the
    // audit chain's lock. A backlog after a large import drains many times faster.
    let progressed = false;
    for (let i = 0; i < rows.length; i += SWEEP_GROUP) {
      // Cases in (district, number) order and roll-up rows in key order, as merges and the
      // intake take their locks: two writers never wait on each other in a circle.
      const group = rows.slice(i, i + SWEEP_GROUP).sort((a, b) => (a.district_code === b.district_code ? a.id - b.id : a.district_code < b.district_code ? -1 : 1));
      const done = await db.transaction().execute(async (tx) => {
        const deltas = new Map<string, RollupDeltas>();
        const changes: AuditChange[] = [];
        for (const row of group) {
          const stored = await updateCaseRow(tx, row.district_code, row.id, row.version, { overdue_at: now, stage: row.stage });
          if (!stored) continue;
          let d = deltas.get(row.district_code);
          if (!d) deltas.set(row.district_code, (d = new RollupDeltas()));
          d.add(row, -1);
          d.add(stored, 1);
          await appendCaseEvent(tx, row.district_code, row.id, {
            at: now,
            actor_id: null,
            actor_label: actor.label,
            action: 'overdue',
            from_status: row.status,
            to_status: row.status,
            note: null,
            data: { deadline: row.close_deadline },
          });
          await insertSupervisionNotice(tx, {
            district_code: row.district_code,
            source_type: 'case_overdue',
            source_id: String(row.id),
            title: `案件 ${row.id} 超过结案时限:${row.description.slice(0, 40)}`,
            region_code: row.region_code,
            region_path: row.region_path,
            department_code: row.department_code,
            colour: 'red',
            raised_at: now,
          });
          changes.push({
            districtCode: row.district_code,
            action: 'case.overdue',
            entityType: 'case',
            entityId: String(row.id),
            before: { overdueAt: null },
            after: { overdueAt: now.toISOString(), closeDeadline: row.close_deadline },
          });
        }
        for (const [districtCode, d] of [...deltas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) await addRollupDeltas(tx, districtCode, d.rows());
        if (changes.length > 0) await recordChanges(tx, actor, changes);
        return changes.length;
      });
      marked += done;
      if (done > 0) progressed = true;
      // Let requests in between groups (PGlite shares this thread).
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!progressed) return marked;
  }
}

/** Cases marked overdue per transaction by the sweep. */
const SWEEP_GROUP = 50;

// ---------------------------------------------------------------------------------------------
// Attachments

/** The types of file a case may carry. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** The largest attachment, in bytes. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** Stores a photo or document for a case that is about to be reported or acted on. */
export async function uploadAttachment(options: {
  db: Db;
  actor: Actor;
  name: string;
  mime: string;
  data: Uint8Array;
}): Promise<{ id: string; name: string; mime: string; size: number }> {
  const { db, actor, data } = options;
  if (actor.role === 'viewer' || actor.role === 'deputy' || actor.role === 'supervisor') {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot upload`, { userMessage: '当前角色不能上传附件' });
  }
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(options.mime)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `type ${options.mime}`, { field: 'file', userMessage: '只支持 JPEG、PNG、WebP 图片和 PDF 文件' });
  }
  if (data.length === 0 || data.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError(data.length === 0 ? 'VALIDATION_FAILED' : 'PAYLOAD_TOO_LARGE', `size ${data.length}`, { field: 'file', userMessage: '附件须为 1 字节到 5 MB' });
  }
  const name = options.name.trim().slice(0, 200) || 'attachment';
  const districtCode = await districtOfActor({ db, actor });
  const id = await insertAttachment(db, { district_code: districtCode, name, mime: options.mime, size: data.length, data, uploaded_by: actor.userId });
  return { id, name, mime: options.mime, size: data.length };
}

/** Checks that the actor may link these uploads (their own, not yet on another case). */
async function checkLinkable(db: Db, actor: Actor, districtCode: string, ids: string[], caseId: number | null): Promise<void> {
  if (ids.length === 0) return;
  const uploader = actor.regionPath === '/' ? null : actor.userId;
  const found = await findLinkableAttachments(db, districtCode, ids, uploader, caseId);
  if (found.length !== ids.length) throw new AppError('NOT_FOUND', 'unknown attachment', { field: 'attachmentIds', userMessage: '附件不存在或不是您上传的' });
}

/**
 * An attachment's bytes: for its uploader, and once it is on a case, for whoever may see
 * that case (its region subtree).
 */
export async function readAttachment(options: { db: Db; actor: Actor; id: string }): Promise<{ name: string; mime: string; data: Uint8Array }> {
  const { actor } = options;
  const found = /^[0-9a-f-]{36}$/.test(options.id) ? await findAttachment(options.db, options.id) : undefined;
  const visible =
    found !== undefined &&
    (actor.regionPath === '/' ||
      (found.district_code === actor.districtCode &&
        ((actor.userId !== null && found.uploaded_by === actor.userId) || (found.region_path !== null && isInScope(actor, found.region_path)))));
  if (!found || !visible) {
    throw new AppError('NOT_FOUND', `attachment ${options.id} not found`, { field: 'id' });
  }
  return { name: found.name, mime: found.mime, data: found.data };
}

/** Whether a district has any case yet (start-up uses it to decide on demo cases). */
export async function hasCases(options: { db: Db; districtCode: string }): Promise<boolean> {
  return districtHasCases(options.db, options.districtCode);
}

// ---------------------------------------------------------------------------------------------
// Supervision notices

/** A supervision notice raised by an overdue case, as shown. */
export interface SupervisionNoticeView {
  id: number;
  sourceType: string;
  sourceId: string;
  title: string;
  regionCode: string | null;
  departmentCode: string | null;
  colour: string;
  raisedAt: string;
  resolvedAt: string | null;
}

/** The newest supervision notices in the actor's scope. */
export async function listNotices(options: { db: Db; actor: Actor; limit: number }): Promise<SupervisionNoticeView[]> {
  const rows = await listSupervisionNotices(options.db, options.actor.regionPath, options.limit);
  return rows.map((r) => ({
    id: r.id,
    sourceType: r.source_type,
    sourceId: r.source_id,
    title: r.title,
    regionCode: r.region_code,
    departmentCode: r.department_code,
    colour: r.colour,
    raisedAt: new Date(r.raised_at).toISOString(),
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  }));
}
