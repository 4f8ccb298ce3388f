/**
 * Shapes cases for the API: clocks read at `now`, names for codes, the actions open to the
 * viewer, and reporters' personal data masked for roles that do not need it.
 */
import type { Actor } from '@/shared/actor.js';
import type {
  CaseAction,
  CaseChannel,
  CaseNature,
  CaseState,
  CaseUrgency,
  Satisfaction,
  SlaColour,
  SlaStage,
} from '@/shared/case-vocabulary.js';
import { SLA_STAGES } from '@/shared/case-vocabulary.js';
import { maskName, maskPhone } from '@/shared/privacy.js';
import type { RegionLevel } from '@/shared/region-levels.js';
import type { StoredPendingRequest } from '@/db/schema.js';
import { readClock, type ClockView } from './case-clocks.js';
import { currentStage } from './case-lifecycle.js';
import { allowedActions } from './case-workflow.js';
import type { CaseEventRow, CaseRow } from './cases-repository.js';
import type { DistrictCaseContext } from './cases-service.js';

/** Roles that see reporters' names and phone numbers (to call back and verify). */
const CONTACT_ROLES = new Set(['admin', 'town_admin', 'operator']);

/** Whether a viewer sees reporters' contact details unmasked. */
export function seesReporter(actor: Actor): boolean {
  return CONTACT_ROLES.has(actor.role);
}

/** A case in lists. */
export interface CaseSummaryView {
  id: number;
  channel: CaseChannel;
  nature: CaseNature | null;
  categoryCode: string | null;
  categoryName: string | null;
  urgency: CaseUrgency;
  description: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  townCode: string | null;
  townName: string | null;
  regionCode: string | null;
  regionName: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  status: CaseState;
  receivedAt: string;
  sla: { stage: SlaStage | null; colour: SlaColour | null; deadline: string | null; remainingMinutes: number | null; paused: boolean };
  pendingRequest: StoredPendingRequest | null;
  duplicateOf: number | null;
  version: number;
}

/** A case in full. */
export interface CaseView extends CaseSummaryView {
  districtCode: string;
  reporterName: string | null;
  reporterPhone: string | null;
  externalId: string | null;
  occurredAt: string | null;
  regionChain: { code: string; name: string; level: RegionLevel }[];
  registeredAt: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  handledAt: string | null;
  checkedAt: string | null;
  closedAt: string | null;
  visitedAt: string | null;
  overdueAt: string | null;
  clocks: ClockView[];
  counts: { returns: number; reassigns: number; extensions: number; reworks: number; reopens: number; parks: number };
  satisfaction: Satisfaction | null;
  mergedInto: number | null;
  duplicateCandidates: { id: number; description: string; receivedAt: string; distanceMeters: number; status: string }[];
  attachments: { id: string; name: string; mime: string; size: number }[];
  timeline: { seq: number; at: string; actorLabel: string; action: string; fromStatus: string | null; toStatus: string | null; note: string | null; data: Record<string, unknown> | null }[];
  allowedActions: CaseAction[];
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function slaOf(row: CaseRow, context: DistrictCaseContext, now: Date): CaseSummaryView['sla'] {
  const stage = currentStage({ status: row.status as CaseState, clocks: row.clocks });
  const clock = stage ? row.clocks[stage] : undefined;
  if (!stage || !clock) return { stage: null, colour: null, deadline: null, remainingMinutes: null, paused: false };
  const view = readClock(stage, clock, now, context.cal, row.pauses);
  return { stage, colour: view.colour, deadline: view.deadline, remainingMinutes: view.remainingMinutes, paused: view.paused };
}

/** A case for lists. */
export function presentSummary(
  row: CaseRow,
  options: { actor: Actor; context: DistrictCaseContext; now: Date; regions: Map<string, { name: string }> },
): CaseSummaryView {
  const { context, regions } = options;
  const category = row.category_code ? context.catalogue.byCode.get(row.category_code) : undefined;
  return {
    id: row.id,
    channel: row.channel as CaseChannel,
    nature: row.nature as CaseNature | null,
    categoryCode: row.category_code,
    categoryName: category?.name ?? null,
    urgency: row.urgency as CaseUrgency,
    description: row.description,
    address: row.address,
    lon: row.lon,
    lat: row.lat,
    townCode: row.town_code,
    townName: row.town_code ? (regions.get(row.town_code)?.name ?? null) : null,
    regionCode: row.region_code,
    regionName: row.region_code ? (regions.get(row.region_code)?.name ?? null) : null,
    departmentCode: row.department_code,
    departmentName: row.department_code ? (context.departments.get(row.department_code) ?? null) : null,
    status: row.status as CaseState,
    receivedAt: new Date(row.received_at).toISOString(),
    sla: slaOf(row, context, options.now),
    pendingRequest: row.pending_request,
    duplicateOf: row.duplicate_of,
    version: row.version,
  };
}

/** Metres between two WGS-84 points (haversine; ample for "how near is a duplicate"). */
function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

/** A case in full. */
export function presentCase(
  row: CaseRow,
  options: {
    actor: Actor;
    context: DistrictCaseContext;
    now: Date;
    events: CaseEventRow[];
    attachments: { id: string; name: string; mime: string; size: number }[];
    regions: Map<string, { name: string; level: RegionLevel }>;
    duplicates: { id: number; description: string; received_at: Date | string; lon: number | null; lat: number | null; status: string }[];
  },
): CaseView {
  const { actor, context, now } = options;
  const summary = presentSummary(row, { actor, context, now, regions: options.regions });
  const contact = seesReporter(actor) || (row.created_by !== null && row.created_by === actor.userId);
  const clocks = SLA_STAGES.flatMap((stage) => {
    const clock = row.clocks[stage];
    return clock ? [readClock(stage, clock, now, context.cal, row.pauses)] : [];
  });
  const chain = row.region_path
    .split('/')
    .filter(Boolean)
    .map((code) => {
      const r = options.regions.get(code);
      return { code, name: r?.name ?? code, level: r?.level ?? ('district' as RegionLevel) };
    });
  // Added to the summary rather than spread after it: on Node 20's V8 every property added
  // after a spread takes a slow path, which made this literal cost ~50 µs (Object.assign
  // onto the fresh summary keeps the same keys in the same order for a fraction of it).
  return Object.assign(summary, {
    districtCode: row.district_code,
    reporterName: contact ? row.reporter_name : maskName(row.reporter_name),
    reporterPhone: contact ? row.reporter_phone : maskPhone(row.reporter_phone),
    externalId: row.external_id,
    occurredAt: iso(row.occurred_at),
    regionChain: chain,
    registeredAt: iso(row.registered_at),
    dispatchedAt: iso(row.dispatched_at),
    acceptedAt: iso(row.accepted_at),
    handledAt: iso(row.handled_at),
    checkedAt: iso(row.checked_at),
    closedAt: iso(row.closed_at),
    visitedAt: iso(row.visited_at),
    overdueAt: iso(row.overdue_at),
    clocks,
    counts: {
      returns: row.return_count,
      reassigns: row.reassign_count,
      extensions: row.extension_count,
      reworks: row.rework_count,
      reopens: row.reopen_count,
      parks: row.park_count,
    },
    satisfaction: row.satisfaction as Satisfaction | null,
    mergedInto: row.merged_into,
    duplicateCandidates: options.duplicates.map((d) => ({
      id: d.id,
      description: d.description,
      receivedAt: new Date(d.received_at).toISOString(),
      distanceMeters: row.lon !== null && row.lat !== null && d.lon !== null && d.lat !== null ? Math.round(metresBetween(row.lon, row.lat, d.lon, d.lat)) : 0,
      status: d.status,
    })),
    attachments: options.attachments,
    timeline: [
      // The report itself is the case row; the timeline starts with it.
      { seq: 0, at: new Date(row.received_at).toISOString(), actorLabel: row.channel, action: 'report', fromStatus: null, toStatus: 'reported', note: null, data: null },
      ...options.events.map((e) => ({
        seq: e.seq,
        at: new Date(e.at).toISOString(),
        actorLabel: e.actor_label,
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
        data: e.data,
      })),
    ],
    allowedActions: allowedActions(
      { status: row.status as CaseState, departmentCode: row.department_code, assigneeId: row.assignee_id, pendingRequest: row.pending_request },
      actor,
    ),
  });
}
