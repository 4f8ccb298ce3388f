/**
 * Demo cases: a few hundred cases over the last weeks, taken through the real workflow by the
 * demo accounts (intake, register, dispatch, sign, handle, check, close, call-back, with
 * returns, rework, parking and extensions), so the workbenches, case pages and metrics are
 * alive at `npm start`. Deterministic for a seed and a start time.
 */
import type { Db } from '@/db/database.js';
import { actOnCase, hasCases, intakeCase, sweepOverdueCases, type CaseContextCache } from '@/domains/cases/cases-service.js';
import { getCatalogue } from '@/domains/cases/case-catalogue-service.js';
import { listRegionBounds, locatePoint, resolveRegion } from '@/domains/regions/regions-service.js';
import { listUsers } from '@/domains/users/users-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import type { CaseAction, CaseChannel, CaseNature, Satisfaction } from '@/shared/case-vocabulary.js';
import { isAppError } from '@/shared/errors.js';
import { mulberry32 } from '@/shared/seeded-random.js';


const CHANNELS: CaseChannel[] = ['hotline', 'hotline', 'hotline', 'city_management', 'city_management', 'grid_patrol', 'grid_patrol', 'police_linkage', 'citizen', 'enterprise'];
const NATURES: CaseNature[] = ['complaint', 'complaint', 'help', 'suggestion', 'report', 'enquiry'];
const PLACES = ['路口', '小区门口', '菜市场旁', '学校附近', '公交站台', '河道边', '工地外', '商铺前', '村委会旁', '公园东侧'];

/** Seeds `count` demo cases (skipped when the district already has cases). Returns how many were made. */
export async function seedDemoCases(options: {
  db: Db;
  cache: CaseContextCache;
  districtCode: string;
  count: number;
  now?: Date;
  seed?: number;
}): Promise<number> {
  const { db, cache, districtCode } = options;
  const system = systemActor('system:demo-cases');
  if (options.count <= 0) return 0;
  const microgrids = await listRegionBounds({ db, pathPrefix: `/${districtCode}/`, level: 'microgrid' });
  if (microgrids.length === 0) return 0;
  if (await hasCases({ db, districtCode })) return 0;
  const random = mulberry32(options.seed ?? 20240210);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = options.now ?? new Date();
  const users = await listUsers({ db, actor: system });
  const actorOf = async (username: string): Promise<Actor> => {
    const user = users.find((u) => u.username === username);
    if (!user) return system;
    const region = await resolveRegion({ db, actor: system, code: user.regionCode });
    return { userId: user.id, label: `user:${user.username}`, role: user.role, districtCode, regionCode: user.regionCode, regionPath: region.path, departmentCode: user.departmentCode };
  };
  const operator = await actorOf('operator');
  const dispatcher = await actorOf('dispatcher');
  const handlers = new Map<string, Actor>();
  for (const u of users.filter((x) => x.role === 'department_handler' && x.departmentCode)) handlers.set(u.departmentCode as string, await actorOf(u.username));
  const gridWorkers = await Promise.all(users.filter((u) => u.role === 'grid_worker').map((u) => actorOf(u.username)));
  const { categories } = await getCatalogue({ db, districtCode });
  const minors = categories.filter((c) => c.minorCode && c.active && c.departmentCode && handlers.has(c.departmentCode));
  if (minors.length === 0 || microgrids.length === 0) return 0;

  let made = 0;
  for (let i = 0; i < options.count; i += 1) {
    const category = pick(minors);
    const micro = pick(microgrids);
    let point: { lon: number; lat: number } | null = null;
    for (let tries = 0; tries < 20 && !point; tries += 1) {
      const lon = micro.minLon + random() * (micro.maxLon - micro.minLon);
      const lat = micro.minLat + random() * (micro.maxLat - micro.minLat);
      if ((await locatePoint({ cache: cache.locator, actor: system, lon, lat })).found) point = { lon, lat };
    }
    const channel = pick(CHANNELS);
    // A grid worker reports only from their own grid; elsewhere a patrol report comes through the operator.
    const reporter = (channel === 'grid_patrol' && gridWorkers.find((w) => micro.path.startsWith(w.regionPath))) || operator;
    // Received 0–40 days ago; recent cases have had less time to move on.
    const ageHours = Math.floor(random() * 40 * 24) + 1;
    let at = new Date(now.getTime() - ageHours * 3600_000);
    const advance = (maxHours: number) => {
      at = new Date(Math.min(now.getTime() - 60_000, at.getTime() + (0.2 + random() * maxHours) * 3600_000));
      return at;
    };
    const place = `${micro.name}${pick(PLACES)}`;
    const { case: created } = await intakeCase({
      db,
      cache,
      actor: reporter,
      now: at,
      input: {
        channel,
        description: `${place}发现${category.name}问题,请尽快处理。`,
        nature: channel === 'hotline' ? pick(NATURES) : null,
        categoryCode: category.code,
        urgency: random() < 0.1 ? 'urgent' : 'normal',
        lon: point?.lon ?? null,
        lat: point?.lat ?? null,
        townCode: point ? null : micro.path.split('/')[2],
        address: `萧山区${place}`,
        reporterName: channel === 'hotline' ? pick(['王', '李', '张', '刘', '陈', '杨']) + pick(['先生', '女士']) : null,
        reporterPhone: channel === 'hotline' ? `1${Math.floor(3e9 + random() * 6.9e9)}` : null,
        externalId: channel === 'hotline' ? `DEMO${String(i + 1).padStart(6, '0')}` : null,
        receivedAt: at,
      },
    });
    made += 1;
    const id = created.id;
    let version = created.version;
    const handler = handlers.get(category.departmentCode as string) ?? system;
    const checker = gridWorkers.find((w) => micro.path.startsWith(w.regionPath)) ?? operator;
    const step = async (actor: Actor, action: CaseAction, params: Record<string, unknown> = {}, hours = 3): Promise<boolean> => {
      const when = advance(hours);
      if (when.getTime() >= now.getTime() - 60_000 && ageHours < 2) return false;
      try {
        const v = await actOnCase({ db, cache, actor, now: when, id, request: { action, version, ...params } });
        version = v.version;
        return true;
      } catch (error) {
        if (isAppError(error)) return false;
        throw error;
      }
    };
    // How far each case gets: most close, some are still in hand, a few are voided.
    const fate = random();
    if (fate < 0.1) continue;
    if (fate < 0.13) {
      await step(operator, 'void', { note: '重复反映,已在其他工单处理' }, 1);
      continue;
    }
    if (!(await step(operator, 'register', {}, 1))) continue;
    if (fate < 0.2) continue;
    if (random() < 0.06) {
      // Sent to the wrong department first, which returns it (退回).
      const wrong = pick([...handlers.keys()].filter((d) => d !== category.departmentCode));
      if (wrong && (await step(dispatcher, 'dispatch', { departmentCode: wrong }, 1))) {
        await step(handlers.get(wrong) ?? system, 'return', { note: '不属于本部门职责' }, 2);
      }
    }
    if (!(await step(dispatcher, 'dispatch', { departmentCode: category.departmentCode }, 1.5))) continue;
    if (fate < 0.27) continue;
    if (!(await step(handler, 'sign', {}, 2))) continue;
    if (random() < 0.05) {
      await step(handler, 'request_park', { note: '涉及产权争议,需协调' }, 1);
      await step(dispatcher, 'approve_park', {}, 2);
      if (random() < 0.5) continue;
      await step(dispatcher, 'unpark', {}, 48);
    }
    if (fate < 0.35) continue;
    if (!(await step(handler, 'handle', { note: '已到现场处置完毕' }, random() < 0.2 ? 60 : 8))) continue;
    if (random() < 0.1) {
      await step(checker, 'check_fail', { note: '现场复核仍未整改到位' }, 2);
      await step(handler, 'handle', { note: '已重新整改' }, 8);
    }
    if (fate < 0.42) continue;
    if (!(await step(checker, 'check_pass', {}, 2))) continue;
    if (!(await step(operator, 'close', {}, 1))) continue;
    if (fate < 0.55) continue;
    const satisfaction: Satisfaction = pick(['satisfied', 'satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable']);
    await step(operator, 'callback', { satisfaction }, 24);
  }
  await sweepOverdueCases({ db, now });
  return made;
}
