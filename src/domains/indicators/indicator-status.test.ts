import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from './indicator-math.js';
import { FigureIndex, buildBoard, computeFigures, reportingMonth } from './indicator-status.js';
import type { ActualRow, IndicatorRow, TargetRow } from './indicators-repository.js';

const indicator = (over: Partial<IndicatorRow> = {}): IndicatorRow => ({
  district_code: '330109',
  code: 'GYTZ',
  name: '工业投资',
  dimension: 'money',
  base_unit: '元',
  display_unit: '亿元',
  kind: 'level',
  price_basis: 'current',
  frequency: 'monthly_cumulative',
  direction: 'higher',
  owner_department_code: null,
  region_codes: [],
  sort_order: 0,
  version: 1,
  ...over,
});
const target = (over: Partial<TargetRow> = {}): TargetRow => ({
  district_code: '330109',
  indicator_code: 'GYTZ',
  region_code: '330109112',
  year: 2021,
  level_value: 100e8,
  growth_rate: null,
  qualifier: '以上',
  note: null,
  version: 1,
  ...over,
});
const actual = (over: Partial<ActualRow> = {}): ActualRow => ({
  district_code: '330109',
  indicator_code: 'GYTZ',
  region_code: '330109112',
  year: 2021,
  month: 5,
  cumulative_value: 50.9e8,
  yoy_rate: 0.2,
  prior_value: null,
  source: null,
  flag: null,
  confirmed: false,
  revision: 1,
  reported_at: new Date(0),
  reported_by: 'test',
  ...over,
});

describe('computeFigures', () => {
  it('reproduces STANDARDS §6: 50.9% done after May is 9.2 pp ahead of time progress, green', () => {
    const f = computeFigures(indicator(), target(), actual(), 5);
    expect(f.completion).toBeCloseTo(0.509, 10);
    expect(f.timeProgress).toBeCloseTo(5 / 12, 10);
    expect(f.aheadPp).toBeCloseTo(9.2, 1);
    expect(f.colour).toBe('green');
  });

  it('rates by STANDARDS §7: 10–30 pp behind yellow, more than 30 pp red', () => {
    expect(computeFigures(indicator(), target(), actual({ cumulative_value: 30e8 }), 5).colour).toBe('yellow');
    expect(computeFigures(indicator(), target(), actual({ cumulative_value: 10e8 }), 5).colour).toBe('red');
  });

  it('rates a growth target by the gap, and takes the worse of time and growth', () => {
    const growthOnly = target({ level_value: null, growth_rate: 0.16 });
    const f = computeFigures(indicator(), growthOnly, actual({ yoy_rate: 0.1 }), 5);
    expect(f.growthGapPp).toBeCloseTo(-6, 10);
    expect(f.colour).toBe('red');
    const both = target({ growth_rate: 0.16 });
    expect(computeFigures(indicator(), both, actual({ yoy_rate: 0.14 }), 5).colour).toBe('yellow');
  });

  it('mirrors growth for a lower-is-better indicator', () => {
    const energy = indicator({ code: 'DWGDPNH', kind: 'growth', direction: 'lower', base_unit: 'ratio', display_unit: '%', frequency: 'annual' });
    const fall3 = target({ indicator_code: 'DWGDPNH', level_value: null, growth_rate: -0.03 });
    expect(computeFigures(energy, fall3, actual({ yoy_rate: -0.05, cumulative_value: null }), 12).colour).toBe('green');
    expect(computeFigures(energy, fall3, actual({ yoy_rate: 0.04, cumulative_value: null }), 12).colour).toBe('red');
  });

  it('checks 双过半 in June only', () => {
    expect(computeFigures(indicator(), target(), actual({ month: 6, cumulative_value: 50e8 }), 6).halfYear).toEqual({ passed: true });
    expect(computeFigures(indicator(), target(), actual({ month: 6, cumulative_value: 49.99e8 }), 6).halfYear).toEqual({ passed: false });
    expect(computeFigures(indicator(), target(), actual(), 5).halfYear).toBeNull();
  });

  it('has no colour without a target or a figure', () => {
    expect(computeFigures(indicator(), undefined, actual(), 5).colour).toBeNull();
    expect(computeFigures(indicator(), target(), undefined, 5).colour).toBeNull();
  });
});

describe('reportingMonth', () => {
  it.each([
    ['monthly_cumulative', 10, 10],
    ['quarterly', 10, 9],
    ['quarterly', 2, null],
    ['quarterly', 12, 12],
    ['annual', 11, null],
    ['annual', 12, 12],
  ] as const)('%s in month %d reports month %s', (frequency, month, expected) => {
    expect(reportingMonth(frequency, month)).toBe(expected);
  });
});

describe('buildBoard', () => {
  it('black-lists a town red two months in a row, not one red once', () => {
    const towns = ['330109112', '330109110'];
    const actuals = [
      actual({ month: 4, cumulative_value: 2e8 }),
      actual({ month: 5, cumulative_value: 6e8 }),
      actual({ region_code: '330109110', month: 4, cumulative_value: 40e8 }),
      actual({ region_code: '330109110', month: 5, cumulative_value: 10e8 }),
    ];
    const targets = [target(), target({ region_code: '330109110' })];
    const index = new FigureIndex({ indicators: [indicator()], targets, actuals, thresholds: DEFAULT_THRESHOLDS });
    const { entries } = buildBoard(index, towns, 2021, 5);
    const guali = entries.find((e) => e.regionCode === '330109112')!;
    const suoqian = entries.find((e) => e.regionCode === '330109110')!;
    expect(guali).toMatchObject({ colour: 'red', redStreak: 2, blackListed: true });
    expect(suoqian).toMatchObject({ colour: 'red', redStreak: 1, blackListed: false });
  });
});
