/**
 * The likely-duplicate lookup (same class, about 50 m, the 24 h before a case) read every case
 * of the class in the window from the table to test its position. With the position in the
 * index, the scan tests it there and visits the table only for the cases that are near: in a
 * busy class that is a handful of rows instead of hundreds, on every intake.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index cases_nearby_idx`.execute(db);
  await sql`create index cases_nearby_idx on cases (district_code, category_code, received_at, lon, lat)`.execute(db);
}
