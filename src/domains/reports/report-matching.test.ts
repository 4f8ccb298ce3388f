import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '@/domains/indicators/default-catalogue.js';
import type { Mention } from './report-extract.js';
import { bestIndicator, fieldOf, nameScore, normalizeName, periodOf, proposeRecords, type MatchableIndicator } from './report-matching.js';

const catalogue: MatchableIndicator[] = DEFAULT_CATALOGUE.map((c) => ({ code: c.code, name: c.name, baseUnit: c.baseUnit, kind: c.kind, frequency: c.frequency }));

function mention(overrides: Partial<Mention>): Mention {
  return {
    span: [0, 8],
    text: '13.05亿元',
    value: 13.05,
    valueMax: null,
    unit: '亿元',
    normalized: { value: 1_305_000_000, unit: '元' },
    subject: '工业投资',
    kind: 'level',
    direction: null,
    qualifier: null,
    period: '上半年',
    sentence: '上半年完成工业投资13.05亿元。',
    ...overrides,
  };
}

describe('names', () => {
  it.each([
    ['规模以上工业增加值', '规上工业增加值'],
    ['全区固定资产投资', '固定资产投资'],
    ['“社零”', '社会消费品零售总额'],
    ['GDP', '地区生产总值'],
    ['新增市场主体', '市场主体'],
  ])('normalizes %s to %s', (input, output) => {
    expect(normalizeName(input)).toBe(output);
  });

  it('scores equal, contained and merely similar names in that order, and similar-but-different low', () => {
    expect(nameScore('工业投资', '工业投资')).toBe(1);
    expect(nameScore('货物进出口总额', '进出口总额')).toBe(0.9);
    expect(nameScore('农业增加值', '服务业增加值')).toBeLessThan(0.6);
    expect(nameScore('高新技术产业投资', '高新技术产业增加值')).toBeLessThan(0.6);
    expect(nameScore('', '工业投资')).toBe(0);
  });
});

describe('periodOf', () => {
  it.each([
    ['1-5月', null, 5],
    ['1—5月', null, 5],
    ['1～10月', null, 10],
    ['上半年', null, 6],
    ['一季度', null, 3],
    ['前三季度', null, 9],
    ['全年', null, 12],
    ['2022年', 2022, 12],
    ['2022年上半年', 2022, 6],
    ['2023年1-5月', 2023, 5],
    ['10月', null, 10],
    [null, null, null],
    ['1-13月', null, null],
  ])('%s → year %s month %s', (period, year, month) => {
    expect(periodOf(period)).toEqual({ year, month });
  });
});

describe('fields and matches', () => {
  const gytz = catalogue.find((c) => c.code === 'GYTZ') as MatchableIndicator;
  it.each([
    [{}, 'actual_cumulative'],
    [{ kind: 'growth', unit: '%', normalized: { value: 12.3, unit: '%' } }, 'actual_yoy'],
    [{ kind: 'target', unit: '%', normalized: { value: 10, unit: '%' } }, 'target_growth'],
    [{ kind: 'target' }, 'target_level'],
    [{ kind: 'share', unit: '%', normalized: { value: 30, unit: '%' } }, null],
    [{ normalized: { value: 5, unit: '家' }, unit: '家' }, null],
  ] as const)('%j fills %s', (overrides, field) => {
    expect(fieldOf(mention(overrides as Partial<Mention>), gytz)).toBe(field);
  });

  it('finds the indicator whose unit fits, not just whose name is close', () => {
    expect(bestIndicator(mention({}), catalogue)?.indicator.code).toBe('GYTZ');
    expect(bestIndicator(mention({ subject: '市场主体', normalized: { value: 13000, unit: '家' }, unit: '万家' }), catalogue)?.indicator.code).toBe('XZSCZT');
    expect(bestIndicator(mention({ subject: '市场主体' }), catalogue)).toBeNull();
    expect(bestIndicator(mention({ subject: '停车位', normalized: { value: 500, unit: '个' }, unit: '个' }), catalogue)).toBeNull();
  });
});

describe('proposeRecords', () => {
  it('proposes values in base units and rates as signed fractions, for the sentence period or the report period', () => {
    const proposals = proposeRecords(
      [
        mention({}),
        mention({ kind: 'growth', unit: '%', normalized: { value: 3.2, unit: '%' }, direction: 'down', period: null, subject: '工业投资' }),
        mention({ kind: 'target', unit: '%', normalized: { value: 8, unit: '%' }, subject: '规模以上工业增加值', period: '2024年' }),
      ],
      catalogue,
      { year: 2023, month: 5 },
    );
    expect(proposals[0]).toMatchObject({ indicatorCode: 'GYTZ', field: 'actual_cumulative', year: 2023, month: 6, value: 1_305_000_000, confidence: 1 });
    expect(proposals[1]).toMatchObject({ indicatorCode: 'GYTZ', field: 'actual_yoy', year: 2023, month: 5, value: -0.032 });
    expect(proposals[1]?.reason).toContain('按报告期5月');
    expect(proposals[2]).toMatchObject({ indicatorCode: 'GYZJZ', field: 'target_growth', year: 2024, month: null, value: 0.08 });
  });

  it('lowers confidence for approximate figures, proposes each field once, and explains what it leaves out', () => {
    const proposals = proposeRecords(
      [
        mention({ qualifier: '近' }),
        mention({}),
        mention({ kind: 'share', unit: '%', normalized: { value: 30, unit: '%' } }),
        mention({ valueMax: 3, text: '2-3个' }),
        mention({ subject: '停车位', normalized: { value: 500, unit: '个' }, unit: '个' }),
      ],
      catalogue,
      { year: 2023, month: 6 },
    );
    expect(proposals[0]?.confidence).toBeCloseTo(0.7);
    expect(proposals[1]).toMatchObject({ confidence: 0 });
    expect(proposals[1]?.reason).toContain('不再重复');
    expect(proposals[2]).toMatchObject({ indicatorCode: null });
    expect(proposals[2]?.reason).toContain('没有对应字段');
    expect(proposals[3]?.reason).toContain('区间');
    expect(proposals[4]?.reason).toContain('停车位');
  });
});
