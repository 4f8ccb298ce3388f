import { describe, expect, it } from 'vitest';
import type { CaseRollupCounters, StoredStageLimits } from '@/db/schema.js';
import { createCalendar } from '@/domains/calendar/working-time.js';
import type { CaseAction } from '@/shared/case-vocabulary.js';
import { applyAction, type ActionParams, type CaseSnapshot } from './case-lifecycle.js';
import {
  COUNTERS,
  addCounters,
  contributionOf,
  differenceOf,
  metricsOf,
  zeroCounters,
  type CaseMetrics,
  type ContributingCase,
} from './case-metrics.js';

/** A case as received (待受理): counted as received and open, nothing else. */
function shape(overrides: Partial<ContributingCase> = {}): ContributingCase {
  return {
    status: 'reported',
    registeredAt: null,
    handledAt: null,
    handledOnTime: null,
    checkedAt: null,
    closedAt: null,
    closedOnTime: null,
    closeWorkingMinutes: null,
    overtimeRatio: null,
    overdueAt: null,
    reworkCount: 0,
    returnCount: 0,
    extensionCount: 0,
    parkCount: 0,
    satisfaction: null,
    ...overrides,
  };
}

/** Counters of one received case: `received` 1, the rest 0 unless given. */
function counters(values: Partial<CaseRollupCounters>): CaseRollupCounters {
  return { ...zeroCounters(), received: 1, ...values };
}

/** The sum of many counters. */
function sum(all: Iterable<CaseRollupCounters>): CaseRollupCounters {
  const total = zeroCounters();
  for (const c of all) addCounters(total, c);
  return total;
}

const T = new Date('2024-03-01T02:00:00.000Z');
const registeredAt = T;
const handledAt = new Date('2024-03-02T02:00:00.000Z');
const checkedAt = new Date('2024-03-02T05:00:00.000Z');
const closedAt = new Date('2024-03-04T02:00:00.000Z');
const overdueAt = new Date('2024-03-08T16:00:00.000Z');

/** A case closed on time after one clean pass (handled on time, checked). */
const closedOnTime: Partial<ContributingCase> = {
  status: 'closed',
  registeredAt,
  handledAt,
  handledOnTime: true,
  checkedAt,
  closedAt,
  closedOnTime: true,
  closeWorkingMinutes: 900,
};

describe('zeroCounters and COUNTERS', () => {
  it('has every counter at zero, in the roll-up’s column order', () => {
    expect(COUNTERS).toHaveLength(22);
    expect(new Set(COUNTERS).size).toBe(22);
    expect(Object.keys(zeroCounters())).toEqual([...COUNTERS]);
    expect(Object.values(zeroCounters()).every((v) => v === 0)).toBe(true);
  });
});

describe('contributionOf: one case of each shape', () => {
  it.each<[string, Partial<ContributingCase>, Partial<CaseRollupCounters>]>([
    ['received, not registered', {}, { open: 1 }],
    ['sent to verify', { status: 'verifying' }, { open: 1 }],
    ['received and overdue, never registered: not due', { overdueAt }, { open: 1, overdue_open: 1 }],
    ['voided before registration', { status: 'voided' }, { voided: 1 }],
    ['voided after registration: not registered any more', { status: 'voided', registeredAt }, { voided: 1 }],
    ['merged into another case', { status: 'merged', registeredAt }, { voided: 1 }],
    ['registered, within its deadline: not due yet', { status: 'registered', registeredAt }, { registered: 1, open: 1 }],
    [
      'registered and past its deadline: due, overdue and open',
      { status: 'accepted', registeredAt, overdueAt },
      { registered: 1, due: 1, open: 1, overdue_open: 1 },
    ],
    [
      'handled on time, waiting for the check',
      { status: 'handled', registeredAt, handledAt, handledOnTime: true },
      { registered: 1, handled: 1, handled_on_time: 1, open: 1 },
    ],
    [
      'handled late',
      { status: 'handled', registeredAt, handledAt, handledOnTime: false },
      { registered: 1, handled: 1, open: 1 },
    ],
    [
      'handled without a handling clock: not counted as handled',
      { status: 'handled', registeredAt, handledAt, handledOnTime: null },
      { registered: 1, open: 1 },
    ],
    [
      'checked and passed',
      { status: 'checked', registeredAt, handledAt, handledOnTime: true, checkedAt },
      { registered: 1, handled: 1, handled_on_time: 1, checked: 1, open: 1 },
    ],
    [
      'failed the check, being reworked (返工)',
      { status: 'accepted', registeredAt, handledAt, handledOnTime: null, checkedAt, reworkCount: 1 },
      { registered: 1, checked: 1, reworked: 1, open: 1 },
    ],
    [
      'reworked twice: still one case reworked',
      { status: 'checked', registeredAt, handledAt, handledOnTime: false, checkedAt, reworkCount: 2 },
      { registered: 1, handled: 1, checked: 1, reworked: 1, open: 1 },
    ],
    [
      'closed on time',
      closedOnTime,
      { registered: 1, due: 1, closed: 1, closed_on_time: 1, handled: 1, handled_on_time: 1, checked: 1, close_minutes_sum: 900 },
    ],
    [
      'closed late, 超时倍数 1.5',
      { ...closedOnTime, closedOnTime: false, overtimeRatio: 1.5, closeWorkingMinutes: 3375 },
      { registered: 1, due: 1, closed: 1, handled: 1, handled_on_time: 1, checked: 1, overdue_closed: 1, overtime_ratio_sum: 1.5, close_minutes_sum: 3375 },
    ],
    [
      'closed late after the overdue sweep marked it: due once, no longer open',
      { ...closedOnTime, closedOnTime: false, overtimeRatio: 2, closeWorkingMinutes: 4500, overdueAt },
      { registered: 1, due: 1, closed: 1, handled: 1, handled_on_time: 1, checked: 1, overdue_closed: 1, overtime_ratio_sum: 2, close_minutes_sum: 4500 },
    ],
    [
      'closed late without a ratio',
      { ...closedOnTime, closedOnTime: false, overtimeRatio: null },
      { registered: 1, due: 1, closed: 1, handled: 1, handled_on_time: 1, checked: 1, overdue_closed: 1, close_minutes_sum: 900 },
    ],
    [
      'closed without a whole-case clock: closed, neither on time nor late',
      { ...closedOnTime, closedOnTime: null },
      { registered: 1, due: 1, closed: 1, handled: 1, handled_on_time: 1, checked: 1, close_minutes_sum: 900 },
    ],
    [
      'visited, 满意',
      { ...closedOnTime, status: 'visited', satisfaction: 'satisfied' },
      { registered: 1, due: 1, closed: 1, closed_on_time: 1, handled: 1, handled_on_time: 1, checked: 1, close_minutes_sum: 900, callbacks: 1, satisfied: 1 },
    ],
    [
      'visited, 基本满意',
      { ...closedOnTime, status: 'visited', satisfaction: 'basically_satisfied' },
      { registered: 1, due: 1, closed: 1, closed_on_time: 1, handled: 1, handled_on_time: 1, checked: 1, close_minutes_sum: 900, callbacks: 1, basically_satisfied: 1 },
    ],
    [
      'call-back not answered (未接通): no call-back counted',
      { ...closedOnTime, satisfaction: 'unreachable' },
      { registered: 1, due: 1, closed: 1, closed_on_time: 1, handled: 1, handled_on_time: 1, checked: 1, close_minutes_sum: 900 },
    ],
    [
      '不满意, reopened (发回重办): answered, open again, no longer closed',
      {
        status: 'accepted',
        registeredAt,
        handledAt: null,
        handledOnTime: null,
        checkedAt: null,
        closedAt: null,
        closedOnTime: null,
        closeWorkingMinutes: null,
        satisfaction: 'unsatisfied',
      },
      { registered: 1, callbacks: 1, unsatisfied: 1, open: 1 },
    ],
    [
      'returned twice, extended once, parked three times',
      { status: 'accepted', registeredAt, returnCount: 2, extensionCount: 1, parkCount: 3 },
      { registered: 1, open: 1, returns: 2, extensions: 1, parks: 3 },
    ],
  ])('%s', (_name, c, expected) => {
    expect(contributionOf(shape(c))).toEqual(counters(expected));
  });
});

describe('metricsOf', () => {
  it('has every rate null on no cases at all', () => {
    const m = metricsOf(zeroCounters());
    for (const key of [
      'closureRate',
      'onTimeClosureRate',
      'onTimeHandlingRate',
      'reworkRate',
      'satisfactionRate',
      'overtimeRatio',
      'avgCloseWorkingMinutes',
    ] as const) {
      expect(m[key], key).toBeNull();
    }
  });

  it.each<[keyof CaseMetrics, Partial<CaseRollupCounters>]>([
    ['closureRate', { closed: 3, due: 0 }],
    ['onTimeClosureRate', { closed_on_time: 3, due: 0 }],
    ['onTimeHandlingRate', { handled_on_time: 3, handled: 0 }],
    ['reworkRate', { reworked: 3, checked: 0 }],
    ['satisfactionRate', { satisfied: 3, basically_satisfied: 1, callbacks: 0 }],
    ['overtimeRatio', { overtime_ratio_sum: 4.5, overdue_closed: 0 }],
    ['avgCloseWorkingMinutes', { close_minutes_sum: 900, closed: 0 }],
  ])('%s is null when its denominator is zero', (key, values) => {
    expect(metricsOf({ ...zeroCounters(), ...values })[key]).toBeNull();
  });

  it.each<[keyof CaseMetrics, Partial<CaseRollupCounters>, number]>([
    ['closureRate', { closed: 3, due: 4 }, 0.75],
    ['onTimeClosureRate', { closed_on_time: 1, due: 4 }, 0.25],
    ['onTimeHandlingRate', { handled_on_time: 9, handled: 10 }, 0.9],
    ['reworkRate', { reworked: 1, checked: 8 }, 0.125],
    // 满意率 = (满意 + 基本满意) / answered call-backs.
    ['satisfactionRate', { satisfied: 6, basically_satisfied: 2, unsatisfied: 2, callbacks: 10 }, 0.8],
    // 超时倍数: the mean over the cases closed late.
    ['overtimeRatio', { overtime_ratio_sum: 1.5 + 2 + 1.1, overdue_closed: 3 }, 4.6 / 3],
    ['avgCloseWorkingMinutes', { close_minutes_sum: 900 + 3375, closed: 2 }, 2137.5],
  ])('%s', (key, values, expected) => {
    expect(metricsOf({ ...zeroCounters(), ...values })[key]).toBeCloseTo(expected, 12);
  });

  it('passes the counts through', () => {
    const t = { ...zeroCounters(), received: 12, registered: 10, voided: 2, returns: 3, extensions: 4, parks: 5, open: 6, overdue_open: 1, unsatisfied: 2 };
    const m = metricsOf(t);
    expect(m).toMatchObject({ received: 12, registered: 10, voided: 2, returns: 3, extensions: 4, parks: 5, open: 6, overdueOpen: 1, unsatisfied: 2 });
  });
});

describe('the 天门 worked example (STANDARDS.md §5): 972 due, 911 closed, 737 on time', () => {
  function repeat(n: number, c: Partial<ContributingCase>): ContributingCase[] {
    return Array.from({ length: n }, () => shape(c));
  }
  const late: Partial<ContributingCase> = { ...closedOnTime, closedOnTime: false, overtimeRatio: 1.25, closeWorkingMinutes: 3000 };
  const cases: ContributingCase[] = [
    // Due: closed on time (some visited), closed late (some marked overdue before closing),
    // and registered cases past their deadline and still open.
    ...repeat(700, closedOnTime),
    ...repeat(37, { ...closedOnTime, status: 'visited', satisfaction: 'satisfied' }),
    ...repeat(100, late),
    ...repeat(74, { ...late, overdueAt }),
    ...repeat(61, { status: 'accepted', registeredAt, overdueAt }),
    // Not due: open within their deadline, voided, merged, never registered.
    ...repeat(40, { status: 'accepted', registeredAt }),
    ...repeat(8, { status: 'voided', registeredAt }),
    ...repeat(2, { status: 'merged', registeredAt }),
    ...repeat(5, {}),
  ];
  const total = sum(cases.map(contributionOf));
  const m = metricsOf(total);

  it('counts the due, closed and on-time cases', () => {
    expect(total.received).toBe(1027);
    expect(total.due).toBe(972);
    expect(total.closed).toBe(911);
    expect(total.closed_on_time).toBe(737);
    expect(total.overdue_closed).toBe(174);
    expect(total.overdue_open).toBe(61);
    expect(total.open).toBe(61 + 40 + 5);
    expect(total.voided).toBe(10);
  });

  it('gives 结案率 93.72% and 按期结案率 75.82%', () => {
    expect(m.closureRate).toBe(911 / 972);
    expect(m.onTimeClosureRate).toBe(737 / 972);
    expect(m.closureRate).toBeCloseTo(0.9372, 4);
    expect(m.onTimeClosureRate).toBeCloseTo(0.7582, 4);
    expect(((m.closureRate ?? 0) * 100).toFixed(2)).toBe('93.72');
    expect(((m.onTimeClosureRate ?? 0) * 100).toFixed(2)).toBe('75.82');
  });

  it('gives the mean 超时倍数 of the late cases and the mean time to close', () => {
    expect(m.overtimeRatio).toBeCloseTo(1.25, 12);
    expect(m.avgCloseWorkingMinutes).toBeCloseTo((737 * 900 + 174 * 3000) / 911, 9);
  });

  it('subtracting a case’s contribution (sign −1) undoes adding it', () => {
    const again = sum(cases.map(contributionOf));
    const extra = contributionOf(shape(late));
    addCounters(again, extra);
    addCounters(again, extra, -1);
    expect(again).toEqual(total);
  });
});

describe('differenceOf', () => {
  it('is the whole contribution for a new case, and null when nothing changed', () => {
    const c = contributionOf(shape(closedOnTime));
    expect(differenceOf(c, null)).toEqual(c);
    expect(differenceOf(c, contributionOf(shape(closedOnTime)))).toBeNull();
  });

  it('is after − before counter by counter, negative where a counter went down', () => {
    const before = contributionOf(shape(closedOnTime));
    const after = contributionOf(shape({ ...closedOnTime, status: 'accepted', closedAt: null, closedOnTime: null, satisfaction: 'unsatisfied' }));
    expect(differenceOf(after, before)).toEqual({
      ...zeroCounters(),
      due: -1,
      closed: -1,
      closed_on_time: -1,
      close_minutes_sum: -900,
      callbacks: 1,
      unsatisfied: 1,
      open: 1,
    });
  });

  // A real life, through the lifecycle: every change adds contribution(after) −
  // contribution(before) to the roll-up, which must equal the final contribution after every
  // step (STANDARDS.md §5 metrics from a maintained roll-up).
  const cal = createCalendar({
    holidays: ['2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', '2024-02-17'],
    workdays: ['2024-02-04', '2024-02-18'],
  });
  const limits: StoredStageLimits = {
    dispatch: { kind: 'working_hours', amount: 1 },
    handle: { kind: 'working_hours', amount: 4 },
    check: { kind: 'working_hours', amount: 2 },
    total: { kind: 'working_days', amount: 5 },
  };
  function start(receivedAt: string): CaseSnapshot {
    return {
      status: 'reported',
      categoryCode: '030101',
      urgency: 'normal',
      departmentCode: null,
      assigneeId: null,
      receivedAt: new Date(receivedAt),
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
    };
  }
  type Change = [CaseAction | 'overdue', string, ActionParams?];
  function life(receivedAt: string, changes: Change[]): CaseSnapshot[] {
    const states = [start(receivedAt)];
    for (const [action, when, params] of changes) {
      const c = states[states.length - 1] as CaseSnapshot;
      const now = new Date(when);
      states.push(
        action === 'overdue'
          ? { ...c, overdueAt: now }
          : applyAction(c, action, { note: '说明', ...params }, { now, cal, actorLabel: 'user:t', limitsFor: () => limits }),
      );
    }
    return states;
  }

  const lives: Record<string, CaseSnapshot[]> = {
    'a long life: return, park, rework, late close, overdue, 发回重办, close again, visit': life('2024-02-09T06:30:00Z', [
      ['register', '2024-02-09T07:00:00Z', { categoryCode: '030101' }],
      ['dispatch', '2024-02-09T07:30:00Z', { departmentCode: 'A' }],
      ['return', '2024-02-09T07:45:00Z'],
      ['dispatch', '2024-02-09T08:00:00Z', { departmentCode: 'B' }],
      ['sign', '2024-02-09T08:10:00Z'],
      ['request_park', '2024-02-18T01:00:00Z'],
      ['approve_park', '2024-02-18T01:30:00Z'],
      ['unpark', '2024-02-19T02:00:00Z'],
      ['handle', '2024-02-19T03:00:00Z'],
      ['check_fail', '2024-02-19T05:40:00Z'],
      ['handle', '2024-02-20T01:00:00Z'],
      ['check_pass', '2024-02-20T02:00:00Z'],
      ['overdue', '2024-02-26T01:00:01Z'],
      ['close', '2024-02-26T02:00:00Z'],
      ['callback', '2024-02-27T01:00:00Z', { satisfaction: 'unsatisfied' }],
      ['handle', '2024-02-27T03:00:00Z'],
      ['check_pass', '2024-02-27T05:40:00Z'],
      ['close', '2024-02-27T06:00:00Z'],
      ['callback', '2024-02-28T01:00:00Z', { satisfaction: 'unreachable' }],
      ['callback', '2024-02-28T06:00:00Z', { satisfaction: 'basically_satisfied' }],
    ]),
    'a clean life closed on time': life('2024-02-05T01:00:00Z', [
      ['register', '2024-02-05T01:10:00Z', { categoryCode: '030101' }],
      ['dispatch', '2024-02-05T01:20:00Z', { departmentCode: 'A' }],
      ['sign', '2024-02-05T01:30:00Z'],
      ['handle', '2024-02-05T02:30:00Z'],
      ['check_pass', '2024-02-05T03:00:00Z'],
      ['close', '2024-02-05T06:00:00Z'],
      ['callback', '2024-02-06T01:00:00Z', { satisfaction: 'satisfied' }],
    ]),
    'voided after registration': life('2024-02-05T01:00:00Z', [
      ['register', '2024-02-05T01:10:00Z', { categoryCode: '030101' }],
      ['void', '2024-02-05T01:20:00Z'],
    ]),
    'overdue and still open': life('2024-02-05T01:00:00Z', [
      ['register', '2024-02-05T01:10:00Z', { categoryCode: '030101' }],
      ['dispatch', '2024-02-05T01:20:00Z', { departmentCode: 'A' }],
      ['overdue', '2024-02-20T10:00:00Z'],
    ]),
  };

  it.each(Object.entries(lives))('the deltas of %s add up to its final contribution after every change', (_name, states) => {
    const rollup = zeroCounters();
    let before: CaseRollupCounters | null = null;
    for (const state of states) {
      const after = contributionOf(state);
      const delta = differenceOf(after, before);
      if (delta) addCounters(rollup, delta);
      expect(rollup).toEqual(after);
      before = after;
    }
  });

  it('the roll-up of all the lives is the sum of their final contributions', () => {
    const rollup = zeroCounters();
    for (const states of Object.values(lives)) {
      let before: CaseRollupCounters | null = null;
      for (const state of states) {
        const after = contributionOf(state);
        const delta = differenceOf(after, before);
        if (delta) addCounters(rollup, delta);
        before = after;
      }
    }
    const finals = Object.values(lives).map((states) => contributionOf(states[states.length - 1] as CaseSnapshot));
    expect(rollup).toEqual(sum(finals));
  });

  it('the long life ends as one case due, reworked, returned, parked and answered, closed on time in its new round', () => {
    const states = lives['a long life: return, park, rework, late close, overdue, 发回重办, close again, visit'] as CaseSnapshot[];
    const last = states[states.length - 1] as CaseSnapshot;
    expect(last.status).toBe('visited');
    const c = contributionOf(last);
    expect(c).toMatchObject({
      received: 1,
      registered: 1,
      due: 1,
      closed: 1,
      // 发回重办 starts a new round with a fresh whole-case clock; the second close is in time.
      closed_on_time: 1,
      overdue_closed: 0,
      handled: 1,
      handled_on_time: 1,
      checked: 1,
      reworked: 1,
      callbacks: 1,
      basically_satisfied: 1,
      unsatisfied: 0,
      returns: 1,
      parks: 1,
      open: 0,
      overdue_open: 0,
    });
    expect(c.overtime_ratio_sum).toBe(0);
  });
});
