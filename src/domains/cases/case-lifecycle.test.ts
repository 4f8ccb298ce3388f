import { describe, expect, it } from 'vitest';
import type { StoredClock, StoredStageLimits } from '@/db/schema.js';
import { createCalendar, workingMinutesBetween, type WorkingCalendar } from '@/domains/calendar/working-time.js';
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import type { CaseAction, CaseState, CaseUrgency } from '@/shared/case-vocabulary.js';
import {
  MAX_EXTENSION_DAYS,
  applyAction,
  currentStage,
  deadlinesOf,
  initialClocks,
  type ActionParams,
  type CaseSnapshot,
  type LifecycleContext,
} from './case-lifecycle.js';
import { refuseTransition } from './case-workflow.js';

// Every instant is written as China Standard Time and asserted as an exact ISO instant (UTC),
// so the tests pass whatever the machine's time zone. Every expected deadline below is worked
// out by hand in the comment next to it, on the default hours 08:30–12:00 and 13:30–17:30
// (450 working minutes a day).

/** The instant of a CST wall-clock time 'YYYY-MM-DD HH:MM'. */
function at(text: string): Date {
  const [date, time] = text.split(' ');
  const instant = new Date(`${date}T${time}:00+08:00`);
  if (Number.isNaN(instant.getTime())) throw new Error(`bad test time ${text}`);
  return instant;
}

/** 'YYYY-MM-DD' dates from `first` to `last` inclusive. */
function dateRange(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/** The State Council's 2024 holiday notice (国办发明电〔2023〕7号). */
const cal2024 = createCalendar({
  holidays: [
    '2024-01-01',
    ...dateRange('2024-02-10', '2024-02-17'), // 春节
    ...dateRange('2024-04-04', '2024-04-06'), // 清明
    ...dateRange('2024-05-01', '2024-05-05'),
    '2024-06-10',
    ...dateRange('2024-09-15', '2024-09-17'),
    ...dateRange('2024-10-01', '2024-10-07'),
  ],
  workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
});

/** 暴露垃圾 (exposed rubbish): 4 working hours to handle (STANDARDS.md §4). */
const GARBAGE = '030101';
/** 绿地养护 (green-space upkeep): 5 working days to handle. */
const GREENERY = '040201';

const LIMITS: Record<string, Record<CaseUrgency, StoredStageLimits>> = {
  [GARBAGE]: {
    normal: {
      dispatch: { kind: 'working_hours', amount: 1 },
      handle: { kind: 'working_hours', amount: 4 },
      check: { kind: 'working_hours', amount: 2 },
      total: { kind: 'working_days', amount: 5 },
    },
    urgent: {
      dispatch: { kind: 'emergency_hours', amount: 0.5 },
      handle: { kind: 'emergency_hours', amount: 2 },
      check: { kind: 'emergency_hours', amount: 1 },
      total: { kind: 'emergency_hours', amount: 24 },
    },
  },
  [GREENERY]: {
    normal: {
      dispatch: { kind: 'working_hours', amount: 2 },
      handle: { kind: 'working_days', amount: 5 },
      check: { kind: 'working_hours', amount: 2 },
      total: { kind: 'working_days', amount: 10 },
    },
    urgent: {
      dispatch: { kind: 'working_hours', amount: 1 },
      handle: { kind: 'working_days', amount: 2 },
      check: { kind: 'working_hours', amount: 2 },
      total: { kind: 'working_days', amount: 5 },
    },
  },
};

function ctx(now: Date, cal: WorkingCalendar = cal2024): LifecycleContext {
  return {
    now,
    cal,
    actorLabel: 'user:tester',
    limitsFor: (code, urgency) => (code === null ? null : (LIMITS[code]?.[urgency] ?? null)),
  };
}

/** A newly received case (待受理). */
function received(receivedAt: Date, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    status: 'reported',
    categoryCode: GARBAGE,
    urgency: 'normal',
    departmentCode: null,
    assigneeId: null,
    receivedAt,
    registeredAt: null,
    dispatchedAt: null,
    acceptedAt: null,
    handledAt: null,
    checkedAt: null,
    closedAt: null,
    visitedAt: null,
    limits: null,
    clocks: {},
    pauses: [],
    pausedSince: null,
    pendingRequest: null,
    returnCount: 0,
    reassignCount: 0,
    extensionCount: 0,
    reworkCount: 0,
    reopenCount: 0,
    parkCount: 0,
    satisfaction: null,
    mergedInto: null,
    handledOnTime: null,
    closedOnTime: null,
    closeWorkingMinutes: null,
    overtimeRatio: null,
    overdueAt: null,
    ...overrides,
  };
}

const admin: Actor = {
  userId: 'u-admin',
  label: 'user:admin',
  role: 'admin',
  districtCode: '330109',
  regionCode: '330109',
  regionPath: '/',
  departmentCode: null,
};

/** Applies one action at a CST time, after checking the state machine allows it. */
function step(c: CaseSnapshot, action: CaseAction, when: string, params: ActionParams = {}, cal?: WorkingCalendar): CaseSnapshot {
  expect(refuseTransition(action, c, admin), `${action} from ${c.status}`).toBeNull();
  return applyAction(c, action, { note: '说明', ...params }, ctx(at(when), cal));
}

/** Applies several actions in turn. */
function run(c: CaseSnapshot, steps: [CaseAction, string, ActionParams?][]): CaseSnapshot {
  return steps.reduce((s, [action, when, params]) => step(s, action, when, params), c);
}

/** The error `fn` throws (fails when it throws none or not an AppError). */
function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

function clock(start: string, deadline: string, end: string | null, kind: StoredClock['kind'], amount: number): StoredClock {
  return { start, deadline, end, kind, amount };
}

// The running example: exposed rubbish reported on Friday 2024-02-09 (除夕, a working day) at
// 14:30, the afternoon before the 2024 Spring Festival holiday (10–17 February); Sunday 18
// February is a 调休 working day.
const RECEIVED = at('2024-02-09 14:30');
// total: 5 working days; the day of receipt never counts: 18 (调休 Sunday), 19, 20, 21, 22 →
// Thursday 2024-02-22 17:30 CST.
const TOTAL_DEADLINE = '2024-02-22T09:30:00.000Z';
// dispatch: 1 working hour from 15:00 on Friday 9th → 16:00.
const DISPATCH_DEADLINE = '2024-02-09T08:00:00.000Z';
// handle: 4 working hours from Friday 16:00: 16:00–17:30 is 1.5 h; the next working day is the
// 调休 Sunday 18th, 08:30 + 2.5 h → Sunday 2024-02-18 11:00 CST.
const HANDLE_DEADLINE = '2024-02-18T03:00:00.000Z';

const fresh = (): CaseSnapshot => received(RECEIVED);
const registered = (): CaseSnapshot => step(fresh(), 'register', '2024-02-09 15:00', { categoryCode: GARBAGE });
const dispatched = (): CaseSnapshot => step(registered(), 'dispatch', '2024-02-09 16:00', { departmentCode: 'CGJ' });
const accepted = (): CaseSnapshot => step(dispatched(), 'sign', '2024-02-09 16:10');

describe('initialClocks', () => {
  it('starts the whole-case clock at receipt from the category’s total limit', () => {
    const limits = LIMITS[GARBAGE]?.normal ?? null;
    expect(initialClocks(RECEIVED, limits, { kind: 'working_days', amount: 15 }, cal2024)).toEqual({
      total: clock(RECEIVED.toISOString(), TOTAL_DEADLINE, null, 'working_days', 5),
    });
  });

  it('falls back on the 12345 nature’s limit', () => {
    // 咨询/求助 5 working days from 2024-02-09 14:30: the same 2024-02-22 17:30.
    expect(initialClocks(RECEIVED, null, { kind: 'working_days', amount: 5 }, cal2024)).toEqual({
      total: clock(RECEIVED.toISOString(), TOTAL_DEADLINE, null, 'working_days', 5),
    });
  });

  it('starts no clock without any limit', () => {
    expect(initialClocks(RECEIVED, null, null, cal2024)).toEqual({});
  });
});

describe('request_verification and report_verification', () => {
  it('assign the verification and come back to reported, without touching clocks', () => {
    const verifying = step(fresh(), 'request_verification', '2024-02-09 14:35', { assigneeId: 'u-gw1' });
    expect(verifying.status).toBe('verifying');
    expect(verifying.assigneeId).toBe('u-gw1');
    const back = step(verifying, 'report_verification', '2024-02-09 14:50');
    expect(back.status).toBe('reported');
    expect(back.clocks).toEqual({});
  });
});

describe('register', () => {
  it('starts the dispatch clock at registration and the whole-case clock at receipt', () => {
    const c = registered();
    expect(c.status).toBe('registered');
    expect(c.registeredAt).toEqual(at('2024-02-09 15:00'));
    expect(c.limits).toEqual(LIMITS[GARBAGE]?.normal);
    expect(c.clocks).toEqual({
      dispatch: clock('2024-02-09T07:00:00.000Z', DISPATCH_DEADLINE, null, 'working_hours', 1),
      total: clock(RECEIVED.toISOString(), TOTAL_DEADLINE, null, 'working_days', 5),
    });
    expect(currentStage(c)).toBe('dispatch');
    expect(deadlinesOf(c)).toMatchObject({ stageDeadline: new Date(DISPATCH_DEADLINE), closeDeadline: new Date(TOTAL_DEADLINE) });
  });

  it('takes the urgency given at registration', () => {
    const c = step(fresh(), 'register', '2024-02-09 15:00', { urgency: 'urgent' });
    expect(c.urgency).toBe('urgent');
    // 0.5 emergency hours from 15:00 → 15:30; 24 emergency hours from receipt, round the
    // clock and through the holiday → Saturday 2024-02-10 14:30 CST.
    expect(c.clocks.dispatch?.deadline).toBe('2024-02-09T07:30:00.000Z');
    expect(c.clocks.total?.deadline).toBe('2024-02-10T06:30:00.000Z');
  });

  it('takes the category given at registration (a case that came without one)', () => {
    const c = step(received(at('2024-04-01 09:00'), { categoryCode: null }), 'register', '2024-04-01 09:30', { categoryCode: GREENERY });
    expect(c.categoryCode).toBe(GREENERY);
    // 2 working hours from 09:30 → 11:30.
    expect(c.clocks.dispatch?.deadline).toBe('2024-04-01T03:30:00.000Z');
    // 10 working days after Monday 1 April; 4–6 April are 清明 holidays and Sunday 7 April a
    // 调休 working day: 2, 3, 7, 8, 9, 10, 11, 12, 15, 16 → Tuesday 2024-04-16 17:30.
    expect(c.clocks.total?.deadline).toBe('2024-04-16T09:30:00.000Z');
  });

  it('refuses a case without a category (VALIDATION_FAILED) or with an unknown one', () => {
    const none = errorOf(() => applyAction(received(RECEIVED, { categoryCode: null }), 'register', {}, ctx(at('2024-02-09 15:00'))));
    expect(none.code).toBe('VALIDATION_FAILED');
    expect(none.field).toBe('categoryCode');
    const unknown = errorOf(() => applyAction(fresh(), 'register', { categoryCode: '999999' }, ctx(at('2024-02-09 15:00'))));
    expect(unknown.code).toBe('UNKNOWN_CATEGORY');
  });
});

describe('void and merge', () => {
  it('void stops every running clock', () => {
    const c = step(registered(), 'void', '2024-02-09 15:20');
    expect(c.status).toBe('voided');
    expect(c.clocks.dispatch?.end).toBe('2024-02-09T07:20:00.000Z');
    expect(c.clocks.total?.end).toBe('2024-02-09T07:20:00.000Z');
    expect(deadlinesOf(c)).toMatchObject({ stageDeadline: null, closeDeadline: null });
  });

  it('merge records the case merged into and stops every clock', () => {
    const c = step(registered(), 'merge', '2024-02-09 15:20', { mergeInto: 41 });
    expect(c.status).toBe('merged');
    expect(c.mergedInto).toBe(41);
    expect(c.clocks.total?.end).toBe('2024-02-09T07:20:00.000Z');
  });
});

describe('dispatch, sign, return and reassign', () => {
  it('dispatch stops the dispatch clock and starts the handling clock across the Spring Festival', () => {
    const c = dispatched();
    expect(c.status).toBe('dispatched');
    expect(c.departmentCode).toBe('CGJ');
    expect(c.dispatchedAt).toEqual(at('2024-02-09 16:00'));
    expect(c.clocks.dispatch).toEqual(clock('2024-02-09T07:00:00.000Z', DISPATCH_DEADLINE, '2024-02-09T08:00:00.000Z', 'working_hours', 1));
    expect(c.clocks.handle).toEqual(clock('2024-02-09T08:00:00.000Z', HANDLE_DEADLINE, null, 'working_hours', 4));
    expect(c.clocks.total?.deadline).toBe(TOTAL_DEADLINE);
    expect(c.clocks.total?.end).toBeNull();
    expect(currentStage(c)).toBe('handle');
    expect(deadlinesOf(c).stageDeadline).toEqual(new Date(HANDLE_DEADLINE));
  });

  it('sign records the acceptance and leaves the clocks alone', () => {
    const before = dispatched();
    const c = step(before, 'sign', '2024-02-09 16:10');
    expect(c.status).toBe('accepted');
    expect(c.acceptedAt).toEqual(at('2024-02-09 16:10'));
    expect(c.clocks).toEqual(before.clocks);
  });

  it.each<[string, () => CaseSnapshot]>([
    ['dispatched', dispatched],
    ['accepted', accepted],
  ])('a return from %s counts, drops the handling clock and restarts the dispatch clock', (_name, make) => {
    const c = step(make(), 'return', '2024-02-18 09:00', { note: '不属于本部门职责' });
    expect(c.status).toBe('registered');
    expect(c.returnCount).toBe(1);
    expect(c.dispatchedAt).toBeNull();
    expect(c.acceptedAt).toBeNull();
    expect(c.clocks.handle).toBeUndefined();
    // 1 working hour from 09:00 on the 调休 Sunday → 10:00.
    expect(c.clocks.dispatch).toEqual(clock('2024-02-18T01:00:00.000Z', '2024-02-18T02:00:00.000Z', null, 'working_hours', 1));
    expect(c.clocks.total?.deadline).toBe(TOTAL_DEADLINE);
    expect(currentStage(c)).toBe('dispatch');

    // Redispatched at 09:30 to the right department: a new handling clock of 4 working hours,
    // 09:30–12:00 (2.5 h) and 13:30–15:00 (1.5 h) → 15:00.
    const again = step(c, 'dispatch', '2024-02-18 09:30', { departmentCode: 'ZJJ' });
    expect(again.departmentCode).toBe('ZJJ');
    expect(again.clocks.dispatch?.end).toBe('2024-02-18T01:30:00.000Z');
    expect(again.clocks.handle).toEqual(clock('2024-02-18T01:30:00.000Z', '2024-02-18T07:00:00.000Z', null, 'working_hours', 4));

    const twice = step(step(again, 'sign', '2024-02-18 09:40'), 'return', '2024-02-18 10:00');
    expect(twice.returnCount).toBe(2);
  });

  it('reassign counts, changes department and keeps the running handling clock', () => {
    const before = accepted();
    const c = step(before, 'reassign', '2024-02-18 09:00', { departmentCode: 'ZJJ' });
    expect(c.status).toBe('dispatched');
    expect(c.reassignCount).toBe(1);
    expect(c.departmentCode).toBe('ZJJ');
    expect(c.dispatchedAt).toEqual(at('2024-02-18 09:00'));
    expect(c.acceptedAt).toBeNull();
    expect(c.clocks.handle).toEqual(before.clocks.handle);
  });
});

describe('handle', () => {
  it.each<[string, boolean, string]>([
    ['2024-02-09 17:00', true, 'before the holiday'],
    ['2024-02-18 10:30', true, 'half an hour early on the 调休 Sunday'],
    ['2024-02-18 11:00', true, 'exactly at the deadline'],
    ['2024-02-18 11:01', false, 'a minute late'],
    ['2024-02-19 09:00', false, 'the next morning'],
  ])('handled at %s: on time %s (%s)', (when, onTime) => {
    const c = step(accepted(), 'handle', when, { note: '已清运' });
    expect(c.status).toBe('handled');
    expect(c.handledAt).toEqual(at(when));
    expect(c.handledOnTime).toBe(onTime);
    expect(c.clocks.handle?.end).toBe(at(when).toISOString());
    expect(c.clocks.check?.start).toBe(at(when).toISOString());
    expect(currentStage(c)).toBe('check');
  });

  it('starts a check clock of 2 working hours: 10:30 → 12:00 is 1.5 h, 13:30 → 14:00 the rest', () => {
    const c = step(accepted(), 'handle', '2024-02-18 10:30');
    expect(c.clocks.check).toEqual(clock('2024-02-18T02:30:00.000Z', '2024-02-18T06:00:00.000Z', null, 'working_hours', 2));
  });
});

describe('check_pass and check_fail (返工)', () => {
  const handled = (): CaseSnapshot => step(accepted(), 'handle', '2024-02-18 10:30');

  it('check_pass stops the check clock', () => {
    const c = step(handled(), 'check_pass', '2024-02-18 13:40');
    expect(c.status).toBe('checked');
    expect(c.checkedAt).toEqual(at('2024-02-18 13:40'));
    expect(c.clocks.check?.end).toBe('2024-02-18T05:40:00.000Z');
    expect(c.reworkCount).toBe(0);
    expect(currentStage(c)).toBe('total');
    expect(deadlinesOf(c)).toMatchObject({ stageDeadline: new Date(TOTAL_DEADLINE), closeDeadline: new Date(TOTAL_DEADLINE) });
  });

  it('check_fail counts the rework and runs the same handling clock again', () => {
    const c = step(handled(), 'check_fail', '2024-02-18 13:40', { note: '仍有垃圾' });
    expect(c.status).toBe('accepted');
    expect(c.reworkCount).toBe(1);
    expect(c.checkedAt).toEqual(at('2024-02-18 13:40'));
    expect(c.clocks.check?.end).toBe('2024-02-18T05:40:00.000Z');
    expect(c.clocks.handle).toEqual(clock('2024-02-09T08:00:00.000Z', HANDLE_DEADLINE, null, 'working_hours', 4));
    expect(c.handledOnTime).toBeNull();
    expect(deadlinesOf(c).stageDeadline).toEqual(new Date(HANDLE_DEADLINE));

    // Handled again after the original deadline: late now, and a fresh check clock
    // (2 working hours from Monday 09:00 → 11:00).
    const again = step(c, 'handle', '2024-02-19 09:00');
    expect(again.handledOnTime).toBe(false);
    expect(again.clocks.handle?.end).toBe('2024-02-19T01:00:00.000Z');
    expect(again.clocks.check).toEqual(clock('2024-02-19T01:00:00.000Z', '2024-02-19T03:00:00.000Z', null, 'working_hours', 2));
    const twice = step(again, 'check_fail', '2024-02-19 09:30');
    expect(twice.reworkCount).toBe(2);
  });
});

describe('park (挂账) and unpark', () => {
  it('request_park leaves a pending request; reject_park clears it', () => {
    const c = step(accepted(), 'request_park', '2024-02-18 09:00', { note: '需协调产权单位' });
    expect(c.status).toBe('accepted');
    expect(c.pendingRequest).toEqual({
      type: 'park',
      amount: null,
      reason: '需协调产权单位',
      requestedBy: 'user:tester',
      requestedAt: '2024-02-18T01:00:00.000Z',
    });
    const rejected = step(c, 'reject_park', '2024-02-18 09:10');
    expect(rejected.pendingRequest).toBeNull();
    expect(rejected.parkCount).toBe(0);
    expect(rejected.pauses).toEqual([]);
    expect(rejected.clocks).toEqual(c.clocks);
  });

  // Parked on the 调休 Sunday at 09:30, unparked on Monday at 10:00. Paused working time:
  // 09:30–12:00 (150) + 13:30–17:30 (240) + Monday 08:30–10:00 (90) = 480 minutes.
  const parked = (): CaseSnapshot =>
    run(accepted(), [
      ['request_park', '2024-02-18 09:00'],
      ['approve_park', '2024-02-18 09:30'],
    ]);

  it('approve_park pauses the case: an open pause, the deadlines left as they were', () => {
    const c = parked();
    expect(c.status).toBe('parked');
    expect(c.parkCount).toBe(1);
    expect(c.pendingRequest).toBeNull();
    expect(c.pausedSince).toEqual(at('2024-02-18 09:30'));
    expect(c.pauses).toEqual([{ from: '2024-02-18T01:30:00.000Z', to: null, reason: 'park' }]);
    expect(c.clocks.handle?.deadline).toBe(HANDLE_DEADLINE);
    expect(c.clocks.total?.deadline).toBe(TOTAL_DEADLINE);
  });

  it('unpark moves the handling and whole-case deadlines by the paused working time', () => {
    const c = step(parked(), 'unpark', '2024-02-19 10:00');
    expect(c.status).toBe('accepted');
    expect(c.pausedSince).toBeNull();
    expect(c.pauses).toEqual([{ from: '2024-02-18T01:30:00.000Z', to: '2024-02-19T02:00:00.000Z', reason: 'park' }]);
    expect(workingMinutesBetween(at('2024-02-18 09:30'), at('2024-02-19 10:00'), cal2024)).toBe(480);

    // handle: Friday 16:00–17:30 (90) + Sunday 08:30–09:30 (60) before the pause; the last 90
    // minutes from Monday 10:00 → Monday 2024-02-19 11:30 (was Sunday 11:00: + 480 working min).
    expect(c.clocks.handle?.deadline).toBe('2024-02-19T03:30:00.000Z');
    // total: 5 × 450 = 2250 minutes from the midnight after the 9th: 60 on Sunday before the
    // pause, 360 on Monday from 10:00, 450 on each of 20–23 (1800) make 2220; the last 30 fall
    // on Monday 26th (24–25 are an ordinary weekend) → 2024-02-26 09:00 (was 22nd 17:30).
    expect(c.clocks.total?.deadline).toBe('2024-02-26T01:00:00.000Z');
    for (const stage of ['handle', 'total'] as const) {
      const before = stage === 'handle' ? HANDLE_DEADLINE : TOTAL_DEADLINE;
      expect(workingMinutesBetween(new Date(before), new Date(c.clocks[stage]?.deadline ?? ''), cal2024)).toBe(480);
    }
    expect(deadlinesOf(c)).toMatchObject({
      stageDeadline: new Date('2024-02-19T03:30:00.000Z'),
      closeDeadline: new Date('2024-02-26T01:00:00.000Z'),
    });
  });

  it('a park over the holiday moves the working-hour clock by all of it, the working-day clock only by what it counts', () => {
    // Parked Friday 9th 17:00, unparked Sunday 18th 09:00: 30 minutes on Friday and 30 on
    // Sunday are paused.
    const c = run(accepted(), [
      ['request_park', '2024-02-09 16:50'],
      ['approve_park', '2024-02-09 17:00'],
      ['unpark', '2024-02-18 09:00'],
    ]);
    // handle: 16:00–17:00 counted (60), 180 left from Sunday 09:00 → exactly 12:00 (not 13:30).
    expect(c.clocks.handle?.deadline).toBe('2024-02-18T04:00:00.000Z');
    // total: a working-day limit never counts the day of receipt, so only Sunday's 30 paused
    // minutes move it: 22nd 17:30 + 30 working minutes → Friday 2024-02-23 09:00.
    expect(c.clocks.total?.deadline).toBe('2024-02-23T01:00:00.000Z');
  });

  it('a second park adds up with the first', () => {
    const c = run(step(parked(), 'unpark', '2024-02-19 10:00'), [
      ['request_park', '2024-02-19 10:30'],
      ['approve_park', '2024-02-19 11:00'],
      ['unpark', '2024-02-19 14:00'],
    ]);
    expect(c.parkCount).toBe(2);
    // Another 11:00–12:00 + 13:30–14:00 = 90 paused minutes: 30 minutes of handling were left
    // at 11:00 (10:00–11:00 used 60 of the last 90), so 14:00 + 30 → 14:30.
    expect(c.clocks.handle?.deadline).toBe('2024-02-19T06:30:00.000Z');
    // total: 26th 09:00 + 90 working minutes → 10:30.
    expect(c.clocks.total?.deadline).toBe('2024-02-26T02:30:00.000Z');
  });

  it('a parked case has no running deadline, so the overdue sweep cannot mark it while the clock is stopped', () => {
    // STANDARDS.md §4: the clock stops while a case is 挂账. Parked on the 18th at 09:30 and
    // still parked on the 23rd, after its pre-park whole-case deadline (22nd 17:30), the case
    // is not overdue; but deadlinesOf still gives the stale deadlines, which the service writes
    // to close_deadline and sweepOverdueCases compares with now.
    const c = parked();
    expect(deadlinesOf(c)).toMatchObject({ stageDeadline: null, closeDeadline: null });
  });
});

describe('extensions (延期)', () => {
  // Green-space upkeep received Monday 2024-04-01 09:00, dispatched 10:00: 5 working days to
  // handle after Monday: 2, 3, (清明 4–6), 7 (调休 Sunday), 8, 9 → Tuesday 2024-04-09 17:30.
  const GREEN_HANDLE = '2024-04-09T09:30:00.000Z';
  const GREEN_TOTAL = '2024-04-16T09:30:00.000Z';
  const green = (): CaseSnapshot =>
    run(received(at('2024-04-01 09:00'), { categoryCode: GREENERY }), [
      ['register', '2024-04-01 09:30'],
      ['dispatch', '2024-04-01 10:00', { departmentCode: 'YLJ' }],
      ['sign', '2024-04-01 10:30'],
    ]);

  it('the example case has the deadlines worked out by hand', () => {
    const c = green();
    expect(c.clocks.handle?.deadline).toBe(GREEN_HANDLE);
    expect(c.clocks.total?.deadline).toBe(GREEN_TOTAL);
  });

  it('request_extension leaves a pending request with the days asked for', () => {
    const c = step(green(), 'request_extension', '2024-04-08 09:00', { amount: 3, note: '苗木未到' });
    expect(c.status).toBe('accepted');
    expect(c.pendingRequest).toEqual({
      type: 'extension',
      amount: 3,
      reason: '苗木未到',
      requestedBy: 'user:tester',
      requestedAt: '2024-04-08T01:00:00.000Z',
    });
    expect(c.clocks).toEqual(green().clocks);
  });

  it('approve_extension of N working days adds N working days to the handling and whole-case deadlines', () => {
    const c = run(green(), [
      ['request_extension', '2024-04-08 09:00', { amount: 3 }],
      ['approve_extension', '2024-04-08 10:00'],
    ]);
    expect(c.status).toBe('accepted');
    expect(c.pendingRequest).toBeNull();
    expect(c.extensionCount).toBe(1);
    // Tuesday 9th + 3 working days: 10, 11, 12 → Friday 2024-04-12 17:30.
    expect(c.clocks.handle).toMatchObject({ deadline: '2024-04-12T09:30:00.000Z', extendedDays: 3, end: null });
    // Tuesday 16th + 3: 17, 18, 19 → Friday 2024-04-19 17:30.
    expect(c.clocks.total).toMatchObject({ deadline: '2024-04-19T09:30:00.000Z', extendedDays: 3, end: null });

    // A second extension of 2 days adds up: 9th + 5 = 10, 11, 12, 15, 16 → 16th; 16th + 5 =
    // 17, 18, 19, 22, 23 → 23rd.
    const twice = run(c, [
      ['request_extension', '2024-04-11 09:00', { amount: 2 }],
      ['approve_extension', '2024-04-11 09:30'],
    ]);
    expect(twice.extensionCount).toBe(2);
    expect(twice.clocks.handle).toMatchObject({ deadline: '2024-04-16T09:30:00.000Z', extendedDays: 5 });
    expect(twice.clocks.total).toMatchObject({ deadline: '2024-04-23T09:30:00.000Z', extendedDays: 5 });
  });

  it('an extension across the 清明 holiday skips it and counts the 调休 Sunday', () => {
    // Received Wednesday 2024-03-27 09:00, dispatched 10:00: handle 5 working days after the
    // 27th: 28, 29, 1 April, 2, 3 → Wednesday 2024-04-03 17:30. total 10 working days: 28, 29,
    // 1, 2, 3, 7 (调休), 8, 9, 10, 11 → Thursday 2024-04-11 17:30.
    const c = run(received(at('2024-03-27 09:00'), { categoryCode: GREENERY }), [
      ['register', '2024-03-27 09:30'],
      ['dispatch', '2024-03-27 10:00', { departmentCode: 'YLJ' }],
      ['sign', '2024-03-27 10:30'],
    ]);
    expect(c.clocks.handle?.deadline).toBe('2024-04-03T09:30:00.000Z');
    expect(c.clocks.total?.deadline).toBe('2024-04-11T09:30:00.000Z');
    const extended = run(c, [
      ['request_extension', '2024-04-01 09:00', { amount: 2 }],
      ['approve_extension', '2024-04-01 10:00'],
    ]);
    // 3rd + 2 working days: (4–6 清明) 7 (调休 Sunday), 8 → Monday 2024-04-08 17:30.
    expect(extended.clocks.handle?.deadline).toBe('2024-04-08T09:30:00.000Z');
    // 11th + 2: 12, (13–14 weekend) 15 → Monday 2024-04-15 17:30.
    expect(extended.clocks.total?.deadline).toBe('2024-04-15T09:30:00.000Z');
  });

  describe('a park inside the extended time', () => {
    // Extended by 3 days on the 8th (handle 9th → 12th, total 16th → 19th), then parked from
    // Thursday 11th 09:00 to Friday 12th 09:00: 420 + 30 = 450 paused working minutes, one
    // working day, inside the extended handling time and before either unextended deadline
    // of the whole case.
    const parkedInExtension = (): CaseSnapshot =>
      run(green(), [
        ['request_extension', '2024-04-08 09:00', { amount: 3 }],
        ['approve_extension', '2024-04-08 10:00'],
        ['request_park', '2024-04-11 08:50'],
        ['approve_park', '2024-04-11 09:00'],
        ['unpark', '2024-04-12 09:00'],
      ]);

    it('moves the whole-case deadline by the paused day: 16th + 1 day → 17th, + 3 days → Monday 22nd', () => {
      const c = parkedInExtension();
      expect(workingMinutesBetween(at('2024-04-11 09:00'), at('2024-04-12 09:00'), cal2024)).toBe(450);
      expect(c.clocks.total?.deadline).toBe('2024-04-22T09:30:00.000Z');
    });

    it('moves the handling deadline by the paused day too: 12th 17:30 → Monday 15th 17:30', () => {
      // recountClock counts the pauses against the unextended limit (due 9th 17:30, so a pause
      // on the 11th is "after the deadline" and ignored), then adds the extension days: the
      // day the case stood parked is lost and the deadline stays Friday 12th 17:30.
      const c = parkedInExtension();
      expect(c.clocks.handle?.deadline).toBe('2024-04-15T09:30:00.000Z');
    });
  });

  it('approve_extension of a request without an amount grants one day', () => {
    const c = green();
    const asked: CaseSnapshot = {
      ...c,
      pendingRequest: { type: 'extension', amount: null, reason: null, requestedBy: 'user:x', requestedAt: '2024-04-08T01:00:00.000Z' },
    };
    const approved = step(asked, 'approve_extension', '2024-04-08 10:00');
    expect(approved.extensionCount).toBe(1);
    // 9th + 1 → 10th; 16th + 1 → 17th.
    expect(approved.clocks.handle).toMatchObject({ deadline: '2024-04-10T09:30:00.000Z', extendedDays: 1 });
    expect(approved.clocks.total).toMatchObject({ deadline: '2024-04-17T09:30:00.000Z', extendedDays: 1 });
  });

  it('reject_extension clears the request and leaves the deadlines', () => {
    const asked = step(green(), 'request_extension', '2024-04-08 09:00', { amount: 3 });
    const c = step(asked, 'reject_extension', '2024-04-08 10:00', { note: '理由不充分' });
    expect(c.pendingRequest).toBeNull();
    expect(c.extensionCount).toBe(0);
    expect(c.clocks).toEqual(green().clocks);
  });

  it.each<[string, 'allowed' | 'refused', string]>([
    ['2024-04-03 17:00', 'allowed', 'before the holiday: 30 + 3 × 450 minutes left'],
    ['2024-04-05 10:00', 'allowed', 'on the holiday: 7, 8, 9 left'],
    ['2024-04-08 17:30', 'allowed', 'exactly one working day (the 9th) left'],
    ['2024-04-09 08:30', 'allowed', 'the whole 9th, 450 minutes, left'],
    ['2024-04-09 08:31', 'refused', '449 minutes left'],
    ['2024-04-09 12:00', 'refused', '330 minutes left'],
    ['2024-04-09 17:30', 'refused', 'at the deadline'],
    ['2024-04-10 09:00', 'refused', 'after the deadline'],
  ])('request_extension at %s: %s (%s)', (when, expected) => {
    const attempt = (): CaseSnapshot => applyAction(green(), 'request_extension', { amount: 2, note: '说明' }, ctx(at(when)));
    if (expected === 'allowed') {
      expect(attempt().pendingRequest?.type).toBe('extension');
    } else {
      const error = errorOf(attempt);
      expect(error.code).toBe('TRANSITION_NOT_ALLOWED');
      expect(error.userMessage).toBe('延期须在处置时限届满前至少一个工作日提出');
    }
  });

  it.each([1, MAX_EXTENSION_DAYS])('accepts an extension of %s working days', (amount) => {
    const c = step(green(), 'request_extension', '2024-04-02 09:00', { amount });
    expect(c.pendingRequest?.amount).toBe(amount);
  });

  it('“one working day before expiry” is one day of the case’s own calendar, not a fixed 450 minutes', () => {
    // Summer hours 08:00–12:00 and 14:00–18:00 make a working day of 480 minutes. The handling
    // deadline is Tuesday 2024-04-09 18:00; asked at 08:20 that day only 220 + 240 = 460
    // working minutes (less than one working day) are left, so the request must be refused.
    const summer = createCalendar({
      workingHours: [
        { start: '08:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
    });
    const c = received(at('2024-04-01 09:00'), {
      status: 'accepted',
      categoryCode: GREENERY,
      departmentCode: 'YLJ',
      clocks: { handle: clock('2024-04-01T02:00:00.000Z', '2024-04-09T10:00:00.000Z', null, 'working_days', 5) },
    });
    expect(workingMinutesBetween(at('2024-04-09 08:20'), at('2024-04-09 18:00'), summer)).toBe(460);
    const error = errorOf(() => applyAction(c, 'request_extension', { amount: 1 }, ctx(at('2024-04-09 08:20'), summer)));
    expect(error.code).toBe('TRANSITION_NOT_ALLOWED');
  });
});

describe('close', () => {
  // Handled Sunday 18th 10:30, checked 11:00; the whole-case deadline is the 22nd 17:30.
  const checked = (): CaseSnapshot =>
    run(accepted(), [
      ['handle', '2024-02-18 10:30'],
      ['check_pass', '2024-02-18 11:00'],
    ]);

  it.each<[string, boolean, number, number | null, string]>([
    // Friday 14:30–17:30 (180) + Sunday 18th (450) + Monday 08:30–10:00 (90) = 720.
    ['2024-02-19 10:00', true, 720, null, 'three days early'],
    // 180 + 5 × 450 = 2430: exactly at the deadline is on time.
    ['2024-02-22 17:30', true, 2430, null, 'at the deadline'],
    // 180 + 6 × 450 (18–23) + 90 = 2970 working minutes since receipt. 超时倍数 is in the
    // limit's own measure, which for working days starts at the midnight after receipt:
    // 6 × 450 + 90 = 2790 used of 5 × 450 = 2250 allowed.
    ['2024-02-26 10:00', false, 2970, 2790 / 2250, 'two working days late'],
    // 2430 + 1 since receipt; 2251 of 2250 in the limit's measure.
    ['2024-02-23 08:31', false, 2431, 2251 / 2250, 'one working minute late'],
  ])('closed at %s: on time %s, %s working minutes, 超时倍数 %s (%s)', (when, onTime, minutes, ratio) => {
    const c = step(checked(), 'close', when);
    expect(c.status).toBe('closed');
    expect(c.closedAt).toEqual(at(when));
    expect(c.clocks.total?.end).toBe(at(when).toISOString());
    expect(c.closedOnTime).toBe(onTime);
    expect(c.closeWorkingMinutes).toBe(minutes);
    if (ratio === null) expect(c.overtimeRatio).toBeNull();
    else expect(c.overtimeRatio).toBeCloseTo(ratio, 12);
    expect(currentStage(c)).toBeNull();
    expect(deadlinesOf(c)).toMatchObject({ stageDeadline: null, closeDeadline: null });
  });

  it('leaves paused time out of both the time used and the time allowed', () => {
    const c = run(accepted(), [
      ['request_park', '2024-02-18 09:00'],
      ['approve_park', '2024-02-18 09:30'],
      ['unpark', '2024-02-19 10:00'],
      ['handle', '2024-02-19 11:00'],
      ['check_pass', '2024-02-19 13:40'],
      ['close', '2024-02-26 10:00'],
    ]);
    expect(c.handledOnTime).toBe(true); // deadline moved to 19th 11:30
    expect(c.closedOnTime).toBe(false); // deadline moved to 26th 09:00
    // Since receipt: 2970 − 480 paused = 2490. In the limit's measure (from midnight after
    // receipt): used 2790 − 480 = 2310; allowed to 26th 09:00 = 2700 + 30 − 480 = 2250, the
    // limit itself: a pause moves the deadline, never the allowance.
    expect(c.closeWorkingMinutes).toBe(2490);
    expect(c.overtimeRatio).toBeCloseTo(2310 / 2250, 12);
  });

  it('without a whole-case clock: no on-time verdict and no ratio, only the working minutes', () => {
    const c = applyAction(received(RECEIVED, { status: 'checked' }), 'close', {}, ctx(at('2024-02-19 10:00')));
    expect(c.closedOnTime).toBeNull();
    expect(c.overtimeRatio).toBeNull();
    expect(c.closeWorkingMinutes).toBe(720);
  });

  it('超时倍数 of a round-the-clock (emergency_hours) limit is counted in that limit’s own hours', () => {
    // An urgent case (24 emergency hours) received on 除夕 Friday 2024-02-09 18:00, after office
    // hours, is due Saturday 10th 18:00 and closed on Sunday 11th 18:00: 48 hours used of 24
    // allowed, 超时倍数 2 — although not a single working minute passed over the holiday.
    const receivedAt = at('2024-02-09 18:00');
    const c = received(receivedAt, {
      status: 'checked',
      urgency: 'urgent',
      registeredAt: receivedAt,
      limits: LIMITS[GARBAGE]?.urgent ?? null,
      clocks: { total: clock(receivedAt.toISOString(), '2024-02-10T10:00:00.000Z', null, 'emergency_hours', 24) },
    });
    const closed = applyAction(c, 'close', {}, ctx(at('2024-02-11 18:00')));
    expect(closed.closedOnTime).toBe(false);
    expect(closed.overtimeRatio).toBeCloseTo(2, 12);
    expect(closed.closeWorkingMinutes).toBe(0);
  });
});

describe('callback (回访)', () => {
  const closed = (): CaseSnapshot =>
    run(accepted(), [
      ['handle', '2024-02-18 10:30'],
      ['check_pass', '2024-02-18 11:00'],
      ['close', '2024-02-19 10:00'],
    ]);

  it.each<['satisfied' | 'basically_satisfied', CaseState]>([
    ['satisfied', 'visited'],
    ['basically_satisfied', 'visited'],
  ])('%s: the case is visited', (satisfaction, state) => {
    const c = step(closed(), 'callback', '2024-02-20 09:00', { satisfaction });
    expect(c.status).toBe(state);
    expect(c.satisfaction).toBe(satisfaction);
    expect(c.visitedAt).toEqual(at('2024-02-20 09:00'));
    expect(c.closedOnTime).toBe(true);
    expect(c.reopenCount).toBe(0);
  });

  it('unreachable: the case stays closed and unvisited', () => {
    const c = step(closed(), 'callback', '2024-02-20 09:00', { satisfaction: 'unreachable' });
    expect(c.status).toBe('closed');
    expect(c.satisfaction).toBe('unreachable');
    expect(c.visitedAt).toBeNull();
    expect(c.closedAt).toEqual(at('2024-02-19 10:00'));
  });

  it('unsatisfied: 发回重办 to the same department with a fresh handling clock', () => {
    const before = closed();
    const c = step(before, 'callback', '2024-02-20 09:00', { satisfaction: 'unsatisfied' });
    expect(c.status).toBe('accepted');
    expect(c.satisfaction).toBe('unsatisfied');
    expect(c.reopenCount).toBe(1);
    expect(c.departmentCode).toBe('CGJ');
    expect(c.visitedAt).toBeNull();
    for (const field of ['closedAt', 'closedOnTime', 'closeWorkingMinutes', 'overtimeRatio', 'handledAt', 'handledOnTime', 'checkedAt'] as const) {
      expect(c[field], field).toBeNull();
    }
    // 4 working hours from Tuesday 09:00: 09:00–12:00 (3 h) + 13:30–14:30 → 14:30.
    expect(c.clocks.handle).toEqual(clock('2024-02-20T01:00:00.000Z', '2024-02-20T06:30:00.000Z', null, 'working_hours', 4));
    expect(c.clocks.check).toBeUndefined();
    // 发回重办 is a new round: a fresh whole-case clock of 5 working days from the call-back
    // (Tuesday 20th → the following Tuesday 27th at the close of business), not overdue at once.
    expect(c.clocks.total).toEqual(clock('2024-02-20T01:00:00.000Z', '2024-02-27T09:30:00.000Z', null, 'working_days', 5));
    expect(c.overdueAt).toBeNull();
    expect(deadlinesOf(c)).toMatchObject({ stageDeadline: new Date('2024-02-20T06:30:00.000Z'), closeDeadline: new Date('2024-02-27T09:30:00.000Z') });

    // Handled on time again, then closed within the new round's limit: on time.
    const reclosed = run(c, [
      ['handle', '2024-02-20 14:00'],
      ['check_pass', '2024-02-20 15:00'],
      ['close', '2024-02-23 09:00'],
    ]);
    expect(reclosed.handledOnTime).toBe(true);
    expect(reclosed.closedOnTime).toBe(true);
    // Working time to close still counts from receipt: 180 + 18–22 (5 × 450) + 30 = 2460.
    expect(reclosed.closeWorkingMinutes).toBe(2460);
    expect(reclosed.overtimeRatio).toBeNull();
  });
});

describe('validation of parameters', () => {
  const green = (): CaseSnapshot =>
    run(received(at('2024-04-01 09:00'), { categoryCode: GREENERY }), [
      ['register', '2024-04-01 09:30'],
      ['dispatch', '2024-04-01 10:00', { departmentCode: 'YLJ' }],
      ['sign', '2024-04-01 10:30'],
    ]);

  it.each<[string, () => CaseSnapshot, CaseAction, ActionParams, string]>([
    ['dispatch without a department', registered, 'dispatch', {}, 'departmentCode'],
    ['dispatch with an empty department', registered, 'dispatch', { departmentCode: '' }, 'departmentCode'],
    ['reassign without a department', accepted, 'reassign', { departmentCode: null }, 'departmentCode'],
    ['reassign to the same department', accepted, 'reassign', { departmentCode: 'CGJ' }, 'departmentCode'],
    ['merge without a target', registered, 'merge', {}, 'mergeInto'],
    ['merge into case 0', registered, 'merge', { mergeInto: 0 }, 'mergeInto'],
    ['callback without satisfaction', () => received(RECEIVED, { status: 'closed' }), 'callback', {}, 'satisfaction'],
    ['extension of 0 days', green, 'request_extension', { amount: 0 }, 'amount'],
    ['extension of 31 days', green, 'request_extension', { amount: 31 }, 'amount'],
    ['extension of 1.5 days', green, 'request_extension', { amount: 1.5 }, 'amount'],
    ['extension of −1 day', green, 'request_extension', { amount: -1 }, 'amount'],
    ['extension without an amount', green, 'request_extension', {}, 'amount'],
    ['register without a category', () => received(RECEIVED, { categoryCode: null }), 'register', {}, 'categoryCode'],
  ])('%s: VALIDATION_FAILED', (_name, make, action, params, field) => {
    const c = make();
    const error = errorOf(() => applyAction(c, action, params, ctx(at('2024-04-02 09:00'))));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.field).toBe(field);
    expect(error.userMessage).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('purity', () => {
  it('never changes the snapshot it is given', () => {
    const c = run(accepted(), [
      ['request_park', '2024-02-18 09:00'],
      ['approve_park', '2024-02-18 09:30'],
    ]);
    const copy = structuredClone(c);
    step(c, 'unpark', '2024-02-19 10:00');
    const h = step(step(c, 'unpark', '2024-02-19 10:00'), 'handle', '2024-02-19 11:00');
    const copyH = structuredClone(h);
    step(h, 'check_fail', '2024-02-19 12:00');
    step(step(h, 'check_pass', '2024-02-19 12:00'), 'close', '2024-02-20 09:00');
    expect(c).toEqual(copy);
    expect(h).toEqual(copyH);
  });
});

describe('currentStage and deadlinesOf', () => {
  const clocks: CaseSnapshot['clocks'] = {
    dispatch: clock('2024-02-09T07:00:00.000Z', DISPATCH_DEADLINE, null, 'working_hours', 1),
    handle: clock('2024-02-09T08:00:00.000Z', HANDLE_DEADLINE, null, 'working_hours', 4),
    check: clock('2024-02-18T02:30:00.000Z', '2024-02-18T06:00:00.000Z', null, 'working_hours', 2),
    total: clock(RECEIVED.toISOString(), TOTAL_DEADLINE, null, 'working_days', 5),
  };

  it.each<[CaseState, 'dispatch' | 'handle' | 'check' | 'total' | null]>([
    ['reported', 'total'],
    ['verifying', 'total'],
    ['registered', 'dispatch'],
    ['dispatched', 'handle'],
    ['accepted', 'handle'],
    ['parked', 'handle'],
    ['handled', 'check'],
    ['checked', 'total'],
    ['closed', null],
    ['visited', null],
    ['voided', null],
    ['merged', null],
  ])('%s waits on %s', (status, stage) => {
    expect(currentStage({ status, clocks })).toBe(stage);
    const { stageDeadline, closeDeadline } = deadlinesOf({ status, clocks });
    // A parked case's clocks stand still: no deadline until it is unparked.
    const running = status !== 'parked';
    expect(stageDeadline).toEqual(stage === null || !running ? null : new Date(clocks[stage]?.deadline ?? ''));
    expect(closeDeadline).toEqual(running ? new Date(TOTAL_DEADLINE) : null);
  });

  it('has no stage when the stage’s clock is missing, and no deadline for a stopped clock', () => {
    expect(currentStage({ status: 'registered', clocks: {} })).toBeNull();
    expect(currentStage({ status: 'reported', clocks: {} })).toBeNull();
    const stopped = { ...clocks, handle: { ...clocks.handle, end: '2024-02-18T02:00:00.000Z' } as StoredClock };
    expect(deadlinesOf({ status: 'accepted', clocks: stopped }).stageDeadline).toBeNull();
  });
});
