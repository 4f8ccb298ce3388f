import { describe, expect, it } from 'vitest';
import {
  currentStage,
  findOrderProblem,
  isHalfwayByJune,
  monthsBetween,
  rateInvestment,
  rateProject,
  rateStart,
  stallOf,
  worstLight,
} from './project-lights.js';

describe('rateInvestment (STANDARDS §7, time progress n/12 of §6)', () => {
  it.each([
    // planned, completed, month, light, aheadPp
    [1200, 500, 5, 'green', 0], // exactly on time (5/12)
    [1200, 1200, 5, 'green', 58.333333333], // far ahead
    [1000, 509, 5, 'green', 9.233333333], // STANDARDS §6 worked example: 50.9% after May → +9.2 pp
    [1000, 400, 5, 'green', -1.666666667], // 0–10 pp behind: 基本正常 = green
    [1000, 400, 6, 'yellow', -10], // exactly 10 pp behind: yellow
    [1000, 200, 6, 'yellow', -30], // exactly 30 pp behind: still yellow
    [1000, 199, 6, 'red', -30.1], // more than 30 pp behind: red
    [1000, 0, 10, 'red', -83.333333333],
    [1000, 401, 6, 'green', -9.9], // 9.9 pp behind: green
  ])('planned %d, completed %d after month %d → %s', (planned, completed, month, light, ahead) => {
    const r = rateInvestment({ plannedThisYear: planned, completedYtd: completed, month });
    expect(r.light).toBe(light);
    expect(r.aheadPp).toBeCloseTo(ahead, 6);
  });

  it('rates nothing without a plan for the year', () => {
    expect(rateInvestment({ plannedThisYear: null, completedYtd: 10, month: 3 }).light).toBe('none');
    expect(rateInvestment({ plannedThisYear: 0, completedYtd: 10, month: 3 }).light).toBe('none');
  });

  it('follows configured thresholds', () => {
    expect(rateInvestment({ plannedThisYear: 100, completedYtd: 45, month: 6, thresholds: { yellowBehindPp: 5, redBehindPp: 8 } }).light).toBe('yellow');
    expect(rateInvestment({ plannedThisYear: 100, completedYtd: 40, month: 6, thresholds: { yellowBehindPp: 5, redBehindPp: 8 } }).light).toBe('red');
  });

  it('refuses a month outside 1–12', () => {
    expect(() => rateInvestment({ plannedThisYear: 100, completedYtd: 1, month: 13 })).toThrow(RangeError);
  });
});

describe('rateStart', () => {
  const today = { year: 2026, month: 11 };
  it.each([
    ['2026-12-15', null, 'green', -1], // not due yet
    ['2026-11-01', null, 'green', 0], // the planned month is not over
    ['2026-10-10', null, 'yellow', 1], // not started in the planned month
    ['2026-09-30', null, 'yellow', 2],
    ['2026-08-01', null, 'red', 3], // 3 months late
    ['2025-11-01', null, 'red', 12],
    ['2026-05-01', '2026-09-01', 'none', null], // started: settled
    [null, null, 'none', null], // no plan
  ])('planned %s, actual %s → %s', (planned, actual, light, late) => {
    const r = rateStart({ plannedStart: planned, actualStart: actual, today });
    expect(r.light).toBe(light);
    expect(r.monthsLate).toBe(late);
  });
});

describe('rateProject and helpers', () => {
  it('takes the worse of investment and start', () => {
    const r = rateProject({ plannedThisYear: 1000, completedYtd: 900, reportMonth: 10, plannedStart: '2026-07-01', actualStart: null, today: { year: 2026, month: 11 } });
    expect(r.investment.light).toBe('green');
    expect(r.start.light).toBe('red');
    expect(r.light).toBe('red');
    expect(r.reasons.join()).toContain('逾期 4 个月');
  });
  it('says 基本正常 when slightly behind', () => {
    const r = rateProject({ plannedThisYear: 1000, completedYtd: 780, reportMonth: 10, plannedStart: null, actualStart: null, today: { year: 2026, month: 11 } });
    expect(r.light).toBe('green');
    expect(r.reasons[0]).toContain('基本正常');
  });
  it.each([
    [['none', 'none'], 'none'],
    [['green', 'none'], 'green'],
    [['green', 'yellow'], 'yellow'],
    [['red', 'yellow'], 'red'],
  ] as const)('worstLight(%j) = %s', (lights, expected) => {
    expect(worstLight(...lights)).toBe(expected);
  });
  it.each([
    [500, 1000, true],
    [499.99, 1000, false],
    [1, null, null],
  ])('双过半 %d of %s → %s', (done, plan, expected) => {
    expect(isHalfwayByJune(done, plan)).toBe(expected);
  });
  it('counts months', () => {
    expect(monthsBetween({ year: 2025, month: 11 }, { year: 2026, month: 2 })).toBe(3);
  });
  it.each([
    [{}, null, null],
    [{ signed: '2026-01-01' }, 'signed', 'signed_not_started'],
    [{ signed: '2026-01-01', land: '2026-02-01' }, 'land', 'signed_not_started'],
    [{ signed: '2026-01-01', started: '2026-03-01' }, 'started', 'started_not_completed'],
    [{ started: '2026-03-01', topped: '2026-06-01' }, 'topped', 'started_not_completed'],
    [{ started: '2026-03-01', completed: '2026-09-01' }, 'completed', 'completed_not_operating'],
    [{ completed: '2026-09-01', operating: '2026-10-01' }, 'operating', null],
  ])('stage and stall of %j', (dates, stage, stall) => {
    expect(currentStage(dates)).toBe(stage);
    expect(stallOf(dates)).toBe(stall);
  });
  it.each([
    [{ signed: '2026-01-01', land: '2026-01-01', started: '2026-02-01' }, null],
    [{ signed: '2026-03-01', started: '2026-02-01' }, ['started', 'signed']],
    [{ signed: '2026-01-01', land: null, started: '2026-02-01', topped: '2026-01-31' }, ['topped', 'started']],
  ] as const)('order of %j', (dates, expected) => {
    const problem = findOrderProblem(dates);
    expect(problem ? [problem.stage, problem.predecessor] : null).toEqual(expected);
  });
});
