/**
 * Random bearer secrets (session ids, API tokens). Only their SHA-256 is stored, so a
 * copy of the database does not let anyone log in.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new random secret with a readable prefix (`szs_…` session, `szt_…` token). */
export function newSecret(prefix: 'szs' | 'szt'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A password that meets the rules, for generated accounts. */
export function newPassword(): string {
  const raw = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `${raw.slice(0, 8)}-${raw.slice(8, 12)}9a`;
}
