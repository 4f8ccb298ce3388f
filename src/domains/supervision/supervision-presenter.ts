/**
 * Shapes supervision responses: camelCase, Chinese labels, unit names, the live rating
 * (colour, reasons, days left) and the actions the viewer may take. Raw rows never leave.
 */
import {
  EVENT_LABELS,
  SATISFACTION_LABELS,
  SOURCE_LABELS,
  STATE_LABELS,
  type NoticeLevel,
  type Satisfaction,
  type SuggestionRates,
  type SuggestionStatsView,
  type SupervisionColour,
  type SupervisionEventView,
  type SupervisionItemDetailView,
  type SupervisionItemPageView,
  type SupervisionItemView,
  type SupervisionNoticeView,
  type SupervisionSource,
  type SupervisionState,
  type SupervisionUnitView,
  type UnitKind,
  type UnitSuggestionRates,
} from '@/shared/supervision-vocabulary.js';
import type { ItemEventRow, ItemState, UnitNames } from './supervision-service.js';

// The views are defined once in the shared vocabulary, which the web UI imports too.
export type { SuggestionStatsView, SupervisionEventView, SupervisionItemDetailView, SupervisionItemPageView, SupervisionItemView, SupervisionNoticeView, SupervisionUnitView };

// Unit kinds and states are check constraints of the tables, so the casts below are safe.
function unit(names: UnitNames, kind: string, code: string): SupervisionUnitView {
  return { kind: kind as UnitKind, code, name: (kind === 'department' ? names.department.get(code) : names.region.get(code)) ?? code };
}

/** A supervision item as shown. */
export function presentItem(state: ItemState, names: UnitNames): SupervisionItemView {
  const r = state.row;
  return {
    id: r.id,
    code: r.code,
    sourceType: r.source_type as SupervisionSource,
    sourceLabel: SOURCE_LABELS[r.source_type as SupervisionSource] ?? r.source_type,
    sourceId: r.source_id,
    title: r.title,
    description: r.description,
    regionCode: r.region_code,
    regionName: names.region.get(r.region_code) ?? names.region.get(r.region_code.slice(0, 9)) ?? r.region_code,
    leadUnit: unit(names, r.lead_kind, r.lead_code),
    assistingUnits: r.assisting_units.map((u) => unit(names, u.kind, u.code)),
    deadline: r.deadline,
    daysLeft: state.rating.daysLeft,
    feedbackIntervalDays: r.feedback_interval_days,
    lastFeedbackAt: r.last_feedback_at?.toISOString() ?? null,
    progress: r.progress,
    state: r.state as SupervisionState,
    stateLabel: STATE_LABELS[r.state as SupervisionState] ?? r.state,
    colour: state.rating.colour,
    colourReasons: state.rating.reasons,
    timeProgress: state.rating.timeProgress === null ? null : Math.round(state.rating.timeProgress),
    noticeLevel: r.notice_level as NoticeLevel | null,
    overdue: r.overdue_at !== null,
    overdueAt: r.overdue_at?.toISOString() ?? null,
    assignedAt: r.assigned_at?.toISOString() ?? null,
    completedAt: r.completed_at?.toISOString() ?? null,
    completedOnTime: r.completed_on_time,
    rejectCount: r.reject_count,
    deputy:
      r.source_type === 'deputy_suggestion'
        ? {
            name: r.deputy_name,
            hasAccount: r.deputy_user_id !== null,
            metOn: r.met_on,
            repliedOn: r.replied_on,
            satisfaction: r.satisfaction as Satisfaction | null,
            satisfactionLabel: r.satisfaction ? SATISFACTION_LABELS[r.satisfaction as Satisfaction] : null,
          }
        : null,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    relations: state.relations,
    actions: state.actions,
  };
}

/** A timeline entry as shown. */
export function presentEvent(e: ItemEventRow): SupervisionEventView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor_label,
    action: e.action,
    actionLabel: EVENT_LABELS[e.action] ?? e.action,
    fromState: e.from_state as SupervisionState | null,
    toState: e.to_state as SupervisionState | null,
    note: e.note,
    progress: e.progress,
    data: e.data,
  };
}

/** What a notice is presented from. */
type NoticeRow = { id: number; colour: string; reason: string; issued_at: Date; lead_kind: string; lead_code: string };

/** A three-colour notice as shown. */
export function presentNotice(n: NoticeRow, names: UnitNames): SupervisionNoticeView {
  return { id: n.id, colour: n.colour as NoticeLevel, reason: n.reason, issuedAt: n.issued_at.toISOString(), unit: unit(names, n.lead_kind, n.lead_code) };
}

/** The board's list answer: the page of items and the counters by state and colour. */
export function presentItemPage(page: {
  items: ItemState[];
  total: number;
  counts: { state: string; colour: string; overdue: boolean; n: number }[];
  names: UnitNames;
}): SupervisionItemPageView {
  return {
    items: page.items.map((i) => presentItem(i, page.names)),
    total: page.total,
    counts: page.counts.map((c) => ({ state: c.state as SupervisionState, colour: c.colour as SupervisionColour, overdue: c.overdue, n: c.n })),
  };
}

/** One item with its timeline and notices. */
export function presentItemDetail(detail: { item: ItemState; events: ItemEventRow[]; notices: NoticeRow[]; names: UnitNames }): SupervisionItemDetailView {
  return {
    item: presentItem(detail.item, detail.names),
    events: detail.events.map(presentEvent),
    notices: detail.notices.map((n) => presentNotice(n, detail.names)),
  };
}

/** Deputies' suggestions with the three rates. */
export function presentSuggestionStats(stats: { overall: SuggestionRates; units: UnitSuggestionRates[]; items: ItemState[]; names: UnitNames }): SuggestionStatsView {
  return { overall: stats.overall, units: stats.units, items: stats.items.map((i) => presentItem(i, stats.names)) };
}
