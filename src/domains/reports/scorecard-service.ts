/**
 * Writes the scorecard (成绩单) of a region for a period from live data: indicators, key
 * projects, livelihood projects, cases and supervision, each read through its own domain's
 * service in the actor's scope, so a town sees only its own figures.
 */
import type { Db } from '@/db/database.js';
import type { CaseContextCache } from '@/domains/cases/cases-service.js';
import { getCaseMetrics } from '@/domains/cases/case-metrics-service.js';
import { getStatus } from '@/domains/indicators/indicators-service.js';
import { resolveRegion } from '@/domains/regions/regions-service.js';
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { buildScorecard, type ScorecardCases, type ScorecardData, type ScorecardDocument, type ScorecardIndicator } from './scorecard-document.js';
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
    projects: null,
    livelihood: null,
    supervision: null,
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
