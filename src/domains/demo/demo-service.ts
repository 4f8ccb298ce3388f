/**
 * Seeds the demo district: regions and grids, departments and an account for every role.
 * Idempotent: a second run changes nothing (and creates no second account). Demo accounts
 * get generated passwords, never a fixed one, so a demo cannot leak into a real deployment
 * with a known password.
 */
import type { Db } from '@/db/database.js';
import { newPassword } from '@/domains/auth/secrets.js';
import { saveDepartments } from '@/domains/departments/departments-service.js';
import { importRegions, type ImportSummary } from '@/domains/regions/regions-service.js';
import { createUser, listUsers, updateUser } from '@/domains/users/users-service.js';
import type { Actor } from '@/shared/actor.js';
import { ensureDefaultCalendar } from '@/domains/calendar/calendar-service.js';
import { DEFAULT_CATALOGUE } from '@/domains/indicators/default-catalogue.js';
import { ensureDefaultCatalogue, loadFiguresInBulk } from '@/domains/indicators/indicators-service.js';
import { generateDemoFigures } from './demo-figures.js';
import { generateDemoDistrict, type DemoOptions } from './demo-generator.js';

/** The years of demo figures, and the last month reported in the last one. */
export const DEMO_FIGURE_YEARS = [2024, 2025, 2026];
export const DEMO_LAST_MONTH = 10;

/** A demo account and, when it was just created or reset, its password. */
export interface DemoLogin {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  password: string | null;
}

/** What seeding did. */
export interface DemoSeedResult {
  districtCode: string;
  regions: ImportSummary;
  departmentsChanged: number;
  usersCreated: number;
  logins: DemoLogin[];
}

/** Seeds (or re-seeds) the demo district. */
export async function seedDemo(options: {
  db: Db;
  actor: Actor;
  demo?: DemoOptions;
  /** Give existing demo accounts new passwords (and report them). */
  resetPasswords?: boolean;
  onProgress?: (message: string) => void;
}): Promise<DemoSeedResult> {
  const { db, actor } = options;
  const district = generateDemoDistrict(options.demo);
  options.onProgress?.(`生成演示区县:${district.features.length} 个区域`);
  const regions = await importRegions({
    db,
    actor,
    collection: {
      type: 'FeatureCollection',
      features: district.features.map((f) => ({
        type: 'Feature',
        properties: { code: f.code, name: f.name, level: f.level, parent_code: f.parentCode ?? null },
        geometry: f.geometry ?? null,
      })),
    },
  });
  options.onProgress?.(`区域:新增 ${regions.created},更新 ${regions.updated},未变 ${regions.unchanged}`);
  const departmentsChanged = await saveDepartments({
    db,
    actor,
    departments: district.departments.map((d) => ({ ...d, districtCode: district.districtCode })),
  });
  const existing = new Map((await listUsers({ db, actor })).map((u) => [u.username, u]));
  const logins: DemoLogin[] = [];
  let usersCreated = 0;
  for (const user of district.users) {
    const found = existing.get(user.username);
    if (found && !options.resetPasswords) {
      logins.push({ ...user, password: null });
      continue;
    }
    const password = newPassword();
    if (found) {
      await updateUser({ db, actor, id: found.id, input: { version: found.version, password } });
    } else {
      await createUser({ db, actor, input: { ...user, password } });
      usersCreated += 1;
    }
    logins.push({ ...user, password });
  }
  await ensureDefaultCalendar({ db, actor, districtCode: district.districtCode });
  // Targets and three years of monthly figures, so the indicator pages are alive.
  await ensureDefaultCatalogue({ db, actor, districtCode: district.districtCode });
  const weights = new Map<string, number>();
  for (const f of district.features) {
    if (f.level === 'microgrid') weights.set(f.code.slice(0, 9), (weights.get(f.code.slice(0, 9)) ?? 0) + 1);
  }
  const generated = generateDemoFigures({
    districtCode: district.districtCode,
    towns: [...weights].map(([code, weight]) => ({ code, weight })),
    catalogue: DEFAULT_CATALOGUE,
    years: DEMO_FIGURE_YEARS,
    lastMonth: DEMO_LAST_MONTH,
  });
  const figures = await loadFiguresInBulk({
    db,
    actor,
    districtCode: district.districtCode,
    data: { ...generated, source: '演示数据' },
  });
  options.onProgress?.(`指标:新增目标 ${figures.targets} 项,月度数据 ${figures.figures} 条`);
  return { districtCode: district.districtCode, regions, departmentsChanged, usersCreated, logins };
}
