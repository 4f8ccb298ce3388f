import { describe, expect, it } from 'vitest';
import {
  daysLeft,
  deadlineEnd,
  earnedNotice,
  escalateNotice,
  levelsToIssue,
  periodBounds,
  previousPeriod,
  rateItem,
  rateUnits,
  rateUnitPeriod,
  suggestionRates,
  type ItemClock,
  type RatingItem,
  type RatingNotice,
} from './supervision-rating.js';

const at = (cst: string) => new Date(`${cst}+08:00`);
const clock = (extra: Partial<ItemClock> = {}): ItemClock => ({
  state: 'in_progress',
  deadline: '2026-10-31',
  assignedAt: at('2026-10-01T09:00:00'),
  progress: 50,
  feedbackIntervalDays: null,
  lastFeedbackAt: null,
  completedOnTime: null,
  ...extra,
});

describe('dates in China time', () => {
  it.each([
    ['2026-10-31', '2026-10-31T16:00:00.000Z'],
    ['2026-12-31', '2026-12-31T16:00:00.000Z'],
  ])('deadline %s ends at %s', (deadline, end) => {
    expect(deadlineEnd(deadline).toISOString()).toBe(end);
  });
  it.each([
    ['2026-10-31', '2026-10-31T23:59:00', 0],
    ['2026-10-31', '2026-10-30T00:30:00', 1],
    ['2026-10-31', '2026-11-01T00:00:00', -1],
    // 07:30 on the 28th in UTC is 15:30 in China: still the 28th, 3 days left.
    ['2026-10-31', '2026-10-28T15:30:00', 3],
  ])('%s seen at %s (CST) has %i days left', (deadline, now, left) => {
    expect(daysLeft(deadline, at(now))).toBe(left);
  });
  it.each([
    ['2026-10', '2026-09'],
    ['2026-01', '2025-12'],
  ])('the period before %s is %s', (p, prev) => expect(previousPeriod(p)).toBe(prev));
  it('bounds December', () => {
    const { start, end } = periodBounds('2026-12');
    expect([start.toISOString(), end.toISOString()]).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  });
});

describe('rateItem (STANDARDS §7: green on schedule, yellow near deadline or behind, red overdue)', () => {
  it.each([
    ['on schedule', clock(), '2026-10-10T10:00:00', 'green'],
    ['3 days left', clock(), '2026-10-28T10:00:00', 'yellow'],
    ['4 days left', clock({ progress: 90 }), '2026-10-27T10:00:00', 'green'],
    ['the last minute of the deadline day', clock(), '2026-10-31T23:59:00', 'yellow'],
    ['the day after', clock(), '2026-11-01T00:00:00', 'red'],
    ['behind by more than 30 points', clock({ progress: 10 }), '2026-10-20T09:00:00', 'yellow'],
    ['behind by less than 30 points', clock({ progress: 40 }), '2026-10-20T09:00:00', 'green'],
    ['not yet signed, no progress expected', clock({ state: 'assigned', progress: 0 }), '2026-10-20T09:00:00', 'green'],
    ['feedback overdue', clock({ feedbackIntervalDays: 7, lastFeedbackAt: at('2026-10-02T09:00:00') }), '2026-10-09T09:01:00', 'yellow'],
    ['feedback just in time', clock({ feedbackIntervalDays: 7, lastFeedbackAt: at('2026-10-02T09:00:00') }), '2026-10-09T09:00:00', 'green'],
    ['feedback counted from 交办 when none', clock({ feedbackIntervalDays: 7 }), '2026-10-09T10:00:00', 'yellow'],
    ['completed on time', clock({ state: 'completed', completedOnTime: true }), '2026-12-01T00:00:00', 'green'],
    ['completed late', clock({ state: 'completed', completedOnTime: false }), '2026-12-01T00:00:00', 'red'],
    ['cancelled', clock({ state: 'cancelled' }), '2026-12-01T00:00:00', 'green'],
    ['pending and overdue', clock({ state: 'pending', assignedAt: null }), '2026-11-02T00:00:00', 'red'],
  ] as [string, ItemClock, string, string][])('%s → %s', (_name, item, now, colour) => {
    expect(rateItem(item, at(now)).colour).toBe(colour);
  });
});

describe('three-colour notices', () => {
  it.each([
    ['far from the deadline', clock({ progress: 90 }), '2026-10-10T10:00:00', null],
    ['7 days left', clock({ progress: 90 }), '2026-10-24T10:00:00', 'blue'],
    ['3 days left', clock({ progress: 90 }), '2026-10-28T10:00:00', 'yellow'],
    ['overdue', clock(), '2026-11-01T10:00:00', 'red'],
    ['pending items are not chased', clock({ state: 'pending' }), '2026-11-01T10:00:00', null],
    ['reported items wait for the office', clock({ state: 'reported' }), '2026-11-01T10:00:00', null],
  ] as [string, ItemClock, string, string | null][])('%s → %s', (_name, item, now, level) => {
    expect(earnedNotice(item, at(now))).toBe(level);
  });
  it.each([
    [null, 'blue', 'blue'],
    ['blue', 'blue', null],
    ['yellow', 'blue', null],
    ['blue', 'red', 'red'],
    ['red', null, null],
  ] as const)('escalate %s by %s → %s', (current, earned, next) => {
    expect(escalateNotice(current, earned)).toBe(next);
  });
  it('issues skipped levels too', () => {
    expect(levelsToIssue(null, 'red')).toEqual(['blue', 'yellow', 'red']);
    expect(levelsToIssue('blue', 'red')).toEqual(['yellow', 'red']);
  });
});

describe('unit ratings and the 红黄黑榜', () => {
  const item = (id: number, unitKey: string, extra: Partial<RatingItem> = {}): RatingItem => {
    const base = { id, unitKey, state: 'completed' as const, deadline: '2026-10-20', createdAt: at('2026-08-01T09:00:00'), completedAt: at('2026-10-10T09:00:00'), completedOnTime: true, ...extra };
    // By default assigned when raised and submitted when completed.
    return { ...base, assignedAt: 'assignedAt' in extra ? (extra.assignedAt ?? null) : base.createdAt, submittedAt: 'submittedAt' in extra ? (extra.submittedAt ?? null) : base.completedAt, cancelledAt: extra.cancelledAt ?? null };
  };
  const items: RatingItem[] = [
    // A: completes on time → 红榜
    item(1, 'department:A'),
    item(2, 'department:A', { completedAt: at('2026-10-12T09:00:00') }),
    // B: overdue in September and October → red twice → 黑榜
    item(3, 'department:B', { state: 'in_progress', deadline: '2026-09-10', completedAt: null, completedOnTime: null }),
    // C: overdue only in October, completed late → red once → 黄榜
    item(4, 'department:C', { deadline: '2026-10-05', completedAt: at('2026-10-08T09:00:00'), completedOnTime: false }),
    // D: overdue in September, its red notice 2026-09-30, still open at the end of October… but it is
    // the first month of D's history (created in September): red in Sept and Oct → 黑榜 by both roads
    item(5, 'region:D', { state: 'signed', deadline: '2026-09-29', createdAt: at('2026-09-01T09:00:00'), completedAt: null, completedOnTime: null }),
    // E: open, yellow notice in October → 黄榜
    item(6, 'region:E', { state: 'in_progress', deadline: '2026-11-20', completedAt: null, completedOnTime: null }),
    // F: nothing in October (completed in August) → not rated
    item(7, 'region:F', { deadline: '2026-08-20', completedAt: at('2026-08-15T09:00:00') }),
    // G: a cancelled item only → not rated
    item(8, 'region:G', { state: 'cancelled', completedAt: null, completedOnTime: null, submittedAt: null, cancelledAt: at('2026-09-20T09:00:00') }),
  ];
  const notices: RatingNotice[] = [
    { itemId: 5, unitKey: 'region:D', colour: 'red', issuedAt: at('2026-09-30T00:00:00') },
    { itemId: 6, unitKey: 'region:E', colour: 'yellow', issuedAt: at('2026-10-15T00:00:00') },
  ];
  const now = at('2026-11-05T10:00:00');
  const result = rateUnits(items, notices, '2026-10', now);
  const byUnit = new Map(result.ratings.map((r) => [r.unitKey, r]));

  it.each([
    ['department:A', 'green', 'honour'],
    ['department:B', 'red', 'black'],
    ['department:C', 'red', 'warning'],
    ['region:D', 'red', 'black'],
    ['region:E', 'yellow', 'warning'],
  ])('%s is %s and on the %s list', (unit, colour, list) => {
    expect(byUnit.get(unit)?.colour).toBe(colour);
    expect(byUnit.get(unit)?.list).toBe(list);
  });
  it('leaves units with nothing in the month unrated', () => {
    expect(byUnit.has('region:F')).toBe(false);
    expect(byUnit.has('region:G')).toBe(false);
  });
  it('counts the figures', () => {
    expect(byUnit.get('department:A')).toMatchObject({ completed: 2, completedOnTime: 2, onTimeRate: 1, due: 2, overdue: 0 });
    expect(byUnit.get('department:C')).toMatchObject({ completed: 1, completedOnTime: 0, onTimeRate: 0, overdue: 1, previousColour: 'green' });
    expect(byUnit.get('region:D')?.blackReasons).toEqual(['连续两期红灯', '1 件红色督办后仍未办结']);
    expect(byUnit.get('department:B')?.blackReasons).toEqual(['连续两期红灯']);
  });
  it('sorts the lists', () => {
    expect(result.honour.map((r) => r.unitKey)).toEqual(['department:A']);
    expect(result.warning.map((r) => r.unitKey)).toEqual(['department:C', 'region:E']);
    expect(result.black.map((r) => r.unitKey)).toEqual(['department:B', 'region:D']);
  });
  it('does not black-list on a red notice before the grace period has passed', () => {
    const fresh = rateUnits(
      [item(9, 'region:H', { state: 'signed', deadline: '2026-10-28', completedAt: null, completedOnTime: null })],
      [{ itemId: 9, unitKey: 'region:H', colour: 'red', issuedAt: at('2026-10-29T00:00:00') }],
      '2026-10',
      at('2026-11-02T00:00:00'),
    );
    expect(fresh.ratings[0]).toMatchObject({ colour: 'red', list: 'warning', overdueAfterRed: 0 });
  });
});

describe('units are rated only on what they hold', () => {
  const unit = 'department:X';
  const base: RatingItem = {
    id: 1,
    unitKey: unit,
    state: 'in_progress',
    deadline: '2026-09-10',
    createdAt: at('2026-08-01T09:00:00'),
    assignedAt: at('2026-08-01T09:00:00'),
    submittedAt: null,
    completedAt: null,
    completedOnTime: null,
    cancelledAt: null,
  };
  const now = at('2026-11-05T10:00:00');
  const colourIn = (i: Partial<RatingItem>, period: string) => rateUnitPeriod(unit, [{ ...base, ...i }], [], period, now)?.colour ?? null;
  it.each([
    // [case, item, period, colour]
    ['open past its deadline', {}, '2026-10', 'red'],
    ['待交办 past its deadline: the office has not assigned it', { state: 'pending' as const, assignedAt: null }, '2026-09', null],
    ['已反馈 on time, the office has not approved: not overdue', { state: 'reported' as const, submittedAt: at('2026-09-05T09:00:00') }, '2026-10', null],
    ['已反馈 late: overdue until the application', { state: 'reported' as const, submittedAt: at('2026-09-20T09:00:00') }, '2026-09', 'red'],
    ['办结 on time, approved late: green', { state: 'completed' as const, submittedAt: at('2026-09-05T09:00:00'), completedAt: at('2026-10-03T09:00:00'), completedOnTime: true }, '2026-10', 'green'],
    ['rejected after a late application: still the unit’s and overdue', { state: 'in_progress' as const, submittedAt: at('2026-09-20T09:00:00') }, '2026-10', 'red'],
    ['cancelled in October: September stays red', { state: 'cancelled' as const, cancelledAt: at('2026-10-15T09:00:00') }, '2026-09', 'red'],
    ['cancelled in October: overdue in October until then', { state: 'cancelled' as const, cancelledAt: at('2026-10-15T09:00:00') }, '2026-10', 'red'],
    ['cancelled in October: gone from November', { state: 'cancelled' as const, cancelledAt: at('2026-10-15T09:00:00') }, '2026-11', null],
  ] as const)('%s', (_name, extra, period, colour) => {
    expect(colourIn(extra, period)).toBe(colour);
  });
  it('a cancelled item keeps its red months on the black list', () => {
    const cancelled = { ...base, state: 'cancelled' as const, cancelledAt: at('2026-10-15T09:00:00') };
    expect(rateUnits([cancelled], [], '2026-10', now).black.map((r) => r.unitKey)).toEqual([unit]);
  });
});

describe("deputies' suggestion rates (seed 000: 主办件见面率、答复率和满意率)", () => {
  it.each([
    [[], { total: 0, meetRate: null, replyRate: null, satisfactionRate: null }],
    [
      [
        { metOn: '2026-05-01', repliedOn: '2026-05-10', satisfaction: 'satisfied' },
        { metOn: '2026-05-02', repliedOn: '2026-05-12', satisfaction: 'basically_satisfied' },
        { metOn: null, repliedOn: '2026-05-12', satisfaction: 'unsatisfied' },
        { metOn: '2026-05-03', repliedOn: null, satisfaction: null },
      ],
      { total: 4, met: 3, replied: 3, evaluated: 3, meetRate: 0.75, replyRate: 0.75, satisfactionRate: 2 / 3 },
    ],
    [
      [
        { metOn: '2026-05-01', repliedOn: '2026-05-10', satisfaction: 'satisfied' },
        { metOn: '2026-05-01', repliedOn: '2026-05-10', satisfaction: null },
      ],
      { total: 2, meetRate: 1, replyRate: 1, satisfactionRate: 1 },
    ],
  ] as const)('%j → %j', (rows, expected) => {
    expect(suggestionRates(rows)).toMatchObject(expected);
  });
});
