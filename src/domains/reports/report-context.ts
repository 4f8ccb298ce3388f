/**
 * The words around a figure: sentence, clause, the subject it measures, its kind, direction,
 * qualifier and period. Rules of Chinese report language, not of particular reports:
 *
 * - A figure's clause starts after the last ，；：。 (or 、 in a list) before it; its cue words
 *   (增长, 年均, 占, 力争 …) are in that clause, before the number.
 * - The subject is the noun phrase of the clause once the time phrase (上半年, 1-5月), the
 *   place (全镇, 全区) and leading verbs (完成, 实现, 新增 …) are stripped from the front and
 *   qualifiers, comparators and change verbs (同比增长, 超, 达到) from the back. After a measure
 *   word the thing counted usually follows the number instead (`168个网格`, `7所学校`).
 * - A figure without a subject of its own continues its sentence (`…71.3亿元,同比增长11.2%`).
 *
 * Pure functions over strings and offsets.
 */

/** Characters that end a clause inside a sentence. */
const CLAUSE_END = /[，,；;：:。！？!?\n]/;

/** A sentence: its offsets in the text. */
export interface Sentence {
  start: number;
  end: number;
}

/**
 * The sentences of a text, as offsets (each includes its closing punctuation). Line breaks
 * end sentences too: headings and list items are lines.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const ends = /[。！？!?\n]/g;
  let start = 0;
  for (let hit = ends.exec(text); hit !== null; hit = ends.exec(text)) {
    // Closing quotes and brackets belong to the sentence they close.
    let end = hit.index + 1;
    while (end < text.length && /[”’」』）)]/.test(text[end] as string)) end += 1;
    if (end > start) out.push({ start, end });
    start = end;
    ends.lastIndex = end;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** The start of the clause that holds `at` (after the last clause mark before it). */
export function clauseStart(text: string, at: number, floor = 0): number {
  for (let i = at - 1; i >= floor; i -= 1) {
    const c = text[i] as string;
    // The comma of a thousands group (1,200) does not end a clause.
    if ((c === ',' || c === '，') && /[0-9]/.test(text[i - 1] ?? '') && /[0-9]{3}/.test(text.slice(i + 1, i + 4))) continue;
    if (CLAUSE_END.test(c)) return i + 1;
  }
  return floor;
}

const TIME_PHRASE =
  /^(?:(?:截至|截止|截止到|至)?(?:\d{4}年)?(?:\d{1,2}[-—–~～至到]\d{1,2}月份?|\d{1,2}月(?:份|底|末)?)(?:以来|累计)?|\d{4}年(?:度|底|末)?|上半年|下半年|全年|年内|前三季度|[一二三四]季度|第[一二三四]季度|一年来|今年以来|今年|去年|当年|同期|目前|至今|年初以来|截至目前|截至(?:年底|年末)|当前)[,，]?/;
const PLACE_PHRASE = /^(?:全镇|全区|全市|全县|全省|全街道|全乡|新区|全域|本镇|我镇|我区|辖区|镇域|区域内)/;
const LEADING_WORDS =
  /^(?:其中|和|及|以及|与|并|共|合计|总计|另外|同时|此外|累计|新增|新建|新认定|新辟|新[(（]改[)）]建|新(?![冠型兴])|完成了|完成|实现了|实现|建成|新建|新改建|改建|扩建|引进|招引|培育|认定|申报|启动|推进|推动|开展|组织|举办|拆除|整理|签约|落地|获批|获得|发放|收集|走访|办理|公开|盘活|帮扶|挂牌|出让|筹措|报批|消化利用|下放|增设|选派|关停|培养|组建|实施|达成|解决|化解|受理|办结|处置|排查|整治|建立|打造|创建|接待|促成|争取|力争|确保|预计|预期|计划|将|要|可|后|还|全年|年(?![度均产末底初内龄])|已|共计|承办|提供|吸纳|安排|投放|储备|清理|腾退|新开工|开工|竣工|交付|选树|建设(?!用地|项目|单位|工程|任务|规模)|新创|创|获|保障|其余|设置|挖掘|规范化建设|改造(?!提升|工程|项目|任务)|惠及|提升改造|改造提升|提升(?!改造|工程|行动)|抓获|查处|破获|容纳|给予|开辟|接种|检测|调解|资助|兑现|减免|第[一二三四五六七八九十\d]+批|入选|输送|帮助|落实|招聘|举行|培训|救助|慰问|成功|创成|获评|拥有|有|整合|优化|升级|形成|谋实|做好|加快|开设|设立|承接|实到|招商|引育|评定|评为|授牌|挂牌|颁发|新挂牌|回收|收储|供应|交地|腾空|征收|征迁|搬迁|助力|包括|推出|调整|削减|深化|落地|集中)/;
const TRAILING_WORDS =
  /(?:超过|超出|超|将近|接近|近|约|逾|突破|不少于|不低于|不超过|不高于|达到|高达|达|为|是|至|到|共计|共|累计|合计|总计|已|均|分别|同比|环比|比上年同期|比去年同期|较上年同期|较去年同期|比上年|较上年|比去年|较去年|比年初|较年初|上年同期|增长了|增长|增幅|增速|增|提高了|提高|提升了|提升|上升了|上升|上涨|增加了|增加|下降了|下降|降幅|减少了|减少|降低了|降低|回落|下滑|缩减|减|年均|平均|两年平均|三年平均|占|占比|的|了|全部|总量|以上|只有|仅|已经|达成|完成|实现|保持|持平|稳定在|控制在|在|到了|以|按|每年|每|扩容至|扩容|扩大到|扩大至|增至|增加到|提高到|提高至|提升至|提升到|控制|降至|下降到|减少到|减少至|建成投用|投入使用|投用|竣工|建成|开工|收窄|缩小|扩大)+$/;

/** The kind cues of a clause, checked in this order. */
const AVG_CUE = /(?:两年|三年|五年)?平均(?:分别)?(?:增长|增速|增幅|下降|降幅|每年)|年均/;
const CHANGE_CUE = /增长|增幅|增速|提高|提升|上升|上涨|增加|下降|降幅|减少|降低|回落|下滑|缩减|减|增|扩大|收窄/;
const DOWN_CUE = /下降|降幅|减少|降低|回落|下滑|缩减|收窄|低于|减/;
const COMPARATOR = /同比|环比|比上年|较上年|比去年|较去年|比年初|较年初|上年同期|去年同期|比\d{4}年/;
/** A plan for the figure's own clause, written after it: `12所学校将于9月份启用`. */
export const FUTURE_AFTER = /^[^，,。；;！？!?]{0,20}(?:将于|将在|计划于|预计于)/;
const TARGET_CUE =
  /力争|确保|预期(?!寿命)|预计(?=可|将)|将于|将在|计划(?=完成|新增|实现|投资|总投资|建设|开工|新建|引进|在|于|到|\d)|目标(?:是|为|[:：])|力求|拟|将(?:新增|完成|实现|达到|建成|建设|超过|突破|累计|新建|改造|投入|打造|提升|增长|控制)|要(?:达到|完成|实现|确保|力争)|不少于|不低于/;
/** Qualifiers written right before the number, longest first. */
const PREFIX_QUALIFIER = /(?:不少于|不低于|不超过|不高于|超过|将近|接近|突破|超|近|约|逾)$/;
/** Qualifiers written right after the unit. */
const SUFFIX_QUALIFIER = /^(?:以上|以下|左右|以内|之多|上下)/;

const PERIOD =
  /(?:\d{4}年)?\d{1,2}[-—–~～至到]\d{1,2}月份?|(?:截至|截止)(?:\d{4}年(?:\d{1,2}月)?|\d{1,2}月)(?:底|末)?|\d{4}年(?:上半年|下半年|全年|前三季度|[一二三四]季度|\d{1,2}月(?:份|底|末)?)?|上半年|下半年|前三季度|[一二三四]季度|全年|今年以来|年初以来/g;

/**
 * The period a sentence states for the figure at `at`, as written. A period that opens the
 * sentence (`1-5月,…`, `全年实现…`) covers all of it; one inside the sentence covers its own
 * ；-segment, from where it is written on (`…；确保全年市场快检不少于…；` does not reach the
 * next segment).
 */
export function periodBefore(sentence: string, at: number): string | null {
  const segmentStart = Math.max(sentence.lastIndexOf('；', at - 1), sentence.lastIndexOf(';', at - 1)) + 1;
  let found: string | null = null;
  let opening: string | null = null;
  for (const match of sentence.matchAll(PERIOD)) {
    const index = match.index ?? 0;
    if (index + match[0].length > at) break;
    if (/^\s*(?:\d{1,2}[.．、]\s*)?$/.test(sentence.slice(0, index))) opening = match[0];
    if (index >= segmentStart) found = match[0];
  }
  return found ?? opening;
}

/** The qualifier before the number (超, 近, 约 …) or after the unit (以上, 左右 …). */
export function qualifierAround(text: string, start: number, end: number, fromUnit: string | null): string | null {
  const before = PREFIX_QUALIFIER.exec(text.slice(Math.max(0, start - 3), start));
  if (before) return before[0];
  if (fromUnit) return fromUnit;
  const after = SUFFIX_QUALIFIER.exec(text.slice(end, end + 2));
  return after ? after[0] : null;
}

const ONLY_VERBS = new RegExp(`^(?:${LEADING_WORDS.source.slice(4, -1)})+$`);

/** Drops a quote mark whose partner is outside the phrase (`国家级专精特新“小巨人`). */
export function balanceQuotes(s: string): string {
  const open = (s.match(/“/g) ?? []).length;
  const close = (s.match(/”/g) ?? []).length;
  if (open === close) return s;
  return s.replace(/[“”]/g, '');
}

/** Verbs inside a phrase after which the object is what a figure measures (`围绕…引进领军人才`). */
const INNER_VERB =
  /(?:引进|培育|完成|实现|认定|招引|建成|新建|开展|查处|给予|举办|拆除|盘活|获批|发放|收集|走访|办理|签约|推出|下放|落实|削减|整理|形成|编制|解决|处置|排摸|清理|挖掘|打造|入选|提供|实施|保障|谋实)/g;
/** Nouns of progress: after `完成` they measure the thing before the verb (`博奥路南伸完成总工程量`). */
const PROGRESS_NOUN = /^(?:总工程量|工程量|形象进度|进度|年度计划|年度任务|目标任务|任务|投资计划)$/;
/** What is left when a verb is the first half of a rate's name (开工率, 完成率, 出让额). */
const RATE_WORD = /^(?:[率量额]|数量|金额|总额|总量)$/;
const LIST_NUMBER = /^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十]+[)）])\s*/;

/** The noun phrase left of a figure, stripped of time, place, verbs and comparators. */
export function subjectBefore(local: string): string {
  let s = local.trim().replace(LIST_NUMBER, '').replace(/^[“”"'「」『』（）()【】\s]+/, '');
  for (let round = 0; round < 5; round += 1) {
    const before = s;
    s = s.replace(TIME_PHRASE, '').replace(PLACE_PHRASE, '').replace(/^[、，,\s]+|^(?:以上|以下|左右|以内|余|多)/, '');
    // A leading verb goes unless it is part of the name of a rate: 开工率, 完成率, 出让额.
    const verb = LEADING_WORDS.exec(s);
    const rest = verb ? s.slice(verb[0].length) : '';
    if (verb && rest.length >= 2 && !RATE_WORD.test(rest.replace(TRAILING_WORDS, ''))) s = rest;
    if (s === before) break;
  }
  s = s.replace(TRAILING_WORDS, '');
  // `死亡人数较前两年平均数`: the comparison is not part of what is measured.
  const versus = /(?:较|比)(?!重|例|率|值)[\u4e00-\u9fa5]{1,10}$/.exec(s);
  if (versus && versus.index >= 2) s = s.slice(0, versus.index).replace(TRAILING_WORDS, '');
  // A parenthetical (含助餐服务点) explains, it does not name.
  s = s.replace(/[（(][^（()）]*[)）]?$/, '');
  s = s.replace(/[“”"'「」『』（）()【】\s]+$/, '').replace(/^[“”"'「」『』（）()【】\s]+(?=[^”"」』）)】]*$)/, '');
  // Only verbs left (`落地开工`): the figure names no subject of its own.
  if (ONLY_VERBS.test(s)) return '';
  // A verb inside the phrase: its object is the subject, unless the object is a measure of
  // progress, which measures what came before the verb.
  let last: RegExpExecArray | null = null;
  for (const m of s.matchAll(INNER_VERB)) last = m as RegExpExecArray;
  if (last && last.index > 0) {
    const head = s.slice(0, last.index);
    const tail = s.slice(last.index + last[0].length);
    if (PROGRESS_NOUN.test(tail)) s = head.replace(TRAILING_WORDS, '');
    else if (tail.length >= 2 && !RATE_WORD.test(tail)) s = tail;
  }
  // `…,占总户数的35.6%`: a share of the figure before it, which names the subject.
  if (s.startsWith('占')) return '';
  // `A占B的比重`: the share of A (the kind says it is a share).
  const zhan = s.indexOf('占');
  if (zhan >= 2 && !/^占(?:地|用)/.test(s.slice(zhan))) s = s.slice(0, zhan);
  // `A、B等C`: C names the kind; `A的B`: B is the head noun.
  const deng = s.lastIndexOf('等');
  if (deng >= 0 && s.length - deng - 1 >= 2 && !/^等[级地次]/.test(s.slice(deng))) s = s.slice(deng + 1);
  const de = s.lastIndexOf('的');
  if (de >= 0 && s.length - de - 1 >= 2) s = s.slice(de + 1);
  return balanceQuotes(s);
}

/** Words that end the noun phrase after a measure word: verbs and function words. */
const AFTER_STOP =
  /完成|实现|通过|列入|纳入|建成|开工|竣工|投用|投入|投产|签约|落地|改造|提升(?![型村])|建设|迁建|前期|深化|作为|作|工作|消薄|下放|关停|入围|正在|正|顺利|成功|集中|全部|全面|已|进行|实施|达到|达|获得|获评|获|入选|提供|参加|来自|的|中(?=[，,。；;]|$|榜|标)|均|被|成为|高标准|基本|即将|迎接|参与|开展|启动|推进|完善|覆盖|进度|总体|共计|合计|分别|等|和|及(?!以上)|全(?=覆盖|使用|面|部)|与|或|为|是|在(?!线)|到|由|向|对|从|入驻|拆除|整治(?!村)|验收|创建|开放|运行|上线|交付|清零|挂牌|进场|将于|将在|将|申请|办理|享受|新建|得到|得以|标准化建设|规范化建设/;

/** The thing counted after a measure word (`168个网格` → 网格), or '' when none follows. */
export function subjectAfter(text: string, end: number): string {
  // 余/多 after the unit were read by the scanner; a 多 here starts a word (`30项多部门联办…`).
  let tail = text.slice(end, end + 30).replace(/^(?:以上|以下|左右|之多)/, '');
  // `21.9万人完成了全程接种`, `154名来自各条线的人大代表`: the people are named by what follows the verb.
  const doing = /^(?:完成了|完成|来自|参加了|参加|参与了|参与)/.exec(tail);
  if (doing) tail = tail.slice(doing[0].length);
  const m = /^[\u4e00-\u9fa5A-Za-z“”"]+(?:、[\u4e00-\u9fa5A-Za-z“”"]+)*/.exec(tail);
  if (!m) return '';
  let phrase = m[0];
  // A verb with an aspect marker (肩负着, 完成了) starts the predicate.
  const predicate = /[\u4e00-\u9fa5]{2}[着了]/.exec(phrase);
  if (predicate) phrase = phrase.slice(0, predicate.index);
  if (doing) {
    const de = phrase.lastIndexOf('的');
    if (de >= 0) phrase = phrase.slice(de + 1);
  }
  const stop = AFTER_STOP.exec(phrase);
  if (stop) phrase = phrase.slice(0, stop.index);
  phrase = balanceQuotes(phrase);
  phrase = phrase.replace(/、+$/, '');
  if (phrase.length < 1) return '';
  return phrase.length > 20 ? phrase.slice(0, 20) : phrase;
}

/** The kind cues found in a clause before a figure. */
export interface KindCues {
  avg: boolean;
  change: boolean;
  down: boolean;
  comparator: boolean;
  target: boolean;
  respectively: boolean;
}

/** Reads the kind cues of the text before a figure in its clause. */
export function cuesOf(local: string, sentencePrefix: string): KindCues {
  // 新增 is a level (how many were added), not a change: drop it before looking for 增.
  const words = local
    .replace(/新增|增加值|增值|新建|增设|增收|增效|增量|增强|增亮|提升改造|改造提升|提升工程|提升村|提升型|提升行动/g, '')
    // `提升至60%`, `增至`, `降至`: the level reached, not a change.
    .replace(/(?:增长|提高|提升|上升|增加|下降|减少|降低|增|降|扩大|扩容|压减|控制)(?:至|到)$/, '');
  return {
    avg: AVG_CUE.test(local),
    change: CHANGE_CUE.test(words),
    down: DOWN_CUE.test(words),
    comparator: COMPARATOR.test(local),
    target: TARGET_CUE.test(sentencePrefix),
    respectively: /分别/.test(local),
  };
}

const HEADING_PLAN =
  /下半年|工作安排|工作思路|工作打算|主要目标|预期目标|总体要求|主要任务|重点任务|重点工作|展望|今后|明年|(?:\d{4})年(?:工作)?(?:安排|目标|计划|思路|重点)|奋力|谋新|新征程|预期|计划/;
const HEADING_REVIEW = /回顾|上半年|成绩|完成情况|取得|过去|一年来|总结/;

/** Whether a line reads as a heading: short, not a full sentence. */
function isHeading(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 40) return false;
  if (/^[★■●◆▲]/.test(t) || /^[一二三四五六七八九十]+、/.test(t) || /^\d{4}年?$/.test(t)) return true;
  return !/[。；;,，]$/.test(t) && !/[。]/.test(t) && t.length <= 30;
}

/**
 * For each line start, whether the line sits in a plan section (targets for the coming
 * period). A heading with plan words (下半年, 工作安排, 预期目标 …) opens one, a heading with
 * review words (回顾, 上半年, 成绩) closes it, and a standalone year line later than the
 * previous one opens one (newspaper layouts head the review `2021` and the plan `2022`).
 */
export function planSections(text: string): { start: number; plan: boolean }[] {
  const out: { start: number; plan: boolean }[] = [];
  let plan = false;
  let lastYear = 0;
  let pos = 0;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (isHeading(t)) {
      const year = /^(\d{4})年?$/.exec(t);
      if (year) {
        const y = Number(year[1]);
        plan = lastYear > 0 && y > lastYear;
        lastYear = y;
      } else if (/^\S{0,6}(?:工作回顾|回顾)/.test(t) || (HEADING_REVIEW.test(t) && !/下半年/.test(t))) {
        plan = false;
      } else if (HEADING_PLAN.test(t)) {
        plan = true;
      }
    }
    out.push({ start: pos, plan });
    pos += line.length + 1;
  }
  return out;
}

/** Lines that are web-page chrome (view counts, bylines, footers), not report text. */
export const NOISE_LINE =
  /^\s*(?:阅读|浏览|点击|访问|评论|点赞|转发)(?:量|数|次数)?\s*[:：]?\s*[\d.,]+万?\s*$|(?:浏览|阅读|点击|访问)(?:次数|量|数)?[:：]|发布(?:时间|日期)[:：]|来源[:：]|责任编辑|编辑[:：]|字号[:：]?[大中小]|【打印】|【关闭】|分享到|版权所有|ICP|备案号|联系电话|扫一扫|上一篇|下一篇|相关链接|当前位置|首页\s*[>›]|公网安备|网站标识码|主办单位[:：]|技术支持[:：]/;
