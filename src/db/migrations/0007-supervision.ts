/**
 * supervision: tables of the supervision domain (owned by src/domains/supervision/). Filled in by that domain.
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Tables are created here.
}
