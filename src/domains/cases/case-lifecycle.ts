/**
 * What each workflow action does to a case: its state, timestamps, clocks, pauses, pending
 * requests and counters. Pure (the time and the calendar are passed in), so every path of the
 * workflow is tested without a database; the service loads the case, checks the actor with
 * {@link refuseTransition}, applies the action here and stores the result under optimistic
 * concurrency.
 */
import type { StoredClock, StoredLimit, StoredPause, StoredPendingRequest, StoredStageLimits } from '@/db/schema.js';
import type { WorkingCalendar } from '@/domains/calendar/working-time.js';
import { timeUsed, workingMinutesBetween } from '@/domains/calendar/working-time.js';
import { AppError } from '@/shared/errors.js';
import type { CaseAction, CaseState, CaseUrgency, Satisfaction, SlaStage } from '@/shared/case-vocabulary.js';
import { FINAL_STATES } from '@/shared/case-vocabulary.js';
import { pausesOf, recountClock, startClock, stoppedInTime, toPauses, yellowPoint } from './case-clocks.js';
import { nextState } from './case-workflow.js';

/** The part of a case the lifecycle changes (camelCase mirror of the stored row). */
export interface CaseSnapshot {
  status: CaseState;
  categoryCode: string | null;
  urgency: CaseUrgency;
  departmentCode: string | null;
  assigneeId: string | null;
  receivedAt: Date;
  registeredAt: Date | null;
  dispatchedAt: Date | null;
  acceptedAt: Date | null;
  handledAt: Date | null;
  checkedAt: Date | null;
  closedAt: Date | null;
  visitedAt: Date | null;
  limits: StoredStageLimits | null;
  clocks: Partial<Record<SlaStage, StoredClock>>;
  pauses: StoredPause[];
  pausedSince: Date | null;
  pendingRequest: StoredPendingRequest | null;
  returnCount: number;
  reassignCount: number;
  extensionCount: number;
  reworkCount: number;
  reopenCount: number;
  parkCount: number;
  satisfaction: Satisfaction | null;
  mergedInto: number | null;
  handledOnTime: boolean | null;
  closedOnTime: boolean | null;
  closeWorkingMinutes: number | null;
  overtimeRatio: number | null;
  overdueAt: Date | null;
}

/** The parameters an action may carry (validated by the route's schema). */
export interface ActionParams {
  note?: string | null;
  departmentCode?: string | null;
  assigneeId?: string | null;
  /** 延期: working days. */
  amount?: number | null;
  mergeInto?: number | null;
  satisfaction?: Satisfaction | null;
  categoryCode?: string | null;
  urgency?: CaseUrgency | null;
}

/** What the lifecycle needs from outside. */
export interface LifecycleContext {
  now: Date;
  cal: WorkingCalendar;
  actorLabel: string;
  /** The stage limits of a category at an urgency (null when the category has none). */
  limitsFor: (categoryCode: string | null, urgency: CaseUrgency) => StoredStageLimits | null;
}

/** The longest extension one request may ask for, in working days. */
export const MAX_EXTENSION_DAYS = 30;
/** The working minutes of one working day of a calendar. */
function workingDayMinutes(cal: WorkingCalendar): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return cal.workingHours.reduce((sum, p) => sum + minutes(p.end) - minutes(p.start), 0);
}

function invalid(field: string, message: string, userMessage: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { field, userMessage });
}

function closeOpenPauses(pauses: StoredPause[], at: Date): StoredPause[] {
  return pauses.map((p) => (p.to === null ? { ...p, to: at.toISOString() } : p));
}

/** Stops a running clock at `at` (a no-op for a missing or stopped clock). */
function stop(clocks: CaseSnapshot['clocks'], stage: SlaStage, at: Date): void {
  const clock = clocks[stage];
  if (clock && !clock.end) clocks[stage] = { ...clock, end: at.toISOString() };
}

/** Counts a clock's deadline again when pauses changed (stopped clocks keep theirs). */
function recount(next: CaseSnapshot, cal: WorkingCalendar): void {
  for (const stage of ['handle', 'total'] as const) {
    const clock = next.clocks[stage];
    if (clock && !clock.end) next.clocks[stage] = recountClock(clock, cal, pausesOf(stage, next.pauses).filter((p) => p.to !== null));
  }
}

/**
 * The whole-case clock of a new case: the category's total limit at its urgency, else the
 * 12345 nature's limit, else none yet (set when the case is registered with a category).
 */
export function initialClocks(
  receivedAt: Date,
  limits: StoredStageLimits | null,
  natureLimit: StoredLimit | null,
  cal: WorkingCalendar,
): CaseSnapshot['clocks'] {
  const limit = limits?.total ?? natureLimit;
  return limit ? { total: startClock(limit, receivedAt, cal) } : {};
}

/**
 * Applies `action` to `c` at `ctx.now`. The caller has already checked that the action is
 * allowed from the state and to the actor. Throws VALIDATION_FAILED for missing or bad
 * parameters.
 */
export function applyAction(c: CaseSnapshot, action: CaseAction, params: ActionParams, ctx: LifecycleContext): CaseSnapshot {
  const { now, cal } = ctx;
  const next: CaseSnapshot = { ...c, clocks: { ...c.clocks }, pauses: [...c.pauses] };
  next.status = nextState(action, c.status, params.satisfaction ?? undefined);
  switch (action) {
    case 'request_verification':
      next.assigneeId = params.assigneeId ?? null;
      break;
    case 'report_verification':
      break;
    case 'register': {
      if (params.categoryCode !== undefined && params.categoryCode !== null) next.categoryCode = params.categoryCode;
      if (params.urgency) next.urgency = params.urgency;
      if (!next.categoryCode) throw invalid('categoryCode', 'a case is registered with a category', '立案须选择事件分类');
      const limits = ctx.limitsFor(next.categoryCode, next.urgency);
      if (!limits) throw new AppError('UNKNOWN_CATEGORY', `category ${next.categoryCode} has no case standard`, { field: 'categoryCode' });
      next.limits = limits;
      next.registeredAt = now;
      next.clocks.dispatch = startClock(limits.dispatch, now, cal);
      // The whole-case clock runs from receipt; a case that came without a category (or whose
      // class changed at registration) gets the registered class's limit.
      next.clocks.total = startClock(limits.total, c.receivedAt, cal, toPauses(next.pauses).filter((p) => p.to !== null));
      break;
    }
    case 'void':
    case 'merge':
      if (action === 'merge') {
        if (!params.mergeInto) throw invalid('mergeInto', 'merge needs the case to merge into', '请填写并入的案件编号');
        next.mergedInto = params.mergeInto;
      }
      for (const stage of ['dispatch', 'handle', 'check', 'total'] as const) stop(next.clocks, stage, now);
      break;
    case 'dispatch':
    case 'reassign': {
      if (!params.departmentCode) throw invalid('departmentCode', `${action} needs a department`, '请选择承办部门');
      if (action === 'reassign') {
        if (params.departmentCode === c.departmentCode) throw invalid('departmentCode', 'reassign to another department', '改派须选择另一个部门');
        next.reassignCount += 1;
      }
      next.departmentCode = params.departmentCode;
      next.dispatchedAt = now;
      next.acceptedAt = null;
      stop(next.clocks, 'dispatch', now);
      // A redispatch after a return starts a new handling clock for the new department; a
      // reassignment keeps the running one: the citizen has been waiting all along.
      if (action === 'dispatch' || !next.clocks.handle) {
        const limits = next.limits ?? ctx.limitsFor(next.categoryCode, next.urgency);
        if (!limits) throw new AppError('UNKNOWN_CATEGORY', 'the case has no case standard', { field: 'categoryCode' });
        next.clocks.handle = startClock(limits.handle, now, cal);
      }
      break;
    }
    case 'sign':
      next.acceptedAt = now;
      break;
    case 'return': {
      next.returnCount += 1;
      next.dispatchedAt = null;
      next.acceptedAt = null;
      delete next.clocks.handle;
      const limits = next.limits;
      if (limits) next.clocks.dispatch = startClock(limits.dispatch, now, cal);
      break;
    }
    case 'handle': {
      next.handledAt = now;
      const handle = next.clocks.handle;
      next.handledOnTime = handle ? stoppedInTime(handle, now) : null;
      stop(next.clocks, 'handle', now);
      const limits = next.limits;
      if (limits) next.clocks.check = startClock(limits.check, now, cal);
      break;
    }
    case 'request_extension': {
      const days = params.amount;
      if (!days || !Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
        throw invalid('amount', `extension must be 1–${MAX_EXTENSION_DAYS} working days`, `延期天数须为 1–${MAX_EXTENSION_DAYS} 个工作日`);
      }
      const handle = next.clocks.handle;
      if (handle) {
        // STANDARDS.md §4: an extension is asked for at least one working day before expiry.
        const left = workingMinutesBetween(now, new Date(handle.deadline), cal);
        if (new Date(handle.deadline) <= now || left < workingDayMinutes(cal)) {
          throw new AppError('TRANSITION_NOT_ALLOWED', 'extensions are asked at least one working day before the deadline', {
            field: 'amount',
            userMessage: '延期须在处置时限届满前至少一个工作日提出',
          });
        }
      }
      next.pendingRequest = request('extension', days, params, ctx);
      break;
    }
    case 'approve_extension': {
      const days = c.pendingRequest?.amount ?? 1;
      next.pendingRequest = null;
      next.extensionCount += 1;
      // The granted working days extend the handling and whole-case limits alike.
      for (const stage of ['handle', 'total'] as const) {
        const clock = next.clocks[stage];
        if (clock && !clock.end) next.clocks[stage] = { ...clock, extendedDays: (clock.extendedDays ?? 0) + days };
      }
      recount(next, cal);
      break;
    }
    case 'request_park':
      next.pendingRequest = request('park', null, params, ctx);
      break;
    case 'reject_extension':
    case 'reject_park':
      next.pendingRequest = null;
      break;
    case 'approve_park':
      next.pendingRequest = null;
      next.parkCount += 1;
      next.pausedSince = now;
      next.pauses.push({ from: now.toISOString(), to: null, reason: 'park' });
      break;
    case 'unpark':
      next.pausedSince = null;
      next.pauses = closeOpenPauses(next.pauses, now);
      recount(next, cal);
      break;
    case 'check_pass':
      next.checkedAt = now;
      stop(next.clocks, 'check', now);
      break;
    case 'check_fail':
      next.checkedAt = now;
      next.reworkCount += 1;
      stop(next.clocks, 'check', now);
      // 返工: the department works on under the same handling clock, now running again.
      if (next.clocks.handle) next.clocks.handle = { ...next.clocks.handle, end: null };
      next.handledOnTime = null;
      break;
    case 'close': {
      next.closedAt = now;
      stop(next.clocks, 'total', now);
      const total = next.clocks.total;
      if (total) {
        const pauses = pausesOf('total', next.pauses);
        // 超时倍数 = time used / time allowed, in the limit's own measure, kept for late cases only.
        const used = timeUsed(total.kind, new Date(total.start), new Date(total.deadline), now, cal, pauses);
        next.closedOnTime = stoppedInTime(total, now);
        next.closeWorkingMinutes = workingMinutesBetween(c.receivedAt, now, cal, pauses);
        next.overtimeRatio = next.closedOnTime || used.allowed <= 0 ? null : used.used / used.allowed;
      } else {
        next.closedOnTime = null;
        next.closeWorkingMinutes = workingMinutesBetween(c.receivedAt, now, cal);
        next.overtimeRatio = null;
      }
      break;
    }
    case 'callback': {
      if (!params.satisfaction) throw invalid('satisfaction', 'a call-back records satisfaction', '请选择回访结果');
      next.satisfaction = params.satisfaction;
      if (params.satisfaction === 'unsatisfied') {
        // 发回重办: back to the same department with a fresh handling clock.
        next.reopenCount += 1;
        next.closedAt = null;
        next.closedOnTime = null;
        next.closeWorkingMinutes = null;
        next.overtimeRatio = null;
        next.handledAt = null;
        next.handledOnTime = null;
        next.checkedAt = null;
        // 发回重办 is a new round: fresh handling and whole-case clocks from the call-back, so the
        // reopened case is not overdue on the old deadline the moment it reopens.
        const limits = next.limits;
        if (limits) {
          next.clocks.handle = startClock(limits.handle, now, cal);
          next.clocks.total = startClock(limits.total, now, cal);
        } else if (next.clocks.total) {
          next.clocks.total = { ...next.clocks.total, end: null };
        }
        next.overdueAt = null;
        delete next.clocks.check;
      } else if (params.satisfaction !== 'unreachable') {
        next.visitedAt = now;
      }
      break;
    }
  }
  return next;
}

function request(type: 'extension' | 'park', amount: number | null, params: ActionParams, ctx: LifecycleContext): StoredPendingRequest {
  return { type, amount, reason: params.note ?? null, requestedBy: ctx.actorLabel, requestedAt: ctx.now.toISOString() };
}

/** The clock that is running now (the stage the case waits on), if any. */
export function currentStage(c: Pick<CaseSnapshot, 'status' | 'clocks'>): SlaStage | null {
  if (FINAL_STATES.includes(c.status)) return null;
  switch (c.status) {
    case 'registered':
      return c.clocks.dispatch ? 'dispatch' : null;
    case 'dispatched':
    case 'accepted':
    case 'parked':
      return c.clocks.handle ? 'handle' : null;
    case 'handled':
      return c.clocks.check ? 'check' : null;
    default:
      return c.clocks.total ? 'total' : null;
  }
}

/** The deadline of the running stage and of the whole case, for the indexed columns. */
export function deadlinesOf(
  c: Pick<CaseSnapshot, 'status' | 'clocks'>,
  cal?: WorkingCalendar,
): { stageDeadline: Date | null; stageYellowAt: Date | null; closeDeadline: Date | null } {
  // A parked case's clocks stand still: it has no deadline until it is unparked (and cannot
  // go overdue meanwhile).
  if (c.status === 'parked') return { stageDeadline: null, stageYellowAt: null, closeDeadline: null };
  const stage = currentStage(c);
  const stageClock = stage ? c.clocks[stage] : undefined;
  const running = stageClock && !stageClock.end ? stageClock : undefined;
  const total = c.clocks.total;
  return {
    stageDeadline: running ? new Date(running.deadline) : null,
    stageYellowAt: running && cal ? yellowPoint(running, cal) : null,
    closeDeadline: total && !total.end ? new Date(total.deadline) : null,
  };
}
