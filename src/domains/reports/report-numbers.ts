/**
 * Number and unit scanning for report extraction: finds every Arabic-digit number in a text,
 * reads the unit written after it (magnitude 万/亿 + base unit, measure word, %, ‰, 个百分点)
 * and folds the magnitude out. Pure; offsets are JavaScript string indices of the input.
 *
 * Why a hand-written scanner rather than one big regular expression: the decisions that
 * matter (is `1，234` one number or two? is `2-3个` a range and `1-5月` a period? does the bare
 * `3` in `3、5个` borrow the unit of its neighbour?) look at both sides of the number, and a
 * scanner keeps each of them a small, testable rule.
 */

/** One number token: where it is, and its value as written (the low end of a range). */
export interface NumberToken {
  start: number;
  end: number;
  value: number;
  /** The high end when the text gives a range (`2-3个`, `20%～30%`). */
  valueMax: number | null;
}

/** A number with the unit that follows it. */
export interface Quantity extends NumberToken {
  /** The unit as written, with its magnitude (`亿元`, `万人`, `个百分点`). */
  unit: string;
  /** A 余/多 written between the number and the unit, or 以上/以下/左右 after it. */
  suffixQualifier: string | null;
  normalized: { value: number; unit: string };
  /** Whether the unit is a measure word, so the thing counted may follow (`7所学校`). */
  measureWord: boolean;
  /** Whether the unit was borrowed from the next number of a list (`3、5个`). */
  borrowed: boolean;
}

/** Magnitudes written before a unit, longest first, and their factors. */
const MAGNITUDES: readonly (readonly [string, number])[] = [
  ['万亿', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿', 1e8],
  ['万', 1e4],
];

/**
 * Units that measure something (money, area, length, proportions …). 方 alone is 立方米 in
 * reports (万方 of earthworks); it is only a unit after a magnitude (`72.9万方`), because a
 * bare `3方` more often starts 方面/方案.
 */
const MEASURE_UNITS: readonly string[] = [
  '个百分点', '百分点', '%', '‰',
  '平方公里', '平方千米', '平方米', '立方米', '公里', '千米', '公顷', '亩', '米',
  '美元', '元',
  '吨标准煤', '千瓦时', '兆瓦', '千瓦', '千伏', '吨', '千克', '公斤',
  '微克/立方米', '毫克/升', '倍', '小时', '分钟', '天', '周岁', '岁',
];

/**
 * Measure words (量词): each counts its own thing. After these the thing counted often
 * follows (`168个网格`, `7所学校`), which the subject rule uses.
 */
const MEASURE_WORDS: readonly string[] = [
  '人次', '场次', '批次', '户次', '架次', '车次', '剂次', '剂',
  '个', '家', '人', '名', '位', '套', '所', '处', '件', '户', '场', '批', '辆', '张', '台', '只',
  '项', '次', '间', '床', '座', '条', '宗', '栋', '幢', '支', '本', '份', '起', '例', '株', '棵',
  '盏', '根', '块', '艘', '部', '篇', '册', '卷', '期', '类', '届', '轮', '片', '款', '吨',
];

/** Units that are also the first character of common words; only a unit if not followed by the rest. */
const WORD_CLASHES: Readonly<Record<string, readonly string[]>> = {
  个: ['个人', '个体', '个性', '个税', '个案'],
  家: ['家庭', '家园', '家政', '家具', '家居', '家电', '家长', '家门', '家乡'],
  人: ['人才', '人员', '人口', '人民', '人大', '人居', '人工', '人力', '人防', '人气', '人文', '人社'],
  名: ['名录', '名单', '名称', '名校', '名牌', '名誉'],
  位: ['位于', '位居', '位列'],
  所: ['所有', '所属', '所在', '所得', '所需', '所以', '所谓'],
  处: ['处置', '处理', '处罚', '处于', '处级'],
  件: ['件事'],
  场: ['场景', '场所', '场馆', '场地', '场站'],
  项: ['项目'],
  次: ['次年', '次日', '次要', '次生'],
  条: ['条件', '条例', '条线', '条款'],
  起: ['起步', '起来', '起草', '起始'],
  期: ['期间', '期限', '期末', '期初'],
  类: ['类型'],
  届: ['届时'],
  轮: ['轮候'],
  片: ['片区'],
  块: [],
  部: ['部门', '部署', '部分', '部位'],
  本: ['本地', '本级', '本年'],
  米: [],
  天: ['天然', '天府'],
  吨: [],
};

/** Time units: a figure in them is a duration, kind `other` unless a change. Ages (岁) are levels. */
export const DURATION_UNITS: ReadonlySet<string> = new Set(['小时', '分钟', '天']);

/** Base units a magnitude-free unit converts to (方 is 立方米; 个百分点 is 百分点). */
const BASE_ALIASES: Readonly<Record<string, string>> = { 方: '立方米', 个百分点: '百分点' };

const ALL_UNITS = [...new Set([...MEASURE_UNITS, ...MEASURE_WORDS])].sort((a, b) => b.length - a.length);
/** The units by their first character, longest first: a number is followed by one of few candidates. */
const UNITS_BY_FIRST = new Map<string, string[]>();
for (const unit of ALL_UNITS) {
  const first = unit[0] as string;
  UNITS_BY_FIRST.set(first, [...(UNITS_BY_FIRST.get(first) ?? []), unit]);
}
const MEASURE_WORD_SET: ReadonlySet<string> = new Set(MEASURE_WORDS);

/** Characters that separate the two ends of a range (`2-3个`, `2～3`, `2至3`). */
const RANGE_SEPARATORS = new Set(['-', '－', '~', '～', '〜', '—', '–', '至', '到']);

/**
 * The text with full-width digits, point, percent and comma turned into ASCII, one character
 * for one, so every offset in it is an offset in the input.
 */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９．％，]/g, (c) => {
    if (c === '．') return '.';
    if (c === '％') return '%';
    if (c === '，') return '，';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Rounds to 15 significant digits so that 1.63 万 is 16300, not 16299.999999999998. */
export function clean(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(15));
}

/**
 * Reads a number at `start` of the ASCII-digit text: digits, thousands groups (`1,234`,
 * `1，234`: a separator followed by exactly three digits) and a decimal part.
 */
export function readNumber(text: string, start: number): { end: number; value: number } | null {
  if (!isDigit(text[start])) return null;
  let i = start;
  while (isDigit(text[i])) i += 1;
  let digits = text.slice(start, i);
  // The lead group has at most three digits; each further group exactly three.
  const lead = digits.length;
  while (
    (text[i] === ',' || text[i] === '，') &&
    (lead <= 3 || digits.length > lead) &&
    isDigit(text[i + 1]) &&
    isDigit(text[i + 2]) &&
    isDigit(text[i + 3]) &&
    !isDigit(text[i + 4])
  ) {
    digits += text.slice(i + 1, i + 4);
    i += 4;
  }
  if (text[i] === '.' && isDigit(text[i + 1])) {
    let j = i + 1;
    while (isDigit(text[j])) j += 1;
    digits += text.slice(i, j);
    i = j;
  }
  return { end: i, value: Number(digits) };
}

/** The unit that starts at `at`, if any, as [magnitude, unit, factor]. */
function readUnit(text: string, at: number): { magnitude: string; unit: string; factor: number; end: number; yu: string | null } | null {
  let i = at;
  // Reports sometimes leave a space between number and unit (copied web pages).
  if (text[i] === ' ' || text[i] === '\u3000' || text[i] === '\u00a0') {
    if (!/[万亿%‰个家人名元亩]/.test(text[i + 1] ?? '')) return null;
    i += 1;
  }
  let yu: string | null = null;
  const yuBefore = () => {
    if (text[i] === '余' || text[i] === '多') {
      yu = text[i] ?? null;
      i += 1;
    }
  };
  let magnitude = '';
  let factor = 1;
  for (const [word, f] of MAGNITUDES) {
    if (text.startsWith(word, i)) {
      magnitude = word;
      factor = f;
      i += word.length;
      break;
    }
  }
  yuBefore();
  for (const unit of UNITS_BY_FIRST.get(text[i] ?? '') ?? []) {
    if (!text.startsWith(unit, i)) continue;
    const clashes = WORD_CLASHES[unit];
    if (clashes?.some((w) => text.startsWith(w, i))) continue;
    const end = i + unit.length;
    if (yu === null && (text[end] === '余' || text[end] === '多') && !/[年元]/.test(text[end + 1] ?? '')) {
      // `100家余`: rare, but `10个多月` is not a qualifier of 个, so only 余.
      if (text[end] === '余') yu = '余';
    }
    return { magnitude, unit, factor, end: yu === '余' && text[end] === '余' ? end + 1 : end, yu };
  }
  const fang = text[i] === '方' && !text.startsWith('方面', i) && !text.startsWith('方案', i) && !text.startsWith('方式', i);
  if ((magnitude !== '' || yu !== null) && fang) {
    return { magnitude, unit: '方', factor, end: i + 1, yu };
  }
  if (magnitude !== '') return { magnitude, unit: '', factor, end: i, yu };
  return null;
}

/** Whether the unit at this position is a date or a code, not a quantity. */
function isDateOrCode(text: string, end: number): boolean {
  const next = text[end] ?? '';
  if (/[年月日号时秒届]/.test(next)) return true;
  if (next === '级' || next === '星') return true;
  if (/[A-Za-z]/.test(next)) return true;
  return false;
}

/**
 * Whether what follows a unit makes the figure a duration or a code: `3个月` (a duration in
 * months, not a count of 个), `4A级`, `3个G`. A count word followed by 年 is not a date
 * (`3个年经营性收入…的行政村`).
 */
function isCodeAfterUnit(text: string, unit: string, end: number): boolean {
  const next = text[end] ?? '';
  if (unit === '个' && next === '月') return true;
  return next === '级' || /[A-Za-z]/.test(next);
}

/**
 * Every number with a unit in the text (already ASCII-digit, see {@link asciiDigits}),
 * in order. Numbers without a unit are kept only when they borrow the unit of the next
 * number of a list (`3、5个`).
 */
export function scanQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  const bare: NumberToken[] = [];
  let i = 0;
  const nextDigit = /[0-9]/g;
  while (i < text.length) {
    // Jump to the next digit: most of a report is words.
    nextDigit.lastIndex = i;
    const hit = nextDigit.exec(text);
    if (hit === null) break;
    i = hit.index;
    const start = i;
    const first = readNumber(text, i);
    if (first === null) {
      i += 1;
      continue;
    }
    i = first.end;
    // A number glued to letters or a point is a code (5G, U12, V2.0, 1.0版), not a quantity.
    const prev = text[start - 1] ?? '';
    if ((prev === '.' && isDigit(text[start - 2])) || (/[A-Za-z]/.test(prev) && !readUnit(text, i))) {
      continue;
    }
    let valueMax: number | null = null;
    let unitAt = first.end;
    let unit = readUnit(text, unitAt);
    // A range: `2-3个`, `2至3个`, `20%-30%`.
    const rangeFrom = unit && (unit.unit === '%' || unit.unit === '‰') ? unit.end : first.end;
    const sep = text[rangeFrom] ?? '';
    if (RANGE_SEPARATORS.has(sep) && isDigit(text[rangeFrom + 1])) {
      const second = readNumber(text, rangeFrom + 1);
      if (second !== null && second.value > first.value) {
        const secondUnit = readUnit(text, second.end);
        if (secondUnit && !isDateOrCode(text, secondUnit.end) && (!unit || unit.unit === secondUnit.unit)) {
          valueMax = second.value;
          unitAt = second.end;
          unit = secondUnit;
          i = second.end;
        } else if (!secondUnit || isDateOrCode(text, secondUnit.end)) {
          // `1-5月`, `2020-2022年`: a period, skip both numbers.
          i = second.end;
          continue;
        }
      }
    }
    if (unit === null) {
      bare.push({ start, end: first.end, value: first.value, valueMax: null });
      continue;
    }
    if (unit.unit === '' ? isDateOrCode(text, unit.end) : isCodeAfterUnit(text, unit.unit, unit.end)) {
      i = unit.end;
      continue;
    }
    // 第3批, 第2个: ordinals.
    if (text[start - 1] === '第') {
      i = unit.end;
      continue;
    }
    const fullUnit = unit.magnitude + unit.unit;
    const baseUnit = BASE_ALIASES[unit.unit] ?? unit.unit;
    found.push({
      start,
      end: unit.end,
      value: first.value,
      valueMax,
      unit: fullUnit,
      suffixQualifier: unit.yu,
      normalized: { value: clean(first.value * unit.factor), unit: baseUnit },
      measureWord: MEASURE_WORD_SET.has(unit.unit),
      borrowed: false,
    });
    i = unit.end;
    void unitAt;
  }
  return withBorrowedUnits(text, found, bare);
}

/** Bare numbers in a list (`3、5个`, `13.5、21.8和12.2%`) take the unit of the list's last number. */
function withBorrowedUnits(text: string, found: Quantity[], bare: NumberToken[]): Quantity[] {
  if (bare.length === 0) return found;
  const out = [...found];
  // Walk bare numbers from the right so that a chain `3、4、5个` resolves each against its right neighbour.
  const byStart = new Map<number, Quantity>(found.map((q) => [q.start, q]));
  for (let k = bare.length - 1; k >= 0; k -= 1) {
    const token = bare[k] as NumberToken;
    const joiner = text[token.end] ?? '';
    if (!/[、和及与或]/.test(joiner)) continue;
    const next = byStart.get(token.end + 1);
    if (!next) continue;
    // List numbering `1、` at a line start is not part of a list of figures.
    const before = text[token.start - 1] ?? '\n';
    if (/[\n（(]/.test(before) || token.start === 0) continue;
    const factor = next.value === 0 ? 1 : next.normalized.value / next.value;
    const q: Quantity = {
      ...token,
      unit: next.unit,
      suffixQualifier: null,
      normalized: { value: clean(token.value * factor), unit: next.normalized.unit },
      measureWord: next.measureWord,
      borrowed: true,
    };
    byStart.set(token.start, q);
    out.push(q);
  }
  return out.sort((a, b) => a.start - b.start);
}
