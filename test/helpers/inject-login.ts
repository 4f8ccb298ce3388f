/**
 * Logs a test account in through the real app (`POST /api/auth/login` by inject) and returns
 * the session cookie to send with later requests. Fails the test when the login is refused.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** The `cookie` header value of a fresh session of `account`. */
export async function sessionCookie(app: FastifyInstance, account: { username: string; password: string }): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password: account.password } });
  expect(response.statusCode).toBe(200);
  return `shuzhi_session=${response.cookies.find((c) => c.name === 'shuzhi_session')?.value}`;
}
