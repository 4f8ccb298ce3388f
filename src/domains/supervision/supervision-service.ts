/**
 * 督查督办: supervision items, their workflow, notices, unit ratings and the 红黄黑榜.
 *
 * An item is raised (立项) from a source — a leadership instruction typed in, an overdue case's
 * notice, a red indicator, a lagging project, a deputy's suggestion (人大代表建议) — with a lead
 * unit, assisting units and a deadline; the office assigns it (交办), the lead unit signs,
 * reports progress and applies for completion, the office approves (办结) or rejects (驳回).
 * The minute sweep ({@link sweepSupervision}) recolours items, flags overdue ones and issues the
 * three-colour notices (蓝→黄→红督办单), kept in `supervision_item_notices` (see migration 0007).
 */
import type { z } from 'zod';
import type { Db, Tx } from '@/db/database.js';
import { recordChanges, type AuditChange } from '@/domains/audit/audit-service.js';
import { listNotices } from '@/domains/cases/cases-service.js';
import { getDepartment, listDepartments } from '@/domains/departments/departments-service.js';
import { getBoard } from '@/domains/indicators/indicators-service.js';
import { checkProjectVisible, listLaggingProjects } from '@/domains/projects/projects-service.js';
import { districtOfActor, listDistrictAndTowns, resolveRegion } from '@/domains/regions/regions-service.js';
import { getUser } from '@/domains/users/users-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { AppError, fromDatabaseError, isAppError } from '@/shared/errors.js';
import {
  ACTION_LABELS,
  NOTICE_LABELS,
  SOURCE_LABELS,
  STATE_LABELS,
  type NamedUnitRating,
  type NoticeLevel,
  type RaiseOutcome,
  type Satisfaction,
  type SupervisionAction,
  type SupervisionSourceView,
  type SupervisionState,
  type SupervisionUnitView,
  type UnitKind,
  type UnitRatingsView,
  type UnitSuggestionRates,
} from '@/shared/supervision-vocabulary.js';
import { assertCanRaise, assertCanSweep, canSeeItem, isSystemActor, relationsTo, unitOfActor, type ItemAccess } from './supervision-policy.js';
import {
  cstDate,
  deadlineEnd,
  DEFAULT_SUPERVISION_THRESHOLDS,
  earnedNotice,
  escalateNotice,
  levelsToIssue,
  previousPeriod,
  rateItem,
  rateUnits,
  suggestionRates,
  type ItemClock,
  type UnitRating,
} from './supervision-rating.js';
import {
  countItemsByStateAndColour,
  districtHasItems,
  findItemById,
  findItemByCode,
  findItemsBySources,
  insertItem,
  insertItemEvent,
  insertItemNotice,
  listItemEvents,
  listItemNotices,
  listItems as listItemRows,
  listOpenItemsForSweep,
  nextItemCode,
  updateItem,
  type ItemEventRow,
  type ItemPatch,
  type ItemRow,
} from './supervision-repository.js';
import {
  itemActionSchema,
  raiseFromSourcesSchema,
  raiseItemSchema,
  type ItemActionInput,
  type ListItemsQuery,
  type RaiseFromSourcesInput,
} from './supervision-schemas.js';
import { availableActions, checkTransition, type Relation } from './supervision-workflow.js';

/** Where a supervision item came from. */
export type SupervisionSourceType = 'leadership' | 'case' | 'indicator' | 'project' | 'deputy_suggestion' | 'other';

/** A unit that leads or assists: a department of the district or a region (a town's government). */
export interface SupervisionUnit {
  kind: 'department' | 'region';
  code: string;
}

/** What another domain (or the supervision board) gives to raise an item. */
export interface RaiseSupervisionInput {
  sourceType: SupervisionSourceType;
  /** The source record's id in its domain (case number, project id, indicator code …); null for leadership instructions. */
  sourceId: string | null;
  title: string;
  description: string;
  /** The region the item concerns (scope: who may see it). */
  regionCode: string;
  leadUnit: SupervisionUnit;
  assistingUnits?: SupervisionUnit[];
  /** The deadline, a calendar date `YYYY-MM-DD` (end of that day, China time). */
  deadline: string;
  /** Periodic feedback every this many days (optional). */
  feedbackIntervalDays?: number | null;
  /** For 人大代表建议: the deputy's name (required) and account (optional: they then see and evaluate it). */
  deputyName?: string | null;
  deputyUserId?: string | null;
  /** Assign (交办) at once, in the same transaction. */
  assign?: boolean;
}

/** Parses with a schema, or throws VALIDATION_FAILED naming the first field at fault. */
function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw new AppError('VALIDATION_FAILED', `invalid input at ${field ?? '(root)'}: ${issue?.message ?? ''}`, {
    field,
    userMessage: issue?.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `输入不符合要求${field ? `(${field})` : ''}`,
    details: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}

function transitionError(action: string, state: string): AppError {
  const label = ACTION_LABELS[action as keyof typeof ACTION_LABELS] ?? action;
  return new AppError('TRANSITION_NOT_ALLOWED', `${action} not allowed in ${state}`, {
    field: 'action',
    userMessage: `督办事项当前状态(${STATE_LABELS[state as SupervisionState] ?? state})不能${label}`,
  });
}

function accessOf(row: ItemRow): ItemAccess {
  return {
    districtCode: row.district_code,
    regionPath: row.region_path,
    leadKind: row.lead_kind,
    leadCode: row.lead_code,
    assisting: row.assisting_units,
    deputyUserId: row.deputy_user_id,
  };
}

function clockOf(row: Pick<ItemRow, 'state' | 'deadline' | 'assigned_at' | 'progress' | 'feedback_interval_days' | 'last_feedback_at' | 'completed_on_time'>): ItemClock {
  return {
    state: row.state as SupervisionState,
    deadline: row.deadline,
    assignedAt: row.assigned_at,
    progress: row.progress,
    feedbackIntervalDays: row.feedback_interval_days,
    lastFeedbackAt: row.last_feedback_at,
    completedOnTime: row.completed_on_time,
  };
}

/** The audit image of an item (what an auditor needs to see changed). */
function auditImage(row: ItemRow) {
  return {
    code: row.code,
    state: row.state,
    title: row.title,
    sourceType: row.source_type,
    sourceId: row.source_id,
    lead: `${row.lead_kind}:${row.lead_code}`,
    assisting: row.assisting_units.map((u) => `${u.kind}:${u.code}`),
    deadline: row.deadline,
    progress: row.progress,
    colour: row.colour,
    noticeLevel: row.notice_level,
    metOn: row.met_on,
    repliedOn: row.replied_on,
    satisfaction: row.satisfaction,
    version: row.version,
  };
}

async function checkUnit(db: Db, districtCode: string, unit: SupervisionUnit, field: string): Promise<void> {
  if (unit.kind === 'department') {
    await getDepartment({ db, districtCode, code: unit.code, field: `${field}.code` });
    return;
  }
  const region = await resolveRegion({ db, actor: systemActor('system:supervision'), code: unit.code, field: `${field}.code` });
  if (region.districtCode !== districtCode) {
    throw new AppError('NOT_FOUND', `region ${unit.code} is not in district ${districtCode}`, { field: `${field}.code`, userMessage: `未找到单位 ${unit.code}` });
  }
  // A region unit is a town's government: no account acts for the district (or a village) as a unit,
  // so an item led by one would be orphaned.
  if (region.level !== 'town') {
    throw new AppError('VALIDATION_FAILED', `region ${unit.code} is not a town`, { field: `${field}.code`, userMessage: '主办、协办单位须为区级部门或镇街' });
  }
}

// ---------------------------------------------------------------------------------------------
// Raising

/**
 * Raises a supervision item (待交办, or 已交办 with `assign`) from any source, in its own
 * transaction with its audit row: the supervision board's 立项督办, for the supervising office
 * only. Throws VALIDATION_FAILED (field named) on bad input, FORBIDDEN for roles that may not
 * raise (or assign an item the actor would itself lead or assist), NOT_FOUND for a region, unit
 * or source project outside the actor's scope, ALREADY_EXISTS when an overdue case or
 * indicator already has a live item.
 */
export async function raiseSupervisionItem(options: { db: Db; actor: Actor; input: RaiseSupervisionInput; now?: Date }): Promise<{ id: number; code: string }> {
  assertCanRaise(options.actor);
  const input = parseInput(raiseItemSchema, options.input);
  if (input.sourceType === 'project' && input.sourceId) {
    // The project must exist in the actor's scope (answers NOT_FOUND otherwise).
    const region = await resolveRegion({ db: options.db, actor: options.actor, code: input.regionCode, field: 'regionCode' });
    await checkProjectVisible({ db: options.db, actor: options.actor, districtCode: region.districtCode, ref: input.sourceId, field: 'sourceId' });
  }
  return insertRaisedItem({ ...options, input });
}

/**
 * Raises the supervision item of a problem reported on a key project: the contract the
 * projects domain calls after checking its own policy (the project's editors and supervisors
 * may report). The item always waits (待交办) for the office; the caller derives the lead unit
 * from the project.
 */
export async function raiseProjectSupervisionItem(options: {
  db: Db;
  actor: Actor;
  input: Omit<RaiseSupervisionInput, 'sourceType' | 'assign' | 'deputyName' | 'deputyUserId'>;
  now?: Date;
}): Promise<{ id: number; code: string }> {
  const input = parseInput(raiseItemSchema, { ...options.input, sourceType: 'project', assign: false });
  return insertRaisedItem({ ...options, input: { ...input, assign: false } });
}

async function insertRaisedItem(options: { db: Db; actor: Actor; input: z.output<typeof raiseItemSchema>; now?: Date }): Promise<{ id: number; code: string }> {
  const { db, actor, input } = options;
  const now = options.now ?? new Date();
  const region = await resolveRegion({ db, actor, code: input.regionCode, field: 'regionCode' });
  const districtCode = region.districtCode;
  if (input.deadline < cstDate(now)) {
    throw new AppError('VALIDATION_FAILED', `deadline ${input.deadline} is in the past`, { field: 'deadline', userMessage: '办结时限不能早于今天' });
  }
  const isSuggestion = input.sourceType === 'deputy_suggestion';
  if (isSuggestion && !input.deputyName) {
    throw new AppError('VALIDATION_FAILED', 'a deputy suggestion names the deputy', { field: 'deputyName', userMessage: '人大代表建议须填写代表姓名' });
  }
  if (!isSuggestion && (input.deputyName || input.deputyUserId)) {
    throw new AppError('VALIDATION_FAILED', 'only deputy suggestions name a deputy', { field: 'deputyName', userMessage: '只有人大代表建议才填写代表' });
  }
  if ((input.sourceType === 'case' || input.sourceType === 'indicator' || input.sourceType === 'project') && !input.sourceId) {
    throw new AppError('VALIDATION_FAILED', 'this source needs its id', { field: 'sourceId', userMessage: '请注明来源记录编号' });
  }
  await checkUnit(db, districtCode, input.leadUnit, 'leadUnit');
  const assisting: SupervisionUnit[] = [];
  for (const [i, unit] of input.assistingUnits.entries()) {
    if (unit.kind === input.leadUnit.kind && unit.code === input.leadUnit.code) {
      throw new AppError('VALIDATION_FAILED', 'the lead unit cannot also assist', { field: `assistingUnits.${i}`, userMessage: '主办单位不能同时是协办单位' });
    }
    if (assisting.some((u) => u.kind === unit.kind && u.code === unit.code)) continue;
    await checkUnit(db, districtCode, unit, `assistingUnits.${i}`);
    assisting.push(unit);
  }
  if (input.deputyUserId) {
    const deputy = await getUser({ db, actor: systemActor('system:supervision'), id: input.deputyUserId }).catch(() => null);
    if (!deputy || deputy.role !== 'deputy' || !deputy.regionCode.startsWith(districtCode)) {
      throw new AppError('NOT_FOUND', `deputy ${input.deputyUserId} not found`, { field: 'deputyUserId', userMessage: '未找到该人大代表账号' });
    }
  }
  if (input.assign === true) {
    // 交办 is the office's step: a town cannot raise and assign an item about its own work.
    const relations = relationsTo(actor, { districtCode, regionPath: region.path, leadKind: input.leadUnit.kind, leadCode: input.leadUnit.code, assisting, deputyUserId: null });
    if (!relations.includes('office')) {
      throw new AppError('FORBIDDEN', 'the lead or an assisting unit cannot assign its own item', { field: 'assign', userMessage: '本单位主办或协办的事项须由上级督查部门交办' });
    }
  }
  if (input.sourceId && (input.sourceType === 'case' || input.sourceType === 'indicator')) {
    const existing = await findItemsBySources(db, districtCode, input.sourceType, [input.sourceId]);
    const code = existing.get(input.sourceId);
    if (code) throw alreadyRaised(code);
  }
  try {
    return await db.transaction().execute(async (tx) => {
      const code = await nextItemCode(tx, districtCode, Number(cstDate(now).slice(0, 4)));
      const assign = input.assign === true;
      const state: SupervisionState = assign ? 'assigned' : 'pending';
      const clock: ItemClock = {
        state,
        deadline: input.deadline,
        assignedAt: assign ? now : null,
        progress: 0,
        feedbackIntervalDays: input.feedbackIntervalDays ?? null,
        lastFeedbackAt: null,
        completedOnTime: null,
      };
      const id = await insertItem(tx, {
        district_code: districtCode,
        code,
        source_type: input.sourceType,
        source_id: input.sourceId,
        title: input.title,
        description: input.description,
        region_code: region.code,
        region_path: region.path,
        lead_kind: input.leadUnit.kind,
        lead_code: input.leadUnit.code,
        assisting_units: assisting,
        deadline: input.deadline,
        feedback_interval_days: input.feedbackIntervalDays ?? null,
        state,
        colour: rateItem(clock, now).colour,
        assigned_at: assign ? now : null,
        deputy_name: isSuggestion ? (input.deputyName ?? null) : null,
        deputy_user_id: isSuggestion ? (input.deputyUserId ?? null) : null,
        created_by: actor.label,
        created_at: now,
        updated_at: now,
      });
      await insertItemEvent(tx, districtCode, id, {
        at: now,
        actor_id: actor.userId,
        actor_label: actor.label,
        action: 'raise',
        from_state: null,
        to_state: 'pending',
        note: `${SOURCE_LABELS[input.sourceType]}${input.sourceId ? ` ${input.sourceId}` : ''}`,
        progress: null,
        data: null,
      });
      if (assign) {
        await insertItemEvent(tx, districtCode, id, {
          at: now, actor_id: actor.userId, actor_label: actor.label, action: 'assign', from_state: 'pending', to_state: 'assigned', note: null, progress: null, data: null,
        });
      }
      const row = (await findItemById(tx, id)) as ItemRow;
      await recordChanges(tx, actor, [
        { districtCode, action: 'supervision.raise', entityType: 'supervision_item', entityId: code, before: null, after: auditImage(row) },
      ]);
      return { id, code };
    });
  } catch (error) {
    const known = isAppError(error) ? null : fromDatabaseError(error);
    if (known?.code === 'ALREADY_EXISTS') throw alreadyRaised(input.sourceId ?? '');
    throw error;
  }
}

function alreadyRaised(code: string): AppError {
  return new AppError('ALREADY_EXISTS', `source already has item ${code}`, { field: 'sourceId', userMessage: `该来源已立项督办(${code})` });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Unit names (departments by code, regions by code) for presenting. */
export interface UnitNames {
  department: Map<string, string>;
  region: Map<string, string>;
}

/** Names of the district's departments and towns. */
export async function loadUnitNames(options: { db: Db; actor: Actor }): Promise<UnitNames> {
  const { db, actor } = options;
  const departments = await listDepartments({ db, actor });
  const region = new Map<string, string>();
  const districts = [...new Set(departments.map((d) => d.districtCode))];
  if (districts.length === 0 && actor.districtCode) districts.push(actor.districtCode);
  for (const districtCode of districts) {
    const { district, towns } = await listDistrictAndTowns({ db, districtCode });
    if (district) region.set(district.code, district.name);
    for (const t of towns) region.set(t.code, t.name);
  }
  return { department: new Map(departments.map((d) => [d.code, d.name])), region };
}

/** The units one may pick as lead or assisting units. */
export async function listUnits(options: { db: Db; actor: Actor }): Promise<SupervisionUnitView[]> {
  const names = await loadUnitNames(options);
  return [
    ...[...names.region].filter(([code]) => code.length > 6).map(([code, name]) => ({ kind: 'region' as const, code, name })),
    ...[...names.department].map(([code, name]) => ({ kind: 'department' as const, code, name })),
  ];
}

/** An item's row with what the viewer may do and its live rating. */
export interface ItemState {
  row: ItemRow;
  relations: Relation[];
  actions: SupervisionAction[];
  rating: ReturnType<typeof rateItem>;
}

function stateOf(actor: Actor, row: ItemRow, now: Date): ItemState {
  const relations = relationsTo(actor, accessOf(row));
  return {
    row,
    relations,
    actions: availableActions({ state: row.state as SupervisionState, relations, isSuggestion: row.source_type === 'deputy_suggestion' }),
    rating: rateItem(clockOf(row), now),
  };
}

async function findVisible(db: Db, actor: Actor, ref: string): Promise<ItemRow> {
  const row = /^[0-9]{1,15}$/.test(ref) ? await findItemById(db, Number(ref)) : await findItemByCode(db, ref.toUpperCase(), actor.regionPath, unitOfActor(actor) ?? undefined);
  if (!row || !canSeeItem(actor, accessOf(row))) {
    throw new AppError('NOT_FOUND', `supervision item ${ref} not found`, { userMessage: `未找到督办事项 ${ref}` });
  }
  return row;
}

/** The item list of the board (scope; deputies see their own suggestions only). */
export async function listItems(options: { db: Db; actor: Actor; query: ListItemsQuery; now?: Date }) {
  const { db, actor, query } = options;
  const now = options.now ?? new Date();
  const [kind, code] = query.unit ? (query.unit.split(':') as [string, string]) : [];
  const { rows, total } = await listItemRows(db, {
    pathPrefix: actor.regionPath,
    unit: actor.role === 'deputy' ? undefined : (unitOfActor(actor) ?? undefined),
    states: query.state,
    colours: query.colour,
    sourceTypes: query.source,
    involving: kind && code ? { kind, code } : undefined,
    deputyUserId: actor.role === 'deputy' ? (actor.userId ?? '-') : undefined,
    overdueOnly: query.overdue === 'true',
    text: query.q?.trim() || undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const counts = actor.role === 'deputy' ? [] : await countItemsByStateAndColour(db, actor.regionPath);
  return { items: rows.map((r) => stateOf(actor, r, now)), total, counts, names: await loadUnitNames({ db, actor }) };
}

/** One item with its timeline and notices. */
export async function getItem(options: { db: Db; actor: Actor; ref: string; now?: Date }) {
  const { db, actor } = options;
  const row = await findVisible(db, actor, options.ref);
  const events = await listItemEvents(db, row.district_code, row.id);
  const notices = await listItemNotices(db, '/', row.id);
  return { item: stateOf(actor, row, options.now ?? new Date()), events, notices, names: await loadUnitNames({ db, actor }) };
}

// ---------------------------------------------------------------------------------------------
// Acting

/**
 * Takes one step on an item (交办, 签收, 反馈, 提交办结申请, 审核通过, 驳回, 撤销, 见面, 答复, 评价)
 * if the workflow allows it for the actor, with the version they read (stale → CONFLICT).
 */
export async function actOnItem(options: { db: Db; actor: Actor; ref: string; request: ItemActionInput; now?: Date }): Promise<ItemState> {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  const request = parseInput(itemActionSchema, options.request);
  const row = await findVisible(db, actor, options.ref);
  const isSuggestion = row.source_type === 'deputy_suggestion';
  const relations = relationsTo(actor, accessOf(row));
  const check = checkTransition({ action: request.action, state: row.state as SupervisionState, relations, isSuggestion });
  if (!check.ok) {
    if (check.reason === 'role') {
      throw new AppError('FORBIDDEN', `${actor.role} cannot ${request.action} item ${row.code}`, {
        userMessage: `您不是该督办事项的${request.action === 'evaluate' ? '提出代表' : ['assign', 'approve', 'reject', 'cancel'].includes(request.action) ? '督办单位' : '主办或协办单位'},不能${ACTION_LABELS[request.action]}`,
      });
    }
    if (check.reason === 'not_suggestion') {
      throw new AppError('VALIDATION_FAILED', `${request.action} is for deputy suggestions`, { field: 'action', userMessage: '只有人大代表建议才能登记见面、答复和评价' });
    }
    throw transitionError(request.action, row.state);
  }
  if (row.version !== request.version) throw new AppError('CONFLICT', `item ${row.code} is at version ${row.version}`);
  const patch: ItemPatch = { state: check.to, updated_at: now };
  const note = request.note?.trim() || null;
  const needNote = (message: string) => {
    if (!note) throw new AppError('VALIDATION_FAILED', `${request.action} needs a note`, { field: 'note', userMessage: message });
  };
  const needDate = (what: string): string => {
    const d = request.date;
    if (!d) throw new AppError('VALIDATION_FAILED', `${request.action} needs a date`, { field: 'date', userMessage: `请填写${what}日期` });
    if (d > cstDate(now)) throw new AppError('VALIDATION_FAILED', 'date in the future', { field: 'date', userMessage: `${what}日期不能晚于今天` });
    return d;
  };
  let progress: number | null = null;
  switch (request.action) {
    case 'assign':
      patch.assigned_at = now;
      if (request.deadline) {
        if (request.deadline < cstDate(now)) throw new AppError('VALIDATION_FAILED', 'deadline in the past', { field: 'deadline', userMessage: '办结时限不能早于今天' });
        patch.deadline = request.deadline;
      }
      if (request.feedbackIntervalDays !== undefined) patch.feedback_interval_days = request.feedbackIntervalDays;
      break;
    case 'feedback':
      needNote('请填写反馈内容');
      if (relations.includes('lead') && check.rule.by.includes('lead')) {
        patch.last_feedback_at = now;
        if (request.progress !== null && request.progress !== undefined) {
          progress = request.progress;
          patch.progress = request.progress;
        }
      }
      break;
    case 'submit':
      needNote('请填写办理结果');
      patch.progress = 100;
      progress = 100;
      patch.last_feedback_at = now;
      // On time is judged from the unit's (last) application, not from the office's approval.
      patch.submitted_at = now;
      break;
    case 'approve':
      patch.completed_at = now;
      patch.completed_on_time = (row.submitted_at ?? now) < deadlineEnd(row.deadline);
      break;
    case 'reject':
      needNote('请填写驳回理由');
      patch.reject_count = row.reject_count + 1;
      break;
    case 'cancel':
      needNote('请填写撤销理由');
      patch.cancelled_at = now;
      break;
    case 'meet':
      patch.met_on = needDate('见面');
      break;
    case 'reply':
      patch.replied_on = needDate('答复');
      if (row.met_on && patch.replied_on < row.met_on) {
        throw new AppError('VALIDATION_FAILED', 'reply before meeting', { field: 'date', userMessage: '答复日期不能早于见面日期' });
      }
      break;
    case 'evaluate':
      if (!request.satisfaction) throw new AppError('VALIDATION_FAILED', 'evaluate needs satisfaction', { field: 'satisfaction', userMessage: '请选择满意、基本满意或不满意' });
      if (!row.replied_on) throw new AppError('VALIDATION_FAILED', 'not replied yet', { field: 'satisfaction', userMessage: '该建议尚未答复,不能评价' });
      patch.satisfaction = request.satisfaction;
      break;
  }
  const next = { ...row, ...patch } as ItemRow;
  patch.colour = rateItem(clockOf(next), now).colour;
  return db.transaction().execute(async (tx) => {
    const stored = await updateItem(tx, row.district_code, row.id, row.version, patch);
    if (!stored) throw new AppError('CONFLICT', `item ${row.code} changed meanwhile`);
    await insertItemEvent(tx, row.district_code, row.id, {
      at: now,
      actor_id: actor.userId,
      actor_label: actor.label,
      action: request.action,
      from_state: row.state,
      to_state: stored.state,
      note,
      progress,
      data: request.action === 'meet' || request.action === 'reply' ? { date: request.date } : request.action === 'evaluate' ? { satisfaction: request.satisfaction } : request.action === 'assign' ? { deadline: stored.deadline } : null,
    });
    await recordChanges(tx, actor, [
      { districtCode: row.district_code, action: `supervision.${request.action}`, entityType: 'supervision_item', entityId: row.code, before: auditImage(row), after: { ...auditImage(stored), note } },
    ]);
    return stateOf(actor, stored, now);
  });
}

// ---------------------------------------------------------------------------------------------
// The sweep

/**
 * Recolours open items, flags newly overdue ones (逾期) and escalates their three-colour
 * notices (蓝→黄→红督办单, each colour issued once per item, skipped levels issued together).
 * Called by the server's minute timer next to `sweepOverdueCases`; idempotent. Each item
 * changes in its own transaction; an item changed meanwhile by a person is left for the next run.
 */
export async function sweepSupervision(options: { db: Db; now?: Date; batch?: number }): Promise<{ recoloured: number; overdue: number; notices: number }> {
  const { db } = options;
  const now = options.now ?? new Date();
  const actor = systemActor('system:supervision');
  const totals = { recoloured: 0, overdue: 0, notices: 0 };
  let afterId = 0;
  for (;;) {
    const rows = await listOpenItemsForSweep(db, afterId, options.batch ?? 200);
    if (rows.length === 0) return totals;
    afterId = rows[rows.length - 1]?.id ?? afterId;
    for (const row of rows) {
      const clock = clockOf(row);
      const rating = rateItem(clock, now);
      const newlyOverdue = rating.overdue && row.overdue_at === null;
      const next = escalateNotice(row.notice_level as NoticeLevel | null, earnedNotice(clock, now));
      if (rating.colour === row.colour && !newlyOverdue && next === null) continue;
      await db.transaction().execute(async (tx) => {
        const patch: ItemPatch = { colour: rating.colour };
        if (newlyOverdue) patch.overdue_at = now;
        if (next) patch.notice_level = next;
        const stored = await updateItem(tx, row.district_code, row.id, row.version, patch);
        if (!stored) return;
        if (rating.colour !== row.colour) totals.recoloured += 1;
        const changes: AuditChange[] = [];
        if (newlyOverdue) {
          totals.overdue += 1;
          await insertItemEvent(tx, row.district_code, row.id, {
            at: now, actor_id: null, actor_label: actor.label, action: 'overdue', from_state: row.state, to_state: row.state, note: `超过办结时限 ${row.deadline}`, progress: null, data: { deadline: row.deadline },
          });
          changes.push({ districtCode: row.district_code, action: 'supervision.overdue', entityType: 'supervision_item', entityId: row.code, before: { overdueAt: null }, after: { overdueAt: now.toISOString(), deadline: row.deadline } });
        }
        if (next) {
          for (const level of levelsToIssue(row.notice_level as NoticeLevel | null, next)) {
            const reason = rating.reasons.join(';') || `距截止 ${rating.daysLeft} 天`;
            const issued = await insertItemNotice(tx, { district_code: row.district_code, item_id: row.id, colour: level, lead_kind: row.lead_kind, lead_code: row.lead_code, reason, issued_at: now });
            if (!issued) continue;
            totals.notices += 1;
            await insertItemEvent(tx, row.district_code, row.id, {
              at: now, actor_id: null, actor_label: actor.label, action: 'notice', from_state: row.state, to_state: row.state, note: `${NOTICE_LABELS[level]}:${reason}`, progress: null, data: { colour: level },
            });
          }
          changes.push({ districtCode: row.district_code, action: 'supervision.notice', entityType: 'supervision_item', entityId: row.code, before: { noticeLevel: row.notice_level }, after: { noticeLevel: next } });
        }
        if (changes.length) await recordChanges(tx, actor, changes);
      });
    }
  }
}

/** The sweep on demand (督查人员, 系统管理员, command line). */
export async function runSupervisionSweep(options: { db: Db; actor: Actor; now?: Date }) {
  assertCanSweep(options.actor);
  return sweepSupervision({ db: options.db, now: options.now });
}

// ---------------------------------------------------------------------------------------------
// Sources

/** A record the board offers for 立项督办 (the shared view). */
export type SourceCandidate = SupervisionSourceView;

function defaultIndicatorPeriod(now: Date): string {
  const today = cstDate(now);
  return previousPeriod(today.slice(0, 7));
}

/**
 * Candidates of one kind in the actor's scope: open overdue-case notices (from the cases
 * domain), red indicators of the indicator board for a month (default: last month), lagging
 * projects (from the projects domain).
 */
export async function listSources(options: { db: Db; actor: Actor; kind: 'case' | 'indicator' | 'project'; period?: string; now?: Date }): Promise<SourceCandidate[]> {
  const { db, actor, kind } = options;
  const now = options.now ?? new Date();
  const districtCode = await districtOfActor({ db, actor });
  let out: Omit<SourceCandidate, 'itemCode' | 'leadName'>[] = [];
  if (kind === 'case') {
    const notices = await listNotices({ db, actor, limit: 5000 });
    out = notices
      .filter((n) => n.sourceType === 'case_overdue' && n.resolvedAt === null && n.regionCode)
      .map((n) => ({
        kind,
        id: n.sourceId,
        title: n.title,
        description: `超期案件 ${n.sourceId},督办通知于 ${n.raisedAt.slice(0, 10)} 发出`,
        regionCode: n.regionCode as string,
        lead: n.departmentCode ? { kind: 'department' as const, code: n.departmentCode } : { kind: 'region' as const, code: (n.regionCode as string).slice(0, 9) },
        colour: 'red' as const,
        reason: '案件超过结案时限',
      }));
  } else if (kind === 'indicator') {
    const period = options.period ?? defaultIndicatorPeriod(now);
    const [year, month] = period.split('-').map(Number) as [number, number];
    const board = await getBoard({ db, actor, period: { year, month } });
    const seen = new Set<string>();
    for (const e of [...board.red, ...board.black]) {
      const id = `${e.indicatorCode}@${e.regionCode}@${period}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const behind = e.aheadPp !== null ? `落后序时进度 ${Math.abs(e.aheadPp).toFixed(1)} 个百分点` : e.growthGapPp !== null ? `增速低于目标 ${Math.abs(e.growthGapPp).toFixed(1)} 个百分点` : '红灯';
      out.push({
        kind,
        id,
        title: `${e.regionName}${e.indicatorName}指标落后(${period})`,
        description: `${e.regionName}${period} ${e.indicatorName}${behind}${e.blackListed ? ',已连续两期红灯' : ''}`,
        regionCode: e.regionCode,
        lead: { kind: 'region', code: e.regionCode },
        colour: 'red',
        reason: behind,
      });
    }
  } else {
    const projects = await listLaggingProjects({ db, actor, now });
    out = projects.map((p) => ({
      kind,
      id: String(p.id),
      title: `项目滞后:${p.name}`,
      description: `${p.code} ${p.name}:${p.reason}`,
      regionCode: p.regionCode,
      lead: p.ownerDepartmentCode ? { kind: 'department' as const, code: p.ownerDepartmentCode } : { kind: 'region' as const, code: p.regionCode.slice(0, 9) },
      colour: p.light,
      reason: p.reason,
    }));
  }
  const sourceType = kind;
  const existing = await findItemsBySources(db, districtCode, sourceType, out.map((o) => o.id));
  const names = await loadUnitNames({ db, actor });
  return out.map((o) => ({ ...o, leadName: unitName(names, o.lead.kind, o.lead.code), itemCode: existing.get(o.id) ?? null }));
}

/**
 * 立项督办 from one or many sources (bulk), each in its own transaction: a failure (already
 * raised, gone, out of scope) is reported for that source and does not stop the others.
 */
export async function raiseFromSources(options: { db: Db; actor: Actor; input: RaiseFromSourcesInput; now?: Date }): Promise<{ results: RaiseOutcome[] }> {
  const { db, actor } = options;
  assertCanRaise(actor);
  const input = parseInput(raiseFromSourcesSchema, options.input);
  const cache = new Map<string, Map<string, SourceCandidate>>();
  const results: RaiseOutcome[] = [];
  for (const source of input.sources) {
    try {
      const period = source.kind === 'indicator' ? source.id.split('@')[2] : undefined;
      const key = `${source.kind}/${period ?? ''}`;
      let candidates = cache.get(key);
      if (!candidates) {
        const list = await listSources({ db, actor, kind: source.kind, period: period && /^[0-9]{4}-[0-9]{2}$/.test(period) ? period : undefined, now: options.now });
        candidates = new Map(list.map((c) => [c.id, c]));
        cache.set(key, candidates);
      }
      const candidate = candidates.get(source.id);
      if (!candidate) throw new AppError('NOT_FOUND', `source ${source.kind} ${source.id} not found`, { field: 'sources', userMessage: `未找到来源 ${source.id}(可能已办结或不在您的范围内)` });
      if (candidate.itemCode) throw alreadyRaised(candidate.itemCode);
      const raised = await raiseSupervisionItem({
        db,
        actor,
        now: options.now,
        input: {
          sourceType: source.kind,
          sourceId: source.id,
          title: candidate.title,
          description: candidate.description,
          regionCode: candidate.regionCode,
          leadUnit: candidate.lead,
          deadline: input.deadline,
          feedbackIntervalDays: input.feedbackIntervalDays ?? null,
          assign: input.assign,
        },
      });
      candidate.itemCode = raised.code;
      results.push({ kind: source.kind, id: source.id, ok: true, itemCode: raised.code });
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ kind: source.kind, id: source.id, ok: false, code: error.code, message: error.userMessage });
    }
  }
  return { results };
}

// ---------------------------------------------------------------------------------------------
// Ratings and deputies' suggestions

// The views are defined once in the shared vocabulary, which the web UI imports too.
export type { NamedUnitRating, RaiseOutcome, UnitRatingsView };

function unitName(names: UnitNames, kind: string, code: string): string {
  return (kind === 'department' ? names.department.get(code) : names.region.get(code)) ?? code;
}

/** Unit ratings for a month (default: the current month) and the 红黄黑榜, in the actor's scope. */
export async function getUnitRatings(options: { db: Db; actor: Actor; period?: string; now?: Date }): Promise<UnitRatingsView> {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  const period = options.period ?? cstDate(now).slice(0, 7);
  const { rows } = await listItemRows(db, { pathPrefix: actor.regionPath, limit: 1_000_000, offset: 0, deputyUserId: actor.role === 'deputy' ? (actor.userId ?? '-') : undefined });
  const notices = actor.role === 'deputy' ? [] : await listItemNotices(db, actor.regionPath);
  const key = (kind: string, code: string) => `${kind}:${code}`;
  const rated = rateUnits(
    rows.map((r) => ({
      id: r.id,
      unitKey: key(r.lead_kind, r.lead_code),
      state: r.state as SupervisionState,
      deadline: r.deadline,
      createdAt: r.created_at,
      assignedAt: r.assigned_at,
      submittedAt: r.submitted_at,
      completedAt: r.completed_at,
      completedOnTime: r.completed_on_time,
      cancelledAt: r.cancelled_at,
    })),
    notices.map((n) => ({ itemId: n.item_id, unitKey: key(n.lead_kind, n.lead_code), colour: n.colour as NoticeLevel, issuedAt: n.issued_at })),
    period,
    now,
  );
  const names = await loadUnitNames({ db, actor });
  const name = (r: UnitRating): NamedUnitRating => {
    const [kind, code] = r.unitKey.split(':') as [UnitKind, string];
    return { ...r, kind, code, name: unitName(names, kind, code) };
  };
  return {
    period,
    thresholds: DEFAULT_SUPERVISION_THRESHOLDS,
    ratings: rated.ratings.map(name),
    honour: rated.honour.map(name),
    warning: rated.warning.map(name),
    black: rated.black.map(name),
  };
}

/** The three rates of deputies' suggestions overall and per lead unit, with the suggestions. */
export async function getSuggestionStats(options: { db: Db; actor: Actor; now?: Date }) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  const { rows } = await listItemRows(db, {
    pathPrefix: actor.regionPath,
    sourceTypes: ['deputy_suggestion'],
    deputyUserId: actor.role === 'deputy' ? (actor.userId ?? '-') : undefined,
    limit: 100_000,
    offset: 0,
  });
  // 待交办 suggestions are not yet the unit's: counting them would blame it for the office's delay.
  const live = rows.filter((r) => r.state !== 'cancelled' && r.state !== 'pending');
  const asRate = (r: ItemRow) => ({ metOn: r.met_on, repliedOn: r.replied_on, satisfaction: r.satisfaction as Satisfaction | null });
  const names = await loadUnitNames({ db, actor });
  const byUnit = new Map<string, ItemRow[]>();
  for (const r of live) byUnit.set(`${r.lead_kind}:${r.lead_code}`, [...(byUnit.get(`${r.lead_kind}:${r.lead_code}`) ?? []), r]);
  const units: UnitSuggestionRates[] = [...byUnit].map(([k, list]) => {
    const [kind, code] = k.split(':') as [UnitKind, string];
    return { kind, code, name: unitName(names, kind, code), ...suggestionRates(list.map(asRate)) };
  });
  units.sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  return { overall: suggestionRates(live.map(asRate)), units, items: rows.map((r) => stateOf(actor, r, now)), names };
}

/** Whether a district has supervision items yet (demo seeding). */
export async function hasSupervisionItems(options: { db: Db; districtCode: string }): Promise<boolean> {
  return districtHasItems(options.db, options.districtCode);
}

/** A timeline entry (re-exported for the presenter). */
export type { ItemEventRow, ItemRow, Tx };
/** True when the actor is the command line (for the CLI's scope messages). */
export { isSystemActor };
