/**
 * Shapes supervision responses: camelCase, Chinese labels, unit names, the live rating
 * (colour, reasons, days left) and the actions the viewer may take. Raw rows never leave.
 */
import {
  EVENT_LABELS,
  SATISFACTION_LABELS,
  SOURCE_LABELS,
  STATE_LABELS,
  type Satisfaction,
  type SupervisionSource,
  type SupervisionState,
} from '@/shared/supervision-vocabulary.js';
import type { ItemEventRow, ItemState, UnitNames } from './supervision-service.js';

/** A unit as shown. */
export interface UnitView {
  kind: string;
  code: string;
  name: string;
}

function unit(names: UnitNames, kind: string, code: string): UnitView {
  return { kind, code, name: (kind === 'department' ? names.department.get(code) : names.region.get(code)) ?? code };
}

/** A supervision item as shown. */
export function presentItem(state: ItemState, names: UnitNames) {
  const r = state.row;
  return {
    id: r.id,
    code: r.code,
    sourceType: r.source_type,
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
    state: r.state,
    stateLabel: STATE_LABELS[r.state as SupervisionState] ?? r.state,
    colour: state.rating.colour,
    colourReasons: state.rating.reasons,
    timeProgress: state.rating.timeProgress === null ? null : Math.round(state.rating.timeProgress),
    noticeLevel: r.notice_level,
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
            satisfaction: r.satisfaction,
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
export function presentEvent(e: ItemEventRow) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor_label,
    action: e.action,
    actionLabel: EVENT_LABELS[e.action] ?? e.action,
    fromState: e.from_state,
    toState: e.to_state,
    note: e.note,
    progress: e.progress,
    data: e.data,
  };
}

/** A three-colour notice as shown. */
export function presentNotice(n: { id: number; colour: string; reason: string; issued_at: Date; lead_kind: string; lead_code: string }, names: UnitNames) {
  return { id: n.id, colour: n.colour, reason: n.reason, issuedAt: n.issued_at.toISOString(), unit: unit(names, n.lead_kind, n.lead_code) };
}
