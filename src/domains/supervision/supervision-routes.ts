/**
 * The supervision domain over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '@/server/context.js';

/** Registers the supervision routes. */
export async function registerSupervisionRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {
  // Routes are added here.
}
