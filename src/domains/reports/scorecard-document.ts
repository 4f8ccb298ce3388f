/**
 * The scorecard (成绩单) as a document: the figures gathered from live data turned into the
 * sentences, tables, charts and red list of a Chinese half-year or annual report. Pure: the
 * renderers (Markdown, HTML, Word) lay out the same blocks, so all three say the same thing.
 */
import type { CaseMetrics } from '@/shared/case-metrics-view.js';
import type { ScorecardPeriod } from './scorecard-period.js';

/** A traffic-light colour. */
export type Light = 'green' | 'yellow' | 'red';

/** One indicator's figures for the period, as the indicators domain computes them. */
export interface ScorecardIndicator {
  code: string;
  name: string;
  kind: 'level' | 'growth' | 'ratio';
  /** The cumulative figure as reports write it (`13.05亿元`), or null when not reported. */
  valueText: string | null;
  /** Year-on-year growth as a fraction, as reported. */
  yoy: number | null;
  targetText: string | null;
  /** The growth target as a fraction. */
  targetGrowth: number | null;
  /** Completion of the year's level target, a fraction. */
  completion: number | null;
  /** Percentage points ahead of (positive) or behind time progress. */
  aheadPp: number | null;
  /** Growth minus its target, in percentage points. */
  growthGapPp: number | null;
  colour: Light | null;
  /** 双过半 at June: passed or not; null in other months. */
  halfYearPassed: boolean | null;
  rank: number | null;
  rankOf: number | null;
}

/** Case figures of the region for the period (事件闭环). */
export interface ScorecardCases {
  totals: CaseMetrics;
  /** By month, January to the period's last month. */
  byMonth: { month: string; metrics: CaseMetrics }[];
  /** By child region (towns of a district, communities of a town …). */
  byChild: { label: string; metrics: CaseMetrics }[];
}

/** Key projects of the region (重点项目). */
export interface ScorecardProjects {
  count: number;
  lights: Record<Light, number>;
  /** Planned investment of the year and completed to date, in 元. */
  yearPlanned: number;
  completed: number;
  /** Completed / planned over the projects with a plan this year; null without any plan. */
  completion: number | null;
  /** Projects by their latest milestone (签约, 开工 …), in stage order. */
  byStage: { label: string; count: number }[];
  /** Lagging projects with the reason, red first. */
  lagging: { name: string; light: Light; reason: string }[];
}

/** The year's livelihood projects (民生实事) and their progress. */
export interface ScorecardLivelihood {
  title: string;
  promises: { title: string; goal: string | null; progress: number; status: string }[];
}

/** Supervision (督查督办) in the period. */
export interface ScorecardSupervision {
  total: number;
  done: number;
  doneOnTime: number;
  open: number;
  overdue: number;
  /** Units on the red and black lists (names). */
  redUnits: string[];
  blackUnits: string[];
  /** Deputies' suggestions: count and the three rates as fractions (null without a denominator). */
  suggestions: { total: number; metRate: number | null; repliedRate: number | null; satisfactionRate: number | null } | null;
  /** Open items that are overdue or red, with their lead unit. */
  redItems: { title: string; unit: string; deadline: string }[];
}

/** Everything a scorecard says, gathered from live data. */
export interface ScorecardData {
  region: { code: string; name: string; level: string };
  period: ScorecardPeriod;
  generatedAt: Date;
  /** The month the indicators' figures are of (the period's, or the latest reported before it). */
  indicatorMonth: number | null;
  indicators: ScorecardIndicator[];
  cases: ScorecardCases | null;
  projects: ScorecardProjects | null;
  livelihood: ScorecardLivelihood | null;
  supervision: ScorecardSupervision | null;
}

/** A block of the document. */
export type ScorecardBlock =
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bullets'; items: string[] }
  | { type: 'table'; caption: string; header: string[]; rows: string[][]; numeric: boolean[]; rowColours?: (Light | null)[] }
  | { type: 'chart'; caption: string; chart: ScorecardChart };

/** A chart as data; renderers draw it with ECharts (SVG in HTML, PNG in Word). */
export interface ScorecardChart {
  kind: 'bar' | 'line';
  categories: string[];
  series: { name: string; values: (number | null)[]; kind?: 'bar' | 'line' }[];
  /** Axis unit shown on the value axis (`%`, `件`). */
  unit: string;
  /** A reference line (time progress) drawn across, in the axis unit. */
  markLine?: { label: string; value: number };
  /** The light of each category, colouring a single series' bars. */
  lights?: (Light | null)[];
}

/** The document: title, subtitle and blocks in order. */
export interface ScorecardDocument {
  title: string;
  subtitle: string;
  blocks: ScorecardBlock[];
  /** Red items, also listed in the last section; the UI shows their count. */
  redItems: string[];
}

const LIGHT_TEXT: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** `12.3%` from a fraction; `—` when null. */
export function percentText(rate: number | null, digits = 1): string {
  return rate === null || !Number.isFinite(rate) ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** `增长12.3%`, `下降3.1%` or `持平` for a growth rate (a fraction), as reports write it. */
export function growthText(rate: number): string {
  const pct = Math.abs(rate * 100).toFixed(1);
  if (pct === '0.0') return '持平';
  return `${rate > 0 ? '增长' : '下降'}${pct}%`;
}

/** `超序时进度9.2个百分点` / `落后序时进度3.0个百分点` / `与序时进度持平`. */
export function aheadText(aheadPp: number): string {
  const pp = Math.abs(aheadPp).toFixed(1);
  if (pp === '0.0') return '与序时进度持平';
  return aheadPp > 0 ? `超序时进度${pp}个百分点` : `落后序时进度${pp}个百分点`;
}

/** `1.2万` for large counts, as a report would write them. */
function countText(n: number): string {
  return n >= 100_000 ? `${(n / 10_000).toFixed(1)}万` : String(n);
}

/** `13.05亿元` from 元. */
function moneyText(yuan: number): string {
  if (Math.abs(yuan) >= 1e8) return `${(yuan / 1e8).toFixed(2)}亿元`;
  if (Math.abs(yuan) >= 1e4) return `${(yuan / 1e4).toFixed(1)}万元`;
  return `${yuan.toFixed(0)}元`;
}

/**
 * The verb a report puts before a level: investment is 完成, output and revenue 实现, and a
 * name that is itself a verb phrase (新增市场主体) takes none.
 */
function levelVerb(name: string): string {
  if (/^(新增|完成|实现|引进|招引)/.test(name)) return '';
  return name.includes('投资') ? '完成' : '实现';
}

/**
 * The sentence a report writes about one indicator:
 * `上半年完成工业投资13.05亿元，同比增长12.3%，完成年度目标的50.9%，超序时进度0.9个百分点`.
 * Null when the indicator was not reported.
 */
export function indicatorSentence(indicator: ScorecardIndicator, periodLabel: string): string | null {
  const parts: string[] = [];
  if (indicator.kind === 'level' && indicator.valueText) {
    parts.push(`${periodLabel}${levelVerb(indicator.name)}${indicator.name}${indicator.valueText}`);
    if (indicator.yoy !== null) parts.push(`同比${growthText(indicator.yoy)}`);
  } else if (indicator.yoy !== null) {
    parts.push(`${periodLabel}${indicator.name}同比${growthText(indicator.yoy)}`);
  } else {
    return null;
  }
  if (indicator.completion !== null) {
    parts.push(`完成年度目标的${percentText(indicator.completion)}`);
    if (indicator.aheadPp !== null) parts.push(aheadText(indicator.aheadPp));
  } else if (indicator.growthGapPp !== null && indicator.targetGrowth !== null) {
    const gap = Math.abs(indicator.growthGapPp).toFixed(1);
    parts.push(
      gap === '0.0'
        ? `与目标增速${percentText(indicator.targetGrowth)}持平`
        : `${indicator.growthGapPp > 0 ? '高于' : '低于'}目标增速${gap}个百分点`,
    );
  }
  if (indicator.rank !== null && indicator.rankOf !== null) parts.push(`居全区${indicator.rankOf}个镇街第${indicator.rank}位`);
  return `${parts.join('，')}。`;
}

function economySection(data: ScorecardData, red: string[]): ScorecardBlock[] {
  const label = data.period.label;
  const reported = data.indicators.filter((i) => i.valueText !== null || i.yoy !== null);
  const blocks: ScorecardBlock[] = [];
  if (reported.length === 0) {
    blocks.push({ type: 'paragraph', text: `${label}尚无主要经济指标数据。` });
    return blocks;
  }
  const lights = { green: 0, yellow: 0, red: 0 };
  for (const i of reported) if (i.colour) lights[i.colour] += 1;
  const halfYear = reported.filter((i) => i.halfYearPassed !== null);
  const monthNote =
    data.indicatorMonth !== null && data.indicatorMonth !== data.period.month ? `（数据截至${data.indicatorMonth}月）` : '';
  let summary = `${label}${monthNote}，${reported.length}项主要经济指标中，${lights.green}项亮绿灯、${lights.yellow}项亮黄灯、${lights.red}项亮红灯。`;
  if (halfYear.length > 0) {
    const passed = halfYear.filter((i) => i.halfYearPassed).length;
    summary += `${halfYear.length}项有年度总量目标的指标中，${passed}项实现“双过半”。`;
  }
  blocks.push({ type: 'paragraph', text: summary });
  const sentences = reported.map((i) => indicatorSentence(i, label)).filter((s): s is string => s !== null);
  // Four sentences a paragraph, as a report groups them, rather than one wall of figures.
  for (let i = 0; i < sentences.length; i += 4) blocks.push({ type: 'paragraph', text: sentences.slice(i, i + 4).join('') });
  blocks.push({
    type: 'table',
    caption: `表1 ${label}主要经济指标完成情况`,
    header: ['指标', '累计', '同比', '年度目标', '完成率', '序时进度差', '评价'],
    numeric: [false, true, true, true, true, true, false],
    rows: reported.map((i) => [
      i.name,
      i.valueText ?? '—',
      i.yoy === null ? '—' : `${(i.yoy * 100).toFixed(1)}%`,
      i.targetText ?? (i.targetGrowth !== null ? `增长${percentText(i.targetGrowth)}` : '—'),
      percentText(i.completion),
      i.aheadPp === null ? '—' : `${i.aheadPp >= 0 ? '+' : ''}${i.aheadPp.toFixed(1)}`,
      i.colour ? LIGHT_TEXT[i.colour] : '—',
    ]),
    rowColours: reported.map((i) => i.colour),
  });
  const withCompletion = reported.filter((i) => i.completion !== null);
  if (withCompletion.length > 0 && data.indicatorMonth !== null) {
    blocks.push({
      type: 'chart',
      caption: `图1 主要指标完成率与序时进度（${data.indicatorMonth}/12 = ${((data.indicatorMonth / 12) * 100).toFixed(1)}%）`,
      chart: {
        kind: 'bar',
        categories: withCompletion.map((i) => i.name),
        series: [{ name: '完成率', values: withCompletion.map((i) => round1((i.completion ?? 0) * 100)) }],
        lights: withCompletion.map((i) => i.colour),
        unit: '%',
        markLine: { label: '序时进度', value: round1((data.indicatorMonth / 12) * 100) },
      },
    });
  }
  for (const i of reported.filter((x) => x.colour === 'red')) {
    const why = i.aheadPp !== null ? aheadText(i.aheadPp) : i.growthGapPp !== null ? `低于目标增速${Math.abs(i.growthGapPp).toFixed(1)}个百分点` : '';
    red.push(`指标：${i.name}${why ? `，${why}` : ''}`);
  }
  return blocks;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function projectsSection(data: ScorecardData, red: string[]): ScorecardBlock[] {
  const p = data.projects;
  if (!p || p.count === 0) return [{ type: 'paragraph', text: '本期无纳入管理的重点项目。' }];
  const completion = p.completion;
  let text = `${data.period.label}共推进重点项目${p.count}个，完成投资${moneyText(p.completed)}`;
  if (completion !== null) {
    text += `，完成年度计划投资${moneyText(p.yearPlanned)}的${percentText(completion)}`;
    text += `，${aheadText((completion - data.period.month / 12) * 100)}`;
  }
  text += `。按红黄绿灯评价，绿灯${p.lights.green}个、黄灯${p.lights.yellow}个、红灯${p.lights.red}个。`;
  const blocks: ScorecardBlock[] = [{ type: 'paragraph', text }];
  if (p.byStage.length > 0) {
    blocks.push({
      type: 'paragraph',
      text: `项目所处阶段：${p.byStage.map((s) => `${s.label}${s.count}个`).join('、')}。`,
    });
    blocks.push({
      type: 'chart',
      caption: '图2 重点项目所处阶段',
      chart: { kind: 'bar', categories: p.byStage.map((s) => s.label), series: [{ name: '项目数', values: p.byStage.map((s) => s.count) }], unit: '个' },
    });
  }
  if (p.lagging.length > 0) {
    blocks.push({
      type: 'table',
      caption: '表2 进度滞后的重点项目',
      header: ['项目', '灯色', '原因'],
      numeric: [false, false, false],
      rows: p.lagging.map((l) => [l.name, LIGHT_TEXT[l.light], l.reason]),
      rowColours: p.lagging.map((l) => l.light),
    });
  }
  for (const l of p.lagging.filter((x) => x.light === 'red')) red.push(`项目：${l.name}，${l.reason}`);
  return blocks;
}

function livelihoodSection(data: ScorecardData): ScorecardBlock[] {
  const l = data.livelihood;
  if (!l || l.promises.length === 0) return [{ type: 'paragraph', text: '本年度民生实事项目尚未确定。' }];
  const done = l.promises.filter((p) => p.progress >= 1).length;
  const average = l.promises.reduce((sum, p) => sum + p.progress, 0) / l.promises.length;
  const blocks: ScorecardBlock[] = [
    {
      type: 'paragraph',
      text: `${l.title}共${l.promises.length}项，已完成${done}项，平均进度${percentText(average)}。`,
    },
    {
      type: 'table',
      caption: '表3 民生实事项目进展',
      header: ['项目', '目标', '进度', '状态'],
      numeric: [false, false, true, false],
      rows: l.promises.map((p) => [p.title, p.goal ?? '—', percentText(p.progress, 0), p.status]),
    },
  ];
  return blocks;
}

function casesSection(data: ScorecardData, red: string[]): ScorecardBlock[] {
  const c = data.cases;
  if (!c || c.totals.received === 0) return [{ type: 'paragraph', text: `${data.period.label}未受理基层治理事件。` }];
  const t = c.totals;
  const blocks: ScorecardBlock[] = [
    {
      type: 'paragraph',
      text:
        `${data.period.label}共受理各类事件${countText(t.received)}件，立案${countText(t.registered)}件，结案${countText(t.closed)}件，` +
        `结案率${percentText(t.closureRate)}，按期结案率${percentText(t.onTimeClosureRate)}，按期处置率${percentText(t.onTimeHandlingRate)}，` +
        `返工率${percentText(t.reworkRate)}，群众满意率${percentText(t.satisfactionRate)}。` +
        (t.overdueOpen > 0 ? `目前仍有超期未结事件${t.overdueOpen}件。` : '目前无超期未结事件。'),
    },
  ];
  if (c.byChild.length > 0) {
    blocks.push({
      type: 'table',
      caption: '表4 各地事件办理情况',
      header: ['区域', '受理', '结案', '结案率', '按期结案率', '满意率', '超期未结'],
      numeric: [false, true, true, true, true, true, true],
      rows: c.byChild.map((g) => [
        g.label,
        String(g.metrics.received),
        String(g.metrics.closed),
        percentText(g.metrics.closureRate),
        percentText(g.metrics.onTimeClosureRate),
        percentText(g.metrics.satisfactionRate),
        String(g.metrics.overdueOpen),
      ]),
    });
  }
  if (c.byMonth.length > 1) {
    blocks.push({
      type: 'chart',
      caption: '图3 各月事件受理与结案',
      chart: {
        kind: 'bar',
        categories: c.byMonth.map((m) => `${Number(m.month.slice(5))}月`),
        series: [
          { name: '受理', values: c.byMonth.map((m) => m.metrics.received) },
          { name: '结案', values: c.byMonth.map((m) => m.metrics.closed) },
        ],
        unit: '件',
      },
    });
  }
  if (t.overdueOpen > 0) red.push(`事件：超期未结${t.overdueOpen}件`);
  for (const g of c.byChild.filter((x) => x.metrics.overdueOpen > 0).sort((a, b) => b.metrics.overdueOpen - a.metrics.overdueOpen).slice(0, 5)) {
    red.push(`事件：${g.label}超期未结${g.metrics.overdueOpen}件`);
  }
  return blocks;
}

function supervisionSection(data: ScorecardData, red: string[]): ScorecardBlock[] {
  const s = data.supervision;
  if (!s || s.total === 0) return [{ type: 'paragraph', text: '本期无督办事项。' }];
  let text =
    `${data.period.label}共督办事项${s.total}件，已办结${s.done}件（按期办结${s.doneOnTime}件），在办${s.open}件，` +
    (s.overdue > 0 ? `其中逾期${s.overdue}件。` : '无逾期事项。');
  if (s.redUnits.length > 0) text += `红榜单位：${s.redUnits.join('、')}。`;
  if (s.blackUnits.length > 0) text += `黑榜单位：${s.blackUnits.join('、')}。`;
  const blocks: ScorecardBlock[] = [{ type: 'paragraph', text }];
  if (s.suggestions && s.suggestions.total > 0) {
    blocks.push({
      type: 'paragraph',
      text:
        `办理人大代表建议${s.suggestions.total}件，见面率${percentText(s.suggestions.metRate)}，` +
        `答复率${percentText(s.suggestions.repliedRate)}，满意率${percentText(s.suggestions.satisfactionRate)}。`,
    });
  }
  for (const item of s.redItems) red.push(`督办：${item.title}（${item.unit}，期限${item.deadline}）`);
  for (const unit of s.blackUnits) red.push(`黑榜：${unit}`);
  return blocks;
}

/** Builds the scorecard document from the gathered figures. */
export function buildScorecard(data: ScorecardData): ScorecardDocument {
  const red: string[] = [];
  const sections: [string, ScorecardBlock[]][] = [
    ['经济运行', economySection(data, red)],
    ['重点项目', projectsSection(data, red)],
    ['民生实事', livelihoodSection(data)],
    ['基层治理', casesSection(data, red)],
    ['督查督办', supervisionSection(data, red)],
  ];
  const blocks: ScorecardBlock[] = [];
  sections.forEach(([title, body], i) => {
    blocks.push({ type: 'heading', level: 2, text: `${CHINESE_NUMERALS[i]}、${title}` });
    blocks.push(...body);
  });
  blocks.push({ type: 'heading', level: 2, text: `${CHINESE_NUMERALS[sections.length]}、红色事项清单` });
  blocks.push(red.length > 0 ? { type: 'bullets', items: red } : { type: 'paragraph', text: '本期无红色事项。' });
  const date = data.generatedAt.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
  return {
    title: `${data.region.name}${data.period.year}年${data.period.label === '全年' ? '' : data.period.label}工作成绩单`,
    subtitle: `数据来源：数智平台实时数据 · 生成于${date}`,
    blocks,
    redItems: red,
  };
}
