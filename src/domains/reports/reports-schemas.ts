/**
 * Request schemas of the reports domain.
 */
import { z } from 'zod';
import { SCORECARD_FORMATS } from './scorecard-render.js';

/** GET /api/reports/scorecard: which region, which period, which format. */
export const scorecardQuerySchema = z.strictObject({
  region: z.string().regex(/^\d{6,15}$/, '区域编码应为 6–15 位数字'),
  period: z.string().regex(/^\d{4}(-(H[12]|Q[1-4]|0?[1-9]|1[0-2]))?$/i, '期间应为 2023-H1、2023-Q3、2023-10 或 2023'),
  format: z.enum(SCORECARD_FORMATS).default('html'),
});

/** The query of a scorecard request. */
export type ScorecardQuery = z.infer<typeof scorecardQuerySchema>;

/** The longest report text taken (characters): far beyond any work report, well below memory limits. */
export const MAX_REPORT_CHARS = 2_000_000;

const reportText = z.string().min(1, '报告正文为空').max(MAX_REPORT_CHARS, '报告正文过长');
const year = z.number().int().min(1990).max(2100);
const month = z.number().int().min(1).max(12);

/** POST /api/reports/proposals: the text read from a report, for a region and period. */
export const proposalsBodySchema = z.strictObject({
  text: reportText,
  regionCode: z.string().regex(/^\d{6,15}$/, '区域编码应为 6–15 位数字'),
  year,
  month,
});

/** One accepted record: what the person kept or edited of a proposal. */
export const acceptedRecordSchema = z.strictObject({
  span: z.tuple([z.number().int().min(0), z.number().int().min(1)]),
  indicatorCode: z.string().min(1).max(32),
  field: z.enum(['actual_cumulative', 'actual_yoy', 'target_level', 'target_growth']),
  year,
  month: month.nullable(),
  /** In the indicator's base unit; rates as fractions. */
  value: z.number().finite('须为有限数值').min(-1e15).max(1e15),
});

/** POST /api/reports/imports: the report and the records accepted from it. */
export const importReportSchema = z.strictObject({
  regionCode: z.string().regex(/^\d{6,15}$/, '区域编码应为 6–15 位数字'),
  title: z.string().trim().min(1, '请填写报告标题').max(200),
  fileName: z.string().max(255).nullable().optional(),
  year,
  month,
  text: reportText,
  mentions: z.number().int().min(0),
  records: z.array(acceptedRecordSchema).max(5000),
});

/** Input of a report import. */
export type ImportReportInput = z.infer<typeof importReportSchema>;
