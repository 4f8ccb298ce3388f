/**
 * The cockpit's endpoints and the shapes they answer.
 */
import { apiGet, apiPost } from '../api/client';
import type { RegionFeatureCollection, RegionLevel } from '../api/types';
import { fetchRegionGeoJson } from '../regions/api';
import { probablySignedIn } from '../auth/session-probe';
import type { CaseMetrics } from '../../../src/shared/case-metrics-view';
import {
  COCKPIT_METRICS,
  type Cockpit,
  type CockpitChild,
  type CockpitIndicator,
  type CockpitMetric,
  type CockpitRegion,
  type CockpitTrendPoint,
  type PublicReportView,
} from '../../../src/shared/cockpit-vocabulary';

export type { Cockpit, CockpitChild, CockpitIndicator, CockpitRegion };

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

/** The shapes of the regions of one level under a region. */
export interface ChildShapes {
  code: string;
  collection: RegionFeatureCollection;
}

/** Polygons rarely change: one request per region and level for the page's life (a drill back up reuses it). */
const shapes = new Map<string, Promise<ChildShapes>>();
/** The shapes that have arrived, for a map that can then draw in the same render as its figures. */
const arrived = new Map<string, ChildShapes>();

/** The shapes of the regions of `level` under `code` (shared, cached). */
export function fetchChildShapes(code: string, level: RegionLevel): Promise<ChildShapes> {
  const key = `${code}/${level}`;
  let pending = shapes.get(key);
  if (!pending) {
    pending = fetchRegionGeoJson(code, level).then((collection) => {
      const loaded = { code, collection };
      arrived.set(key, loaded);
      return loaded;
    });
    pending.catch(() => shapes.delete(key));
    shapes.set(key, pending);
  }
  return pending;
}

/** The shapes of `level` under `code` when they have arrived already, else undefined. */
export function arrivedChildShapes(code: string, level: RegionLevel): ChildShapes | undefined {
  return arrived.get(`${code}/${level}`);
}

/**
 * The level a region's map most likely shows, from its code alone (§1 code lengths): a town's
 * communities (its areas only when it has no community of its own, which the answer corrects),
 * an area's communities, a community's grids, a grid's micro-grids.
 */
export function likelyChildLevel(code: string): RegionLevel | null {
  switch (code.length) {
    case 6:
      return 'town';
    case 9:
      return 'community';
    case 12:
      return Number(code.slice(9, 12)) >= 901 ? 'community' : 'grid';
    case 15:
      return 'microgrid';
    default:
      return null;
  }
}

/**
 * The cockpit of a region (the user's own without a code). The map's shapes do not depend on
 * the figures: their request starts now, beside the cockpit's, instead of after it.
 */
export async function fetchCockpit(region: string | undefined, metric: CockpitMetric, signal?: AbortSignal): Promise<Cockpit> {
  const key = `${region ?? ''}|${metric}`;
  const early = started.get(key);
  started.delete(key);
  if (early && Date.now() - early.at < EARLY_MS) return early.pending;
  const level = region ? likelyChildLevel(region) : null;
  if (region && level) fetchChildShapes(region, level).catch(() => undefined);
  const pending = apiGet<{ cockpit: Cockpit }>('/api/cockpit', { query: { region, metric }, signal }).then((body) => body.cockpit);
  figuresPending = pending.catch(() => undefined);
  return pending;
}

/** How long a cockpit read started by a click waits for the view that asks for it. */
const EARLY_MS = 3_000;
/** Cockpit reads started by a click, by region and metric, until the opened view takes them (`value` once answered). */
const started = new Map<string, { at: number; pending: Promise<Cockpit>; value?: Cockpit }>();

/**
 * The answer of a read started early for this region and metric when it has come already
 * (a page opened on a cockpit's address usually has its figures before its view first
 * renders), else undefined.
 */
export function arrivedCockpit(region: string | undefined, metric: CockpitMetric): Cockpit | undefined {
  const early = started.get(`${region ?? ''}|${metric}`);
  return early && Date.now() - early.at < EARLY_MS ? early.value : undefined;
}

/**
 * Starts the read of a region's cockpit (and its map's shapes) at the click that opens it:
 * the view asks for it only after rendering the route change and painting (an effect), a
 * step that costs a render of the whole old screen. The view's {@link fetchCockpit} then takes
 * this read instead of sending its own.
 */
export function prefetchCockpit(region: string | undefined, metric: CockpitMetric): void {
  const key = `${region ?? ''}|${metric}`;
  const now = Date.now();
  for (const [k, v] of started) if (k === key || now - v.at >= EARLY_MS) started.delete(k);
  const pending = fetchCockpit(region, metric);
  const entry: { at: number; pending: Promise<Cockpit>; value?: Cockpit } = { at: now, pending };
  pending.then(
    (value) => {
      entry.value = value;
    },
    // A read that failed before its view asked (the entry's, before a login) is not handed on.
    () => {
      if (started.get(key) === entry) started.delete(key);
    },
  );
  started.set(key, entry);
}

/** The cockpit read last started: lists of the same screen wait for it (see {@link fetchOverdue}). */
let figuresPending: Promise<unknown> = Promise.resolve();

/** Resolves after the next paint (or 100 ms when the page is hidden and paints nothing). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/**
 * The most overdue open cases of a region. Sent once the screen's figures have arrived and
 * been painted: with a million open cases its total is the dearest read of the screen (it
 * counts every overdue open case of the region), and the key figures and the map come first.
 */
export async function fetchOverdue(region: string | undefined, limit: number, signal?: AbortSignal): Promise<{ total: number; totalCapped: boolean; items: OverdueCase[] }> {
  await figuresPending;
  await afterPaint();
  if (signal?.aborted) throw new DOMException('superseded', 'AbortError');
  return apiGet('/api/cockpit/overdue', { query: { region, limit }, signal });
}

/** `GET /api/public/portal/statistics`. */
export interface PublicStatistics {
  district: CockpitRegion;
  year: number;
  month: string;
  totals: CaseMetrics;
  towns: { code: string; name: string; metrics: CaseMetrics | null }[];
  trend: CockpitTrendPoint[];
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

/** The addresses served by the cockpit's code: its pages, the wall and the public portal (not the public promises). */
export function isCockpitAddress(pathname: string): boolean {
  return /^\/(?:dashboard|screen)(?:\/|$)/.test(pathname) || (/^\/public(?:\/|$)/.test(pathname) && !pathname.startsWith('/public/promises'));
}

/**
 * A page opened on a cockpit's address starts its read before the app has rendered once (the
 * entry calls this first thing; the metric as the page reads it from `?metric=`, by default
 * the server's).
 */
export function prefetchOpenedCockpit(): void {
  if (typeof window === 'undefined') return;
  const match = /^\/(?:dashboard|screen)(?:\/([0-9]{6,17}))?\/?$/.exec(window.location.pathname);
  // Both addresses need a session: a browser that was signed out last time waits for the login.
  if (!match || !probablySignedIn()) return;
  const asked = new URLSearchParams(window.location.search).get('metric');
  const metric = (COCKPIT_METRICS as readonly string[]).includes(asked ?? '') ? (asked as CockpitMetric) : 'on_time_closure_rate';
  prefetchCockpit(match[1], metric);
}
