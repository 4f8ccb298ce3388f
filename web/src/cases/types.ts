/**
 * The shapes of the cases API (事件闭环) as docs/cases-api.md states them. The vocabulary is
 * the server's own module, so labels and codes cannot drift apart.
 */
import type { RegionLevel } from '../api/types';
import type {
  CaseAction,
  CaseChannel,
  CaseNature,
  CaseState,
  CaseUrgency,
  CategoryKind,
  Satisfaction,
  SlaColour,
  SlaStage,
} from '../../../src/shared/case-vocabulary';

export type {
  CaseAction,
  CaseChannel,
  CaseNature,
  CaseState,
  CaseUrgency,
  CategoryKind,
  Satisfaction,
  SlaColour,
  SlaStage,
} from '../../../src/shared/case-vocabulary';

/** 紧急工作时 / 工作时 / 工作日 / 自然日. */
export type LimitKind = 'emergency_hours' | 'working_hours' | 'working_days' | 'natural_days';

/** A time limit: an amount of a kind. */
export interface Limit {
  kind: LimitKind;
  amount: number;
}

/** The limits of the four clocks of one urgency. */
export type StageLimits = Record<SlaStage, Limit>;

/** One class of the catalogue: a major (4-character code) or a minor (6 characters). */
export interface Category {
  code: string;
  kind: CategoryKind;
  majorCode: string;
  minorCode: string | null;
  name: string;
  parentCode: string | null;
  registerCondition: string | null;
  closeCondition: string | null;
  departmentCode: string | null;
  townDepartments: Record<string, string>;
  /** Minor classes only; a major class has none. */
  limits: Record<CaseUrgency, StageLimits> | null;
  active: boolean;
  version: number;
}

/** The whole-case limit of 12345 requests of one nature. */
export interface Nature {
  code: CaseNature;
  name: string;
  limit: Limit;
  /** Not in the contract's `Nature`, but `PUT /api/case-natures/:code` asks for it. */
  version?: number;
}

/** `GET /api/case-categories`. */
export interface Catalogue {
  categories: Category[];
  natures: Nature[];
}

/** An uploaded file. */
export interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/** A case's id: the server sends a number; an id read from the address is a string. */
export type CaseId = number | string;

/** The clock a list shows: the stage that is running (none before registration and after closing). */
export interface SummarySla {
  stage: SlaStage | null;
  colour: SlaColour | null;
  deadline: string | null;
  remainingMinutes: number | null;
  /** Not in the contract; sent by the server. */
  paused?: boolean;
  /** Not in the contract; read when the server sends it (remainingMinutes is in its measure). */
  kind?: LimitKind;
}

/** A request waiting for approval (延期 / 挂账). The contract names it but not its shape. */
export interface PendingRequest {
  type: 'extension' | 'park' | string;
  /** Working days asked for (an extension). */
  amount?: number | null;
  reason?: string | null;
  requestedBy?: string;
  requestedAt?: string;
}

/** A case as lists show it. */
export interface CaseSummary {
  id: CaseId;
  /** Not in the contract (the search covers a "number"); shown instead of `id` when sent. */
  number?: string;
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
  sla: SummarySla | null;
  pendingRequest: PendingRequest | null;
  duplicateOf: CaseId | null;
  version: number;
}

/** One running or finished clock of a case. */
export interface CaseClock {
  stage: SlaStage;
  kind: LimitKind;
  amount: number;
  start: string | null;
  deadline: string | null;
  end: string | null;
  usedMinutes: number;
  allowedMinutes: number;
  remainingMinutes: number;
  fraction: number;
  overdue: boolean;
  colour: SlaColour;
  paused: boolean;
}

/** How often each side path was taken. */
export interface CaseCounts {
  returns: number;
  reassigns: number;
  extensions: number;
  reworks: number;
  reopens: number;
  parks: number;
}

/** A possible duplicate of a case. */
export interface DuplicateCandidate {
  id: CaseId;
  description: string;
  receivedAt: string;
  distanceMeters: number | null;
  /** Not in the contract; sent by the server. */
  status?: CaseState;
}

/** One step of a case's history. */
export interface TimelineEntry {
  seq: number;
  at: string;
  actorLabel: string;
  /** A workflow action, or an event such as the intake itself. */
  action: CaseAction | string;
  fromStatus: CaseState | null;
  toStatus: CaseState | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

/** One link of the region chain of a case. */
export interface CaseRegionLink {
  code: string;
  name: string;
  level: RegionLevel;
}

/** A case with everything the case page shows. */
export interface CaseDetail extends CaseSummary {
  districtCode: string;
  reporterName: string | null;
  reporterPhone: string | null;
  externalId: string | null;
  occurredAt: string | null;
  regionChain: CaseRegionLink[];
  registeredAt: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  handledAt: string | null;
  checkedAt: string | null;
  closedAt: string | null;
  visitedAt: string | null;
  clocks: CaseClock[];
  counts: CaseCounts;
  satisfaction: Satisfaction | null;
  mergedInto: CaseId | null;
  duplicateCandidates: DuplicateCandidate[];
  attachments: Attachment[];
  timeline: TimelineEntry[];
  allowedActions: CaseAction[];
}

/** The queues of `GET /api/cases?queue=`. */
export type CaseQueue =
  | 'intake'
  | 'verify'
  | 'dispatch'
  | 'approvals'
  | 'inbox'
  | 'check'
  | 'callback'
  | 'unrouted'
  | 'mine'
  | 'all';

/** The sort orders of the list. */
export type CaseSort = 'received_desc' | 'received_asc' | 'deadline_asc';

/** The query of `GET /api/cases`. */
export interface CaseQuery {
  queue?: CaseQueue;
  status?: CaseState[];
  town?: string;
  region?: string;
  department?: string;
  category?: string;
  channel?: CaseChannel;
  sla?: 'yellow' | 'red';
  /** Past the whole case's deadline (the cockpit's 超期 figures link with it). */
  overdue?: 'true';
  q?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
  sort?: CaseSort;
}

/** A page of `GET /api/cases`. */
export interface CasePage {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** Body of `POST /api/cases`. */
export interface CaseIntake {
  channel: CaseChannel;
  description: string;
  nature?: CaseNature;
  categoryCode?: string;
  urgency?: CaseUrgency;
  lon?: number;
  lat?: number;
  address?: string;
  townCode?: string;
  reporterName?: string;
  reporterPhone?: string;
  externalId?: string;
  occurredAt?: string;
  attachmentIds?: string[];
}

/** The parameters an action may carry besides its name and the version read. */
export interface ActionParams {
  note?: string;
  departmentCode?: string;
  amount?: number;
  mergeInto?: CaseId;
  satisfaction?: Satisfaction;
  categoryCode?: string;
  urgency?: CaseUrgency;
  attachmentIds?: string[];
  /** 立案 of an unrouted case: the town it belongs to. */
  townCode?: string;
}

/** One case's outcome in a bulk action. */
export interface BulkResult {
  id: CaseId;
  ok: boolean;
  code?: string;
  message?: string;
}

/** The figures of one group (or the totals) of the metrics. */
import type { CaseMetrics } from '../../../src/shared/case-metrics-view';

export type { CaseMetrics };

/** How the metrics are cut. */
export type MetricsGroupBy = 'region' | 'department' | 'category' | 'channel' | 'month';

/** `GET /api/cases/metrics`. */
export interface MetricsResponse {
  region: string | { code: string; name: string };
  from: string;
  to: string;
  totals: CaseMetrics;
  groups: { key: string; label: string; metrics: CaseMetrics }[];
}
