/**
 * Shapes indicators, targets and figures for responses: values stay in base units and
 * rates as fractions, each with a text in the indicator's display unit.
 */
import type { StatusFigures } from './indicator-status.js';
import type { ActualRow, IndicatorRow, RevisionRow, TargetRow } from './indicators-repository.js';
import { formatQuantity } from './quantities.js';

/** A catalogue entry as shown. */
export interface IndicatorView {
  code: string;
  name: string;
  dimension: string;
  baseUnit: string;
  displayUnit: string;
  kind: IndicatorRow['kind'];
  priceBasis: IndicatorRow['price_basis'];
  frequency: IndicatorRow['frequency'];
  direction: IndicatorRow['direction'];
  ownerDepartmentCode: string | null;
  regionCodes: string[];
  version: number;
}

/** Presents a catalogue entry. */
export function presentIndicator(row: IndicatorRow): IndicatorView {
  return {
    code: row.code,
    name: row.name,
    dimension: row.dimension,
    baseUnit: row.base_unit,
    displayUnit: row.display_unit,
    kind: row.kind,
    priceBasis: row.price_basis,
    frequency: row.frequency,
    direction: row.direction,
    ownerDepartmentCode: row.owner_department_code,
    regionCodes: row.region_codes,
    version: row.version,
  };
}

/** A value in the indicator's display unit, or null. */
export function valueText(indicator: IndicatorRow, value: number | null): string | null {
  return value === null ? null : formatQuantity(value, indicator.display_unit);
}

/** A target as shown. */
export interface TargetView {
  level: number | null;
  levelText: string | null;
  growth: number | null;
  qualifier: string | null;
  note: string | null;
  version: number;
}

/** Presents a target. */
export function presentTarget(indicator: IndicatorRow, row: TargetRow | undefined): TargetView | null {
  if (!row) return null;
  return {
    level: row.level_value,
    levelText: valueText(indicator, row.level_value),
    growth: row.growth_rate,
    qualifier: row.qualifier,
    note: row.note,
    version: row.version,
  };
}

/** An actual as shown. */
export interface ActualView {
  cumulative: number | null;
  cumulativeText: string | null;
  yoy: number | null;
  prior: number | null;
  priorText: string | null;
  flagged: boolean;
  confirmed: boolean;
  source: string | null;
  revision: number;
  reportedAt: string;
}

/** Presents an actual. */
export function presentActual(indicator: IndicatorRow, row: ActualRow | undefined): ActualView | null {
  if (!row) return null;
  return {
    cumulative: row.cumulative_value,
    cumulativeText: valueText(indicator, row.cumulative_value),
    yoy: row.yoy_rate,
    prior: row.prior_value,
    priorText: valueText(indicator, row.prior_value),
    flagged: row.flag !== null && !row.confirmed,
    confirmed: row.confirmed,
    source: row.source,
    revision: row.revision,
    reportedAt: new Date(row.reported_at).toISOString(),
  };
}

/** Presents one revision. */
export function presentRevision(indicator: IndicatorRow, row: RevisionRow) {
  return {
    revision: row.revision,
    cumulative: row.cumulative_value,
    cumulativeText: valueText(indicator, row.cumulative_value),
    yoy: row.yoy_rate,
    prior: row.prior_value,
    source: row.source,
    reportedAt: new Date(row.reported_at).toISOString(),
    reportedBy: row.reported_by,
  };
}

/** The cells a chart point or a ranking row shows for one figure and its rating. */
export function presentFigureCells(indicator: IndicatorRow, actual: ActualRow | undefined, figures: StatusFigures) {
  return {
    cumulative: actual?.cumulative_value ?? null,
    cumulativeText: valueText(indicator, actual?.cumulative_value ?? null),
    yoy: actual?.yoy_rate ?? null,
    completion: figures.completion,
    aheadPp: figures.aheadPp,
    colour: actual ? figures.colour : null,
  };
}
