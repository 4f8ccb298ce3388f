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
