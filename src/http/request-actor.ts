/**
 * The authenticated actor of a request, as set by the authentication hook.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'shuzhi_session';

/** The acting user of an authenticated request. */
export function actorFrom(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'no actor on an authenticated route');
  return request.actor;
}
