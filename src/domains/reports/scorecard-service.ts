/**
 * Writes the scorecard (成绩单) of a region for a period from live data: indicators, key
 * projects, livelihood projects, cases and supervision, each read through its own domain's
 * service in the actor's scope, so a town sees only its own figures.
 */
import type { Db } from '@/db/database.js';
import type { CaseContextCache } from '@/domains/cases/cases-service.js';
import { getCaseMetrics } from '@/domains/cases/case-metrics-service.js';
import { getStatus } from '@/domains/indicators/indicators-service.js';
import { listPublicPromises } from '@/domains/livelihood/livelihood-service.js';
import { listProjects } from '@/domains/projects/projects-service.js';
import { resolveRegion, type RegionRef } from '@/domains/regions/regions-service.js';
import { getSuggestionStats, getUnitRatings, listItems } from '@/domains/supervision/supervision-service.js';
import { PROJECT_STAGES, STAGE_LABELS } from '@/shared/project-vocabulary.js';
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import {
  buildScorecard,
  type Light,
  type ScorecardCases,
  type ScorecardData,
  type ScorecardDocument,
  type ScorecardIndicator,
  type ScorecardLivelihood,
  type ScorecardProjects,
  type ScorecardSupervision,
} from './scorecard-document.js';
import { assertCanWriteScorecard } from './reports-policy.js';
import { parseScorecardPeriod, periodMonths, type ScorecardPeriod } from './scorecard-period.js';
import { renderDocx, renderHtml, renderMarkdown, type ScorecardFormat } from './scorecard-render.js';

/** A written scorecard: its file name, media type and bytes. */
export interface ScorecardFile {
  filename: string;
  contentType: string;
  body: Buffer;
  /** How many red items it lists. */
  redItems: number;
}

const CONTENT_TYPES: Record<ScorecardFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** Parses a period code or fails with VALIDATION_FAILED on `period`. */
export function requirePeriod(code: string): ScorecardPeriod {
  const period = parseScorecardPeriod(code);
  if (!period) {
    throw new AppError('VALIDATION_FAILED', `bad period ${code}`, {
      field: 'period',
      userMessage: `期间格式不正确:${code}(应为 2023-H1、2023-Q3、2023-10 或 2023)`,
    });
  }
  return period;
}

async function gatherIndicators(
  db: Db,
  actor: Actor,
  regionCode: string,
  period: ScorecardPeriod,
): Promise<{ month: number | null; rows: ScorecardIndicator[] }> {
  const latest = await getStatus({ db, actor, regionCode });
  if (!latest.latestPeriod) return { month: null, rows: [] };
  const [latestYear, latestMonth] = latest.latestPeriod.split('-').map(Number) as [number, number];
  // A period not yet fully reported shows the latest month reported within it.
  let month = period.month;
  if (latestYear === period.year) month = Math.min(month, latestMonth);
  else if (latestYear < period.year) return { month: null, rows: [] };
  const status = await getStatus({ db, actor, regionCode, period: { year: period.year, month } });
  const rows = status.rows.map(
    (row): ScorecardIndicator => ({
      code: row.indicator.code,
      name: row.indicator.name,
      kind: row.indicator.kind,
      valueText: row.actual?.cumulativeText ?? null,
      yoy: row.actual?.yoy ?? null,
      targetText: row.target?.levelText ?? null,
      targetGrowth: row.target?.growth ?? null,
      completion: row.completion,
      aheadPp: row.aheadPp,
      growthGapPp: row.growthGapPp,
      colour: row.colour,
      halfYearPassed: row.halfYear ? row.halfYear.passed : null,
      rank: row.rank,
      rankOf: row.rankOf,
    }),
  );
  return { month, rows };
}

async function gatherCases(db: Db, cache: CaseContextCache, actor: Actor, regionCode: string, period: ScorecardPeriod): Promise<ScorecardCases> {
  const { from, to } = periodMonths(period);
  const byMonth = await getCaseMetrics({ db, cache, actor, region: regionCode, from, to, groupBy: 'month' });
  const byChild = await getCaseMetrics({ db, cache, actor, region: regionCode, from, to, groupBy: 'region' });
  return {
    totals: byMonth.totals,
    byMonth: byMonth.groups.map((g) => ({ month: g.key, metrics: g.metrics })),
    byChild: byChild.groups.filter((g) => g.metrics.received > 0).map((g) => ({ label: g.label, metrics: g.metrics })),
  };
}

/**
 * The actor narrowed to the region reported on: the domains that scope by the actor's own
 * region (projects, supervision) then give that region's records only. Never wider than the
 * actor's scope, since the region was resolved within it.
 */
function narrowedTo(actor: Actor, region: RegionRef): Actor {
  return region.path.startsWith(actor.regionPath) ? { ...actor, districtCode: region.districtCode, regionCode: region.code, regionPath: region.path } : actor;
}

async function gatherProjects(db: Db, actor: Actor, region: RegionRef, period: ScorecardPeriod): Promise<ScorecardProjects> {
  const library = await listProjects({ db, actor: narrowedTo(actor, region), query: { year: period.year, month: period.month } });
  const byStage = PROJECT_STAGES.map((stage) => ({ label: STAGE_LABELS[stage], count: library.projects.filter((p) => p.stage === stage).length })).filter(
    (s) => s.count > 0,
  );
  const lagging = library.projects
    .filter((p): p is typeof p & { light: Light } => p.light === 'red' || p.light === 'yellow')
    .sort((a, b) => (a.light === b.light ? a.code.localeCompare(b.code) : a.light === 'red' ? -1 : 1))
    .map((p) => ({ name: p.name, light: p.light, reason: p.reasons.join(';') || '进度滞后' }));
  const { totals } = library;
  return {
    count: totals.count,
    lights: { green: totals.lights.green, yellow: totals.lights.yellow, red: totals.lights.red },
    yearPlanned: totals.plannedThisYear,
    completed: totals.completedYtd,
    completion: totals.completion,
    byStage,
    lagging,
  };
}

async function gatherSupervision(db: Db, actor: Actor, region: RegionRef, period: ScorecardPeriod): Promise<ScorecardSupervision> {
  const scoped = narrowedTo(actor, region);
  const end = new Date(Date.UTC(period.year, period.month, 1) - 8 * 3_600_000);
  const start = new Date(Date.UTC(period.year, 0, 1) - 8 * 3_600_000);
  const items: Awaited<ReturnType<typeof listItems>>['items'] = [];
  for (let page = 1; ; page += 1) {
    const result = await listItems({ db, actor: scoped, query: { page, pageSize: 500 } });
    items.push(...result.items);
    if (result.items.length < 500) break;
  }
  // Items of the period: raised by its end and not cancelled, and either raised this year or still open at its start.
  const inPeriod = items
    .map((i) => i.row)
    .filter((r) => r.state !== 'cancelled' && r.created_at < end && (r.created_at >= start || !r.completed_at || r.completed_at >= start));
  const doneBy = (r: (typeof inPeriod)[number]) => r.completed_at !== null && r.completed_at < end;
  const done = inPeriod.filter(doneBy);
  const open = inPeriod.filter((r) => !doneBy(r));
  const overdue = open.filter((r) => r.overdue_at !== null && r.overdue_at < end);
  const month = `${period.year}-${String(period.month).padStart(2, '0')}`;
  const ratings = await getUnitRatings({ db, actor: scoped, period: month });
  const stats = await getSuggestionStats({ db, actor: scoped });
  const unitNames = new Map(ratings.ratings.map((r) => [`${r.kind}:${r.code}`, r.name]));
  return {
    total: inPeriod.length,
    done: done.length,
    doneOnTime: done.filter((r) => r.completed_on_time).length,
    open: open.length,
    overdue: overdue.length,
    redUnits: ratings.honour.map((r) => r.name),
    blackUnits: ratings.black.map((r) => r.name),
    suggestions: stats.overall.total > 0 ? { total: stats.overall.total, metRate: stats.overall.meetRate, repliedRate: stats.overall.replyRate, satisfactionRate: stats.overall.satisfactionRate } : null,
    redItems: overdue.map((r) => ({ title: r.title, unit: unitNames.get(`${r.lead_kind}:${r.lead_code}`) ?? r.lead_code, deadline: r.deadline })),
  };
}

/**
 * The year's livelihood promises of the region (its own congress's, or for a district each
 * town's too), as the public sees them: progress in percent becomes a fraction here.
 */
async function gatherLivelihood(db: Db, region: RegionRef, period: ScorecardPeriod): Promise<ScorecardLivelihood | null> {
  const cycles = await listPublicPromises({ db, regionCode: region.code, year: period.year });
  const promises = cycles.flatMap((c) =>
    c.promises.map((p) => ({ title: p.title, goal: p.goalText ?? null, progress: Math.max(0, Math.min(1, p.progress / 100)), status: p.statusLabel })),
  );
  if (promises.length === 0) return null;
  const title = cycles.length === 1 ? (cycles[0]?.title ?? `${period.year}年民生实事项目`) : `${period.year}年各级民生实事项目`;
  return { title, promises };
}

/** Gathers the figures of a scorecard from every domain, in the actor's scope. */
export async function gatherScorecardData(options: {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  regionCode: string;
  period: ScorecardPeriod;
  now?: Date;
}): Promise<ScorecardData> {
  const { db, cache, actor, period } = options;
  assertCanWriteScorecard(actor);
  const region = await resolveRegion({ db, actor, code: options.regionCode, field: 'region' });
  const indicators = await gatherIndicators(db, actor, region.code, period);
  const cases = await gatherCases(db, cache, actor, region.code, period);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    period,
    generatedAt: options.now ?? new Date(),
    indicatorMonth: indicators.month,
    indicators: indicators.rows,
    cases,
    projects: await gatherProjects(db, actor, region, period),
    livelihood: await gatherLivelihood(db, region, period),
    supervision: await gatherSupervision(db, actor, region, period),
  };
}

/** The scorecard document of a region and period (for previews and tests). */
export async function getScorecard(options: {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  regionCode: string;
  period: string;
  now?: Date;
}): Promise<ScorecardDocument> {
  const period = requirePeriod(options.period);
  return buildScorecard(await gatherScorecardData({ ...options, period }));
}

/** Writes the scorecard of a region and period in a format. */
export async function writeScorecard(options: {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  regionCode: string;
  period: string;
  format: ScorecardFormat;
  now?: Date;
}): Promise<ScorecardFile> {
  const period = requirePeriod(options.period);
  const doc = buildScorecard(await gatherScorecardData({ ...options, period }));
  const body =
    options.format === 'docx'
      ? await renderDocx(doc)
      : Buffer.from(options.format === 'md' ? renderMarkdown(doc) : await renderHtml(doc), 'utf8');
  return {
    filename: `${doc.title}.${options.format}`,
    contentType: CONTENT_TYPES[options.format],
    body,
    redItems: doc.redItems.length,
  };
}
