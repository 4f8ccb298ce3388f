import { describe, expect, it } from 'vitest';
import type { CaseMetrics } from '@/shared/case-metrics-view.js';
import type { CockpitColour, CockpitMetric } from '@/shared/cockpit-vocabulary.js';
import { chinaCalendar, colourOf, meanCompletion, metricValue, monthsBack, overduePerThousand, redList } from './cockpit-metrics.js';

describe('overdue per thousand cases received', () => {
  it.each([
    [{ received: 0, overdueOpen: 0, overdueClosed: 0 }, null],
    [{ received: 1000, overdueOpen: 3, overdueClosed: 2 }, 5],
    [{ received: 200, overdueOpen: 1, overdueClosed: 0 }, 5],
    [{ received: 3, overdueOpen: 3, overdueClosed: 0 }, 1000],
  ])('%o → %s', (m, expected) => {
    expect(overduePerThousand(m)).toBe(expected);
  });
});

describe('metric values', () => {
  const m = { received: 400, overdueOpen: 4, overdueClosed: 4, onTimeClosureRate: 0.85 } as CaseMetrics;
  it.each<[CockpitMetric, CaseMetrics | null, number | null, number | null]>([
    ['overdue_per_1000', m, null, 20],
    ['on_time_closure_rate', m, null, 0.85],
    ['indicator_completion', m, 0.6, 0.6],
    ['on_time_closure_rate', null, null, null],
    ['overdue_per_1000', null, 0.5, null],
  ])('%s', (metric, cases, completion, expected) => {
    expect(metricValue(metric, cases, completion)).toBe(expected);
  });
});

describe('colours', () => {
  it.each<[CockpitMetric, number | null, number, CockpitColour | null]>([
    ['on_time_closure_rate', 0.9, 1, 'green'],
    ['on_time_closure_rate', 0.8999, 1, 'yellow'],
    ['on_time_closure_rate', 0.8, 1, 'yellow'],
    ['on_time_closure_rate', 0.79, 1, 'red'],
    ['overdue_per_1000', 20, 1, 'green'],
    ['overdue_per_1000', 20.5, 1, 'yellow'],
    ['overdue_per_1000', 50, 1, 'yellow'],
    ['overdue_per_1000', 51, 1, 'red'],
    ['indicator_completion', 0.5, 0.5, 'green'],
    ['indicator_completion', 0.41, 0.5, 'yellow'],
    ['indicator_completion', 0.39, 0.5, 'red'],
    ['on_time_closure_rate', null, 1, null],
    ['overdue_per_1000', Number.NaN, 1, null],
  ])('%s %s (time progress %s) → %s', (metric, value, progress, expected) => {
    expect(colourOf(metric, value, progress)).toBe(expected);
  });
});

describe('the red list', () => {
  const rows = [
    { code: 'a', value: 0.95, colour: 'green' as const },
    { code: 'b', value: 0.7, colour: 'red' as const },
    { code: 'c', value: 0.85, colour: 'yellow' as const },
    { code: 'd', value: null, colour: null },
    { code: 'e', value: 0.6, colour: 'red' as const },
  ];
  it('lists red and yellow regions, worst first, for a higher-is-better metric', () => {
    expect(redList('on_time_closure_rate', rows).map((r) => r.code)).toEqual(['e', 'b', 'c']);
  });
  it('puts the largest first for a lower-is-better metric and honours the limit', () => {
    const overdue = [
      { code: 'x', value: 60, colour: 'red' as const },
      { code: 'y', value: 90, colour: 'red' as const },
      { code: 'z', value: 30, colour: 'yellow' as const },
    ];
    expect(redList('overdue_per_1000', overdue, 2).map((r) => r.code)).toEqual(['y', 'x']);
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2026-11-22T15:59:59Z', { year: 2026, month: '2026-11', day: '2026-11-22' }],
    ['2026-12-31T16:00:00Z', { year: 2027, month: '2027-01', day: '2027-01-01' }],
  ])('%s in China', (instant, expected) => {
    expect(chinaCalendar(new Date(instant))).toEqual(expected);
  });
  it.each([
    ['2026-11', 1, '2026-11'],
    ['2026-11', 12, '2025-12'],
    ['2026-01', 2, '2025-12'],
  ])('%s back %i months', (month, count, expected) => {
    expect(monthsBack(month, count)).toBe(expected);
  });
  it('averages known completions only', () => {
    expect(meanCompletion([0.5, null, 1])).toBe(0.75);
    expect(meanCompletion([null])).toBeNull();
  });
});
