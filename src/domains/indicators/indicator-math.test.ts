import { describe, expect, it } from 'vitest';
import {
  averageGrowth,
  averageGrowthFromLevels,
  completionRate,
  cumulativeGrowth,
  DEFAULT_THRESHOLDS,
  halfYearCheck,
  impliedPriorGrowth,
  isBlackListed,
  pointsAheadOfTime,
  rankWithTies,
  rateAgainstTime,
  rateGrowth,
  timeProgress,
  twoYearAverageGrowth,
  validateGrowthRate,
  validateMonth,
  yoyGrowth,
  type Colour,
  type RankInput,
} from './indicator-math.js';

/** Rounds a fraction to a percentage with `decimals` decimals, as a report prints it. */
function asPercent(rate: number, decimals = 1): number {
  return Number((rate * 100).toFixed(decimals));
}

describe('STANDARDS §6 worked examples', () => {
  it('two-year average of +18.3% then −6.8% is +5.0% (√(1.183 × 0.932) − 1)', () => {
    const average = twoYearAverageGrowth(0.183, -0.068);
    expect(average).toBeCloseTo(Math.sqrt(1.183 * 0.932) - 1, 12);
    expect(average).toBeCloseTo(0.050027, 6);
    expect(asPercent(average)).toBe(5.0);
  });

  it('seed 003: 规上工业增加值 1–5月 2021 +16.6% with a two-year average of +2.3% implies 2020 growth of −10.2%', () => {
    const implied = impliedPriorGrowth(0.023, 0.166);
    expect(implied).toBeCloseTo(1.023 ** 2 / 1.166 - 1, 12);
    expect(implied).toBeCloseTo(-0.102, 3);
    expect(asPercent(implied)).toBe(-10.2);
    // And the implied rate, chained back, gives the reported average.
    expect(twoYearAverageGrowth(implied, 0.166)).toBeCloseTo(0.023, 12);
  });

  it('completion 50.9% after May is +9.2 pp ahead of time progress (50.9 − 41.7)', () => {
    expect(timeProgress(5)).toBeCloseTo(0.41667, 5);
    const ahead = pointsAheadOfTime(0.509, 5);
    expect(ahead).toBeCloseTo(9.2333333, 6);
    expect(Number(ahead.toFixed(1))).toBe(9.2);
  });

  it.each([
    [0.5, true],
    [0.4999, false],
    [0.49999, false], // 49.999%
    [0.500001, true],
    [1.2, true],
    [0, false],
  ])('双过半 at the end of June with completion %s → passed %s (exactly 50% passes, 49.99% fails)', (completion, passed) => {
    expect(halfYearCheck(completion)).toEqual({ timePastHalf: true, taskPastHalf: passed, passed });
  });

  it('双过半 passes 50% even when computed with binary noise (0.1 + 0.4 and 0.7 − 0.2)', () => {
    expect(0.7 - 0.2).not.toBe(0.5); // 0.49999999999999994
    expect(halfYearCheck(0.7 - 0.2).passed).toBe(true);
    expect(halfYearCheck(0.1 + 0.4).passed).toBe(true);
    expect(halfYearCheck(completionRate(2_500_000_000, 5_000_000_000) ?? Number.NaN).passed).toBe(true);
  });
});

describe('yoyGrowth', () => {
  it.each<[number, number, number | null]>([
    [118.3, 100, 0.183],
    [93.2, 100, -0.068],
    [100, 100, 0],
    [0, 100, -1],
    [-20, 100, -1.2], // a profit turned into a loss: arithmetic truth, rejected only as input
    [1_305_000_000, 1_000_000_000, 0.305],
    [100, 0, null],
    [100, -50, null],
    [Number.NaN, 100, null],
    [100, Number.POSITIVE_INFINITY, null],
    [Number.POSITIVE_INFINITY, 100, null],
  ])('%s over %s → %s', (current, prior, expected) => {
    const growth = yoyGrowth(current, prior);
    if (expected === null) expect(growth).toBeNull();
    else expect(growth).toBeCloseTo(expected, 12);
  });
});

describe('averageGrowth and twoYearAverageGrowth', () => {
  it.each<[readonly number[], number]>([
    [[0.05], 0.05],
    [[0.1, 0.1, 0.1], 0.1],
    [[0, 0], 0],
    [[0.21, 0], Math.sqrt(1.21) - 1], // 10%
    [[0.183, -0.068], Math.sqrt(1.183 * 0.932) - 1],
    [[0.5, -0.5], Math.sqrt(0.75) - 1], // geometric, not the arithmetic 0
    [[0.02, 0.03, 0.04, 0.05], (1.02 * 1.03 * 1.04 * 1.05) ** 0.25 - 1],
  ])('%j → %s', (rates, expected) => {
    expect(averageGrowth(rates)).toBeCloseTo(expected, 12);
  });

  it('is symmetric in order for two years', () => {
    expect(twoYearAverageGrowth(-0.068, 0.183)).toBeCloseTo(twoYearAverageGrowth(0.183, -0.068), 15);
  });

  it('equals the average from levels: √(X_t / X_{t−2}) − 1', () => {
    const levels = [100, 118.3, 118.3 * 0.932];
    expect(twoYearAverageGrowth(0.183, -0.068)).toBeCloseTo(averageGrowthFromLevels(levels[2] ?? 0, levels[0] ?? 0, 2) ?? Number.NaN, 12);
  });

  it('stays finite over long series where the product would overflow', () => {
    expect(averageGrowth(Array.from({ length: 2000 }, () => 1.5))).toBeCloseTo(1.5, 10);
  });

  it.each<[string, readonly number[]]>([
    ['empty', []],
    ['−100%', [0.1, -1]],
    ['below −100%', [-1.5]],
    ['NaN', [Number.NaN]],
    ['Infinity', [Number.POSITIVE_INFINITY]],
  ])('throws RangeError for %s', (_label, rates) => {
    expect(() => averageGrowth(rates)).toThrow(RangeError);
  });

  it('twoYearAverageGrowth throws RangeError for a rate ≤ −100%', () => {
    expect(() => twoYearAverageGrowth(-1, 0.1)).toThrow(RangeError);
  });
});

describe('averageGrowthFromLevels', () => {
  it.each<[number, number, number, number | null]>([
    [121, 100, 2, 0.1],
    [133.1, 100, 3, 0.1],
    [150, 100, 1, 0.5],
    [100, 100, 5, 0],
    [0, 100, 2, -1],
    [81, 100, 2, -0.1],
    [100, 0, 2, null],
    [100, -1, 2, null],
    [-5, 100, 2, null],
    [Number.NaN, 100, 2, null],
  ])('%s from %s over %s years → %s', (current, base, years, expected) => {
    const growth = averageGrowthFromLevels(current, base, years);
    if (expected === null) expect(growth).toBeNull();
    else expect(growth).toBeCloseTo(expected, 12);
  });

  it.each([0, -1, 1.5, Number.NaN])('throws RangeError for years = %s', (years) => {
    expect(() => averageGrowthFromLevels(121, 100, years)).toThrow(RangeError);
  });
});

describe('impliedPriorGrowth', () => {
  it.each([
    [0.1, 0.1, 0.1],
    [0.05, 0, 0.1025],
    [0, 0.1, 1 / 1.1 - 1],
  ])('average %s with current %s → prior %s', (average, current, expected) => {
    expect(impliedPriorGrowth(average, current)).toBeCloseTo(expected, 12);
  });

  it.each([
    [-1, 0.1],
    [0.1, -1],
    [Number.NaN, 0.1],
    [0.1, Number.POSITIVE_INFINITY],
  ])('throws RangeError for average %s, current %s', (average, current) => {
    expect(() => impliedPriorGrowth(average, current)).toThrow(RangeError);
  });
});

describe('cumulativeGrowth', () => {
  it.each<[readonly number[], number]>([
    [[], 0],
    [[0.1], 0.1],
    [[0.1, 0.1], 0.21],
    [[0.183, -0.068], 1.183 * 0.932 - 1],
    [[0.5, -0.5], -0.25],
  ])('%j → %s', (rates, expected) => {
    expect(cumulativeGrowth(rates)).toBeCloseTo(expected, 12);
  });

  it('agrees with averageGrowth: (1 + cumulative) = (1 + average)^n', () => {
    const rates = [0.183, -0.068, 0.072];
    expect(1 + cumulativeGrowth(rates)).toBeCloseTo((1 + averageGrowth(rates)) ** 3, 12);
  });

  it.each<[readonly number[]]>([[[-1]], [[0.1, -2]], [[Number.NaN]]])('throws RangeError for %j', (rates) => {
    expect(() => cumulativeGrowth(rates)).toThrow(RangeError);
  });
});

describe('completionRate', () => {
  it.each<[number, number, number | null]>([
    [50.9, 100, 0.509],
    [2_545_000_000, 5_000_000_000, 0.509],
    [0, 100, 0],
    [120, 100, 1.2],
    [-10, 100, -0.1],
    [100, 0, null],
    [100, -100, null],
    [Number.NaN, 100, null],
    [100, Number.POSITIVE_INFINITY, null],
  ])('%s of %s → %s', (actual, target, expected) => {
    const rate = completionRate(actual, target);
    if (expected === null) expect(rate).toBeNull();
    else expect(rate).toBeCloseTo(expected, 12);
  });
});

describe('timeProgress and validateMonth', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('month %s → n/12', (month) => {
    expect(timeProgress(month)).toBe(month / 12);
    expect(validateMonth(month)).toBeNull();
  });

  it('is exactly 1/2 at June and 1 at December', () => {
    expect(timeProgress(6)).toBe(0.5);
    expect(timeProgress(12)).toBe(1);
  });

  it.each([0, 13, -1, 5.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects month %s', (month) => {
    expect(() => timeProgress(month)).toThrow(RangeError);
    expect(validateMonth(month)).toMatch(/月份/);
  });
});

describe('pointsAheadOfTime', () => {
  it.each([
    [0.509, 5, 9.233333333],
    [0.5, 6, 0],
    [0.4, 6, -10], // exactly 10 pp behind, not −9.999999999999998
    [0.2, 6, -30],
    [1, 12, 0],
    [0.05, 1, 5 - 100 / 12],
    [1.1, 12, 10],
  ])('completion %s after month %s → %s pp', (completion, month, expected) => {
    expect(pointsAheadOfTime(completion, month)).toBeCloseTo(expected, 8);
  });

  it('snaps binary noise so boundary cases are exact', () => {
    expect(pointsAheadOfTime(0.4, 6)).toBe(-10);
    expect(pointsAheadOfTime(0.2, 6)).toBe(-30);
    expect(pointsAheadOfTime(0.5, 6)).toBe(0);
    expect(Object.is(pointsAheadOfTime(0.5, 6), -0)).toBe(false);
  });

  it('throws RangeError for a bad month or a non-finite completion', () => {
    expect(() => pointsAheadOfTime(0.5, 0)).toThrow(RangeError);
    expect(() => pointsAheadOfTime(Number.NaN, 6)).toThrow(RangeError);
  });
});

describe('halfYearCheck', () => {
  it('throws RangeError for a non-finite completion', () => {
    expect(() => halfYearCheck(Number.NaN)).toThrow(RangeError);
  });
});

describe('rankWithTies', () => {
  const towns: RankInput[] = [
    { key: 'd', value: 0.3 },
    { key: 'b', value: 0.5 },
    { key: 'x', value: null },
    { key: 'c', value: 0.5 },
    { key: 'a', value: 0.9 },
    { key: 'e', value: 0.1 },
    { key: 'w', value: null },
  ];

  it('ranks 1,2,2,4 for higher-is-better, ties by key, nulls last by key with rank null', () => {
    expect(rankWithTies(towns, 'higher')).toEqual([
      { key: 'a', value: 0.9, rank: 1 },
      { key: 'b', value: 0.5, rank: 2 },
      { key: 'c', value: 0.5, rank: 2 },
      { key: 'd', value: 0.3, rank: 4 },
      { key: 'e', value: 0.1, rank: 5 },
      { key: 'w', value: null, rank: null },
      { key: 'x', value: null, rank: null },
    ]);
  });

  it('ranks smallest first for lower-is-better, still 1,2,2,4 style', () => {
    expect(rankWithTies(towns, 'lower')).toEqual([
      { key: 'e', value: 0.1, rank: 1 },
      { key: 'd', value: 0.3, rank: 2 },
      { key: 'b', value: 0.5, rank: 3 },
      { key: 'c', value: 0.5, rank: 3 },
      { key: 'a', value: 0.9, rank: 5 },
      { key: 'w', value: null, rank: null },
      { key: 'x', value: null, rank: null },
    ]);
  });

  it.each<[string, RankInput[], 'higher' | 'lower', (number | null)[]]>([
    ['the classic 1224', [{ key: 'a', value: 4 }, { key: 'b', value: 3 }, { key: 'c', value: 3 }, { key: 'd', value: 1 }], 'higher', [1, 2, 2, 4]],
    ['a tie at the top', [{ key: 'a', value: 9 }, { key: 'b', value: 9 }, { key: 'c', value: 1 }], 'higher', [1, 1, 3]],
    ['a three-way tie', [{ key: 'a', value: 5 }, { key: 'b', value: 2 }, { key: 'c', value: 2 }, { key: 'd', value: 2 }, { key: 'e', value: 0 }], 'higher', [1, 2, 2, 2, 5]],
    ['all equal', [{ key: 'a', value: 1 }, { key: 'b', value: 1 }], 'lower', [1, 1]],
    ['a tie at the bottom before nulls', [{ key: 'a', value: 1 }, { key: 'b', value: 2 }, { key: 'c', value: 2 }, { key: 'd', value: null }], 'lower', [1, 2, 2, null]],
    ['negative values', [{ key: 'a', value: -0.05 }, { key: 'b', value: 0.02 }, { key: 'c', value: -0.05 }], 'higher', [1, 2, 2]],
    ['only nulls', [{ key: 'b', value: null }, { key: 'a', value: null }], 'higher', [null, null]],
  ])('%s', (_label, items, direction, ranks) => {
    expect(rankWithTies(items, direction).map((r) => r.rank)).toEqual(ranks);
  });

  it('ranks nothing as nothing', () => {
    expect(rankWithTies([], 'higher')).toEqual([]);
  });

  it('treats NaN and Infinity like a missing value', () => {
    const ranked = rankWithTies(
      [
        { key: 'a', value: Number.NaN },
        { key: 'b', value: 1 },
        { key: 'c', value: Number.POSITIVE_INFINITY },
      ],
      'higher',
    );
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['b', 1],
      ['a', null],
      ['c', null],
    ]);
  });

  it('does not depend on input order', () => {
    const reversed = [...towns].reverse();
    expect(rankWithTies(reversed, 'higher')).toEqual(rankWithTies(towns, 'higher'));
    expect(rankWithTies(reversed, 'lower')).toEqual(rankWithTies(towns, 'lower'));
  });

  it('does not mutate its input', () => {
    const copy = towns.map((t) => ({ ...t }));
    rankWithTies(towns, 'higher');
    expect(towns).toEqual(copy);
  });
});

describe('rateAgainstTime (STANDARDS §7: green on or ahead, yellow 10–30 pp behind, red > 30 pp behind)', () => {
  it('has the defaults of STANDARDS §7', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ yellowBehindPp: 10, redBehindPp: 30, growthYellowBelowPp: 0, growthRedBelowPp: 5 });
  });

  it.each<[number, Colour]>([
    [50, 'green'],
    [9.2, 'green'],
    [0, 'green'],
    [-0.01, 'green'],
    [-9.99, 'green'],
    [-9.999999, 'green'],
    [-10, 'yellow'], // exactly 10 behind: yellow
    [-10.01, 'yellow'],
    [-20, 'yellow'],
    [-29.99, 'yellow'],
    [-30, 'yellow'], // exactly 30 behind: still yellow
    [-30.000001, 'red'],
    [-30.01, 'red'],
    [-100, 'red'],
  ])('%s pp ahead → %s', (ahead, colour) => {
    expect(rateAgainstTime(ahead)).toBe(colour);
  });

  it.each<[number, number, Colour]>([
    [0.4, 6, 'yellow'], // 40% at June: exactly 10 pp behind despite float noise
    [0.2, 6, 'yellow'], // exactly 30 pp behind
    [0.19, 6, 'red'],
    [0.41, 6, 'green'],
    [0.509, 5, 'green'],
  ])('completion %s after month %s → %s', (completion, month, colour) => {
    expect(rateAgainstTime(pointsAheadOfTime(completion, month))).toBe(colour);
  });

  it('takes custom and partial thresholds', () => {
    expect(rateAgainstTime(-5, { yellowBehindPp: 5, redBehindPp: 15, growthYellowBelowPp: 0, growthRedBelowPp: 5 })).toBe('yellow');
    expect(rateAgainstTime(-15.5, { yellowBehindPp: 5, redBehindPp: 15 })).toBe('red');
    expect(rateAgainstTime(-15, { redBehindPp: 15 })).toBe('yellow');
    expect(rateAgainstTime(-9, { yellowBehindPp: 0 })).toBe('yellow');
    expect(rateAgainstTime(0, { yellowBehindPp: 0 })).toBe('yellow');
    expect(rateAgainstTime(0.001, { yellowBehindPp: 0 })).toBe('green');
  });

  it.each([
    [{ yellowBehindPp: 40 }],
    [{ redBehindPp: -1, yellowBehindPp: -2 }],
    [{ yellowBehindPp: Number.NaN }],
  ])('rejects inconsistent thresholds %j', (t) => {
    expect(() => rateAgainstTime(0, t)).toThrow(RangeError);
  });

  it('rejects a non-finite input', () => {
    expect(() => rateAgainstTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('rateGrowth (green on or above target, yellow up to 5 pp below, red more than 5 pp below)', () => {
  it.each<[number, number, Colour]>([
    [0.08, 0.07, 'green'],
    [0.07, 0.07, 'green'], // exactly on target
    [0.0699, 0.07, 'yellow'],
    [0.05, 0.07, 'yellow'],
    [0.02, 0.07, 'yellow'], // exactly 5 pp below: yellow (0.02 − 0.07 is −5.000000000000001 pp in floats)
    [0.0199, 0.07, 'red'],
    [0.05, 0.1, 'yellow'], // exactly 5 pp below
    [-0.03, 0.02, 'yellow'], // exactly 5 pp below across zero
    [-0.031, 0.02, 'red'],
    [0.166, 0.065, 'green'],
    [-0.102, 0.06, 'red'],
  ])('actual %s against target %s → %s', (actual, target, colour) => {
    expect(rateGrowth(actual, target)).toBe(colour);
  });

  it('takes custom thresholds: yellow only when more than 1 pp below, red beyond 3 pp', () => {
    const t = { ...DEFAULT_THRESHOLDS, growthYellowBelowPp: 1, growthRedBelowPp: 3 };
    expect(rateGrowth(0.06, 0.07, t)).toBe('green'); // exactly 1 pp below
    expect(rateGrowth(0.059, 0.07, t)).toBe('yellow');
    expect(rateGrowth(0.04, 0.07, t)).toBe('yellow'); // exactly 3 pp below
    expect(rateGrowth(0.039, 0.07, t)).toBe('red');
  });

  it('rejects inconsistent thresholds and non-finite rates', () => {
    expect(() => rateGrowth(0.05, 0.07, { growthYellowBelowPp: 6 })).toThrow(RangeError);
    expect(() => rateGrowth(Number.NaN, 0.07)).toThrow(RangeError);
    expect(() => rateGrowth(0.05, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('isBlackListed (STANDARDS §7: red two periods in a row)', () => {
  it.each<[(Colour | null)[], boolean]>([
    [[], false],
    [['red'], false],
    [['red', 'red'], true],
    [['green', 'red', 'red'], true],
    [['red', 'red', 'yellow'], false], // recovered in the latest period
    [['red', 'yellow', 'red'], false],
    [['red', null, 'red'], false], // a period without a rating breaks the run
    [[null, 'red'], false],
    [['yellow', 'yellow'], false],
    [['red', 'red', 'red', 'red'], true],
    [['red', 'green', 'red', 'red'], true],
  ])('%j → %s', (history, expected) => {
    expect(isBlackListed(history)).toBe(expected);
  });
});

describe('validateGrowthRate (−100% < rate ≤ +10,000%)', () => {
  it.each([-0.9999, -0.5, 0, 0.166, 1, 99.99, 100])('accepts %s', (rate) => {
    expect(validateGrowthRate(rate)).toBeNull();
  });

  it.each([-1, -1.0001, -5, 100.0001, 1000, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects %s with a reason in Chinese', (rate) => {
    expect(validateGrowthRate(rate)).toMatch(/增长率/);
  });
});
