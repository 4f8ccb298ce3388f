/**
 * The default case-category catalogue (数字城管, GB/T 30428.2 layout, STANDARDS.md §2) and the
 * default whole-case limits of 12345 natures (§4). Data, not code: every district edits its own
 * catalogue (扩展类, other departments, other limits), and implementations differ on the exact
 * list, so this is only what a new district starts from. No I/O: the catalogue service seeds it.
 */
import type { LimitKind } from '@/domains/calendar/working-time.js';
import { CASE_URGENCIES, SLA_STAGES, type CaseNature, type CategoryKind } from '@/shared/case-vocabulary.js';

/** A time limit: an amount counted in one of the four kinds of STANDARDS.md §4. */
export interface Limit {
  kind: LimitKind;
  amount: number;
}

/** The limits of a case's four clocks (派遣, 处置, 核查, 结案) at one urgency. */
export interface StageLimits {
  dispatch: Limit;
  handle: Limit;
  check: Limit;
  total: Limit;
}

/** One entry of the catalogue: a major class (大类) or a minor class (小类) with its case standard. */
export interface DefaultCategory {
  /** `BJ`/`SJ` + 2-digit major (+ 2-digit minor for a minor class): 'SJ01', 'SJ0101'. */
  code: string;
  /** 部件 (component: a physical asset) or 事件 (event: a situation). */
  kind: CategoryKind;
  /** The 2-digit major class: '01'. */
  majorCode: string;
  /** The 2-digit minor class within its major ('01'), or null for a major class. */
  minorCode: string | null;
  name: string;
  /** The major's code for a minor class; null for a major class. */
  parentCode: string | null;
  /** 立案条件: when a report of this class is registered as a case. */
  registerCondition: string | null;
  /** 结案条件: when the case may be closed. */
  closeCondition: string | null;
  /** 派单目录: the department a case of this minor class goes to by default. */
  departmentCode: string | null;
  /** The stage limits per urgency; minor classes only. */
  limits: { normal: StageLimits; urgent: StageLimits } | null;
}

/** The four kinds of limit, to check a kind that came from outside the type system (admin input). */
const LIMIT_KINDS: readonly LimitKind[] = ['emergency_hours', 'working_hours', 'working_days', 'natural_days'];

/** Day-counted kinds: the calendar (working-time.ts) refuses a fractional number of days. */
const WHOLE_DAY_KINDS: ReadonlySet<LimitKind> = new Set<LimitKind>(['working_days', 'natural_days']);

/**
 * The demo district's departments (demo-generator.ts). A literal union rather than `string`, so a
 * misspelt department in the table below fails to compile instead of routing cases nowhere.
 */
type DepartmentCode =
  | 'CG'
  | 'SCJG'
  | 'ZJ'
  | 'JT'
  | 'STHJ'
  | 'SL'
  | 'WJ'
  | 'YJGL'
  | 'ZRZY'
  | 'MZ'
  | 'JY'
  | 'GA110';

type CategoryLimits = { normal: StageLimits; urgent: StageLimits };

const emergencyHours = (amount: number): Limit => ({ kind: 'emergency_hours', amount });
const workingHours = (amount: number): Limit => ({ kind: 'working_hours', amount });
const workingDays = (amount: number): Limit => ({ kind: 'working_days', amount });

/**
 * Stage limits with the whole-case limit derived from the stages, so the total never
 * contradicts them. An hour-counted handle gives a total in the handle's kind: the sum of the
 * hours rounded up (dispatch and check are always hour-counted here; an emergency hour is counted
 * as a working hour, which can only make the total more generous, never shorter than the work).
 * A day-counted handle gives one more day than the handle: dispatch and check (at most 3 hours)
 * fit within one working day of 7.5 hours.
 */
function stages(dispatch: Limit, handle: Limit, check: Limit): StageLimits {
  const total = WHOLE_DAY_KINDS.has(handle.kind)
    ? { kind: handle.kind, amount: handle.amount + 1 }
    : { kind: handle.kind, amount: Math.ceil(dispatch.amount + handle.amount + check.amount) };
  return { dispatch, handle, check, total };
}

/**
 * The usual limits of a minor class (§4): dispatch within 1 working hour, the on-site check
 * within 2 working hours of the department's feedback. An urgent case is dispatched within 30
 * minutes round the clock (a dispatcher is on duty) and checked within 1 working hour.
 */
function standardLimits(normalHandle: Limit, urgentHandle: Limit): CategoryLimits {
  return {
    normal: stages(workingHours(1), normalHandle, workingHours(2)),
    urgent: stages(emergencyHours(0.5), urgentHandle, workingHours(1)),
  };
}

/**
 * Limits of 突发事件: a burst main or a collapsed road does not wait for Monday, so every clock
 * counts round the clock (emergency hours) at both urgencies; urgent only shortens them.
 */
function emergencyLimits(normalHandleHours: number, urgentHandleHours: number): CategoryLimits {
  return {
    normal: stages(emergencyHours(1), emergencyHours(normalHandleHours), emergencyHours(2)),
    urgent: stages(emergencyHours(0.5), emergencyHours(urgentHandleHours), emergencyHours(1)),
  };
}

/** One minor class as written in the table below. */
interface MinorSpec {
  /** Explicit, never derived from the position: codes are stored on cases and must not shift. */
  minorCode: string;
  name: string;
  department: DepartmentCode;
  register: string;
  close: string;
  limits: CategoryLimits;
}

/** One major class with its minor classes. */
interface MajorSpec {
  kind: CategoryKind;
  majorCode: string;
  name: string;
  minors: readonly MinorSpec[];
}

const CATALOGUE: readonly MajorSpec[] = [
  // ── 部件 (components) ────────────────────────────────────────────────────────────────────
  {
    kind: 'component',
    majorCode: '01',
    name: '公用设施',
    minors: [
      {
        minorCode: '01',
        name: '上水井盖',
        department: 'SL',
        register: '供水井盖丢失、破损、移位，或与路面高差明显影响通行安全。',
        close: '井盖已补齐、更换或复位，与路面平顺。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '02',
        name: '污水井盖',
        department: 'ZJ',
        register: '污水井盖丢失、破损、移位，或与路面高差明显影响通行安全。',
        close: '井盖已补齐、更换或复位，与路面平顺。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '03',
        name: '雨水井盖',
        department: 'ZJ',
        register: '雨水井盖丢失、破损、移位，或与路面高差明显影响通行安全。',
        close: '井盖已补齐、更换或复位，与路面平顺。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '04',
        name: '雨水箅子',
        department: 'ZJ',
        register: '雨水箅子丢失、破损、移位或被堵塞，影响通行或排水。',
        close: '雨水箅子已补齐、更换、复位或清理通畅。',
        limits: standardLimits(workingHours(6), workingHours(3)),
      },
      {
        minorCode: '05',
        name: '电力井盖',
        department: 'ZJ',
        register: '电力井盖丢失、破损、移位，或与路面高差明显影响通行安全。',
        close: '井盖已补齐、更换或复位，与路面平顺。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '06',
        name: '燃气井盖',
        department: 'ZJ',
        register: '燃气井盖丢失、破损、移位，或与路面高差明显影响通行安全。',
        close: '井盖已补齐、更换或复位，与路面平顺。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '07',
        name: '路灯',
        department: 'CG',
        register: '路灯不亮、昼亮，灯具破损，或灯杆倾斜、锈蚀、线路外露存在安全隐患。',
        close: '路灯已修复并正常照明，灯杆、灯具及线路无安全隐患。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
      {
        minorCode: '08',
        name: '消防栓',
        department: 'YJGL',
        register: '消防栓损坏、漏水、缺失，或被圈占、遮挡影响使用。',
        close: '消防栓已修复或补齐，周边无圈占、遮挡，可正常使用。',
        limits: standardLimits(workingDays(2), workingHours(4)),
      },
    ],
  },
  {
    kind: 'component',
    majorCode: '02',
    name: '道路交通',
    minors: [
      {
        minorCode: '01',
        name: '交通信号灯',
        department: 'GA110',
        register: '交通信号灯不亮、损坏、显示异常或被遮挡。',
        close: '信号灯已修复并正常显示，无遮挡。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '02',
        name: '交通标志牌',
        department: 'JT',
        register: '交通标志牌缺失、破损、倾斜、污损或被遮挡，影响辨识。',
        close: '标志牌已补齐、修复、扶正或清除遮挡，清晰可辨。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
      {
        minorCode: '03',
        name: '道路护栏',
        department: 'JT',
        register: '道路护栏缺失、破损、倾斜或断开，影响交通安全。',
        close: '护栏已补齐、修复或扶正，连续完好。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
      {
        minorCode: '04',
        name: '隔离墩',
        department: 'JT',
        register: '隔离墩缺失、破损或移位，影响交通秩序或安全。',
        close: '隔离墩已补齐、修复或复位。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
      {
        minorCode: '05',
        name: '公交站亭',
        department: 'JT',
        register: '公交站亭、站牌破损、缺失或存在坠落、倒塌隐患。',
        close: '站亭、站牌已修复或补齐，无安全隐患。',
        limits: standardLimits(workingDays(5), workingHours(4)),
      },
      {
        minorCode: '06',
        name: '过街天桥',
        department: 'JT',
        register: '过街天桥或地下通道的栏杆、踏步、照明等设施破损，影响通行安全。',
        close: '破损设施已修复，通行安全。',
        limits: standardLimits(workingDays(5), workingHours(4)),
      },
      {
        minorCode: '07',
        name: '电子警察',
        department: 'GA110',
        register: '电子警察、交通监控设备损坏、倾斜或杆件存在倒伏隐患。',
        close: '设备已修复、扶正或拆除隐患，运行正常。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
    ],
  },
  {
    kind: 'component',
    majorCode: '03',
    name: '市容环境',
    minors: [
      {
        minorCode: '01',
        name: '公共厕所',
        department: 'CG',
        register: '公共厕所设施损坏、堵塞、断水断电或无法正常使用。',
        close: '设施已修复，公共厕所恢复正常使用。',
        limits: standardLimits(workingDays(2), workingHours(4)),
      },
      {
        minorCode: '02',
        name: '果皮箱',
        department: 'CG',
        register: '果皮箱(垃圾桶)缺失、破损、倾倒或严重污损。',
        close: '果皮箱已补齐、更换、扶正或清洗干净。',
        limits: standardLimits(workingDays(3), workingDays(1)),
      },
      {
        minorCode: '03',
        name: '垃圾收集点',
        department: 'CG',
        register: '垃圾收集站(点)、分类投放点设施破损、缺失或脏乱。',
        close: '设施已修复、补齐，收集点整洁。',
        limits: standardLimits(workingDays(3), workingDays(1)),
      },
      {
        minorCode: '04',
        name: '公共座椅',
        department: 'CG',
        register: '公共座椅破损、缺失或松动，存在安全隐患。',
        close: '座椅已修复、补齐或加固。',
        limits: standardLimits(workingDays(5), workingDays(2)),
      },
      {
        minorCode: '05',
        name: '户外广告设施',
        department: 'CG',
        register: '户外广告牌、灯箱、招牌破损、倾斜或松动，存在坠落隐患。',
        close: '广告设施已加固、修复或拆除，无坠落隐患。',
        limits: standardLimits(workingDays(5), workingHours(4)),
      },
      {
        minorCode: '06',
        name: '城市雕塑',
        department: 'CG',
        register: '城市雕塑、景观小品破损、污损或存在倒塌隐患。',
        close: '雕塑、小品已修复、清洗或消除隐患。',
        limits: standardLimits(workingDays(10), workingDays(2)),
      },
    ],
  },
  {
    kind: 'component',
    majorCode: '04',
    name: '园林绿化',
    minors: [
      {
        minorCode: '01',
        name: '行道树',
        department: 'CG',
        register: '行道树缺株、枯死、倾斜、倒伏，或枝叶遮挡信号灯、标志牌、影响通行。',
        close: '已补植、扶正、移除或修剪到位，不再影响通行和安全。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
      {
        minorCode: '02',
        name: '绿地',
        department: 'CG',
        register: '绿地缺损、黄土裸露、杂草丛生、植物枯死或被踩踏、占用。',
        close: '绿地已补植、清理或恢复，养护到位。',
        limits: standardLimits(workingDays(5), workingDays(2)),
      },
      {
        minorCode: '03',
        name: '护树设施',
        department: 'CG',
        register: '树池、树箅子、树木支撑等护树设施缺失、破损或松动。',
        close: '护树设施已补齐、修复或加固。',
        limits: standardLimits(workingDays(5), workingDays(2)),
      },
      {
        minorCode: '04',
        name: '花坛花箱',
        department: 'CG',
        register: '花坛、花箱破损、缺失、移位，或花卉枯死、缺株。',
        close: '花坛、花箱已修复、复位，花卉已补植。',
        limits: standardLimits(workingDays(5), workingDays(2)),
      },
      {
        minorCode: '05',
        name: '古树名木',
        department: 'ZRZY',
        register: '古树名木受损、倾斜、病虫害或保护设施损坏。',
        close: '已采取救护、加固或防治措施，保护设施完好。',
        limits: standardLimits(workingDays(5), workingDays(1)),
      },
      {
        minorCode: '06',
        name: '绿化护栏',
        department: 'CG',
        register: '绿化护栏缺失、破损、倾斜。',
        close: '护栏已补齐、修复或扶正。',
        limits: standardLimits(workingDays(5), workingDays(2)),
      },
    ],
  },
  {
    kind: 'component',
    majorCode: '05',
    name: '房屋土地',
    minors: [
      {
        minorCode: '01',
        name: '危房',
        department: 'ZJ',
        register: '房屋出现明显裂缝、倾斜、沉降或构件脱落，存在安全隐患。',
        close: '已设置警示、组织排险或鉴定，并落实加固、撤离等处置措施。',
        limits: standardLimits(workingDays(2), workingHours(4)),
      },
      {
        minorCode: '02',
        name: '房屋外立面附属物',
        department: 'ZJ',
        register: '雨棚、空调外机支架、外墙饰面等附属物破损、松动，存在坠落隐患。',
        close: '附属物已加固、修复或拆除，无坠落隐患。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
      {
        minorCode: '03',
        name: '空置房屋',
        department: 'ZJ',
        register: '空置房屋门窗破损、无人看管，存在被占用或安全隐患。',
        close: '已封闭门窗、落实看管责任或消除隐患。',
        limits: standardLimits(workingDays(5), workingDays(1)),
      },
      {
        minorCode: '04',
        name: '闲置土地',
        department: 'ZRZY',
        register: '闲置土地无围挡、堆放垃圾杂物或被非法占用、耕种。',
        close: '已设置围挡、清理杂物或制止非法占用。',
        limits: standardLimits(workingDays(10), workingDays(3)),
      },
      {
        minorCode: '05',
        name: '门牌',
        department: 'MZ',
        register: '门牌、楼牌缺失、破损、错误或字迹不清。',
        close: '门牌、楼牌已补齐、更换或更正，清晰准确。',
        limits: standardLimits(workingDays(10), workingDays(3)),
      },
    ],
  },
  {
    kind: 'component',
    majorCode: '06',
    name: '其他设施',
    minors: [
      {
        minorCode: '01',
        name: '地名牌',
        department: 'MZ',
        register: '路名牌、地名标志缺失、破损、倾斜或内容错误。',
        close: '地名牌已补齐、修复、扶正或更正。',
        limits: standardLimits(workingDays(10), workingDays(3)),
      },
      {
        minorCode: '02',
        name: '健身设施',
        department: 'JY',
        register: '公共健身器材破损、松动或缺失部件，存在伤人隐患。',
        close: '器材已修复、更换或停用并设警示。',
        limits: standardLimits(workingDays(5), workingHours(4)),
      },
      {
        minorCode: '03',
        name: '应急避难场所标志',
        department: 'YJGL',
        register: '应急避难场所标志、指示牌缺失、破损或被遮挡。',
        close: '标志已补齐、修复或清除遮挡。',
        limits: standardLimits(workingDays(5), workingDays(2)),
      },
      {
        minorCode: '04',
        name: '河道护栏',
        department: 'SL',
        register: '河道、湖岸护栏缺失、破损或松动，存在落水隐患。',
        close: '护栏已补齐、修复或加固。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
      {
        minorCode: '05',
        name: '环境监测设施',
        department: 'STHJ',
        register: '空气、噪声、水质等环境监测站点设施损坏或被遮挡、占用。',
        close: '监测设施已修复，周边无遮挡、占用。',
        limits: standardLimits(workingDays(5), workingDays(1)),
      },
      {
        minorCode: '06',
        name: '公共视频监控',
        department: 'GA110',
        register: '公共视频监控设备损坏、移位、被遮挡或杆件存在倒伏隐患。',
        close: '设备已修复、复位或消除隐患，运行正常。',
        limits: standardLimits(workingDays(3), workingHours(4)),
      },
    ],
  },
  // ── 事件 (events) ────────────────────────────────────────────────────────────────────────
  {
    kind: 'event',
    majorCode: '01',
    name: '市容环境',
    minors: [
      {
        minorCode: '01',
        name: '暴露垃圾',
        department: 'CG',
        register: '道路、广场、绿地等公共区域有暴露垃圾，或垃圾桶满溢未及时清运。',
        close: '垃圾已清运，现场干净整洁。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '02',
        name: '积存垃圾渣土',
        department: 'CG',
        register: '公共区域积存垃圾、渣土，或长期未清运形成堆积。',
        close: '积存垃圾、渣土已清运，现场干净整洁。',
        limits: standardLimits(workingHours(8), workingHours(4)),
      },
      {
        minorCode: '03',
        name: '道路不洁',
        department: 'CG',
        register: '道路、人行道有明显污物、油污、泥浆或散落杂物，保洁不到位。',
        close: '路面已清扫、冲洗干净。',
        limits: standardLimits(workingHours(3), workingHours(2)),
      },
      {
        minorCode: '04',
        name: '水域不洁',
        department: 'SL',
        register: '河道、湖泊等水域有漂浮垃圾、油污或水面明显异色、异味。',
        close: '漂浮物已打捞清理，水面无明显污物。',
        limits: standardLimits(workingDays(1), workingHours(4)),
      },
      {
        minorCode: '05',
        name: '绿地脏乱',
        department: 'CG',
        register: '绿地内有垃圾、杂物堆放或被踩踏、占用，环境脏乱。',
        close: '绿地内垃圾、杂物已清理，环境整洁。',
        limits: standardLimits(workingHours(8), workingHours(4)),
      },
      {
        // §4: an unfinished structure is stopped within 4 working hours (urgent); a finished
        // one is demolished within 20 working days (normal).
        minorCode: '06',
        name: '私搭乱建',
        department: 'CG',
        register: '未经批准擅自搭建建筑物、构筑物或违规改扩建。',
        close: '在建的已制止并依法立案查处；已建成的已拆除或依法处理完毕。',
        limits: standardLimits(workingDays(20), workingHours(4)),
      },
      {
        minorCode: '07',
        name: '焚烧垃圾',
        department: 'CG',
        register: '在公共区域露天焚烧垃圾、树叶、秸秆或其他废弃物。',
        close: '焚烧已制止、明火已熄灭，残留物已清理。',
        limits: standardLimits(workingHours(2), workingHours(1)),
      },
      {
        minorCode: '08',
        name: '动物尸体',
        department: 'CG',
        register: '道路、绿地、水域等公共区域有动物尸体。',
        close: '动物尸体已清运并无害化处理，现场已清洁消毒。',
        limits: standardLimits(workingHours(2), workingHours(1)),
      },
      {
        minorCode: '09',
        name: '病媒生物孳生',
        department: 'WJ',
        register: '公共区域鼠迹明显、蚊蝇大量孳生或有蟑螂聚集等病媒生物问题。',
        close: '已开展消杀，孳生地已清理。',
        limits: standardLimits(workingDays(3), workingDays(1)),
      },
    ],
  },
  {
    kind: 'event',
    majorCode: '02',
    name: '宣传广告',
    minors: [
      {
        minorCode: '01',
        name: '非法小广告',
        department: 'CG',
        register: '在建筑物、公共设施、树木等处张贴、涂写、刻画或喷涂小广告。',
        close: '小广告已清除，墙面、设施已恢复原貌。',
        limits: standardLimits(workingHours(8), workingHours(4)),
      },
      {
        minorCode: '02',
        name: '违章张贴悬挂广告牌匾',
        department: 'CG',
        register: '未经批准设置、张贴或悬挂广告、牌匾，或超出批准范围设置。',
        close: '违规广告、牌匾已拆除，或已补办审批手续。',
        limits: standardLimits(workingDays(5), workingHours(4)),
      },
      {
        minorCode: '03',
        name: '占道广告牌',
        department: 'CG',
        register: '在道路、人行道等公共区域摆放落地广告牌、展板，影响通行。',
        close: '占道广告牌已撤除，道路恢复通行。',
        limits: standardLimits(workingHours(8), workingHours(2)),
      },
      {
        minorCode: '04',
        name: '街头散发广告',
        department: 'CG',
        register: '在道路、路口等公共区域散发广告、传单。',
        close: '散发行为已制止，散落传单已清理。',
        limits: standardLimits(workingHours(2), workingHours(1)),
      },
      {
        minorCode: '05',
        name: '招牌破损',
        department: 'CG',
        register: '店招店牌破损、残缺、字迹不全或夜景照明不亮。',
        close: '招牌已修复或更换，照明正常。',
        limits: standardLimits(workingDays(5), workingHours(4)),
      },
      {
        minorCode: '06',
        name: '非法悬挂横幅',
        department: 'CG',
        register: '未经批准在道路、建筑物、树木上悬挂横幅、条幅、彩旗。',
        close: '横幅、条幅、彩旗已拆除。',
        limits: standardLimits(workingHours(8), workingHours(2)),
      },
      {
        minorCode: '07',
        name: '虚假违法广告',
        department: 'SCJG',
        register: '户外广告、宣传品内容涉嫌虚假宣传或违反广告法规定。',
        close: '违法广告已撤除，并已依法立案查处或责令改正。',
        limits: standardLimits(workingDays(5), workingDays(2)),
      },
    ],
  },
  {
    kind: 'event',
    majorCode: '03',
    name: '施工管理',
    minors: [
      {
        minorCode: '01',
        name: '施工扰民',
        department: 'CG',
        register: '夜间或午间违规施工，噪声、强光等影响周边居民休息。',
        close: '违规施工已停止，或已核实持有夜间施工许可并督促降噪。',
        limits: standardLimits(workingHours(4), workingHours(1)),
      },
      {
        minorCode: '02',
        name: '工地扬尘',
        department: 'ZJ',
        register: '施工工地未覆盖裸土、未洒水降尘或车辆未冲洗，扬尘明显。',
        close: '裸土已覆盖，降尘、冲洗措施已落实，无明显扬尘。',
        limits: standardLimits(workingDays(1), workingHours(4)),
      },
      {
        minorCode: '03',
        name: '道路遗撒',
        department: 'CG',
        register: '运输车辆沿途遗撒渣土、砂石、泥浆等，污染路面。',
        close: '遗撒物已清理，路面干净，责任车辆已查处。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '04',
        name: '违规占道施工',
        department: 'CG',
        register: '未经批准占用道路施工，或超出批准范围、时间占道，未设置围挡警示。',
        close: '违规占道施工已停止，道路已恢复，或已补办手续并规范设置围挡。',
        limits: standardLimits(workingHours(8), workingHours(2)),
      },
      {
        minorCode: '05',
        name: '施工废弃料',
        department: 'ZJ',
        register: '施工废弃料、建筑垃圾随意堆放在工地外公共区域。',
        close: '废弃料、建筑垃圾已清运，现场整洁。',
        limits: standardLimits(workingDays(1), workingHours(4)),
      },
      {
        minorCode: '06',
        name: '工地围挡破损',
        department: 'ZJ',
        register: '施工工地围挡缺失、破损、倾斜，存在安全隐患或影响市容。',
        close: '围挡已补齐、修复或加固。',
        limits: standardLimits(workingDays(2), workingHours(4)),
      },
      {
        minorCode: '07',
        name: '无证掘路',
        department: 'JT',
        register: '未经批准擅自挖掘道路，或挖掘后未及时恢复路面。',
        close: '挖掘已制止并依法查处，路面已恢复。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
    ],
  },
  {
    kind: 'event',
    majorCode: '04',
    name: '突发事件',
    minors: [
      {
        minorCode: '01',
        name: '路面塌陷',
        department: 'ZJ',
        register: '道路、人行道路面出现塌陷、空洞或明显沉陷。',
        close: '已设置围挡警示并完成修复，路面恢复通行。',
        limits: emergencyLimits(24, 8),
      },
      {
        minorCode: '02',
        name: '自来水管破裂',
        department: 'SL',
        register: '供水管道破裂、漏水，路面冒水或影响周边供水。',
        close: '管道已抢修，漏水停止，供水恢复。',
        limits: emergencyLimits(12, 4),
      },
      {
        minorCode: '03',
        name: '燃气管道破裂',
        department: 'ZJ',
        register: '燃气管道破损、泄漏，或现场有明显燃气气味。',
        close: '泄漏已控制，管道已抢修，现场隐患已消除。',
        limits: emergencyLimits(2, 1),
      },
      {
        minorCode: '04',
        name: '下水道堵塞或破损',
        department: 'ZJ',
        register: '排水管道堵塞、破损，污水外溢或路面返水。',
        close: '管道已疏通或修复，排水通畅，现场已清理。',
        limits: emergencyLimits(24, 8),
      },
      {
        minorCode: '05',
        name: '道路积水',
        department: 'ZJ',
        register: '道路、下穿通道积水深度影响车辆、行人通行。',
        close: '积水已排除，道路恢复通行。',
        limits: emergencyLimits(8, 4),
      },
      {
        minorCode: '06',
        name: '积雪结冰',
        department: 'CG',
        register: '道路、桥梁、人行道积雪或结冰，影响通行安全。',
        close: '积雪、冰层已清除或已撒布融雪剂、防滑料，通行安全。',
        limits: emergencyLimits(12, 4),
      },
      {
        minorCode: '07',
        name: '架空线缆断落',
        department: 'ZJ',
        register: '电力、通信等架空线缆断落、垂挂，影响通行或存在触电隐患。',
        close: '线缆已抢修、规整或拆除，隐患已消除。',
        limits: emergencyLimits(4, 2),
      },
    ],
  },
  {
    kind: 'event',
    majorCode: '05',
    name: '街面秩序',
    minors: [
      {
        minorCode: '01',
        name: '无照经营游商',
        department: 'CG',
        register: '在道路、广场、桥下等公共区域流动设摊经营。',
        close: '流动摊贩已劝离或依法处理，现场秩序恢复。',
        limits: standardLimits(workingHours(2), workingHours(1)),
      },
      {
        minorCode: '02',
        name: '店外经营',
        department: 'CG',
        register: '沿街商户超出门窗、外墙摆卖或作业，占用人行道、公共区域。',
        close: '店外经营已制止，物品已收回店内。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '03',
        name: '占道废品收购',
        department: 'CG',
        register: '占用道路、人行道收购、堆放、分拣废品。',
        close: '占道收购已制止，废品已清离，现场整洁。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '04',
        name: '机动车乱停放',
        department: 'GA110',
        register: '机动车在禁停路段、人行道、消防通道等处违法停放，影响通行。',
        close: '车辆已驶离或已依法处理，通行恢复。',
        limits: standardLimits(workingHours(2), workingHours(1)),
      },
      {
        minorCode: '05',
        name: '非机动车乱停放',
        department: 'CG',
        register: '自行车、电动自行车、共享单车在非停放区域乱停乱放，影响通行或市容。',
        close: '车辆已整理归位或清离，停放有序。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
      {
        minorCode: '06',
        name: '乱堆物料',
        department: 'CG',
        register: '在道路、人行道、绿地等公共区域堆放物料、杂物。',
        close: '物料、杂物已清离，现场整洁。',
        limits: standardLimits(workingHours(8), workingHours(4)),
      },
      {
        minorCode: '07',
        name: '露天烧烤',
        department: 'CG',
        register: '在公共区域或店外露天烧烤，产生油烟影响周边环境。',
        close: '露天烧烤已制止，设施已撤除。',
        limits: standardLimits(workingHours(2), workingHours(1)),
      },
      {
        minorCode: '08',
        name: '非法营运',
        department: 'JT',
        register: '未取得营运许可的车辆在车站、路口等处揽客营运。',
        close: '非法营运已制止，并已依法查处。',
        limits: standardLimits(workingHours(4), workingHours(2)),
      },
    ],
  },
];

/** The code prefix of each kind: 部件 → BJ, 事件 → SJ. */
const KIND_PREFIX: Readonly<Record<CategoryKind, string>> = { component: 'BJ', event: 'SJ' };

/** Each major followed by its minors: the order seeding needs (a parent before its children). */
function flatten(catalogue: readonly MajorSpec[]): DefaultCategory[] {
  return catalogue.flatMap((major) => {
    const majorEntryCode = `${KIND_PREFIX[major.kind]}${major.majorCode}`;
    const majorEntry: DefaultCategory = {
      code: majorEntryCode,
      kind: major.kind,
      majorCode: major.majorCode,
      minorCode: null,
      name: major.name,
      parentCode: null,
      registerCondition: null,
      closeCondition: null,
      departmentCode: null,
      limits: null,
    };
    const minorEntries = major.minors.map(
      (minor): DefaultCategory => ({
        code: `${majorEntryCode}${minor.minorCode}`,
        kind: major.kind,
        majorCode: major.majorCode,
        minorCode: minor.minorCode,
        name: minor.name,
        parentCode: majorEntryCode,
        registerCondition: minor.register,
        closeCondition: minor.close,
        departmentCode: minor.department,
        limits: minor.limits,
      }),
    );
    return [majorEntry, ...minorEntries];
  });
}

/**
 * The default catalogue: 11 major classes (6 部件, 5 事件), each followed by its minor classes,
 * so it can be inserted in order without a parent ever missing.
 */
export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = Object.freeze(flatten(CATALOGUE));

/**
 * The whole-case limit of 12345 requests by nature (§4): 咨询 and 求助 5 working days;
 * 投诉, 建议 and 举报 15 working days (a complaint or report usually needs an investigation).
 */
export const DEFAULT_NATURE_LIMITS: Readonly<Record<CaseNature, Limit>> = Object.freeze({
  enquiry: workingDays(5),
  help: workingDays(5),
  complaint: workingDays(15),
  suggestion: workingDays(15),
  report: workingDays(15),
});

/** True when `value` is a non-null object, to read the fields of input that may be malformed. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Problems of one limit at `path` ('normal.handle'); the limit may come from admin input. */
function limitProblems(value: unknown, path: string): string[] {
  if (!isRecord(value)) return [`${path}: missing`];
  const problems: string[] = [];
  const { kind, amount } = value;
  const isKnownKind = LIMIT_KINDS.includes(kind as LimitKind);
  if (!isKnownKind) problems.push(`${path}.kind: unknown kind of limit ${JSON.stringify(kind) ?? String(kind)}`);
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    // A zero limit would make every case overdue the moment its clock starts.
    problems.push(`${path}.amount: must be a positive finite number, not ${String(amount)}`);
  } else if (isKnownKind && WHOLE_DAY_KINDS.has(kind as LimitKind) && !Number.isInteger(amount)) {
    // The calendar counts days whole; half a working day has no defined deadline.
    problems.push(`${path}.amount: a ${String(kind)} limit must be a whole number, not ${amount}`);
  }
  return problems;
}

/**
 * Structural check used by the tests and by the catalogue service before seeding or saving a
 * category: every stage of both urgencies has a known kind and a positive finite amount (a whole
 * number for working_days and natural_days), and an urgent case's total is not longer than a
 * normal one's when both count in the same kind (totals of different kinds cannot be compared
 * without a calendar and a start). Returns the problems, each prefixed with its path
 * ('urgent.total.amount: …'); an empty array when the limits are fine. Input typed otherwise at
 * run time (a stage missing, an amount as a string) is reported, never thrown.
 */
export function checkCategoryLimits(limits: { normal: StageLimits; urgent: StageLimits }): string[] {
  const input: unknown = limits;
  if (!isRecord(input)) return ['limits: missing'];
  const problems: string[] = [];
  const validTotals: Partial<Record<(typeof CASE_URGENCIES)[number], Limit>> = {};
  for (const urgency of CASE_URGENCIES) {
    const stageLimits = input[urgency];
    if (!isRecord(stageLimits)) {
      problems.push(`${urgency}: missing`);
      continue;
    }
    for (const stage of SLA_STAGES) {
      const stageProblems = limitProblems(stageLimits[stage], `${urgency}.${stage}`);
      problems.push(...stageProblems);
      if (stage === 'total' && stageProblems.length === 0) validTotals[urgency] = stageLimits[stage] as Limit;
    }
  }
  const { normal, urgent } = validTotals;
  if (normal !== undefined && urgent !== undefined && normal.kind === urgent.kind && urgent.amount > normal.amount) {
    problems.push(
      `urgent.total: ${urgent.amount} ${urgent.kind} is longer than normal.total ${normal.amount} ${normal.kind}`,
    );
  }
  return problems;
}
