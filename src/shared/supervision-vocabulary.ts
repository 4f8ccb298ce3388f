/**
 * The vocabulary of supervision (督查督办) with Chinese labels: sources, states, actions,
 * colours, three-colour notices, deputies' satisfaction and the 红黄黑榜 (STANDARDS.md §7).
 * Free of Node.js and browser APIs: the server and the web UI import this same file.
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
