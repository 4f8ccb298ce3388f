import { describe, expect, it } from 'vitest';
import { CASE_NATURES } from '@/shared/case-vocabulary.js';
import {
  DEFAULT_CATEGORIES,
  DEFAULT_NATURE_LIMITS,
  checkCategoryLimits,
  type DefaultCategory,
  type Limit,
  type StageLimits,
} from './default-categories.js';

// The demo district's departments (demo-generator.ts): the 派单目录 may only name these.
const DEPARTMENT_CODES = ['CG', 'SCJG', 'ZJ', 'JT', 'STHJ', 'SL', 'WJ', 'YJGL', 'ZRZY', 'MZ', 'JY', 'GA110'];

const majors = DEFAULT_CATEGORIES.filter((c) => c.minorCode === null);
const minors = DEFAULT_CATEGORIES.filter((c) => c.minorCode !== null);

/** The limits of a minor class, failing the test when they are missing. */
function limitsOf(category: DefaultCategory): { normal: StageLimits; urgent: StageLimits } {
  if (category.limits === null) throw new Error(`${category.code} has no limits`);
  return category.limits;
}

/**
 * A limit as nominal working minutes, only to compare urgencies: a working day is 7.5 working
 * hours (the default calendar), and an emergency hour never allows more than a working hour.
 */
function nominalMinutes(limit: Limit): number {
  switch (limit.kind) {
    case 'emergency_hours':
    case 'working_hours':
      return limit.amount * 60;
    case 'working_days':
      return limit.amount * 450;
    case 'natural_days':
      return limit.amount * 24 * 60;
  }
}

describe('DEFAULT_CATEGORIES', () => {
  it('has well-formed codes that agree with kind, major and minor', () => {
    for (const category of DEFAULT_CATEGORIES) {
      const prefix = category.kind === 'component' ? 'BJ' : 'SJ';
      expect(category.code, category.code).toMatch(/^(BJ|SJ)\d{2}(\d{2})?$/);
      expect(category.majorCode, category.code).toMatch(/^\d{2}$/);
      if (category.minorCode !== null) expect(category.minorCode, category.code).toMatch(/^\d{2}$/);
      expect(category.code).toBe(`${prefix}${category.majorCode}${category.minorCode ?? ''}`);
      expect(category.name.trim(), category.code).not.toBe('');
    }
  });

  it('has unique codes', () => {
    const codes = DEFAULT_CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has the GB/T 30428.2 major classes', () => {
    const byKind = (kind: DefaultCategory['kind']) =>
      majors.filter((m) => m.kind === kind).map((m) => `${m.majorCode} ${m.name}`);
    expect(byKind('component')).toEqual([
      '01 公用设施',
      '02 道路交通',
      '03 市容环境',
      '04 园林绿化',
      '05 房屋土地',
      '06 其他设施',
    ]);
    expect(byKind('event')).toEqual(['01 市容环境', '02 宣传广告', '03 施工管理', '04 突发事件', '05 街面秩序']);
  });

  it('gives majors no parent, conditions, department or limits', () => {
    for (const major of majors) {
      expect(major, major.code).toMatchObject({
        parentCode: null,
        registerCondition: null,
        closeCondition: null,
        departmentCode: null,
        limits: null,
      });
    }
  });

  it('puts every minor under an existing major of the same kind and major code, listed before it', () => {
    for (const [index, minor] of DEFAULT_CATEGORIES.entries()) {
      if (minor.minorCode === null) continue;
      const parentIndex = DEFAULT_CATEGORIES.findIndex((c) => c.code === minor.parentCode);
      expect(parentIndex, `${minor.code} parent ${String(minor.parentCode)}`).toBeGreaterThanOrEqual(0);
      expect(parentIndex, `${minor.code} is listed after its parent`).toBeLessThan(index);
      const parent = DEFAULT_CATEGORIES[parentIndex];
      expect(parent?.minorCode, minor.code).toBeNull();
      expect(parent?.kind, minor.code).toBe(minor.kind);
      expect(parent?.majorCode, minor.code).toBe(minor.majorCode);
    }
  });

  it('numbers the minors of each major 01, 02, … with 4 to 9 per major and no repeated name', () => {
    for (const major of majors) {
      const children = minors.filter((m) => m.parentCode === major.code);
      expect(children.length, major.code).toBeGreaterThanOrEqual(4);
      expect(children.length, major.code).toBeLessThanOrEqual(9);
      expect(children.map((m) => m.minorCode)).toEqual(children.map((_, i) => String(i + 1).padStart(2, '0')));
      expect(new Set(children.map((m) => m.name)).size, major.code).toBe(children.length);
    }
  });

  it('gives every minor conditions in Chinese and a department of the district', () => {
    for (const minor of minors) {
      expect(minor.registerCondition, minor.code).toMatch(/\p{Script=Han}/u);
      expect(minor.closeCondition, minor.code).toMatch(/\p{Script=Han}/u);
      expect(DEPARTMENT_CODES, minor.code).toContain(minor.departmentCode);
    }
  });

  it('gives every minor limits that pass checkCategoryLimits', () => {
    for (const minor of minors) {
      expect(checkCategoryLimits(limitsOf(minor)), minor.code).toEqual([]);
    }
  });

  it('makes the urgent handle and total no longer than the normal ones', () => {
    for (const minor of minors) {
      const { normal, urgent } = limitsOf(minor);
      expect(nominalMinutes(urgent.handle), minor.code).toBeLessThan(nominalMinutes(normal.handle));
      expect(nominalMinutes(urgent.total), minor.code).toBeLessThanOrEqual(nominalMinutes(normal.total));
      expect(urgent.dispatch, minor.code).toEqual({ kind: 'emergency_hours', amount: 0.5 });
    }
  });

  it('gives each stage a total no shorter than its stages when they share the kind', () => {
    for (const minor of minors) {
      for (const stages of Object.values(limitsOf(minor))) {
        const { dispatch, handle, check, total } = stages;
        expect(total.kind, minor.code).toBe(handle.kind);
        const parts = [dispatch, handle, check].filter((l) => l.kind === total.kind);
        const sum = parts.reduce((acc, l) => acc + l.amount, 0);
        expect(total.amount, minor.code).toBeGreaterThanOrEqual(sum);
      }
    }
  });

  it('counts 突发事件 round the clock and everything else dispatches within 1 working hour', () => {
    for (const minor of minors) {
      const { normal, urgent } = limitsOf(minor);
      if (minor.kind === 'event' && minor.majorCode === '04') {
        for (const limit of [...Object.values(normal), ...Object.values(urgent)]) {
          expect(limit.kind, minor.code).toBe('emergency_hours');
        }
      } else {
        expect(normal.dispatch, minor.code).toEqual({ kind: 'working_hours', amount: 1 });
        expect(normal.check, minor.code).toEqual({ kind: 'working_hours', amount: 2 });
      }
    }
  });

  it('follows the worked examples of STANDARDS.md §4', () => {
    const byName = (kind: DefaultCategory['kind'], name: string) => {
      const found = minors.find((m) => m.kind === kind && m.name === name);
      if (found === undefined) throw new Error(`no ${kind} ${name}`);
      return limitsOf(found);
    };
    expect(byName('event', '暴露垃圾').normal.handle).toEqual({ kind: 'working_hours', amount: 4 });
    const roadDirt = byName('event', '道路不洁').normal.handle;
    expect(roadDirt.kind).toBe('working_hours');
    expect(roadDirt.amount).toBeGreaterThanOrEqual(2);
    expect(roadDirt.amount).toBeLessThanOrEqual(5);
    expect(byName('component', '绿地').normal.handle).toEqual({ kind: 'working_days', amount: 5 });
    // 私搭乱建: demolition in 20 working days, an unfinished structure stopped in 4 working hours.
    expect(byName('event', '私搭乱建').normal.handle).toEqual({ kind: 'working_days', amount: 20 });
    expect(byName('event', '私搭乱建').urgent.handle).toEqual({ kind: 'working_hours', amount: 4 });
  });
});

describe('DEFAULT_NATURE_LIMITS', () => {
  it('gives every 12345 nature the §4 limit', () => {
    expect(Object.keys(DEFAULT_NATURE_LIMITS).sort()).toEqual([...CASE_NATURES].sort());
    expect(DEFAULT_NATURE_LIMITS).toEqual({
      enquiry: { kind: 'working_days', amount: 5 },
      help: { kind: 'working_days', amount: 5 },
      complaint: { kind: 'working_days', amount: 15 },
      suggestion: { kind: 'working_days', amount: 15 },
      report: { kind: 'working_days', amount: 15 },
    });
  });
});

describe('checkCategoryLimits', () => {
  /** A fresh valid set of limits for each case to spoil. */
  const valid = (): { normal: StageLimits; urgent: StageLimits } => ({
    normal: {
      dispatch: { kind: 'working_hours', amount: 1 },
      handle: { kind: 'working_hours', amount: 4 },
      check: { kind: 'working_hours', amount: 2 },
      total: { kind: 'working_hours', amount: 7 },
    },
    urgent: {
      dispatch: { kind: 'emergency_hours', amount: 0.5 },
      handle: { kind: 'working_hours', amount: 2 },
      check: { kind: 'working_hours', amount: 1 },
      total: { kind: 'working_hours', amount: 4 },
    },
  });

  /** Valid limits with one stage replaced by `value` (which may be malformed on purpose). */
  const withStage = (urgency: 'normal' | 'urgent', stage: keyof StageLimits, value: unknown) => {
    const limits = valid();
    (limits[urgency] as unknown as Record<string, unknown>)[stage] = value;
    return limits;
  };

  it('accepts valid limits', () => {
    expect(checkCategoryLimits(valid())).toEqual([]);
  });

  it.each([
    ['an urgent total equal to the normal one', withStage('urgent', 'total', { kind: 'working_hours', amount: 7 })],
    ['fractional hours', withStage('normal', 'handle', { kind: 'working_hours', amount: 2.5 })],
    ['fractional emergency hours', withStage('urgent', 'handle', { kind: 'emergency_hours', amount: 0.25 })],
    ['whole natural days', withStage('normal', 'handle', { kind: 'natural_days', amount: 3 })],
    [
      'an urgent total longer in another kind (not comparable)',
      withStage('urgent', 'total', { kind: 'working_days', amount: 30 }),
    ],
  ])('accepts %s', (_label, limits) => {
    expect(checkCategoryLimits(limits)).toEqual([]);
  });

  it.each([
    ['a zero amount', withStage('normal', 'handle', { kind: 'working_hours', amount: 0 }), 'normal.handle.amount'],
    ['a negative amount', withStage('urgent', 'check', { kind: 'working_hours', amount: -1 }), 'urgent.check.amount'],
    ['NaN', withStage('normal', 'dispatch', { kind: 'working_hours', amount: Number.NaN }), 'normal.dispatch.amount'],
    ['Infinity', withStage('urgent', 'handle', { kind: 'emergency_hours', amount: Infinity }), 'urgent.handle.amount'],
    ['an amount as a string', withStage('normal', 'check', { kind: 'working_hours', amount: '2' }), 'normal.check.amount'],
    ['an unknown kind', withStage('normal', 'handle', { kind: 'working_weeks', amount: 1 }), 'normal.handle.kind'],
    ['a missing kind', withStage('urgent', 'dispatch', { amount: 1 }), 'urgent.dispatch.kind'],
    ['fractional working days', withStage('normal', 'handle', { kind: 'working_days', amount: 1.5 }), 'whole number'],
    ['fractional natural days', withStage('urgent', 'total', { kind: 'natural_days', amount: 0.5 }), 'whole number'],
    ['a missing stage', withStage('normal', 'check', undefined), 'normal.check: missing'],
    ['a stage that is not an object', withStage('urgent', 'total', 4), 'urgent.total: missing'],
    [
      'an urgent total longer than the normal one',
      withStage('urgent', 'total', { kind: 'working_hours', amount: 8 }),
      'longer than normal.total',
    ],
    [
      'a missing urgency',
      (() => {
        const limits: Partial<ReturnType<typeof valid>> = valid();
        delete limits.urgent;
        return limits as ReturnType<typeof valid>;
      })(),
      'urgent: missing',
    ],
    ['no limits at all', null as unknown as ReturnType<typeof valid>, 'limits: missing'],
  ])('rejects %s', (_label, limits, expected) => {
    const problems = checkCategoryLimits(limits);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('reports every problem, not only the first', () => {
    const limits = withStage('normal', 'handle', { kind: 'fortnights', amount: -3 });
    limits.urgent.check = { kind: 'working_days', amount: 0.5 };
    expect(checkCategoryLimits(limits)).toEqual([
      'normal.handle.kind: unknown kind of limit "fortnights"',
      'normal.handle.amount: must be a positive finite number, not -3',
      'urgent.check.amount: a working_days limit must be a whole number, not 0.5',
    ]);
  });
});
