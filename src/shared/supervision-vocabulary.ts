/**
 * The vocabulary of supervision (督查督办) with Chinese labels: sources, states, actions,
 * colours, three-colour notices, deputies' satisfaction and the 红黄黑榜 (STANDARDS.md §7),
 * and the views the API answers with (defined once here so the web UI cannot drift from the
 * presenter). Free of Node.js and browser APIs: the server and the web UI import this same file.
 */

/** Where a supervision item came from. */
export const SUPERVISION_SOURCES = ['leadership', 'case', 'indicator', 'project', 'deputy_suggestion', 'other'] as const;
/** A source of supervision items. */
export type SupervisionSource = (typeof SUPERVISION_SOURCES)[number];
/** Chinese labels of the sources. */
export const SOURCE_LABELS: Record<SupervisionSource, string> = {
  leadership: '领导批示',
  case: '超期案件',
  indicator: '落后指标',
  project: '滞后项目',
  deputy_suggestion: '人大代表建议',
  other: '其他',
};

/** The states of a supervision item (逾期 is a flag, not a state: an overdue item keeps its step). */
export const SUPERVISION_STATES = ['pending', 'assigned', 'signed', 'in_progress', 'reported', 'completed', 'cancelled'] as const;
/** A state of a supervision item. */
export type SupervisionState = (typeof SUPERVISION_STATES)[number];
/** Chinese labels of the states. */
export const STATE_LABELS: Record<SupervisionState, string> = {
  pending: '待交办',
  assigned: '已交办',
  signed: '已签收',
  in_progress: '办理中',
  reported: '已反馈',
  completed: '办结',
  cancelled: '已撤销',
};
/** States in which an item is still being worked on (its deadline runs). */
export const OPEN_STATES: readonly SupervisionState[] = ['pending', 'assigned', 'signed', 'in_progress', 'reported'];

/** What people do to an item. */
export const SUPERVISION_ACTIONS = [
  'assign',
  'sign',
  'feedback',
  'submit',
  'approve',
  'reject',
  'cancel',
  'meet',
  'reply',
  'evaluate',
] as const;
/** An action on a supervision item. */
export type SupervisionAction = (typeof SUPERVISION_ACTIONS)[number];
/** Chinese labels of the actions. */
export const ACTION_LABELS: Record<SupervisionAction, string> = {
  assign: '交办',
  sign: '签收',
  feedback: '反馈进展',
  submit: '提交办结申请',
  approve: '审核通过(办结)',
  reject: '驳回',
  cancel: '撤销',
  meet: '登记见面',
  reply: '登记答复',
  evaluate: '代表评价',
};
/** Labels of timeline entries that are not actions people take. */
export const EVENT_LABELS: Record<string, string> = {
  ...ACTION_LABELS,
  raise: '立项',
  overdue: '逾期',
  notice: '发督办单',
};

/** Traffic-light colours of an item or a unit (STANDARDS §7). */
export const SUPERVISION_COLOURS = ['green', 'yellow', 'red'] as const;
/** A traffic-light colour. */
export type SupervisionColour = (typeof SUPERVISION_COLOURS)[number];
/** Chinese labels of the colours. */
export const COLOUR_LABELS: Record<SupervisionColour, string> = { green: '绿灯(正常)', yellow: '黄灯(临期或滞后)', red: '红灯(逾期)' };

/** Levels of the three-colour supervision notice (三色督办单), in escalation order. */
export const NOTICE_LEVELS = ['blue', 'yellow', 'red'] as const;
/** A notice level. */
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];
/** Chinese labels of the notice levels. */
export const NOTICE_LABELS: Record<NoticeLevel, string> = { blue: '蓝色督办单(提醒)', yellow: '黄色督办单(催办)', red: '红色督办单(挂牌督办)' };

/** A deputy's evaluation of the answer to their suggestion. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
/** A satisfaction grade. */
export type Satisfaction = (typeof SATISFACTIONS)[number];
/** Chinese labels of the satisfaction grades. */
export const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

/** The kinds of unit that lead or assist. */
export const UNIT_KINDS = ['department', 'region'] as const;
/** A unit kind. */
export type UnitKind = (typeof UNIT_KINDS)[number];
/** Chinese labels of the unit kinds. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = { department: '部门', region: '镇街' };

/** The three lists of the unit ratings. 红榜 honours the best units; it is not the red light. */
export const LIST_LABELS = { honour: '红榜(表扬)', warning: '黄榜(提醒)', black: '黑榜(通报)' } as const;
/** A place on the 红黄黑榜. */
export type RatingList = keyof typeof LIST_LABELS;

/**
 * How an actor relates to an item: `office` is the supervising office (督查室: supervisor,
 * admin, or the town's administrator within their town), `lead` the lead unit (主办单位),
 * `assisting` an assisting unit (协办单位), `deputy` the deputy whose suggestion it is.
 */
export type SupervisionRelation = 'office' | 'lead' | 'assisting' | 'deputy';

// ---- ratings (supervision-rating.ts computes them) -----------------------------------------

/** Thresholds of the item colours and notices (defaults in supervision-rating.ts). */
export interface SupervisionThresholds {
  /** A blue notice (提醒) when this many calendar days or fewer are left. */
  blueDaysLeft: number;
  /** Yellow (临期) when this many calendar days or fewer are left. */
  yellowDaysLeft: number;
  /** Yellow (进度滞后) when reported progress trails elapsed time by more than this many points. */
  behindPp: number;
  /** Black list: an item still open this many days after its red notice blacklists its lead unit. */
  redNoticeGraceDays: number;
}

/** One unit's figures for a period. */
export interface UnitPeriodFigures {
  /** `kind:code` of the unit. */
  unitKey: string;
  /** Items (not cancelled) whose deadline falls in the period. */
  due: number;
  /** Items completed in the period, and of those on time. */
  completed: number;
  completedOnTime: number;
  /** Completed-on-time share of completed items (null when none completed). */
  onTimeRate: number | null;
  /** Items overdue at some time in the period (still open when it began, or completed late in it). */
  overdue: number;
  /** Items still open at the end of the period (or now). */
  open: number;
  yellowNotices: number;
  redNotices: number;
  colour: SupervisionColour;
  /** Items still open `redNoticeGraceDays` after their red notice (the second road onto the black list). */
  overdueAfterRed: number;
}

/** A unit's rating for a period, with the previous period's colour and its list. */
export interface UnitRating extends UnitPeriodFigures {
  previousColour: SupervisionColour | null;
  blackListed: boolean;
  /** Why it is on the black list, in Chinese. */
  blackReasons: string[];
  list: RatingList | null;
}

/** A unit's rating with the unit spelt out, as the API answers. */
export interface NamedUnitRating extends UnitRating {
  kind: UnitKind;
  code: string;
  name: string;
}

/** The answer of the ratings page: a month's unit ratings and the 红黄黑榜. */
export interface UnitRatingsView {
  period: string;
  thresholds: SupervisionThresholds;
  ratings: NamedUnitRating[];
  honour: NamedUnitRating[];
  warning: NamedUnitRating[];
  black: NamedUnitRating[];
}

/** The three rates of deputies' suggestions (主办件见面率、答复率和满意率, seed 000). */
export interface SuggestionRates {
  total: number;
  met: number;
  replied: number;
  evaluated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** 见面率 = met / total. */
  meetRate: number | null;
  /** 答复率 = replied / total. */
  replyRate: number | null;
  /** 满意率 = (满意 + 基本满意) / evaluated: a deputy who has not yet evaluated is not counted against it. */
  satisfactionRate: number | null;
}

/** One lead unit's suggestion rates. */
export interface UnitSuggestionRates extends SuggestionRates {
  kind: UnitKind;
  code: string;
  name: string;
}

// ---- the views the API answers with (the presenter builds them; the web UI reads them) ------

/** A lead or assisting unit as shown. */
export interface SupervisionUnitView {
  kind: UnitKind;
  code: string;
  name: string;
}

/** The deputy part of a suggestion item. */
export interface SupervisionDeputyView {
  name: string | null;
  hasAccount: boolean;
  metOn: string | null;
  repliedOn: string | null;
  satisfaction: Satisfaction | null;
  satisfactionLabel: string | null;
}

/** A supervision item as shown, with its live rating and the actions the viewer may take. */
export interface SupervisionItemView {
  id: number;
  code: string;
  sourceType: SupervisionSource;
  sourceLabel: string;
  sourceId: string | null;
  title: string;
  description: string;
  regionCode: string;
  regionName: string;
  leadUnit: SupervisionUnitView;
  assistingUnits: SupervisionUnitView[];
  deadline: string;
  daysLeft: number;
  feedbackIntervalDays: number | null;
  lastFeedbackAt: string | null;
  progress: number;
  state: SupervisionState;
  stateLabel: string;
  colour: SupervisionColour;
  colourReasons: string[];
  /** Elapsed share of the time allowed, in percent (null before 交办). */
  timeProgress: number | null;
  noticeLevel: NoticeLevel | null;
  overdue: boolean;
  overdueAt: string | null;
  assignedAt: string | null;
  completedAt: string | null;
  completedOnTime: boolean | null;
  rejectCount: number;
  /** Only on deputies' suggestions. */
  deputy: SupervisionDeputyView | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  relations: SupervisionRelation[];
  actions: SupervisionAction[];
}

/** A timeline entry as shown. */
export interface SupervisionEventView {
  id: number;
  at: string;
  actor: string;
  /** An action, or another event (`raise`, `overdue`, `notice`: {@link EVENT_LABELS}). */
  action: string;
  actionLabel: string;
  fromState: SupervisionState | null;
  toState: SupervisionState | null;
  note: string | null;
  progress: number | null;
  data: Record<string, unknown> | null;
}

/** A three-colour notice as shown. */
export interface SupervisionNoticeView {
  id: number;
  colour: NoticeLevel;
  reason: string;
  issuedAt: string;
  unit: SupervisionUnitView;
}

/** How many items are in a state and colour (the board's counters). */
export interface SupervisionItemCount {
  state: SupervisionState;
  colour: SupervisionColour;
  overdue: boolean;
  n: number;
}

/** The board's list answer. */
export interface SupervisionItemPageView {
  items: SupervisionItemView[];
  total: number;
  /** Empty for deputies. */
  counts: SupervisionItemCount[];
}

/** One item with its timeline and notices. */
export interface SupervisionItemDetailView {
  item: SupervisionItemView;
  events: SupervisionEventView[];
  notices: SupervisionNoticeView[];
}

/** A record the board offers for 立项督办. */
export interface SupervisionSourceView {
  kind: 'case' | 'indicator' | 'project';
  id: string;
  title: string;
  description: string;
  regionCode: string;
  lead: { kind: UnitKind; code: string };
  /** The suggested lead unit's name. */
  leadName: string;
  colour: SupervisionColour;
  reason: string;
  /** The live item already raised from it, if any. */
  itemCode: string | null;
}

/** The outcome of one source in a bulk 立项督办. */
export interface RaiseOutcome {
  kind: string;
  id: string;
  ok: boolean;
  itemCode?: string;
  /** The error code when it failed. */
  code?: string;
  message?: string;
}

/** Deputies' suggestions with the three rates, overall and per lead unit. */
export interface SuggestionStatsView {
  overall: SuggestionRates;
  units: UnitSuggestionRates[];
  items: SupervisionItemView[];
}
