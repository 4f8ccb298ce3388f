/**
 * The demo's key projects, livelihood cycle and supervision items, in the order they
 * depend on each other (supervision items point at projects and cases).
 */
import type { Db } from '@/db/database.js';
import { seedDemoLivelihood } from './demo-livelihood.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedDemoSupervision } from './demo-supervision.js';

/** Seeds each part that has no data yet; returns how many records were made in all. */
export async function seedDemoGovernance(options: { db: Db; districtCode: string; now?: Date }): Promise<number> {
  const projects = await seedDemoProjects(options);
  const livelihood = await seedDemoLivelihood(options);
  const supervision = await seedDemoSupervision(options);
  return projects + livelihood + supervision;
}
