/**
 * The cockpit (驾驶舱): views over the cases, indicators and regions services. It adds no
 * source of truth; every figure comes from the owning domain's service, in the actor's scope
 * (a region outside it answers NOT_FOUND, as those services do).
 */
import type { Db } from '@/db/database.js';
import { countReceivedCases, getCaseMetrics, getCaseOverview } from '@/domains/cases/case-metrics-service.js';
import { listPublicCases } from '@/domains/cases/case-public-service.js';
import { intakeCase, listCases, type CaseContextCache } from '@/domains/cases/cases-service.js';
import { getStatus } from '@/domains/indicators/indicators-service.js';
import { listPublicPromises } from '@/domains/livelihood/livelihood-service.js';
import { listProjects } from '@/domains/projects/projects-service.js';
import { listItems } from '@/domains/supervision/supervision-service.js';
import { findServiceRequestByToken, getServiceRequest, listServices, resolveJurisdiction } from '@/domains/open311/open311-service.js';
import { describeRegions, districtOfActor, regionsUnder, resolveRegion, type RegionRef } from '@/domains/regions/regions-service.js';
import type { Actor } from '@/shared/actor.js';
import type { CaseMetrics } from '@/shared/case-metrics-view.js';
import { CASE_STATES, FINAL_STATES } from '@/shared/case-vocabulary.js';
import type { Cockpit, CockpitChild, CockpitIndicator, CockpitMetric, CockpitRegion } from '@/shared/cockpit-vocabulary.js';
import { AppError, isAppError } from '@/shared/errors.js';
import { SUPERVISION_STATES } from '@/shared/supervision-vocabulary.js';
export type { Cockpit, CockpitChild, CockpitIndicator, CockpitRegion };
import { latestChangeSeqs } from './cockpit-repository.js';
import { chinaCalendar, colourOf, meanCompletion, metricValue, monthsBack, redList } from './cockpit-metrics.js';

/** What the cockpit's reads need. */
export interface CockpitDeps {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  now?: Date;
}

function depthOf(path: string): number {
  return path.split('/').filter(Boolean).length;
}

/** The region a cockpit opens on by default: the actor's own (the district for the CLI). */
async function regionOf(deps: CockpitDeps, code: string | undefined): Promise<RegionRef> {
  const { db, actor } = deps;
  const chosen = code ?? (actor.regionPath === '/' ? await districtOfActor({ db, actor }) : actor.regionCode);
  return resolveRegion({ db, actor, code: chosen, field: 'region' });
}

/** The region of a cockpit in the actor's scope (NOT_FOUND outside it), for the live feed. */
export async function resolveCockpitRegion(deps: CockpitDeps & { region?: string }): Promise<CockpitRegion & { districtCode: string }> {
  const region = await regionOf(deps, deps.region);
  return { code: region.code, name: region.name, level: region.level, districtCode: region.districtCode };
}

/** The indicator status of a district or town (other levels have no indicators). */
async function indicatorsOf(deps: CockpitDeps, region: RegionRef): Promise<Cockpit['indicators']> {
  if (region.level !== 'district' && region.level !== 'town') return null;
  const status = await getStatus({ db: deps.db, actor: deps.actor, regionCode: region.code });
  return {
    period: status.period,
    timeProgress: status.timeProgress,
    rows: status.rows.map((r) => ({
      code: r.indicator.code,
      name: r.indicator.name,
      actualText: r.actual?.cumulativeText ?? null,
      targetText: r.target?.levelText ?? null,
      completion: r.completion,
      colour: r.colour,
    })),
  };
}

/** How long an answer is reused while its district's audit head stays where it was. */
const ANSWER_TTL_MS = 5_000;
/** At most this many answers are kept per database (expired ones go first). */
const ANSWER_LIMIT = 500;
/** Recent answers per database, by who asks, region, metric, day and the district's audit head. */
const answers = new WeakMap<Db, Map<string, { until: number; answer: Promise<Cockpit> }>>();

/**
 * The cockpit of a region (by default the actor's own), its map coloured by `metric`.
 *
 * An answer is reused for a few seconds while the district's audit head has not moved: every
 * change of a case, indicator or region writes an audit row in its own transaction, so a
 * moved head means new figures at once (the live feed's promise holds), and repeated opens of
 * the same screen (a wall, several viewers, a drill back up) cost one indexed read. Reads at
 * a given `now` (tests, the CLI) are never shared.
 */
export async function getCockpit(deps: CockpitDeps & { region?: string; metric: CockpitMetric }): Promise<Cockpit> {
  const { db, actor, metric } = deps;
  const region = await regionOf(deps, deps.region);
  // Read before the figures, so a change between the two is in both or reported by the live feed.
  const seq = (await latestChangeSeqs(db, [region.districtCode])).get(region.districtCode) ?? 0;
  if (deps.now) return computeCockpit(deps, region, seq);
  const { day } = chinaCalendar(new Date());
  const key = JSON.stringify([actor.userId, actor.label, actor.role, actor.regionPath, actor.departmentCode, region.code, metric, day, seq]);
  let recent = answers.get(db);
  if (!recent) answers.set(db, (recent = new Map()));
  const at = Date.now();
  const hit = recent.get(key);
  if (hit && hit.until > at) return hit.answer;
  if (recent.size >= ANSWER_LIMIT) {
    for (const [k, v] of recent) if (v.until <= at || recent.size >= ANSWER_LIMIT) recent.delete(k);
  }
  const answer = computeCockpit(deps, region, seq);
  const entry = { until: at + ANSWER_TTL_MS, answer };
  recent.set(key, entry);
  answer.catch(() => {
    if (recent.get(key) === entry) recent.delete(key);
  });
  return answer;
}

/** Reads every figure of a region's cockpit (`seq`: the district's audit head read just before). */
async function computeCockpit(deps: CockpitDeps & { metric: CockpitMetric }, region: RegionRef, seq: number): Promise<Cockpit> {
  const { db, cache, actor, metric } = deps;
  const now = deps.now ?? new Date();
  const { year, month, day } = chinaCalendar(now);
  const yearStart = `${year}-01`;
  // The month, the year by child region and the 12-month trend come from one roll-up read.
  const [overview, receivedToday, indicators, summaries] = await Promise.all([
    getCaseOverview({ db, cache, actor, region: region.code, month, yearFrom: yearStart, trendFrom: monthsBack(month, 12) }),
    countReceivedCases({ db, actor, region: region.code, from: day, to: day }),
    indicatorsOf(deps, region),
    regionsUnder({ cache: cache.locator, pathPrefix: region.path }),
  ]);

  // The breadcrumb stops at the top of the actor's scope: above it nothing can be opened.
  const scopeDepth = actor.regionPath === '/' ? 1 : depthOf(actor.regionPath);
  const chainCodes = region.path.split('/').filter(Boolean).slice(scopeDepth - 1, -1);
  const described = await describeRegions({ cache: cache.locator, codes: chainCodes });
  const chain = chainCodes.flatMap((code) => {
    const r = described.get(code);
    return r ? [{ code, name: r.name, level: r.level }] : [];
  });

  const childDepth = depthOf(region.path) + 1;
  const childRegions = summaries.filter((s) => depthOf(s.path) === childDepth).sort((a, b) => a.code.localeCompare(b.code));
  const childLevel = childRegions[0]?.level ?? null;
  const byChild = new Map(overview.yearByChild.map((g) => [g.key, g.metrics]));
  const completions = new Map<string, number | null>();
  if (metric === 'indicator_completion' && childLevel === 'town') {
    // One status read per town; only when this metric is asked for.
    const results = await Promise.all(childRegions.map(async (c) => [c.code, await indicatorsOf(deps, { ...region, code: c.code, level: 'town', path: c.path, name: c.name })] as const));
    for (const [code, status] of results) completions.set(code, meanCompletion(status?.rows.map((r) => r.completion) ?? []));
  }
  const timeProgress = indicators?.timeProgress ?? 1;
  const children: CockpitChild[] = childRegions.map((c) => {
    const m = byChild.get(c.code) ?? null;
    const indicatorCompletion = completions.get(c.code) ?? null;
    const value = metricValue(metric, m, indicatorCompletion);
    return {
      code: c.code,
      name: c.name,
      level: c.level,
      value,
      colour: colourOf(metric, value, timeProgress),
      received: m?.received ?? 0,
      open: m?.open ?? 0,
      overdueOpen: m?.overdueOpen ?? 0,
      onTimeClosureRate: m?.onTimeClosureRate ?? null,
      indicatorCompletion,
    };
  });

  return {
    region: { code: region.code, name: region.name, level: region.level },
    chain,
    childLevel,
    today: day,
    month,
    year,
    metric,
    cases: { receivedToday, month: overview.monthTotals, year: overview.yearTotals },
    indicators,
    children,
    redList: redList(metric, children),
    trend: trendOf(new Map(overview.trend.map((t) => [t.month, t.metrics])), month),
    seq,
  };
}

/** Twelve months up to `to`, months without cases at zero (a gap in a chart misleads). */
function trendOf(byMonth: Map<string, CaseMetrics>, to: string): Cockpit['trend'] {
  return Array.from({ length: 12 }, (_, i) => monthsBack(to, 12 - i)).map((month) => {
    const m = byMonth.get(month);
    return { month, received: m?.received ?? 0, closed: m?.closed ?? 0, onTimeClosureRate: m?.onTimeClosureRate ?? null, satisfactionRate: m?.satisfactionRate ?? null };
  });
}

/** The open states (not closed, voided or merged), for links to the case list. */
export const OPEN_STATES = CASE_STATES.filter((s) => !(FINAL_STATES as readonly string[]).includes(s));

/** The overdue list's count stops here (shown as "1,000+"). */
export const OVERDUE_COUNT_CAP = 1000;

/** The overdue open cases of a region (running stage past its deadline), most overdue first. */
export async function listOverdueCases(deps: CockpitDeps & { region?: string; limit: number }) {
  const region = await regionOf(deps, deps.region);
  // The card's title counts them up to OVERDUE_COUNT_CAP ("1,000+"): counting every one of a
  // backlog of a million took most of a second and both cores, for a number nobody reads
  // past the first digits. The case list behind the link gives the exact total.
  const page = await listCases({ ...deps, countUpTo: OVERDUE_COUNT_CAP, filters: { region: region.code, status: [...OPEN_STATES], sla: 'red', sort: 'deadline_asc', page: 1, pageSize: deps.limit } });
  return { region: { code: region.code, name: region.name, level: region.level }, total: page.total, totalCapped: page.totalCapped ?? false, items: page.items };
}

// ---------------------------------------------------------------------------------------------
// Projects, livelihood promises and supervision (each through its own service)

/** A panel the actor's role may not see is left out (null), not an error of the whole cockpit. */
async function unlessForbidden<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isAppError(error) && error.code === 'FORBIDDEN') return null;
    throw error;
  }
}

/** Key projects by light, livelihood promises by progress, and open supervision items of a region. */
export async function getProgrammes(deps: CockpitDeps & { region?: string }) {
  const { db, actor } = deps;
  const now = deps.now ?? new Date();
  const region = await regionOf(deps, deps.region);
  const { year } = chinaCalendar(now);
  // Projects and promises belong to the district and its towns; supervision items to any region.
  const upper = region.level === 'district' || region.level === 'town';
  // Narrowing the scope to the region (inside the actor's own, as resolved above) lists its items only.
  const within: Actor = { ...actor, regionPath: region.path, regionCode: region.code };
  const open = SUPERVISION_STATES.filter((s) => s !== 'completed' && s !== 'cancelled');
  const [projects, cycles, openItems, overdueItems] = await Promise.all([
    upper ? unlessForbidden(() => listProjects({ db, actor, now, query: region.level === 'town' ? { town: region.code } : {} })) : null,
    upper ? listPublicPromises({ db, regionCode: region.code, year }) : null,
    unlessForbidden(() => listItems({ db, actor: within, now, query: { state: [...open], page: 1, pageSize: 5 } })),
    unlessForbidden(() => listItems({ db, actor: within, now, query: { state: [...open], overdue: 'true', page: 1, pageSize: 1 } })),
  ]);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    projects: projects && { count: projects.totals.count, lights: projects.totals.lights, completion: projects.totals.completion },
    promises:
      cycles &&
      cycles.flatMap((c) =>
        c.promises.map((p) => ({ id: p.id, cycle: c.title, title: p.title, progress: p.progress, statusLabel: p.statusLabel })),
      ),
    supervision: openItems && {
      open: openItems.total,
      overdue: overdueItems?.total ?? 0,
      items: openItems.items.slice(0, 5).map((i) => ({ code: i.row.code, title: i.row.title, colour: i.row.colour, deadline: String(i.row.deadline), overdue: i.rating.overdue })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The public portal (no login)

/**
 * The actor the public portal acts as when it takes in a report: it may report into the
 * district and nothing else, and the audit log says `portal:public`. No secret reaches the
 * browser; abuse is held off by the route's strict rate limit.
 */
export function portalActor(districtCode: string, requestId?: string): Actor {
  return {
    userId: null,
    label: 'portal:public',
    role: 'operator',
    districtCode,
    regionCode: districtCode,
    regionPath: `/${districtCode}/`,
    departmentCode: null,
    requestId,
  };
}

/** A read-only actor over the district, for the public statistics (which carry no personal data). */
function publicReader(districtCode: string): Actor {
  return { ...portalActor(districtCode), label: 'portal:public', role: 'viewer' };
}

/** Case statistics of the district and its towns this year, for the public. */
export async function getPublicStatistics(options: { db: Db; cache: CaseContextCache; now?: Date }) {
  const { db, cache } = options;
  const districtCode = await resolveJurisdiction({ db });
  const actor = publicReader(districtCode);
  const { year, month } = chinaCalendar(options.now ?? new Date());
  const [byTown, byMonth] = await Promise.all([
    getCaseMetrics({ db, cache, actor, region: districtCode, from: `${year}-01`, to: month, groupBy: 'region' }),
    getCaseMetrics({ db, cache, actor, region: districtCode, from: monthsBack(month, 12), to: month, groupBy: 'month' }),
  ]);
  const towns = (await regionsUnder({ cache: cache.locator, pathPrefix: `/${districtCode}/` })).filter((r) => r.level === 'town');
  const metricsOf = new Map(byTown.groups.map((g) => [g.key, g.metrics]));
  return {
    district: byTown.region,
    year,
    month,
    totals: byTown.totals,
    towns: towns.sort((a, b) => a.code.localeCompare(b.code)).map((t) => ({ code: t.code, name: t.name, metrics: metricsOf.get(t.code) ?? null })),
    trend: trendOf(new Map(byMonth.groups.map((g) => [g.key, g.metrics])), byMonth.to),
  };
}

/** The services (minor classes) a citizen may report, as Open311 lists them. */
export async function listPublicServices(options: { db: Db; cache: CaseContextCache }) {
  return listServices({ db: options.db, cache: options.cache });
}

/** A citizen's report from the portal. */
export interface PublicReportInput {
  serviceCode: string;
  description: string;
  lon?: number | null;
  lat?: number | null;
  address?: string | null;
  contactPhone?: string | null;
}

/**
 * Takes in a citizen's report through the same intake as Open311 and the workbench (channel
 * `citizen`), and answers its number and public token. The phone is kept on the case for the
 * call-back and never shown by any public read.
 */
export async function submitPublicReport(options: { db: Db; cache: CaseContextCache; input: PublicReportInput; requestId?: string; now?: Date }) {
  const { db, cache, input } = options;
  const districtCode = await resolveJurisdiction({ db });
  if ((input.lon === null || input.lon === undefined) !== (input.lat === null || input.lat === undefined)) {
    throw new AppError('VALIDATION_FAILED', 'lon and lat go together', { field: 'lat', userMessage: '经度和纬度须同时提供' });
  }
  if ((input.lon === null || input.lon === undefined) && !input.address?.trim()) {
    throw new AppError('VALIDATION_FAILED', 'no location', { field: 'address', userMessage: '请填写事发地址或在地图上选点' });
  }
  const { catalogue } = await cache.get(districtCode);
  if (!catalogue.byCode.has(input.serviceCode)) {
    throw new AppError('VALIDATION_FAILED', `unknown service ${input.serviceCode}`, { field: 'serviceCode', userMessage: '请选择问题类别' });
  }
  const { case: created } = await intakeCase({
    db,
    cache,
    actor: portalActor(districtCode, options.requestId),
    now: options.now,
    requestedDistrict: districtCode,
    input: {
      channel: 'citizen',
      description: input.description.trim(),
      categoryCode: input.serviceCode,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      address: input.address?.trim() || null,
      reporterPhone: input.contactPhone?.trim() || null,
    },
  });
  const [row] = await listPublicCases({ db, query: { districtCode, ids: [created.id], limit: 1 } });
  if (!row) throw new AppError('INTERNAL', `case ${created.id} vanished after intake`);
  return { number: created.id, token: row.token };
}

/** The public status of a report by its number or its token (Open311's public view: no reporter). */
export async function getPublicReport(options: { db: Db; cache: CaseContextCache; ref: string }) {
  const { db, cache } = options;
  const ref = options.ref.trim();
  const id = /^[0-9]{1,15}$/.test(ref) ? ref : (await findServiceRequestByToken({ db, cache, token: ref })).service_request_id;
  return getServiceRequest({ db, cache, serviceRequestId: id });
}
