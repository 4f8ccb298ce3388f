/**
 * The vocabulary of cases (事件) with Chinese labels: channels, 12345 natures, urgency,
 * workflow states and actions, SLA stages and call-back results (STANDARDS.md §2–§5).
 * Free of Node.js and browser APIs: the server and the web UI import this same file.
 */

/** Where a case came in. */
export const CASE_CHANNELS = [
  'hotline',
  'city_management',
  'police_linkage',
  'grid_patrol',
  'enterprise',
  'citizen',
  'open311',
] as const;
/** A channel of intake. */
export type CaseChannel = (typeof CASE_CHANNELS)[number];
/** Chinese labels of the channels. */
export const CHANNEL_LABELS: Record<CaseChannel, string> = {
  hotline: '12345热线',
  city_management: '数字城管',
  police_linkage: '110联动',
  grid_patrol: '网格巡查',
  enterprise: '企业诉求',
  citizen: '群众上报',
  open311: 'Open311接口',
};

/** The natures of 12345 requests (GB/T 33358). */
export const CASE_NATURES = ['enquiry', 'help', 'complaint', 'suggestion', 'report'] as const;
/** A 12345 nature. */
export type CaseNature = (typeof CASE_NATURES)[number];
/** Chinese labels of the natures. */
export const NATURE_LABELS: Record<CaseNature, string> = {
  enquiry: '咨询',
  help: '求助',
  complaint: '投诉',
  suggestion: '建议',
  report: '举报',
};

/** Urgency levels; each minor class carries a time limit per level. */
export const CASE_URGENCIES = ['normal', 'urgent'] as const;
/** An urgency level. */
export type CaseUrgency = (typeof CASE_URGENCIES)[number];
/** Chinese labels of the urgency levels. */
export const URGENCY_LABELS: Record<CaseUrgency, string> = { normal: '一般', urgent: '紧急' };

/** The two kinds of category (部件 / 事件). */
export const CATEGORY_KINDS = ['component', 'event'] as const;
/** A kind of category. */
export type CategoryKind = (typeof CATEGORY_KINDS)[number];
/** Chinese labels of the category kinds. */
export const CATEGORY_KIND_LABELS: Record<CategoryKind, string> = { component: '部件', event: '事件' };

/** The states of a case (STANDARDS.md §3). */
export const CASE_STATES = [
  'reported',
  'verifying',
  'registered',
  'dispatched',
  'accepted',
  'parked',
  'handled',
  'checked',
  'closed',
  'visited',
  'voided',
  'merged',
] as const;
/** A state of a case. */
export type CaseState = (typeof CASE_STATES)[number];
/** Chinese labels of the states. */
export const STATE_LABELS: Record<CaseState, string> = {
  reported: '待受理',
  verifying: '待核实',
  registered: '待派遣',
  dispatched: '待签收',
  accepted: '处置中',
  parked: '已挂账',
  handled: '待核查',
  checked: '待结案',
  closed: '已结案(待回访)',
  visited: '已回访',
  voided: '已作废',
  merged: '已并单',
};
/** States in which a case is finished (no longer open). */
export const FINAL_STATES: readonly CaseState[] = ['closed', 'visited', 'voided', 'merged'];

/** The actions of the workflow (each one transition or side path). */
export const CASE_ACTIONS = [
  'request_verification',
  'report_verification',
  'register',
  'void',
  'merge',
  'dispatch',
  'reassign',
  'sign',
  'return',
  'handle',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'request_park',
  'approve_park',
  'reject_park',
  'unpark',
  'check_pass',
  'check_fail',
  'close',
  'callback',
] as const;
/** A workflow action. */
export type CaseAction = (typeof CASE_ACTIONS)[number];
/** Chinese labels of the actions. */
export const ACTION_LABELS: Record<CaseAction, string> = {
  request_verification: '派发核实',
  report_verification: '核实反馈',
  register: '立案',
  void: '作废',
  merge: '并单',
  dispatch: '派遣',
  reassign: '改派',
  sign: '签收',
  return: '退回',
  handle: '处置反馈',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  reject_extension: '驳回延期',
  request_park: '申请挂账',
  approve_park: '批准挂账',
  reject_park: '驳回挂账',
  unpark: '解除挂账',
  check_pass: '核查通过',
  check_fail: '核查不通过(返工)',
  close: '结案',
  callback: '回访',
};

/** The SLA clocks of a case. */
export const SLA_STAGES = ['dispatch', 'handle', 'check', 'total'] as const;
/** An SLA clock. */
export type SlaStage = (typeof SLA_STAGES)[number];
/** Chinese labels of the clocks. */
export const SLA_STAGE_LABELS: Record<SlaStage, string> = {
  dispatch: '派遣时限',
  handle: '处置时限',
  check: '核查时限',
  total: '结案时限',
};

/** Call-back results (回访). */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'] as const;
/** A call-back result. */
export type Satisfaction = (typeof SATISFACTIONS)[number];
/** Chinese labels of the call-back results. */
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  unreachable: '未接通',
};

/** SLA colours (STANDARDS.md §4): yellow at 80% used, red when overdue. */
export type SlaColour = 'green' | 'yellow' | 'red';
