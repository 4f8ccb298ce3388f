/**
 * How the 事件闭环 pages name and write things: the queues of each role, who may do what,
 * time limits ('4 工作时'), remaining time ('剩余2小时15分' / '超时1天3小时') and instants
 * in China Standard Time.
 */
import type { Role } from '../api/types';
import { shanghaiParts } from '../calendar/format';
import type { CaseQueue, CaseSummary, Catalogue, Limit, LimitKind, PendingRequest, SlaColour } from './types';

/** Chinese labels of the queues. */
export const QUEUE_LABELS: Record<CaseQueue, string> = {
  intake: '待受理',
  verify: '待核实',
  dispatch: '待派遣',
  approvals: '待审批',
  inbox: '部门收件箱',
  check: '待核查',
  callback: '待回访',
  unrouted: '未定位',
  mine: '我的任务',
  all: '全部',
};

/** Every queue except 全部 and 我的任务, in workflow order. */
const WORKFLOW_QUEUES: readonly CaseQueue[] = ['intake', 'verify', 'dispatch', 'approvals', 'inbox', 'check', 'callback', 'unrouted'];

/** The queues each role works from, first the one it lands on. */
const ROLE_QUEUES: Partial<Record<Role, readonly CaseQueue[]>> = {
  operator: ['intake', 'verify', 'check', 'callback', 'unrouted'],
  dispatcher: ['dispatch', 'approvals'],
  department_handler: ['inbox'],
  grid_worker: ['mine', 'check'],
  admin: ['all', ...WORKFLOW_QUEUES],
  town_admin: ['all', ...WORKFLOW_QUEUES],
  supervisor: ['all', ...WORKFLOW_QUEUES],
};

/** The queues of a role's workbench (全部 for a role without its own). */
export function queuesOf(role: Role): readonly CaseQueue[] {
  return ROLE_QUEUES[role] ?? ['all'];
}

/** Roles that take calls and reports in (新建事件). */
const INTAKE_ROLES: readonly Role[] = ['operator', 'admin'];
/** Roles that report from patrol (巡查上报). */
const PATROL_ROLES: readonly Role[] = ['grid_worker', 'admin'];
/** Roles that read the metrics (统计分析). */
const METRICS_ROLES: readonly Role[] = ['admin', 'supervisor', 'town_admin', 'operator', 'dispatcher', 'department_handler'];

/** True when the role may open the intake form. */
export function canTakeIntake(role: Role): boolean {
  return INTAKE_ROLES.includes(role);
}

/** True when the role reports from patrol. */
export function canPatrol(role: Role): boolean {
  return PATROL_ROLES.includes(role);
}

/** True when the role reads the metrics. */
export function canReadMetrics(role: Role): boolean {
  return METRICS_ROLES.includes(role);
}

/** True when the role edits the catalogue. */
export function canEditCatalogue(role: Role): boolean {
  return role === 'admin';
}

/** The units of the kinds of limit, as a limit is written: '4 工作时'. */
export const LIMIT_KIND_LABELS: Record<LimitKind, string> = {
  emergency_hours: '紧急工作时',
  working_hours: '工作时',
  working_days: '工作日',
  natural_days: '自然日',
};

/** The kinds in the order pickers offer them. */
export const LIMIT_KINDS: readonly LimitKind[] = ['working_hours', 'working_days', 'natural_days', 'emergency_hours'];

/** A limit as people write it: '4 工作时'; none → '—'. */
export function formatLimit(limit: Limit | null | undefined): string {
  if (!limit) return '—';
  return `${limit.amount} ${LIMIT_KIND_LABELS[limit.kind] ?? limit.kind}`;
}

/** True for the kinds measured in working minutes (the server's "own measure"). */
function isWorkingKind(kind: LimitKind | undefined): boolean {
  return kind === 'working_hours' || kind === 'working_days';
}

/**
 * A span of minutes: '2小时15分', '1天3小时', '45分'. Working minutes never roll up into days
 * (a working day is only 7.5 hours), so they stay in hours.
 */
export function formatSpan(minutes: number, kind?: LimitKind): string {
  const total = Math.round(Math.abs(minutes));
  if (total < 60) return `${total}分`;
  const days = isWorkingKind(kind) ? 0 : Math.floor(total / 1440);
  const hours = Math.floor((total - days * 1440) / 60);
  const rest = total % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  return rest > 0 ? `${hours}小时${rest}分` : `${hours}小时`;
}

/** Remaining time of a clock: '剩余2小时15分', '超时1天3小时', '已到期'. */
export function formatRemaining(minutes: number | null | undefined, kind?: LimitKind, overdue = false): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  if (minutes < 0) return `超时${formatSpan(minutes, kind)}`;
  if (Math.round(minutes) === 0) return overdue ? '已到期' : '即将到期';
  return `剩余${formatSpan(minutes, kind)}`;
}

/**
 * The kind of the clock a list row shows: the server's when it sends it, else the limit the
 * catalogue sets for the case's class, urgency and stage (the nature's for a 12345 total).
 */
export function summaryLimitKind(item: CaseSummary, catalogue: Catalogue | undefined): LimitKind | undefined {
  if (!item.sla?.stage) return undefined;
  if (item.sla.kind) return item.sla.kind;
  if (!catalogue) return undefined;
  if (item.sla.stage === 'total' && item.nature) {
    const nature = catalogue.natures.find((n) => n.code === item.nature);
    if (nature) return nature.limit.kind;
  }
  const category = catalogue.categories.find((c) => c.code === item.categoryCode);
  return category?.limits?.[item.urgency]?.[item.sla.stage]?.kind;
}

/** Tag presets of the SLA colours. */
export const SLA_TAG_COLOURS: Record<SlaColour, string> = { green: 'success', yellow: 'warning', red: 'error' };
/** Chart and progress colours of the SLA colours (antd's palette). */
export const SLA_HEX: Record<SlaColour, string> = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' };
/** Short labels of the SLA colours for the filter. */
export const SLA_FILTER_LABELS: Record<'yellow' | 'red', string> = { yellow: '黄灯(将到期)', red: '红灯(已超时)' };

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant in Beijing as '2024-02-18 11:05'; null → '—'. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = shanghaiParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Working minutes as hours: 135 → '2.3 小时'; null → '—'. */
export function formatHours(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  return `${Number((minutes / 60).toFixed(1))} 小时`;
}

/** A distance: 35 → '35 米', 1520 → '1.5 公里'. */
export function formatDistance(meters: number | null | undefined): string {
  if (meters === null || meters === undefined) return '—';
  return meters < 1000 ? `${Math.round(meters)} 米` : `${(meters / 1000).toFixed(1)} 公里`;
}

/** The number a person reads for a case (the server's `number` when it sends one). */
export function caseNumber(item: { id: number | string; number?: string }): string {
  return item.number ?? String(item.id);
}

/** The address of a case's page. */
export function casePath(id: number | string): string {
  return `/events/${encodeURIComponent(String(id))}`;
}

/** What a pending request asks for: '申请延期 2 个工作日' or '申请挂账'. */
export function pendingText(pending: PendingRequest | null): string | null {
  if (!pending) return null;
  if (pending.type === 'extension') return `申请延期${pending.amount ? ` ${pending.amount} 个工作日` : ''}`;
  if (pending.type === 'park') return '申请挂账';
  return '待审批';
}
