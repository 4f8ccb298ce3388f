/**
 * Table types of the livelihood domain; they mirror its migration. `DB` in schema.ts extends this.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb columns are written as JSON text and read back as parsed values. */
type Json<T> = ColumnType<T, string, string>;

/** The livelihood tables by name. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LivelihoodTables {}

export type { Generated, Json, Timestamp };
