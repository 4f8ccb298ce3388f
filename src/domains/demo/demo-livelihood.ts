/**
 * Demo data of the livelihood domain, seeded at first start so its pages are alive.
 */
import type { Db } from '@/db/database.js';

/** Seeds the demo livelihood data of a district (skipped when it has some already). Returns how many records it made. */
export async function seedDemoLivelihood(_options: { db: Db; districtCode: string; now?: Date }): Promise<number> {
  return 0;
}
