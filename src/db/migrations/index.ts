/**
 * The ordered list of migrations. Listing them in code (rather than reading a folder)
 * keeps them working the same from sources, from the build and inside tests.
 */
import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.js';
import * as indicators from './0002-indicators.js';
import * as calendar from './0003-calendar.js';
import * as cases from './0004-cases.js';
import * as projects from './0005-projects.js';
import * as livelihood from './0006-livelihood.js';
import * as supervision from './0007-supervision.js';
import * as reports from './0008-reports.js';
import * as rateCounters from './0009-rate-counters.js';
import * as caseNearbyIndex from './0010-case-nearby-index.js';

/** Every migration by name, in the order they apply. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-indicators': indicators,
  '0003-calendar': calendar,
  '0004-cases': cases,
  '0005-projects': projects,
  '0006-livelihood': livelihood,
  '0007-supervision': supervision,
  '0008-reports': reports,
  '0009-rate-counters': rateCounters,
  '0010-case-nearby-index': caseNearbyIndex,
};
