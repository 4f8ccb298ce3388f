import { describe, expect, it } from 'vitest';
import type { CaseMetrics } from '@/shared/case-metrics-view.js';
import {
  aheadText,
  buildScorecard,
  growthText,
  indicatorSentence,
  percentText,
  type ScorecardData,
  type ScorecardIndicator,
} from './scorecard-document.js';
import { parseScorecardPeriod, periodMonths } from './scorecard-period.js';
import { renderMarkdown } from './scorecard-render.js';

describe('parseScorecardPeriod', () => {
  it.each([
    ['2023-H1', 2023, 6, '上半年', 'half'],
    ['2023-h2', 2023, 12, '全年', 'year'],
    ['2023', 2023, 12, '全年', 'year'],
    ['2023-Q1', 2023, 3, '一季度', 'quarter'],
    ['2023-Q3', 2023, 9, '前三季度', 'quarter'],
    ['2023-Q4', 2023, 12, '全年', 'year'],
    ['2023-05', 2023, 5, '1—5月', 'month'],
    ['2023-1', 2023, 1, '1月', 'month'],
    ['2023-06', 2023, 6, '上半年', 'half'],
  ])('%s → %i, month %i, %s', (code, year, month, label, kind) => {
    expect(parseScorecardPeriod(code)).toMatchObject({ year, month, label, kind });
  });

  it.each(['', '23-H1', '2023-H3', '2023-13', '2023-0', '2023-Q5', '1800', '2023-H1x', '2023/06'])('rejects %j', (code) => {
    expect(parseScorecardPeriod(code)).toBeNull();
  });

  it('covers January to the last month', () => {
    expect(periodMonths(parseScorecardPeriod('2023-Q3')!)).toEqual({ from: '2023-01', to: '2023-09' });
  });
});

describe('report wording', () => {
  it.each([
    [0.123, '增长12.3%'],
    [-0.031, '下降3.1%'],
    [0.0004, '持平'],
    [-0.0004, '持平'],
  ])('growthText(%f) = %s', (rate, text) => {
    expect(growthText(rate)).toBe(text);
  });

  it('says how far ahead of time progress (STANDARDS §6: 50.9% after May is +9.2 pp)', () => {
    expect(aheadText((0.509 - 5 / 12) * 100)).toBe('超序时进度9.2个百分点');
    expect(aheadText(-3)).toBe('落后序时进度3.0个百分点');
    expect(aheadText(0.01)).toBe('与序时进度持平');
    expect(percentText(null)).toBe('—');
  });
});

function indicator(overrides: Partial<ScorecardIndicator>): ScorecardIndicator {
  return {
    code: 'GYTZ',
    name: '工业投资',
    kind: 'level',
    valueText: '13.05亿元',
    yoy: 0.123,
    targetText: '25.64亿元',
    targetGrowth: null,
    completion: 0.509,
    aheadPp: 0.9,
    growthGapPp: null,
    colour: 'green',
    halfYearPassed: true,
    rank: null,
    rankOf: null,
    ...overrides,
  };
}

describe('indicatorSentence', () => {
  it('writes a level the way the seed reports do', () => {
    expect(indicatorSentence(indicator({}), '上半年')).toBe('上半年完成工业投资13.05亿元，同比增长12.3%，完成年度目标的50.9%，超序时进度0.9个百分点。');
  });

  it('uses 实现 for output and no verb for a name that is a verb phrase, and gives the rank', () => {
    expect(indicatorSentence(indicator({ name: '地区生产总值', rank: 2, rankOf: 22 }), '1—5月')).toContain('1—5月实现地区生产总值13.05亿元');
    expect(indicatorSentence(indicator({ name: '地区生产总值', rank: 2, rankOf: 22 }), '1—5月')).toContain('居全区22个镇街第2位');
    expect(indicatorSentence(indicator({ name: '新增市场主体', valueText: '9840家' }), '上半年')).toMatch(/^上半年新增市场主体9840家，/);
  });

  it('writes a growth indicator against its target', () => {
    const growth = indicator({ kind: 'growth', name: '单位GDP能耗', valueText: null, yoy: -0.032, targetGrowth: -0.03, completion: null, aheadPp: null, growthGapPp: 0.2 });
    expect(indicatorSentence(growth, '全年')).toBe('全年单位GDP能耗同比下降3.2%，高于目标增速0.2个百分点。');
  });

  it('is silent about an indicator with no figure', () => {
    expect(indicatorSentence(indicator({ valueText: null, yoy: null }), '上半年')).toBeNull();
  });
});

function metrics(overrides: Partial<CaseMetrics>): CaseMetrics {
  return {
    received: 0, registered: 0, voided: 0, due: 0, closed: 0, closedOnTime: 0, closureRate: null, onTimeClosureRate: null,
    handled: 0, handledOnTime: 0, onTimeHandlingRate: null, checked: 0, reworked: 0, reworkRate: null, callbacks: 0,
    satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, satisfactionRate: null, overdueClosed: 0, overtimeRatio: null,
    avgCloseWorkingMinutes: null, returns: 0, extensions: 0, parks: 0, open: 0, overdueOpen: 0,
    ...overrides,
  };
}

function data(overrides: Partial<ScorecardData>): ScorecardData {
  return {
    region: { code: '330109112', name: '瓜沥镇', level: 'town' },
    period: parseScorecardPeriod('2023-H1')!,
    generatedAt: new Date('2023-07-10T02:00:00Z'),
    indicatorMonth: 6,
    indicators: [],
    cases: null,
    projects: null,
    livelihood: null,
    supervision: null,
    ...overrides,
  };
}

describe('buildScorecard', () => {
  it('has the five sections and the red list, saying plainly where there is no data', () => {
    const doc = buildScorecard(data({}));
    expect(doc.title).toBe('瓜沥镇2023年上半年工作成绩单');
    const headings = doc.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['一、经济运行', '二、重点项目', '三、民生实事', '四、基层治理', '五、督查督办', '六、红色事项清单']);
    expect(doc.redItems).toEqual([]);
    expect(renderMarkdown(doc)).toContain('本期无红色事项。');
  });

  it('counts the lights, 双过半, and lists red indicators, lagging projects, overdue cases and black-listed units', () => {
    const doc = buildScorecard(
      data({
        indicators: [
          indicator({}),
          indicator({ code: 'GDP', name: '地区生产总值', colour: 'red', completion: 0.2, aheadPp: -30, halfYearPassed: false }),
          indicator({ code: 'X', name: '未报指标', valueText: null, yoy: null, colour: null }),
        ],
        cases: {
          totals: metrics({ received: 120, registered: 110, closed: 100, closureRate: 0.9, onTimeClosureRate: 0.8, satisfactionRate: 0.95, overdueOpen: 4 }),
          byMonth: [],
          byChild: [{ label: '东恩村', metrics: metrics({ received: 50, overdueOpen: 4 }) }],
        },
        projects: {
          count: 3,
          lights: { green: 1, yellow: 1, red: 1 },
          yearPlanned: 2e9,
          completed: 1.1e9,
          completion: 0.55,
          byStage: [{ label: '开工', count: 3 }],
          lagging: [{ name: '某项目', light: 'red', reason: '开工滞后3个月' }],
        },
        supervision: {
          total: 10, done: 6, doneOnTime: 5, open: 4, overdue: 1, redUnits: ['城管局'], blackUnits: ['住建局'],
          suggestions: { total: 8, metRate: 1, repliedRate: 0.875, satisfactionRate: 1 },
          redItems: [{ title: '某督办', unit: '住建局', deadline: '2023-06-30' }],
        },
      }),
    );
    const text = renderMarkdown(doc);
    expect(text).toContain('2项主要经济指标中，1项亮绿灯、0项亮黄灯、1项亮红灯');
    expect(text).toContain('2项有年度总量目标的指标中，1项实现“双过半”');
    expect(text).toContain('共受理各类事件120件');
    expect(text).toContain('完成投资11.00亿元，完成年度计划投资20.00亿元的55.0%，超序时进度5.0个百分点');
    expect(text).toContain('见面率100.0%，答复率87.5%，满意率100.0%');
    expect(doc.redItems).toEqual([
      '指标：地区生产总值，落后序时进度30.0个百分点',
      '项目：某项目，开工滞后3个月',
      '事件：超期未结4件',
      '事件：东恩村超期未结4件',
      '督办：某督办（住建局，期限2023-06-30）',
      '黑榜：住建局',
    ]);
  });
});
