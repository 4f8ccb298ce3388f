/**
 * Every domain's routes, registered in one place.
 */
import type { FastifyInstance } from 'fastify';
import { registerAuditRoutes } from '@/domains/audit/audit-routes.js';
import { registerAuthRoutes } from '@/domains/auth/auth-routes.js';
import { registerCalendarRoutes } from '@/domains/calendar/calendar-routes.js';
import { registerDepartmentRoutes } from '@/domains/departments/departments-routes.js';
import { registerIndicatorRoutes } from '@/domains/indicators/indicators-routes.js';
import { registerRegionRoutes } from '@/domains/regions/regions-routes.js';
import { registerSystemRoutes } from '@/domains/system/system-routes.js';
import { registerUserRoutes } from '@/domains/users/users-routes.js';
import type { AppContext } from '@/server/context.js';

/** Registers the routes of every domain on `app`. */
export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerSystemRoutes(app, ctx);
  await registerAuthRoutes(app, ctx);
  await registerRegionRoutes(app, ctx);
  await registerDepartmentRoutes(app, ctx);
  await registerUserRoutes(app, ctx);
  await registerIndicatorRoutes(app, ctx);
  await registerCalendarRoutes(app, ctx);
  await registerAuditRoutes(app, ctx);
}
