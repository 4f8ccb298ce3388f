/**
 * Plausible monthly figures for the demo district: three years of targets and reported
 * cumulative values, growth rates and prior-year values for every town and the district,
 * so the indicator pages and charts are alive at first start. Deterministic (seeded) and
 * pure. Towns differ in size and pace: most keep up with time progress, some lag enough
 * to land on the yellow and red lists, as in the seed reports.
 */
import type { CatalogueEntry } from '@/domains/indicators/default-catalogue.js';
import { mulberry32 } from '@/shared/seeded-random.js';

/** A town of the demo and its weight (its number of micro-grids). */
export interface DemoTown {
  code: string;
  weight: number;
}

/** A generated target. */
export interface DemoTarget {
  indicatorCode: string;
  regionCode: string;
  year: number;
  level: number | null;
  growth: number | null;
  qualifier: '以上' | '以内' | null;
}

/** A generated figure (base units; rates as fractions). */
export interface DemoFigure {
  indicatorCode: string;
  regionCode: string;
  year: number;
  month: number;
  cumulative: number | null;
  yoy: number | null;
  prior: number | null;
}

/** Options of {@link generateDemoFigures}. */
export interface DemoFigureOptions {
  districtCode: string;
  towns: DemoTown[];
  catalogue: readonly CatalogueEntry[];
  /** Years to report, oldest first; the year before the first is the base. */
  years: number[];
  /** The last month reported in the last year. */
  lastMonth: number;
  seed?: number;
}

// District annual levels in 元 for the base year, shaped on seed 003 (萧山区 2020–2021).
const DISTRICT_BASE: Record<string, number> = {
  GDP: 2_000e8,
  GYZJZ: 720e8,
  GYCZ: 3_800e8,
  GYXSCZ: 3_700e8,
  GXJSCY: 460e8,
  SZJJ: 240e8,
  GDZCTZ: 900e8,
  GYTZ: 210e8,
  MJTZ: 520e8,
  JSJTZ: 95e8,
  CZZSR: 560e8,
  YBGGYSSR: 330e8,
  SHXFPLSZE: 880e8,
  JCKZE: 1_350e8,
  CKE: 1_050e8,
  SJLYWZ: 52e8,
  FWYZJZ: 1_000e8,
  NCJMSR: 48_000,
  XZSCZT: 32_000,
};

// Target growth by indicator (seed 003/004: 工业投资 16%, GDP 7% …).
const TARGET_GROWTH: Record<string, number> = {
  GDP: 0.07,
  GYZJZ: 0.08,
  GYTZ: 0.16,
  GDZCTZ: 0.09,
  JCKZE: 0.06,
  CKE: 0.06,
  SJLYWZ: 0.05,
  NCJMSR: 0.08,
  XZSCZT: 0.1,
  DWGDPNH: -0.03,
};

// Share of the year's total reached by the end of each month (Spring Festival slows
// January and February; the year ends strong).
// By the end of June an on-pace town has half of its year: the 双过半 line.
const MONTHLY_WEIGHTS = [0.07, 0.06, 0.085, 0.085, 0.09, 0.11, 0.08, 0.08, 0.085, 0.085, 0.08, 0.09];
const CUMULATIVE_SHARE = MONTHLY_WEIGHTS.map((_, i) => MONTHLY_WEIGHTS.slice(0, i + 1).reduce((a, b) => a + b, 0));


/** Rounds 元 to whole 万元 (as statisticians report money), other units to whole units. */
function roundLevel(entry: CatalogueEntry, value: number): number {
  return entry.baseUnit === '元' && value > 1e6 ? Math.round(value / 1e4) * 1e4 : Math.round(value);
}

function monthsOf(entry: CatalogueEntry, upTo: number): number[] {
  const all = Array.from({ length: upTo }, (_, i) => i + 1);
  if (entry.frequency === 'quarterly') return all.filter((m) => m % 3 === 0);
  if (entry.frequency === 'annual') return all.filter((m) => m === 12);
  return all;
}

/** Generates the targets and figures of the demo district. */
export function generateDemoFigures(options: DemoFigureOptions): { targets: DemoTarget[]; figures: DemoFigure[] } {
  const random = mulberry32(options.seed ?? 20_210_531);
  const totalWeight = options.towns.reduce((a, t) => a + t.weight, 0);
  const targets: DemoTarget[] = [];
  const figures: DemoFigure[] = [];
  const lastYear = options.years[options.years.length - 1] as number;

  for (const entry of options.catalogue) {
    if (entry.kind === 'growth') {
      generateRateIndicator(entry, options, random, targets, figures);
      continue;
    }
    const base = DISTRICT_BASE[entry.code] ?? 100e8;
    const targetGrowth = TARGET_GROWTH[entry.code] ?? 0.07;
    // Per town: its share of the district (size with noise) and its pace relative to plan.
    const towns = options.towns.map((town) => {
      const share = (town.weight / totalWeight) * (0.7 + 0.6 * random());
      const roll = random();
      // Most towns keep up; about one in six lags badly, one in five somewhat.
      const pace = roll < 0.12 ? 0.55 + 0.15 * random() : roll < 0.3 ? 0.8 + 0.08 * random() : 1.0 + 0.1 * random();
      return { town, share, pace };
    });
    const shareSum = towns.reduce((a, t) => a + t.share, 0);
    // Annual totals per town and year, starting from the base year before the first.
    const annual = new Map<string, number>();
    for (const { town, share } of towns) annual.set(`${town.code}/${options.years[0]! - 1}`, (base * share) / shareSum);
    for (const year of options.years) {
      for (const { town, pace } of towns) {
        const previous = annual.get(`${town.code}/${year - 1}`) as number;
        // On-pace towns grow at or a little above target; lagging ones well below it.
        const growth = pace < 0.9 ? targetGrowth * (0.2 + 0.5 * random()) : targetGrowth * (1.0 + 0.5 * random()) + 0.02 * random();
        annual.set(`${town.code}/${year}`, previous * (1 + growth));
      }
    }
    const cumulative = (code: string, year: number, month: number, pace: number) => {
      const share = CUMULATIVE_SHARE[month - 1] as number;
      // A lagging town is behind during the year and catches up only partly by December.
      // December never falls below November, whatever the pace.
      const lag = month === 12 ? Math.max(pace, Math.min(1, pace + 0.1)) : pace;
      return roundLevel(entry, (annual.get(`${code}/${year}`) as number) * share * Math.min(1.15, lag));
    };
    for (const year of options.years) {
      const lastMonth = year === lastYear ? options.lastMonth : 12;
      let districtTarget = 0;
      for (const { town } of towns) {
        const previousAnnual = annual.get(`${town.code}/${year - 1}`) as number;
        const level = roundLevel(entry, previousAnnual * (1 + targetGrowth));
        districtTarget += level;
        targets.push({ indicatorCode: entry.code, regionCode: town.code, year, level, growth: targetGrowth, qualifier: '以上' });
      }
      targets.push({ indicatorCode: entry.code, regionCode: options.districtCode, year, level: districtTarget, growth: targetGrowth, qualifier: '以上' });
      for (const month of monthsOf(entry, lastMonth)) {
        let districtNow = 0;
        let districtPrior = 0;
        for (const { town, pace } of towns) {
          const now = cumulative(town.code, year, month, pace);
          // The prior-year figure is what the town reported a year before.
          const prior = cumulative(town.code, year - 1, month, pace);
          districtNow += now;
          districtPrior += prior;
          figures.push({ indicatorCode: entry.code, regionCode: town.code, year, month, cumulative: now, yoy: realGrowth(entry, now, prior), prior });
        }
        figures.push({
          indicatorCode: entry.code,
          regionCode: options.districtCode,
          year,
          month,
          cumulative: districtNow,
          yoy: realGrowth(entry, districtNow, districtPrior),
          prior: districtPrior,
        });
      }
    }
  }
  return { targets, figures };
}

// Growth at comparable prices is nominal growth less price rises (about 2% a year here);
// it is what the reports print for GDP and industrial value added.
function realGrowth(entry: CatalogueEntry, now: number, prior: number): number {
  const nominal = now / prior - 1;
  const rate = entry.priceBasis === 'comparable' ? (1 + nominal) / 1.02 - 1 : nominal;
  return Math.round(rate * 1000) / 1000;
}

function generateRateIndicator(
  entry: CatalogueEntry,
  options: DemoFigureOptions,
  random: () => number,
  targets: DemoTarget[],
  figures: DemoFigure[],
): void {
  const target = TARGET_GROWTH[entry.code] ?? -0.03;
  const lastYear = options.years[options.years.length - 1] as number;
  for (const year of options.years) {
    for (const region of [options.districtCode, ...options.towns.map((t) => t.code)]) {
      targets.push({ indicatorCode: entry.code, regionCode: region, year, level: null, growth: target, qualifier: '以内' });
      if (year === lastYear && options.lastMonth < 12) continue;
      const yoy = Math.round((target + (random() - 0.6) * 0.03) * 1000) / 1000;
      figures.push({ indicatorCode: entry.code, regionCode: region, year, month: 12, cumulative: null, yoy, prior: null });
    }
  }
}
