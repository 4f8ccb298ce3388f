/**
 * The projects domain over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '@/server/context.js';

/** Registers the projects routes. */
export async function registerProjectRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {
  // Routes are added here.
}
