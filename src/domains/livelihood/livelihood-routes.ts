/**
 * The livelihood domain over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '@/server/context.js';

/** Registers the livelihood routes. */
export async function registerLivelihoodRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {
  // Routes are added here.
}
