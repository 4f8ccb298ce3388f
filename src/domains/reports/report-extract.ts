/**
 * Extraction of quantitative mentions from Chinese work reports (issue 6): every figure
 * written with Arabic digits and a unit, measure word, % or ‰, with what it measures, its
 * kind (level, growth, share, target …), direction, qualifier and period.
 *
 * The pipeline: {@link scanQuantities} finds numbers with units (report-numbers.ts); each is
 * placed in its sentence and clause, and the rules of report-context.ts read its subject and
 * kind from the words before it (or the thing counted after a measure word). Lists are read
 * as lists: `分别增长18.3%和12.5%` hands out the subjects named before 分别, or those of the
 * figures the sentence gave just before.
 *
 * Pure: a string in, mentions out; offsets are JavaScript string indices of the input.
 */
import type { MentionDirection, MentionKind } from '@/shared/report-vocabulary.js';
import {
  FUTURE_AFTER,
  NOISE_LINE,
  clauseStart,
  cuesOf,
  periodBefore,
  planSections,
  qualifierAround,
  splitSentences,
  subjectAfter,
  subjectBefore,
  type KindCues,
  type Sentence,
} from './report-context.js';
import { DURATION_UNITS, asciiDigits, scanQuantities, type Quantity } from './report-numbers.js';

/** One quantitative mention of a report. */
export interface Mention {
  /** [start, end) offsets of the number and its unit in the input. */
  span: [number, number];
  /** The text of the span, as written. */
  text: string;
  /** The number as written (the low end of a range), positive. */
  value: number;
  /** The high end of a range (`2-3个`), else null. */
  valueMax: number | null;
  /** The unit as written with its magnitude (`亿元`, `万人`, `%`, `个百分点`, `家`). */
  unit: string;
  /**
   * The value with the magnitude folded out: 13.05亿元 → 1305000000 元, 1.63万人 → 16300 人,
   * 72.9万方 → 729000 立方米, 2个百分点 → 2 百分点. Percentages stay in % (16.6% → 16.6 %).
   */
  normalized: { value: number; unit: string };
  /** The shortest phrase naming what is measured ('' when the text names nothing). */
  subject: string;
  kind: MentionKind;
  /** up/down for changes (growth, average growth, percentage points, targets of change). */
  direction: MentionDirection | null;
  /** 超, 近, 约, 余, 多, 以上, 以下, 左右 … as written. */
  qualifier: string | null;
  /** The period the sentence states before the figure (1-5月, 上半年, 2022年), as written. */
  period: string | null;
  /** The sentence the figure came from. */
  sentence: string;
}

const PERCENT_UNITS = new Set(['%', '‰']);
const CONNECTOR_ONLY = /^[、和及与或以及并，,\s]*$/;

interface Draft {
  q: Quantity;
  /** The sentence, or a window of it around the figure when it is very long. */
  sentence: Sentence & { id?: number };
  clause: number;
  local: string;
  continuation: boolean;
  cues: KindCues;
  plan: boolean;
  qualifier: string | null;
  subject: string;
  /** A bound on a following noun (`10亿元以上产业项目`, `35周岁以下大学生`), not a figure of its own. */
  threshold: boolean;
}

const THRESHOLD_AFTER = /^(?:以上|以下|及以上|及以下)的?/;

/** Whether two (possibly windowed) sentences are the same sentence of the text. */
function sameSentence(a: Sentence & { id?: number }, b: Sentence & { id?: number }): boolean {
  return (a.id ?? a.start) === (b.id ?? b.start);
}

function sentenceAt(sentences: Sentence[], at: number): Sentence {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sentences[mid] as Sentence).start <= at) lo = mid;
    else hi = mid - 1;
  }
  return sentences[lo] as Sentence;
}

/** The offsets where lines start, for binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndexAt(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * How far around a figure its sentence is read. Real sentences are far shorter; the bound
 * keeps a text without punctuation (a 50 MB dump on one line) linear instead of quadratic.
 */
const WINDOW = 400;

/** Whether the figure is part of a name (`15分钟公共法律服务圈`, `30分钟市民学习圈`). */
function isInName(a: string, q: Quantity): boolean {
  const bareUnit = q.unit.replace(/^(?:万亿|千万|百万|亿|万)/, '');
  if (DURATION_UNITS.has(bareUnit) && /^[\u4e00-\u9fa5]{0,10}圈/.test(a.slice(q.end, q.end + 12))) return true;
  // A capacity in a project's name: `年产68万吨有机硅新材料…项目`.
  return a.slice(q.start - 2, q.start) === '年产' && /^[^，。；、,;]{0,30}项目/.test(a.slice(q.end, q.end + 32));
}

function kindOf(d: Draft): { kind: MentionKind; direction: MentionDirection | null } {
  const { q, cues } = d;
  const bare = q.unit.replace(/^(?:万亿|千万|百万|亿|万)/, '');
  const percent = PERCENT_UNITS.has(q.unit);
  const changeDirection: MentionDirection = cues.down ? 'down' : 'up';
  let kind: MentionKind;
  let direction: MentionDirection | null = null;
  if (d.threshold) {
    kind = 'other';
  } else if (q.normalized.unit === '百分点') {
    kind = 'pp_change';
    direction = changeDirection;
  } else if (cues.avg && (percent || cues.change)) {
    kind = 'avg_growth';
    direction = changeDirection;
  } else if (cues.change && (percent || bare === '倍' || cues.comparator)) {
    kind = 'growth';
    direction = changeDirection;
  } else if (percent) {
    kind = 'share';
  } else if (DURATION_UNITS.has(bare)) {
    kind = 'other';
  } else {
    kind = 'level';
  }
  if ((cues.target || d.plan) && kind !== 'other') {
    // A target has a direction only when it is a change (`增长7%`, `降低1.5%`), not a count added.
    return { kind: 'target', direction: kind === 'level' || kind === 'share' ? null : changeDirection };
  }
  return { kind, direction };
}

/** Splits the list of subjects written before 分别 (`A、B和C分别…`). */
function listedSubjects(before: string, count: number): string[] {
  let parts = before.split('、');
  if (parts.length < count) {
    // The last item joins with 和/与/及: `A、B和C`.
    const last = (parts.pop() ?? '').split(/和|与|及/);
    parts = [...parts, ...last];
  }
  const subjects = parts.map((p) => subjectBefore(p)).filter((p) => p.length > 0);
  // `城镇和农村居民人均可支配收入`: two modifiers share one head noun.
  const [first, second] = subjects;
  if (subjects.length === 2 && first !== undefined && second !== undefined && first.length === 2 && second.length >= 4) {
    return [first + second.slice(2), second];
  }
  return subjects;
}

/**
 * Every quantitative mention of a report text, in order of appearance.
 * Years, dates, ordinals, list numbering, codes (5G, 4A级) and numbers in names and slogans
 * (“152”工程, 1+4+X, 15分钟…圈) are left out.
 */
export function extractMentions(text: string): Mention[] {
  const a = asciiDigits(text);
  const sentences = splitSentences(a);
  if (sentences.length === 0) return [];
  const sections = planSections(a);
  let sectionIndex = 0;
  const starts = lineStarts(a);
  let noiseLine = -1;
  let noisy = false;
  const drafts: Draft[] = [];
  for (const q of scanQuantities(a)) {
    const line = lineIndexAt(starts, q.start);
    if (line !== noiseLine) {
      noiseLine = line;
      noisy = NOISE_LINE.test(a.slice(starts[line], Math.min((starts[line + 1] ?? a.length + 1) - 1, (starts[line] as number) + 2000)));
    }
    if (noisy || isInName(a, q)) continue;
    while (sectionIndex + 1 < sections.length && (sections[sectionIndex + 1] as { start: number }).start <= q.start) sectionIndex += 1;
    const whole = sentenceAt(sentences, q.start);
    const sentence =
      whole.start >= q.start - WINDOW && whole.end <= q.end + WINDOW
        ? whole
        : { start: Math.max(whole.start, q.start - WINDOW), end: Math.min(whole.end, q.end + WINDOW), id: whole.start };
    const clause = clauseStart(a, q.start, sentence.start);
    const prev = drafts.at(-1);
    const sameClause = prev !== undefined && prev.clause === clause && sameSentence(prev.sentence, sentence);
    let localStart = clause;
    if (sameClause) localStart = Math.max(localStart, prev.q.end);
    // A 、 after a figure ends a list item; a 、 inside a noun phrase (`国家、省、市级绿色工厂`,
    // `见面率、答复率和满意率均达`) does not, so local starts at the previous figure only.
    if (sameClause) {
      const pause = a.lastIndexOf('、', q.start - 1);
      if (pause >= localStart) localStart = pause + 1;
    }
    while (/^[、和及与或，,\s]/.test(a[localStart] ?? '') && localStart < q.start) localStart += 1;
    const qualifier = qualifierAround(a, q.start, q.end, q.suffixQualifier);
    let local = a.slice(localStart, q.start);
    const prefix = /(?:不少于|不低于|不超过|不高于|超过|将近|接近|突破|超|近|约|逾)$/.exec(local);
    if (prefix) local = local.slice(0, -prefix[0].length);
    // `增长-3.2%`: a negative change, written with a sign; values stay positive.
    const negative = /(?:^|[^0-9])[-－−]$/.test(a.slice(Math.max(0, q.start - 2), q.start));
    if (negative) local = local.slice(0, -1);
    // After a list joiner (、 和 及), the figure continues the previous one: same kind, next subject.
    const continuation = sameClause && CONNECTOR_ONLY.test(a.slice(Math.max(clause, prev.q.end), q.start).replace(/(?:以上|以下|左右|以内)/, '').replace(PREFIX_RE, ''));
    const sentencePrefix = a.slice(sentence.start, q.start);
    const cues = continuation && prev ? prev.cues : cuesOf(a.slice(clause, q.start), sentencePrefix);
    if (!continuation && FUTURE_AFTER.test(a.slice(q.end, q.end + 24))) cues.target = true;
    if (!continuation) {
      // Cues nearest the figure decide: `新增…，增长…` reads the clause, not the sentence.
      const own = cuesOf(local, sentencePrefix);
      cues.change = own.change || (cues.change && CONNECTOR_ONLY.test(local));
      cues.down = own.change ? own.down : cues.down;
      if (negative) cues.down = !cues.down;
    }
    drafts.push({
      q,
      sentence,
      clause,
      local,
      continuation,
      cues,
      plan: (sections[sectionIndex] as { plan: boolean }).plan,
      qualifier,
      subject: '',
      threshold:
        /^(?:以上|以下|及以上|及以下)的?[\u4e00-\u9fa5A-Za-z“]/.test(a.slice(q.end, q.end + 5)) ||
        (!q.measureWord && /^(?:超过|超|不低于|不少于)$/.test(qualifier ?? '') && /^(?:项目|企业|工程|以上)/.test(a.slice(q.end, q.end + 2))),
    });
  }
  assignSubjects(a, drafts);
  return drafts.map((d) => {
    const { kind, direction } = kindOf(d);
    const s = d.sentence;
    const period = periodBefore(a.slice(s.start, s.end), d.q.start - s.start);
    return {
      span: [d.q.start, d.q.end],
      text: text.slice(d.q.start, d.q.end),
      value: d.q.value,
      valueMax: d.q.valueMax,
      unit: d.q.unit,
      normalized: { ...d.q.normalized },
      subject: d.subject,
      kind,
      direction,
      qualifier: d.qualifier,
      period,
      sentence: text.slice(s.start, s.end).trim(),
    };
  });
}

const PREFIX_RE = /(?:不少于|不低于|不超过|不高于|超过|将近|接近|突破|超|近|约|逾)$/;

/** The noun phrase after a figure when a verb ends it (`7.9公里区级骨干林道完成…`). */
function openingSubject(a: string, at: number, afterVerb: boolean): string {
  const phrase = subjectAfter(a, at);
  if (afterVerb) return phrase; // `启动6.24平方公里规划优化`: the object of the verb before it
  const rest = a.slice(at + phrase.length, at + phrase.length + 4);
  return phrase && /^[\u4e00-\u9fa5]/.test(rest) ? phrase : '';
}

/** The noun phrase that opens the figure's sentence, when its first clause has no figure. */
function sentenceTopic(a: string, d: Draft): string {
  const start = d.sentence.id ?? d.sentence.start;
  const firstClauseEnd = a.slice(start, d.q.start).search(/[，,；;：:]/);
  if (firstClauseEnd < 0) return '';
  const clause = a.slice(start, start + firstClauseEnd).replace(/^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])\s*/, '');
  if (/\d/.test(clause)) return '';
  const offset = start + a.slice(start).indexOf(clause);
  const phrase = subjectAfter(a, offset);
  return phrase.length >= 2 && phrase.length < clause.length ? phrase : '';
}

/** The drafts of the same sentence before draft `i`, nearest first (bounded, so linear overall). */
function earlierInSentence(drafts: Draft[], i: number): Draft[] {
  const out: Draft[] = [];
  const d = drafts[i] as Draft;
  for (let j = i - 1; j >= 0 && out.length < 20; j -= 1) {
    const e = drafts[j] as Draft;
    if (!sameSentence(e.sentence, d.sentence)) break;
    out.push(e);
  }
  return out;
}

/** Fills in each draft's subject: its own phrase, a listed one (分别), or its sentence's. */
function assignSubjects(a: string, drafts: Draft[]): void {
  for (let i = 0; i < drafts.length; i += 1) {
    const d = drafts[i] as Draft;
    if (d.continuation) continue;
    // The group: this figure and the list items that continue it.
    let j = i + 1;
    while (j < drafts.length && (drafts[j] as Draft).continuation) j += 1;
    const group = drafts.slice(i, j);
    const respectively = d.local.indexOf('分别');
    let listed: string[] = [];
    if (respectively >= 0 && group.length > 1) {
      listed = listedSubjects(d.local.slice(0, respectively), group.length);
      if (listed.length !== group.length) {
        // The subjects are those of the figures the sentence gave just before this clause.
        const earlier = earlierInSentence(drafts, i).filter((e) => e.clause !== d.clause && e.subject);
        listed = earlier.length >= group.length ? earlier.slice(0, group.length).reverse().map((e) => e.subject) : [];
      }
    }
    for (const [k, g] of group.entries()) {
      if (listed.length === group.length) {
        g.subject = listed[k] as string;
        continue;
      }
      // After 和/及/、 the figure opens a new item: what it measures follows it (`…和396.71千米道路空洞检测`).
      const coordinated = k === 0 && /[和及与、]$/.test(d.local);
      const before = k === 0 && !coordinated ? subjectBefore(respectively >= 0 ? d.local.slice(0, respectively) : d.local) : '';
      if (g.threshold) {
        // A bound names its own measure before it (总投资超10亿元项目) or the thing bounded after.
        g.subject = before || subjectAfter(a, g.q.end + (THRESHOLD_AFTER.exec(a.slice(g.q.end))?.[0].length ?? 0));
        continue;
      }
      let after = g.q.measureWord ? subjectAfter(a, g.q.end) : '';
      const next = drafts[i + k + 1];
      if (g.q.measureWord && next && /^[约近超]?$/.test(a.slice(g.q.end, next.q.start))) {
        // `23条约31公里“四好农村路”`: the thing counted follows the second figure.
        after = subjectAfter(a, next.q.end);
      }
      // A figure that opens its clause is followed by what it measures (`7.9公里区级骨干林道`).
      // Only when a verb follows the noun phrase, so a bare predicate (`主体结顶`) is not taken for one.
      const opening =
        !g.q.measureWord && before === '' && k === 0 ? openingSubject(a, g.q.end + (a[g.q.end] === '的' ? 1 : 0), d.local.trim() !== '') : '';
      g.subject = after || before || opening || (k > 0 ? (group[0] as Draft).subject : '');
    }
    if (!d.subject) {
      // A figure without a phrase of its own continues its sentence: `…71.3亿元，同比增长11.2%`,
      // or takes the topic that opens it: `安置房项目顺利推进，105.3万平方米通过评审`.
      const earlier = earlierInSentence(drafts, i).find((e) => e.subject);
      const topic = earlier ? earlier.subject : d.local.trim() === '' ? sentenceTopic(a, d) : '';
      if (topic) for (const g of group) if (!g.subject) g.subject = topic;
    }
  }
}
