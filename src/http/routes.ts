/**
 * Every domain's routes, registered in one place.
 */
import type { FastifyInstance } from 'fastify';
import { registerAuditRoutes } from '@/domains/audit/audit-routes.js';
import { registerAuthRoutes } from '@/domains/auth/auth-routes.js';
import { registerCaseRoutes } from '@/domains/cases/cases-routes.js';
import { registerCalendarRoutes } from '@/domains/calendar/calendar-routes.js';
import { registerDepartmentRoutes } from '@/domains/departments/departments-routes.js';
import { registerLivelihoodRoutes } from '@/domains/livelihood/livelihood-routes.js';
import { registerCockpitRoutes } from '@/domains/cockpit/cockpit-routes.js';
import { registerReportRoutes } from '@/domains/reports/reports-routes.js';
import { registerProjectRoutes } from '@/domains/projects/projects-routes.js';
import { registerSupervisionRoutes } from '@/domains/supervision/supervision-routes.js';
import { registerIndicatorRoutes } from '@/domains/indicators/indicators-routes.js';
import { registerOpen311Routes } from '@/domains/open311/open311-routes.js';
import { registerRegionRoutes } from '@/domains/regions/regions-routes.js';
import { registerSystemRoutes } from '@/domains/system/system-routes.js';
import { registerUserRoutes } from '@/domains/users/users-routes.js';
import type { AppContext } from '@/server/context.js';

/** Content types taken as raw bytes (imports and attachments). */
export const RAW_BODY_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'application/octet-stream',
];

/** Registers the routes of every domain on `app`. */
export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Spreadsheets, photos and documents arrive as raw bodies; the services read them.
  app.addContentTypeParser(RAW_BODY_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await registerSystemRoutes(app, ctx);
  await registerAuthRoutes(app, ctx);
  await registerRegionRoutes(app, ctx);
  await registerDepartmentRoutes(app, ctx);
  await registerUserRoutes(app, ctx);
  await registerIndicatorRoutes(app, ctx);
  await registerCalendarRoutes(app, ctx);
  await registerCaseRoutes(app, ctx);
  await registerProjectRoutes(app, ctx);
  await registerLivelihoodRoutes(app, ctx);
  await registerSupervisionRoutes(app, ctx);
  await registerReportRoutes(app, ctx);
  await registerCockpitRoutes(app, ctx);
  await registerAuditRoutes(app, ctx);
  await registerOpen311Routes(app, ctx);
}
