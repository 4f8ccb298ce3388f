/**
 * The cockpit (驾驶舱) over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '@/server/context.js';

/** Registers the cockpit routes. */
export async function registerCockpitRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {
  // Routes are added here.
  await Promise.resolve();
}
