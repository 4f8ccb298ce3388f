/**
 * From figures read in a report to indicator records: which catalogue indicator a mention
 * measures (by subject, unit and kind), which record it would be (an actual's cumulative
 * value or growth rate, or a target's level or growth) and for which month. Pure; the
 * person accepts, edits or drops each proposal before anything is stored.
 */
import type { Mention } from './report-extract.js';

/** A catalogue indicator as matching needs it. */
export interface MatchableIndicator {
  code: string;
  name: string;
  /** Base unit of stored values: 元, 家, ratio … */
  baseUnit: string;
  kind: 'level' | 'growth' | 'ratio';
  frequency: 'monthly_cumulative' | 'quarterly' | 'annual';
}

/** Which field of which record a proposal fills. */
export type ProposalField = 'actual_cumulative' | 'actual_yoy' | 'target_level' | 'target_growth';

/** Chinese labels of the fields. */
export const PROPOSAL_FIELD_LABELS: Record<ProposalField, string> = {
  actual_cumulative: '实际值(累计)',
  actual_yoy: '实际增速(同比)',
  target_level: '年度目标(总量)',
  target_growth: '年度目标(增速)',
};

/** What the import proposes for one mention. */
export interface Proposal {
  /** Index of the mention in the extraction. */
  mention: number;
  indicatorCode: string | null;
  field: ProposalField | null;
  year: number;
  /** The month of an actual (cumulative to it); null for targets. */
  month: number | null;
  /** In the indicator's base unit; rates as fractions. */
  value: number | null;
  /** 0–1: how sure the match is; proposals at or above {@link ACCEPT_BY_DEFAULT} start accepted. */
  confidence: number;
  /** Why it is proposed or not, in Chinese. */
  reason: string;
}

/** Proposals at least this confident start ticked in the UI and are taken by `--yes`. */
export const ACCEPT_BY_DEFAULT = 0.75;

/** Words reports put before a measure that are not part of its name. */
const LEADING_NOISE = /^(全年|全区|全市|全镇|全街道|全县|其中|累计|共|实现|完成|新增了?|全面|我区|我镇|本地区)+/;
/** Shortened names reports use, mapped to the catalogue's form. */
const SYNONYMS: readonly (readonly [RegExp, string])[] = [
  [/规模以上/g, '规上'],
  [/^社零(总额)?$/, '社会消费品零售总额'],
  [/^固投$/, '固定资产投资'],
  [/^GDP$/i, '地区生产总值'],
  [/^生产总值$/, '地区生产总值'],
  [/^外贸进出口(总额)?$/, '进出口总额'],
  [/^自营出口(额)?$/, '出口额'],
  [/^一般公共预算收入$|^财政一般公共预算收入$/, '一般公共预算收入'],
];

/** A subject or indicator name in one comparable form. */
export function normalizeName(text: string): string {
  let s = text.replace(/[\s“”"'「」《》()（）]/g, '').replace(LEADING_NOISE, '');
  for (const [pattern, replacement] of SYNONYMS) s = s.replace(pattern, replacement);
  return s;
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + (chars[i + 1] as string));
}

/** Dice coefficient of character bigrams, 0–1. */
export function similarity(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common += 1;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/** How well a subject names an indicator, 0–1: equal names, one inside the other, or similar. */
export function nameScore(subject: string, indicatorName: string): number {
  const s = normalizeName(subject);
  const n = normalizeName(indicatorName);
  if (!s || !n) return 0;
  if (s === n) return 1;
  // "工业投资" ends "全区工业投资"; "规上工业增加值增速" starts with the name.
  if (s.endsWith(n) || s.startsWith(n)) return 0.9;
  if (n.endsWith(s) && s.length >= 3) return 0.8 * (s.length / n.length) + 0.1;
  // Similar but neither inside the other (农业增加值 / 服务业增加值): only a close likeness counts.
  const likeness = similarity(s, n);
  return likeness >= 0.8 ? likeness * 0.85 : likeness * 0.5;
}

const CHINESE_MONTHS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/**
 * The year and last month a period phrase covers: `1-5月`/`1—5月` → 5, `上半年` → 6,
 * `一季度` → 3, `前三季度` → 9, `全年` → 12, `2022年` → that year's 12, `10月` → 10.
 * Missing parts are null.
 */
export function periodOf(period: string | null): { year: number | null; month: number | null } {
  if (!period) return { year: null, month: null };
  const p = period.replace(/\s/g, '');
  const yearMatch = /((?:19|20)\d{2})年/.exec(p);
  const year = yearMatch ? Number(yearMatch[1]) : null;
  let month: number | null = null;
  const range = /(\d{1,2})\s*[-—–~～至到]\s*(\d{1,2})月/.exec(p);
  const single = /(?:^|年)(\d{1,2})月(?:份)?$/.exec(p);
  const chineseRange = /[1一]\s*[-—–~～至到]\s*(十[一二]?|[一二三四五六七八九])月/.exec(p);
  if (range) month = Number(range[2]);
  else if (chineseRange) month = CHINESE_MONTHS[chineseRange[1] as string] ?? null;
  else if (/上半年/.test(p)) month = 6;
  else if (/下半年|全年|年度/.test(p)) month = 12;
  else if (/前三季度|三季度/.test(p)) month = 9;
  else if (/一季度|第一季度/.test(p)) month = 3;
  else if (/二季度|第二季度/.test(p)) month = 6;
  else if (/四季度|第四季度/.test(p)) month = 12;
  else if (single) month = Number(single[1]);
  else if (year !== null) month = 12;
  if (month !== null && (month < 1 || month > 12)) month = null;
  return { year, month };
}

/** The unit a mention's normalized value would be stored in, and the factor to get there. */
function storedValue(mention: Mention, indicator: MatchableIndicator): number | null {
  const { value, unit } = mention.normalized;
  if (unit === '%' || unit === '‰') return indicator.baseUnit === 'ratio' ? value / (unit === '%' ? 100 : 1000) : null;
  return unit === indicator.baseUnit ? value : null;
}

function isRate(mention: Mention): boolean {
  return mention.normalized.unit === '%' || mention.normalized.unit === '‰';
}

/**
 * What a mention would fill, by its kind and unit: a rate of change is a growth, a level in the
 * indicator's unit is a cumulative value; in a plan or target sentence they are the year's target.
 * Null when the catalogue has no field for it (shares, percentage points, multi-year averages).
 */
export function fieldOf(mention: Mention, indicator: MatchableIndicator): ProposalField | null {
  const rate = isRate(mention);
  if (mention.kind === 'target') return rate ? 'target_growth' : storedValue(mention, indicator) === null ? null : 'target_level';
  if (mention.kind === 'growth' && rate) return 'actual_yoy';
  if (mention.kind === 'level' && !rate && indicator.kind === 'level' && storedValue(mention, indicator) !== null) return 'actual_cumulative';
  if (mention.kind === 'level' && rate && indicator.kind !== 'level') return 'actual_yoy';
  return null;
}

/** The least score a match needs to be proposed at all. */
const MIN_SCORE = 0.6;

/** The best indicator for a mention and how sure the match is; null below {@link MIN_SCORE}. */
export function bestIndicator(mention: Mention, catalogue: readonly MatchableIndicator[]): { indicator: MatchableIndicator; score: number } | null {
  let best: { indicator: MatchableIndicator; score: number } | null = null;
  for (const indicator of catalogue) {
    if (fieldOf(mention, indicator) === null) continue;
    const score = nameScore(mention.subject, indicator.name);
    if (score >= MIN_SCORE && (!best || score > best.score)) best = { indicator, score };
  }
  return best;
}

/**
 * Proposes a record for each mention. `year` is the report's year (used when a sentence does not
 * say); a figure without a month is taken as the report's `month` (its period). The same field of
 * the same indicator and month is proposed once: later mentions say why they were left out.
 */
export function proposeRecords(
  mentions: readonly Mention[],
  catalogue: readonly MatchableIndicator[],
  defaults: { year: number; month: number },
): Proposal[] {
  const taken = new Set<string>();
  return mentions.map((mention, index): Proposal => {
    const base: Proposal = { mention: index, indicatorCode: null, field: null, year: defaults.year, month: null, value: null, confidence: 0, reason: '' };
    if (mention.valueMax !== null) return { ...base, reason: '区间数值,不作为指标数据' };
    if (mention.kind === 'avg_growth' || mention.kind === 'share' || mention.kind === 'pp_change' || mention.kind === 'other') {
      return { ...base, reason: '指标库中没有对应字段(年均增速、占比或百分点变化)' };
    }
    const match = bestIndicator(mention, catalogue);
    if (!match) return { ...base, reason: mention.subject ? `指标库中没有与“${mention.subject}”对应的指标` : '未能识别所指指标' };
    const { indicator, score } = match;
    const field = fieldOf(mention, indicator) as ProposalField;
    const period = periodOf(mention.period);
    const year = period.year ?? defaults.year;
    const month = field.startsWith('target') ? null : (period.month ?? defaults.month);
    let value = field === 'actual_yoy' || field === 'target_growth' ? mention.normalized.value / (mention.normalized.unit === '‰' ? 1000 : 100) : storedValue(mention, indicator);
    if (value !== null && (field === 'actual_yoy' || field === 'target_growth') && mention.direction === 'down') value = -value;
    // 近/约/左右 figures are approximate: still proposed, but not ticked by default.
    const approximate = mention.qualifier !== null && /近|约|左右|余|多|超/.test(mention.qualifier);
    const confidence = Math.max(0, Math.min(1, score - (approximate ? 0.3 : 0) - (period.month === null && !field.startsWith('target') ? 0.05 : 0)));
    const key = `${indicator.code}/${field}/${year}/${month ?? ''}`;
    if (taken.has(key)) {
      return { ...base, indicatorCode: indicator.code, field, year, month, value, confidence: 0, reason: '同一指标同一期间已有建议,此处不再重复' };
    }
    taken.add(key);
    const reasons = [`按“${mention.subject}”匹配到“${indicator.name}”`];
    if (approximate) reasons.push(`数值带“${mention.qualifier}”,为约数`);
    if (!field.startsWith('target') && period.month === null) reasons.push(`句中未写期间,按报告期${defaults.month}月`);
    return { mention: index, indicatorCode: indicator.code, field, year, month, value, confidence, reason: reasons.join(';') };
  });
}
