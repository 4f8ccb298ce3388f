/**
 * Targets and indicators (目标指标): the catalogue, yearly targets and their decomposition
 * from district to towns, reported figures with their revisions, and the status, rankings
 * and red-yellow-black board computed from them (STANDARDS.md §6–§7).
 */
import type { Db, Tx } from '@/db/database.js';
import { recordChange, recordChanges } from '@/domains/audit/audit-service.js';
import { getDepartment } from '@/domains/departments/departments-service.js';
import { districtOfActor, listDistrictAndTowns, resolveRegion, type RegionRef } from '@/domains/regions/regions-service.js';
import { isInScope, type Actor } from '@/shared/actor.js';
import { AppError, notFound } from '@/shared/errors.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import { DEFAULT_THRESHOLDS, timeProgress, type RatingThresholds } from './indicator-math.js';
import { FigureIndex, buildBoard, rankRegions, rankingMeasure, rankingValue, reportingMonth, type StatusFigures } from './indicator-status.js';
import { assertCanEnterFigures, assertCanManageCatalogue } from './indicators-policy.js';
import {
  presentActual,
  presentFigureCells,
  presentIndicator,
  presentRevision,
  presentTarget,
  valueText,
  type ActualView,
  type IndicatorView,
  type TargetView,
} from './indicators-presenter.js';
import {
  confirmActualRow,
  findActualRow,
  findLatestPeriod,
  findTargetRow,
  insertMissingActualRows,
  insertMissingTargetRows,
  findThresholds,
  listActualRows,
  listIndicatorRows,
  listRevisionRows,
  listSeriesRows,
  listTargetRows,
  saveActualRow,
  saveTargetRow,
  saveThresholds,
  setActualFlag,
  insertIndicatorRow,
  updateIndicatorRow,
  upsertIndicatorRows,
  type ActualKey,
  type ActualRow,
  type IndicatorRow,
} from './indicators-repository.js';
import type { ReportActualInput, SaveIndicatorInput, SaveTargetInput } from './indicators-schemas.js';
import { toBase, unitInfo } from './quantities.js';

/** A region as these responses name it. */
interface RegionName {
  code: string;
  name: string;
  level: string;
}

/** Resolves a district or town in the actor's scope. */
async function resolveFigureRegion(db: Db, actor: Actor, code: string, field = 'region'): Promise<RegionRef> {
  const region = await resolveRegion({ db, actor, code, field });
  if (region.level !== 'district' && region.level !== 'town') {
    throw new AppError('VALIDATION_FAILED', `${code} is a ${region.level}`, {
      field,
      userMessage: '目标和指标按区县或镇街填报,请选择区县或镇街',
    });
  }
  return region;
}

async function indicatorsOf(db: Db, districtCode: string): Promise<IndicatorRow[]> {
  return listIndicatorRows(db, districtCode);
}

async function findIndicator(db: Db, districtCode: string, code: string, field = 'indicatorCode'): Promise<IndicatorRow> {
  const indicator = (await indicatorsOf(db, districtCode)).find((i) => i.code === code);
  if (!indicator) {
    throw new AppError('NOT_FOUND', `indicator ${code} not found in ${districtCode}`, {
      field,
      userMessage: `指标 ${code} 不在本区县的指标目录中`,
    });
  }
  return indicator;
}

async function thresholdsOf(db: Db, districtCode: string): Promise<RatingThresholds> {
  return { ...DEFAULT_THRESHOLDS, ...((await findThresholds(db, districtCode)) ?? {}) };
}

/** The district an actor works in (see {@link districtOfActor}). */
export async function districtOf(db: Db, actor: Actor, requested?: string): Promise<string> {
  return districtOfActor({ db, actor, requested });
}

/** The catalogue of the actor's district. */
export async function listIndicators(options: { db: Db; actor: Actor; districtCode?: string }): Promise<IndicatorView[]> {
  const districtCode = await districtOf(options.db, options.actor, options.districtCode);
  return (await indicatorsOf(options.db, districtCode)).map(presentIndicator);
}

/** Creates or changes a catalogue entry of the actor's district (admin). */
export async function saveIndicator(options: { db: Db; actor: Actor; code: string; input: SaveIndicatorInput }): Promise<IndicatorView> {
  const { db, actor, input } = options;
  assertCanManageCatalogue(actor);
  const districtCode = await districtOf(db, actor);
  const before = (await indicatorsOf(db, districtCode)).find((i) => i.code === options.code);
  let base: string;
  let dimension: string;
  try {
    const info = unitInfo(input.displayUnit);
    base = info.base;
    dimension = info.dimension;
  } catch {
    throw new AppError('VALIDATION_FAILED', `unknown unit ${input.displayUnit}`, { field: 'displayUnit', userMessage: `未知单位:${input.displayUnit}` });
  }
  if (before && input.version !== before.version) {
    throw new AppError('CONFLICT', `indicator ${options.code} is at version ${before.version}`, { field: 'version' });
  }
  if (before && before.base_unit !== base) {
    // Stored figures are in the old base unit; changing it would silently rescale them.
    throw new AppError('VALIDATION_FAILED', `cannot change ${options.code} from ${before.base_unit} to ${base}`, {
      field: 'displayUnit',
      userMessage: `已有数据以“${before.base_unit}”为基本单位,不能改为“${input.displayUnit}”;可改为同类单位(如 亿元/万元/元)`,
    });
  }
  if (input.ownerDepartmentCode) await getDepartment({ db, districtCode, code: input.ownerDepartmentCode, field: 'ownerDepartmentCode' });
  const row = {
    district_code: districtCode,
    code: options.code,
    name: input.name,
    dimension,
    base_unit: base,
    display_unit: input.displayUnit,
    kind: input.kind,
    price_basis: input.priceBasis,
    frequency: input.frequency,
    direction: input.direction,
    owner_department_code: input.ownerDepartmentCode ?? null,
    region_codes: before?.region_codes ?? [],
    sort_order: input.sortOrder ?? before?.sort_order ?? 1000,
  };
  await db.transaction().execute(async (tx) => {
    const written = before ? await updateIndicatorRow(tx, row, before.version) : await insertIndicatorRow(tx, row);
    if (!written) throw new AppError('CONFLICT', `indicator ${options.code} changed meanwhile`, { field: 'version' });
    await recordChange(tx, actor, {
      districtCode,
      action: before ? 'indicator.updated' : 'indicator.created',
      entityType: 'indicator',
      entityId: options.code,
      before: before ?? null,
      after: row,
    });
  });
  return presentIndicator((await indicatorsOf(db, districtCode)).find((i) => i.code === options.code) as IndicatorRow);
}

/** The rating thresholds in force for the actor's district. */
export async function getThresholds(options: { db: Db; actor: Actor }): Promise<RatingThresholds> {
  return thresholdsOf(options.db, await districtOf(options.db, options.actor));
}

/** Sets the rating thresholds of the actor's district (admin). */
export async function setThresholds(options: { db: Db; actor: Actor; thresholds: RatingThresholds }): Promise<RatingThresholds> {
  const { db, actor } = options;
  assertCanManageCatalogue(actor);
  const districtCode = await districtOf(db, actor);
  const before = await thresholdsOf(db, districtCode);
  const after = { ...options.thresholds };
  await db.transaction().execute(async (tx) => {
    await saveThresholds(tx, districtCode, after as unknown as Record<string, number>);
    await recordChange(tx, actor, { districtCode, action: 'thresholds.updated', entityType: 'indicator_settings', entityId: districtCode, before, after });
  });
  return thresholdsOf(db, districtCode);
}

/** Seeds the default catalogue into a district (entries already there are left alone). */
export async function ensureDefaultCatalogue(options: { db: Db; actor: Actor; districtCode: string }): Promise<number> {
  const { db, actor, districtCode } = options;
  assertCanManageCatalogue(actor);
  const existing = new Set((await indicatorsOf(db, districtCode)).map((i) => i.code));
  const missing = DEFAULT_CATALOGUE.map((entry, index) => ({ entry, index })).filter(({ entry }) => !existing.has(entry.code));
  if (missing.length === 0) return 0;
  await db.transaction().execute(async (tx) => {
    const rows = missing.map(({ entry, index }) => ({
      district_code: districtCode,
      code: entry.code,
      name: entry.name,
      dimension: entry.dimension,
      base_unit: entry.baseUnit,
      display_unit: entry.displayUnit,
      kind: entry.kind,
      price_basis: entry.priceBasis,
      frequency: entry.frequency,
      direction: entry.direction,
      owner_department_code: null,
      region_codes: [],
      sort_order: (index + 1) * 10,
    }));
    await upsertIndicatorRows(tx, rows);
    await recordChanges(
      tx,
      actor,
      rows.map((row) => ({ districtCode, action: 'indicator.created', entityType: 'indicator', entityId: row.code, before: null, after: row })),
    );
  });
  return missing.length;
}

/**
 * Loads what the status of a district's years needs, in four queries; `months` narrows
 * the figures to the reporting months a single period needs.
 */
async function loadFigures(db: Db, districtCode: string, years: number[], months?: number[]) {
  const [indicators, targets, actuals, thresholds] = await Promise.all([
    indicatorsOf(db, districtCode),
    listTargetRows(db, districtCode, years),
    listActualRows(db, { districtCode, years, months }),
    thresholdsOf(db, districtCode),
  ]);
  return new FigureIndex({ indicators, targets, actuals, thresholds });
}

/** One row of the status table. */
export interface StatusRowView extends Omit<StatusFigures, 'halfYear'> {
  indicator: IndicatorView;
  target: TargetView | null;
  actual: ActualView | null;
  rank: number | null;
  rankOf: number | null;
  halfYear: { passed: boolean } | null;
  /** The month the figure is of (a quarter end for quarterly indicators), or null. */
  reportingMonth: number | null;
}

/** The status table of a district or town for a period (by default its latest). */
export async function getStatus(options: {
  db: Db;
  actor: Actor;
  regionCode: string;
  period?: { year: number; month: number };
}): Promise<{
  region: RegionName;
  period: string | null;
  year: number | null;
  month: number | null;
  timeProgress: number | null;
  latestPeriod: string | null;
  rows: StatusRowView[];
}> {
  const { db, actor } = options;
  const region = await resolveFigureRegion(db, actor, options.regionCode);
  const latest = await findLatestPeriod(db, region.districtCode, region.code);
  const latestPeriod = latest ? formatPeriod(latest.year, latest.month) : null;
  const regionName = { code: region.code, name: region.name, level: region.level };
  const period = options.period ?? latest;
  if (!period) return { region: regionName, period: null, year: null, month: null, timeProgress: null, latestPeriod, rows: [] };
  const { year, month } = period;
  const reportingMonths = [...new Set((['monthly_cumulative', 'quarterly', 'annual'] as const).map((f) => reportingMonth(f, month)))];
  const index = await loadFigures(
    db,
    region.districtCode,
    [year],
    reportingMonths.filter((m): m is number => m !== null),
  );
  const { towns } = await listDistrictAndTowns({ db, districtCode: region.districtCode });
  const rows = index.data.indicators.map((indicator): StatusRowView => {
    // Quarterly and annual indicators show their latest reporting month in the period.
    const at = reportingMonth(indicator.frequency, month);
    const figures = index.figures(indicator, region.code, year, at ?? month);
    let rank: number | null = null;
    let rankOf: number | null = null;
    if (region.level === 'town' && at !== null) {
      const townFigures = towns.map((t) => ({ town: t, figures: index.figures(indicator, t.code, year, at) }));
      const measure = rankingMeasure(townFigures.map((f) => f.figures));
      const ranks = rankRegions(
        indicator,
        townFigures.map(({ town, figures: f }) => ({
          regionCode: town.code,
          value: rankingValue(measure, f, index.actual(indicator.code, town.code, year, at)),
        })),
      );
      rank = ranks.get(region.code) ?? null;
      rankOf = rank === null ? null : towns.length;
    }
    const actual = at === null ? undefined : index.actual(indicator.code, region.code, year, at);
    return {
      indicator: presentIndicator(indicator),
      target: presentTarget(indicator, index.target(indicator.code, region.code, year)),
      actual: presentActual(indicator, actual),
      ...(actual ? figures : { ...figures, completion: null, aheadPp: null, growthGapPp: null, colour: null, halfYear: null }),
      reportingMonth: at,
      rank,
      rankOf,
    };
  });
  return { region: regionName, period: formatPeriod(year, month), year, month, timeProgress: timeProgress(month), latestPeriod, rows };
}

/** One indicator's months in a region and year, with last year's cumulative for comparison. */
export async function getSeries(options: { db: Db; actor: Actor; indicatorCode: string; regionCode: string; year: number }) {
  const { db, actor, year } = options;
  const region = await resolveFigureRegion(db, actor, options.regionCode);
  const indicator = await findIndicator(db, region.districtCode, options.indicatorCode, 'code');
  const index = await loadFigures(db, region.districtCode, [year - 1, year]);
  const points = [];
  for (let month = 1; month <= 12; month += 1) {
    const actual = index.actual(indicator.code, region.code, year, month);
    const figures = index.figures(indicator, region.code, year, month);
    points.push({
      month,
      ...presentFigureCells(indicator, actual, figures),
      timeProgress: figures.timeProgress,
      flagged: actual ? actual.flag !== null && !actual.confirmed : false,
    });
  }
  const previousYear = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    cumulative: index.actual(indicator.code, region.code, year - 1, i + 1)?.cumulative_value ?? null,
  }));
  return {
    indicator: presentIndicator(indicator),
    region: { code: region.code, name: region.name, level: region.level },
    year,
    target: presentTarget(indicator, index.target(indicator.code, region.code, year)),
    points,
    previousYear,
  };
}

/** The towns of the actor's district ranked on one indicator; a town's actor sees only its own row. */
export async function getRanking(options: { db: Db; actor: Actor; indicatorCode: string; period: { year: number; month: number } }) {
  const { db, actor } = options;
  const { year, month } = options.period;
  const districtCode = await districtOf(db, actor);
  const indicator = await findIndicator(db, districtCode, options.indicatorCode, 'code');
  const at = reportingMonth(indicator.frequency, month) ?? month;
  const index = await loadFigures(db, districtCode, [year], [at]);
  const { towns } = await listDistrictAndTowns({ db, districtCode });
  const figures = new Map(towns.map((t) => [t.code, index.figures(indicator, t.code, year, at)]));
  const measure = rankingMeasure([...figures.values()]);
  const ranks = rankRegions(
    indicator,
    towns.map((t) => ({ regionCode: t.code, value: rankingValue(measure, figures.get(t.code)!, index.actual(indicator.code, t.code, year, at)) })),
  );
  const rows = towns
    .filter((t) => isInScope(actor, t.path))
    .map((t) => {
      const actual = index.actual(indicator.code, t.code, year, at);
      const f = figures.get(t.code)!;
      return {
        regionCode: t.code,
        regionName: t.name,
        ...presentFigureCells(indicator, actual, f),
        rank: ranks.get(t.code) ?? null,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.regionCode.localeCompare(b.regionCode));
  return { indicator: presentIndicator(indicator), period: formatPeriod(year, month), measure, rankOf: towns.length, rows };
}

/** The red-yellow-black board of the actor's towns for a period. */
export async function getBoard(options: { db: Db; actor: Actor; period: { year: number; month: number } }) {
  const { db, actor } = options;
  const { year, month } = options.period;
  const districtCode = await districtOf(db, actor);
  const index = await loadFigures(db, districtCode, [year - 1, year]);
  const { towns } = await listDistrictAndTowns({ db, districtCode });
  const visible = towns.filter((t) => isInScope(actor, t.path));
  const names = new Map(towns.map((t) => [t.code, t.name]));
  const { entries, green } = buildBoard(
    index,
    visible.map((t) => t.code),
    year,
    month,
  );
  const shaped = entries.map((e) => ({ ...e, regionName: names.get(e.regionCode) ?? e.regionCode }));
  const byWorst = (a: { aheadPp: number | null; growthGapPp: number | null }, b: { aheadPp: number | null; growthGapPp: number | null }) =>
    (a.aheadPp ?? a.growthGapPp ?? 0) - (b.aheadPp ?? b.growthGapPp ?? 0);
  return {
    period: formatPeriod(year, month),
    thresholds: index.data.thresholds,
    green,
    red: shaped.filter((e) => e.colour === 'red').sort(byWorst),
    yellow: shaped.filter((e) => e.colour === 'yellow').sort(byWorst),
    black: shaped.filter((e) => e.blackListed).sort((a, b) => b.redStreak - a.redStreak),
  };
}

/** The check that towns' targets add up (levels) or weigh (growth) to the district's. */
export interface DecompositionCheck {
  kind: 'sum' | 'weighted_growth';
  districtValue: number | null;
  townsValue: number | null;
  difference: number | null;
  consistent: boolean;
  text: string;
}

/** Targets of a year: each indicator's district target, its towns' targets and the check. */
export async function listTargets(options: { db: Db; actor: Actor; year: number }) {
  const { db, actor, year } = options;
  const districtCode = await districtOf(db, actor);
  const index = await loadFigures(db, districtCode, [year - 1, year]);
  const { district, towns } = await listDistrictAndTowns({ db, districtCode });
  const visibleTowns = towns.filter((t) => isInScope(actor, t.path));
  const showDistrict = actor.regionPath === '/' || actor.regionPath === `/${districtCode}/`;
  const items = index.data.indicators.map((indicator) => {
    const districtTarget = district ? index.target(indicator.code, district.code, year) : undefined;
    const townTargets = towns.map((t) => ({ town: t, target: index.target(indicator.code, t.code, year) }));
    return {
      indicator: presentIndicator(indicator),
      district: showDistrict && district ? { regionCode: district.code, regionName: district.name, target: presentTarget(indicator, districtTarget) } : null,
      towns: townTargets
        .filter(({ town }) => visibleTowns.includes(town))
        .map(({ town, target }) => ({ regionCode: town.code, regionName: town.name, target: presentTarget(indicator, target) })),
      check: showDistrict ? decompositionCheck(indicator, index, districtTarget, townTargets, year) : null,
    };
  });
  return { year, items };
}

function decompositionCheck(
  indicator: IndicatorRow,
  index: FigureIndex,
  district: { level_value: number | null; growth_rate: number | null } | undefined,
  towns: { town: { code: string }; target: { level_value: number | null; growth_rate: number | null } | undefined }[],
  year: number,
): DecompositionCheck | null {
  if (!district) return null;
  if (district.level_value !== null) {
    const levels = towns.map((t) => t.target?.level_value ?? null);
    if (levels.every((v) => v === null)) return null;
    const sum = levels.reduce<number>((a, b) => a + (b ?? 0), 0);
    const difference = sum - district.level_value;
    // Sums of figures typed in 亿元 to two decimals differ from the district's by rounding.
    const consistent = Math.abs(difference) <= Math.max(1, Math.abs(district.level_value) * 1e-6) && levels.every((v) => v !== null);
    return {
      kind: 'sum',
      districtValue: district.level_value,
      townsValue: sum,
      difference,
      consistent,
      text: `镇街合计 ${valueText(indicator, sum)} / 区目标 ${valueText(indicator, district.level_value)}${consistent ? ' ✓' : `,相差 ${valueText(indicator, difference)}`}`,
    };
  }
  if (district.growth_rate !== null) {
    // Growth targets weigh by each town's base: last year's annual figure.
    let base = 0;
    let next = 0;
    let missing = 0;
    for (const { town, target } of towns) {
      const prior = index.actual(indicator.code, town.code, year - 1, 12)?.cumulative_value ?? null;
      if (target?.growth_rate == null || prior === null) {
        missing += 1;
        continue;
      }
      base += prior;
      next += prior * (1 + target.growth_rate);
    }
    if (base === 0) return null;
    const weighted = next / base - 1;
    const difference = (weighted - district.growth_rate) * 100;
    // Towns must together reach a growth target, or stay within a cap (lower is better).
    const consistent = missing === 0 && (indicator.direction === 'higher' ? difference >= -0.05 : difference <= 0.05);
    return {
      kind: 'weighted_growth',
      districtValue: district.growth_rate,
      townsValue: weighted,
      difference,
      consistent,
      text: `镇街按上年基数加权增长 ${(weighted * 100).toFixed(1)}% / 区目标 ${(district.growth_rate * 100).toFixed(1)}%${consistent ? ' ✓' : missing ? `(${missing}个镇街缺目标或上年基数)` : `,低 ${(-difference).toFixed(1)} 个百分点`}`,
    };
  }
  return null;
}

function toIndicatorBase(indicator: IndicatorRow, quantity: { value: number; unit: string }, field: string): number {
  let info;
  try {
    info = unitInfo(quantity.unit);
  } catch {
    throw new AppError('VALIDATION_FAILED', `unknown unit ${quantity.unit}`, { field: `${field}.unit`, userMessage: `未知单位:${quantity.unit}` });
  }
  if (info.base !== indicator.base_unit) {
    throw new AppError('VALIDATION_FAILED', `unit ${quantity.unit} does not fit ${indicator.code} (${indicator.base_unit})`, {
      field: `${field}.unit`,
      userMessage: `单位“${quantity.unit}”与指标“${indicator.name}”的单位(${indicator.display_unit})不一致`,
    });
  }
  return toBase(quantity.value, quantity.unit);
}

/** Sets a target (insert, or update when still at `version`). */
export async function saveTarget(options: { db: Db; actor: Actor; input: SaveTargetInput }): Promise<TargetView> {
  const { db, actor, input } = options;
  assertCanEnterFigures(actor);
  const region = await resolveFigureRegion(db, actor, input.regionCode, 'regionCode');
  const indicator = await findIndicator(db, region.districtCode, input.indicatorCode);
  const key = { districtCode: region.districtCode, indicatorCode: indicator.code, regionCode: region.code, year: input.year };
  const before = await findTargetRow(db, key);
  const level = input.level === undefined ? (before?.level_value ?? null) : input.level === null ? null : toIndicatorBase(indicator, input.level, 'level');
  const growth = input.growth === undefined ? (before?.growth_rate ?? null) : input.growth;
  if (level === null && growth === null) {
    throw new AppError('VALIDATION_FAILED', 'a target needs a level or a growth rate', {
      field: 'level',
      userMessage: '目标须有绝对值或增长率(或两者)',
    });
  }
  if (before && input.version === undefined) {
    throw new AppError('CONFLICT', 'target exists; send the version you read', { field: 'version', userMessage: '该目标已存在,请刷新后修改' });
  }
  const row = {
    district_code: region.districtCode,
    indicator_code: indicator.code,
    region_code: region.code,
    year: input.year,
    level_value: level,
    growth_rate: growth,
    qualifier: input.qualifier === undefined ? (before?.qualifier ?? null) : input.qualifier,
    note: input.note === undefined ? (before?.note ?? null) : input.note,
  };
  await db.transaction().execute(async (tx) => {
    const written = await saveTargetRow(tx, row, before ? (input.version as number) : null);
    if (!written) throw new AppError('CONFLICT', 'target changed meanwhile', { field: 'version' });
    await recordChange(tx, actor, {
      districtCode: region.districtCode,
      action: before ? 'target.updated' : 'target.created',
      entityType: 'indicator_target',
      entityId: `${indicator.code}/${region.code}/${input.year}`,
      before: before ?? null,
      after: row,
    });
  });
  return presentTarget(indicator, await findTargetRow(db, key)) as TargetView;
}

/** A warning about a stored figure. */
export interface FigureWarning {
  code: 'CUMULATIVE_DECREASE';
  message: string;
}

/** What a reported figure changes. */
interface FigureChange {
  indicator: IndicatorRow;
  key: ActualKey;
  cumulative?: number | null;
  yoy?: number | null;
  prior?: number | null;
  source?: string | null;
}

/**
 * Stores one figure inside `tx`: merges it into the current revision, keeps the old one in
 * the history and records the change. Returns null when nothing changed. The caller then
 * re-checks the series with {@link refreshSeriesFlags}.
 */
async function storeFigure(
  tx: Tx,
  actor: Actor,
  change: FigureChange,
): Promise<{ row: ActualRow } | null> {
  const { key } = change;
  const before = await findActualRow(tx, key);
  const merged = {
    cumulative_value: change.cumulative !== undefined ? change.cumulative : (before?.cumulative_value ?? null),
    yoy_rate: change.yoy !== undefined ? change.yoy : (before?.yoy_rate ?? null),
    prior_value: change.prior !== undefined ? change.prior : (before?.prior_value ?? null),
    source: change.source !== undefined ? change.source : (before?.source ?? null),
  };
  if (merged.cumulative_value === null && merged.yoy_rate === null) {
    throw new AppError('VALIDATION_FAILED', 'a figure needs a cumulative value or a growth rate', {
      field: 'cumulative',
      userMessage: '请至少填写累计值或同比增长率',
    });
  }
  if (
    before &&
    sameFigure(before.cumulative_value, merged.cumulative_value) &&
    sameFigure(before.yoy_rate, merged.yoy_rate) &&
    sameFigure(before.prior_value, merged.prior_value) &&
    before.source === merged.source
  ) {
    return null;
  }
  const row: ActualRow = {
    district_code: key.districtCode,
    indicator_code: key.indicatorCode,
    region_code: key.regionCode,
    year: key.year,
    month: key.month,
    ...merged,
    // The flag is settled by refreshSeriesFlags once the series is complete.
    flag: before?.flag ?? null,
    confirmed: before?.confirmed ?? false,
    revision: (before?.revision ?? 0) + 1,
    reported_at: new Date(),
    reported_by: actor.label,
  };
  await saveActualRow(tx, row);
  await recordChange(tx, actor, {
    districtCode: key.districtCode,
    action: before ? 'figure.revised' : 'figure.reported',
    entityType: 'indicator_actual',
    entityId: `${key.indicatorCode}/${key.regionCode}/${key.year}-${String(key.month).padStart(2, '0')}`,
    before: before ? { ...merged, ...pickFigure(before) } : null,
    after: { ...merged, revision: row.revision },
  });
  return { row };
}

/**
 * Re-checks one series after a change: a cumulative figure below the one of the reporting
 * period before (a month, or a quarter for quarterly indicators) is flagged and awaits
 * confirmation; a figure no longer below it loses its flag. Returns the newly flagged.
 */
async function refreshSeriesFlags(
  tx: Tx,
  indicator: IndicatorRow,
  key: { districtCode: string; regionCode: string; year: number },
): Promise<{ month: number; warning: FigureWarning }[]> {
  if (indicator.frequency === 'annual' || indicator.kind === 'growth') return [];
  const step = indicator.frequency === 'quarterly' ? 3 : 1;
  const rows = await listSeriesRows(tx, { ...key, indicatorCode: indicator.code });
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const flagged: { month: number; warning: FigureWarning }[] = [];
  for (const row of rows) {
    const previous = byMonth.get(row.month - step)?.cumulative_value;
    const falls = row.cumulative_value !== null && previous != null && row.cumulative_value < previous;
    const flag = falls ? 'cumulative_decrease' : null;
    if (flag === row.flag) continue;
    await setActualFlag(tx, { ...key, indicatorCode: indicator.code, month: row.month }, flag, false);
    if (flag) {
      flagged.push({
        month: row.month,
        warning: {
          code: 'CUMULATIVE_DECREASE',
          message: `${indicator.name} ${key.year}年1–${row.month}月累计值低于1–${row.month - step}月,已保存并标记为待确认`,
        },
      });
    }
  }
  return flagged;
}

// A figure read back from a spreadsheet in 亿元 may differ from the stored 元 in the last
// binary digit; that is the same figure, not a revision.
function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function pickFigure(row: ActualRow) {
  return { cumulative_value: row.cumulative_value, yoy_rate: row.yoy_rate, prior_value: row.prior_value, source: row.source, revision: row.revision };
}

/** Reports (or revises) one figure. */
export async function reportActual(options: {
  db: Db;
  actor: Actor;
  input: ReportActualInput;
}): Promise<{ actual: ActualView; warnings: FigureWarning[] }> {
  const { db, actor, input } = options;
  assertCanEnterFigures(actor);
  const region = await resolveFigureRegion(db, actor, input.regionCode, 'regionCode');
  const indicator = await findIndicator(db, region.districtCode, input.indicatorCode);
  if (input.cumulative === undefined && input.yoy === undefined && input.prior === undefined && input.source === undefined) {
    throw new AppError('VALIDATION_FAILED', 'nothing to report', { field: 'cumulative', userMessage: '请至少填写累计值或同比增长率' });
  }
  const key: ActualKey = { districtCode: region.districtCode, indicatorCode: indicator.code, regionCode: region.code, year: input.year, month: input.month };
  const warnings = await db.transaction().execute(async (tx) => {
    const stored = await storeFigure(tx, actor, {
      indicator,
      key,
      cumulative: input.cumulative === undefined ? undefined : toIndicatorBase(indicator, input.cumulative, 'cumulative'),
      yoy: input.yoy,
      prior: input.prior === undefined ? undefined : toIndicatorBase(indicator, input.prior, 'prior'),
      source: input.source,
    });
    if (!stored) return [];
    return (await refreshSeriesFlags(tx, indicator, key)).map((f) => f.warning);
  });
  const stored = await findActualRow(db, key);
  return { actual: presentActual(indicator, stored) as ActualView, warnings };
}

/** Confirms a flagged figure (a cumulative value that fell, checked and found right). */
export async function confirmActual(options: { db: Db; actor: Actor; key: { indicatorCode: string; regionCode: string; year: number; month: number } }) {
  const { db, actor } = options;
  assertCanEnterFigures(actor);
  const region = await resolveFigureRegion(db, actor, options.key.regionCode, 'regionCode');
  const indicator = await findIndicator(db, region.districtCode, options.key.indicatorCode);
  const key: ActualKey = { ...options.key, districtCode: region.districtCode };
  await db.transaction().execute(async (tx) => {
    const before = await findActualRow(tx, key);
    if (!before) throw notFound('figure', `${key.indicatorCode}/${key.regionCode}/${key.year}-${key.month}`);
    await confirmActualRow(tx, key);
    await recordChange(tx, actor, {
      districtCode: key.districtCode,
      action: 'figure.confirmed',
      entityType: 'indicator_actual',
      entityId: `${key.indicatorCode}/${key.regionCode}/${key.year}-${String(key.month).padStart(2, '0')}`,
      before: { confirmed: before.confirmed, flag: before.flag },
      after: { confirmed: true, flag: before.flag },
    });
  });
  return { actual: presentActual(indicator, await findActualRow(db, key)) };
}

/** Every revision of one figure, newest first. */
export async function getActualHistory(options: { db: Db; actor: Actor; indicatorCode: string; regionCode: string; year: number; month: number }) {
  const { db, actor } = options;
  const region = await resolveFigureRegion(db, actor, options.regionCode);
  const indicator = await findIndicator(db, region.districtCode, options.indicatorCode, 'indicator');
  const rows = await listRevisionRows(db, {
    districtCode: region.districtCode,
    indicatorCode: indicator.code,
    regionCode: region.code,
    year: options.year,
    month: options.month,
  });
  return { revisions: rows.map((row) => presentRevision(indicator, row)) };
}

/** A cell an import reports on. */
export interface CellReport {
  row: number;
  column: string;
  cell: string;
  message: string;
}

/** One figure of a bulk import, already converted to base units and checked. */
export interface ImportedFigure {
  indicatorCode: string;
  regionCode: string;
  year: number;
  month: number;
  cumulative?: number;
  yoy?: number;
  prior?: number;
  source?: string;
  /** Where it came from, for warnings: e.g. `第5行 H列`. */
  origin: string;
  cell: string;
  row: number;
  column: string;
}

/**
 * Stores checked figures in one transaction, in order of month so that the monotony
 * check sees each series as it grows. Returns how many changed and any warnings.
 */
export async function storeImportedFigures(options: {
  db: Db;
  actor: Actor;
  districtCode: string;
  figures: ImportedFigure[];
}): Promise<{ accepted: number; unchanged: number; warnings: CellReport[]; rejected: CellReport[] }> {
  const { db, actor, districtCode } = options;
  assertCanEnterFigures(actor);
  const indicators = new Map((await indicatorsOf(db, districtCode)).map((i) => [i.code, i]));
  const sorted = [...options.figures].sort(
    (a, b) => a.indicatorCode.localeCompare(b.indicatorCode) || a.regionCode.localeCompare(b.regionCode) || a.year - b.year || a.month - b.month,
  );
  let accepted = 0;
  let unchanged = 0;
  const warnings: CellReport[] = [];
  const rejected: CellReport[] = [];
  await db.transaction().execute(async (tx) => {
    const touched = new Map<string, { indicator: IndicatorRow; regionCode: string; year: number; cells: Map<number, ImportedFigure> }>();
    for (const figure of sorted) {
      const indicator = indicators.get(figure.indicatorCode);
      if (!indicator) continue;
      let result;
      try {
        result = await storeFigure(tx, actor, {
          indicator,
          key: { districtCode, indicatorCode: figure.indicatorCode, regionCode: figure.regionCode, year: figure.year, month: figure.month },
          cumulative: figure.cumulative,
          yoy: figure.yoy,
          prior: figure.prior,
          source: figure.source,
        });
      } catch (error) {
        // A figure that cannot stand (e.g. a prior-year value with neither a cumulative
        // value nor a growth rate) is reported at its cell; the others still go in.
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        rejected.push({ row: figure.row, column: figure.column, cell: figure.cell, message: error.userMessage });
        continue;
      }
      if (!result) {
        unchanged += 1;
        continue;
      }
      accepted += 1;
      const seriesKey = `${figure.indicatorCode}/${figure.regionCode}/${figure.year}`;
      const series = touched.get(seriesKey) ?? { indicator, regionCode: figure.regionCode, year: figure.year, cells: new Map() };
      series.cells.set(figure.month, figure);
      touched.set(seriesKey, series);
    }
    // Flags are judged on each series as the import leaves it, not month by month.
    for (const series of touched.values()) {
      for (const { month, warning } of await refreshSeriesFlags(tx, series.indicator, { districtCode, regionCode: series.regionCode, year: series.year })) {
        const cell = series.cells.get(month);
        warnings.push({ row: cell?.row ?? 0, column: cell?.column ?? '', cell: cell?.cell ?? '', message: warning.message });
      }
    }
  });
  return { accepted, unchanged, warnings, rejected };
}

/** Targets and figures loaded in bulk (the demo district): base units, rates as fractions. */
export interface BulkFigures {
  targets: { indicatorCode: string; regionCode: string; year: number; level: number | null; growth: number | null; qualifier: string | null }[];
  figures: { indicatorCode: string; regionCode: string; year: number; month: number; cumulative: number | null; yoy: number | null; prior: number | null }[];
  source: string;
}

/**
 * Loads targets and figures in bulk, skipping any already stored (so it can run again),
 * with one audit row per stored target and figure. For seeding, not for people's entries:
 * it skips the monotony check because generated series are monotone by construction.
 */
export async function loadFiguresInBulk(options: { db: Db; actor: Actor; districtCode: string; data: BulkFigures }) {
  const { db, actor, districtCode, data } = options;
  assertCanManageCatalogue(actor);
  const reportedAt = new Date();
  return db.transaction().execute(async (tx) => {
    const targets = await insertMissingTargetRows(
      tx,
      data.targets.map((t) => ({
        district_code: districtCode,
        indicator_code: t.indicatorCode,
        region_code: t.regionCode,
        year: t.year,
        level_value: t.level,
        growth_rate: t.growth,
        qualifier: t.qualifier,
        note: null,
      })),
    );
    const inserted = await insertMissingActualRows(
      tx,
      data.figures.map((f) => ({
        district_code: districtCode,
        indicator_code: f.indicatorCode,
        region_code: f.regionCode,
        year: f.year,
        month: f.month,
        cumulative_value: f.cumulative,
        yoy_rate: f.yoy,
        prior_value: f.prior,
        source: data.source,
        flag: null,
        confirmed: false,
        revision: 1,
        reported_at: reportedAt,
        reported_by: actor.label,
      })),
    );
    await recordChanges(tx, actor, [
      ...targets.map((row) => ({
        districtCode,
        action: 'target.created',
        entityType: 'indicator_target',
        entityId: `${row.indicator_code}/${row.region_code}/${row.year}`,
        before: null,
        after: row,
      })),
      ...inserted.map((row) => ({
        districtCode,
        action: 'figure.reported',
        entityType: 'indicator_actual',
        entityId: `${row.indicator_code}/${row.region_code}/${row.year}-${String(row.month).padStart(2, '0')}`,
        before: null,
        after: pickFigure(row),
      })),
    ]);
    return { targets: targets.length, figures: inserted.length };
  });
}

/** Everything an export of one year needs. */
export async function loadYearForExport(options: { db: Db; actor: Actor; year: number; districtCode?: string }) {
  const { db, actor, year } = options;
  const districtCode = await districtOf(db, actor, options.districtCode);
  const { district, towns } = await listDistrictAndTowns({ db, districtCode });
  const regions = [...(district ? [{ ...district, path: `/${district.code}/` }] : []), ...towns].filter((r) => isInScope(actor, r.path));
  const [indicators, actuals] = await Promise.all([
    indicatorsOf(db, districtCode),
    listActualRows(db, { districtCode, years: [year], regionCodes: regions.map((r) => r.code) }),
  ]);
  return { districtCode, regions, indicators, actuals };
}

/** The regions and catalogue an import of the actor's district is checked against. */
export async function loadImportContext(options: { db: Db; actor: Actor; districtCode?: string }) {
  const { db, actor } = options;
  const districtCode = await districtOf(db, actor, options.districtCode);
  const { district, towns } = await listDistrictAndTowns({ db, districtCode });
  const regions = [...(district ? [{ ...district, path: `/${district.code}/` }] : []), ...towns];
  return {
    districtCode,
    indicators: await indicatorsOf(db, districtCode),
    regions: regions.map((r) => ({ code: r.code, name: r.name, inScope: isInScope(actor, r.path) })),
  };
}

function formatPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}
