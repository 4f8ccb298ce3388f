/**
 * The cockpit's endpoints and the shapes they answer.
 */
import { apiGet, apiPost } from '../api/client';
import type { RegionLevel } from '../api/types';
import type { CaseMetrics } from '../../../src/shared/case-metrics-view';
import type {
  CockpitChild,
  CockpitIndicator,
  CockpitMetric,
  CockpitRegion,
  PublicReportView,
} from '../../../src/shared/cockpit-vocabulary';

export type { CockpitChild, CockpitIndicator, CockpitRegion };

/** One month of the trend. */
export interface TrendPoint {
  month: string;
  received: number;
  closed: number;
  onTimeClosureRate: number | null;
  satisfactionRate: number | null;
}

/** `GET /api/cockpit`. */
export interface Cockpit {
  region: CockpitRegion;
  chain: CockpitRegion[];
  childLevel: RegionLevel | null;
  today: string;
  month: string;
  year: number;
  metric: CockpitMetric;
  cases: { receivedToday: number; month: CaseMetrics; year: CaseMetrics };
  indicators: { period: string | null; timeProgress: number | null; rows: CockpitIndicator[] } | null;
  children: CockpitChild[];
  redList: CockpitChild[];
  trend: TrendPoint[];
}

/** One overdue case of the red list. */
export interface OverdueCase {
  id: number;
  description: string;
  categoryName: string | null;
  townName: string | null;
  regionName: string | null;
  departmentName: string | null;
  receivedAt: string;
  sla: { deadline: string | null; remainingMinutes: number | null };
}

/** The cockpit of a region (the user's own without a code). */
export async function fetchCockpit(region: string | undefined, metric: CockpitMetric, signal?: AbortSignal): Promise<Cockpit> {
  return (await apiGet<{ cockpit: Cockpit }>('/api/cockpit', { query: { region, metric }, signal })).cockpit;
}

/** The most overdue open cases of a region. */
export function fetchOverdue(region: string | undefined, limit: number, signal?: AbortSignal): Promise<{ total: number; items: OverdueCase[] }> {
  return apiGet('/api/cockpit/overdue', { query: { region, limit }, signal });
}

/** `GET /api/public/portal/statistics`. */
export interface PublicStatistics {
  district: CockpitRegion;
  year: number;
  month: string;
  totals: CaseMetrics;
  towns: { code: string; name: string; metrics: CaseMetrics | null }[];
  trend: TrendPoint[];
}

/** The public case statistics. */
export async function fetchPublicStatistics(signal?: AbortSignal): Promise<PublicStatistics> {
  return (await apiGet<{ statistics: PublicStatistics }>('/api/public/portal/statistics', { signal, redirectOn401: false })).statistics;
}

/** The classes a citizen may report. */
export async function fetchPublicServices(signal?: AbortSignal): Promise<{ code: string; name: string; group: string }[]> {
  return (await apiGet<{ services: { code: string; name: string; group: string }[] }>('/api/public/portal/services', { signal, redirectOn401: false })).services;
}

/** A citizen's report. */
export interface PublicReportInput {
  serviceCode: string;
  description: string;
  address?: string | null;
  lon?: number | null;
  lat?: number | null;
  contactPhone?: string | null;
}

/** Sends a report; answers its number and the token to look it up with. */
export async function submitPublicReport(input: PublicReportInput): Promise<{ number: number; token: string }> {
  return (await apiPost<{ report: { number: number; token: string } }>('/api/public/portal/reports', input, { redirectOn401: false })).report;
}

/** A report's public status. */
export type PublicReport = PublicReportView;

/** The status of a report by its number or token. */
export async function fetchPublicReport(ref: string, signal?: AbortSignal): Promise<PublicReport> {
  return (await apiGet<{ report: PublicReport }>(`/api/public/portal/reports/${encodeURIComponent(ref)}`, { signal, redirectOn401: false })).report;
}

/** `GET /api/cockpit/programmes`: each part null when it does not apply or the role may not see it. */
export interface Programmes {
  region: CockpitRegion;
  projects: { count: number; lights: Record<'green' | 'yellow' | 'red' | 'none', number>; completion: number | null } | null;
  promises: { id: string; cycle: string; title: string; progress: number; statusLabel: string }[] | null;
  supervision: { open: number; overdue: number; items: { code: string; title: string; colour: string; deadline: string; overdue: boolean }[] } | null;
}

/** Key projects, livelihood promises and supervision items of a region. */
export function fetchProgrammes(region: string | undefined, signal?: AbortSignal): Promise<Programmes> {
  return apiGet('/api/cockpit/programmes', { query: { region }, signal });
}
