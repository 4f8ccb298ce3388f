/**
 * livelihood: tables of the livelihood domain (owned by src/domains/livelihood/). Filled in by that domain.
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Tables are created here.
}
