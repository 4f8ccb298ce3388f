/**
 * A town congress ready to vote, for the HTTP tests and the ballot benchmark: the Guali
 * town region (if missing), a town administrator, `deputies` deputies with API tokens, a
 * cycle with `candidates` screened candidates and an open session with every deputy checked
 * in. Built through the services, as a person would through the API.
 */
import { createApiToken } from '@/domains/auth/auth-service.js';
import { saveDepartments } from '@/domains/departments/departments-service.js';
import { importRegions } from '@/domains/regions/regions-service.js';
import { createUser } from '@/domains/users/users-service.js';
import type { AppContext } from '@/server/context.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import {
  checkInDeputy,
  createBallotSession,
  createCycle,
  openBallotSession,
  proposeCandidate,
  screenCandidate,
  setBallotRoll,
  setCyclePhase,
} from './livelihood-service.js';

/** The district and town the fixture uses (the demo's codes). */
export const FIXTURE_DISTRICT = '330109';
export const FIXTURE_TOWN = '330109112';

/** What {@link setUpBallot} made. */
export interface BallotFixture {
  cycleId: string;
  sessionId: string;
  candidateIds: string[];
  managerToken: string;
  manager: Actor;
  deputies: { id: string; username: string; token: string }[];
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => run(item, i + j)))));
  }
  return out;
}

/** Makes sure the district and the town exist (without geometry) and the education department. */
export async function ensureFixtureRegions(ctx: AppContext): Promise<void> {
  const actor = systemActor('fixture');
  await importRegions({
    db: ctx.db,
    actor,
    collection: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: FIXTURE_DISTRICT, name: '萧山区', level: 'district', parent_code: null }, geometry: null },
        { type: 'Feature', properties: { code: FIXTURE_TOWN, name: '瓜沥镇', level: 'town', parent_code: FIXTURE_DISTRICT }, geometry: null },
      ],
    },
  });
  await saveDepartments({
    db: ctx.db,
    actor,
    departments: [
      { districtCode: FIXTURE_DISTRICT, code: 'JY', name: '教育局', kind: 'functional', regionCode: FIXTURE_DISTRICT },
      { districtCode: FIXTURE_DISTRICT, code: 'WJ', name: '卫健局', kind: 'functional', regionCode: FIXTURE_DISTRICT },
    ],
  });
}

/** Creates `deputies` deputies in the town (usernames `${prefix}.001` …) with API tokens. */
export async function createFixtureDeputies(ctx: AppContext, count: number, prefix: string): Promise<BallotFixture['deputies']> {
  const actor = systemActor('fixture');
  return inBatches(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const username = `${prefix}.${String(i + 1).padStart(3, '0')}`;
    const user = await createUser({
      db: ctx.db,
      actor,
      input: { username, displayName: `代表${String(i + 1).padStart(3, '0')}`, role: 'deputy', regionCode: FIXTURE_TOWN, departmentCode: null, phone: null, password: `Fixture-pass-${i}x` },
    });
    const { token } = await createApiToken({ db: ctx.db, actor, username, name: 'ballot' });
    return { id: user.id, username, token };
  });
}

/** Sets up an open ballot: see the module comment. */
export async function setUpBallot(
  ctx: AppContext,
  options: { deputies: number; candidates: number; seats: number; prefix?: string; year?: number; reuseDeputies?: BallotFixture['deputies'] },
): Promise<BallotFixture> {
  const db = ctx.db;
  await ensureFixtureRegions(ctx);
  const prefix = options.prefix ?? 'fx';
  const system = systemActor('fixture');
  const managerName = `${prefix}.chair`;
  const managerUser = await createUser({ db, actor: system, input: { username: managerName, displayName: '镇人大主席团', role: 'town_admin', regionCode: FIXTURE_TOWN, departmentCode: null, phone: null, password: 'Fixture-chair-1x' } });
  const managerToken = (await createApiToken({ db, actor: system, username: managerName, name: 'chair' })).token;
  const manager: Actor = { userId: managerUser.id, label: `user:${managerName}`, role: 'town_admin', districtCode: FIXTURE_DISTRICT, regionCode: FIXTURE_TOWN, regionPath: `/${FIXTURE_DISTRICT}/${FIXTURE_TOWN}/`, departmentCode: null };
  const deputies = options.reuseDeputies ?? (await createFixtureDeputies(ctx, options.deputies, prefix));
  const cycle = await createCycle({ db, actor: manager, input: { regionCode: FIXTURE_TOWN, year: options.year ?? 2027, plannedSeats: options.seats } });
  const candidateIds: string[] = [];
  for (let i = 0; i < options.candidates; i++) {
    const c = await proposeCandidate({ db, actor: manager, cycleId: cycle.id, input: { title: `候选项目${i + 1}`, source: 'department', costWan: 100 + i, departmentCode: 'JY' } });
    candidateIds.push(c.id);
  }
  const screening = (await setCyclePhase({ db, actor: manager, id: cycle.id, input: { phase: 'screening', version: cycle.version } })).version;
  for (const id of candidateIds) {
    await screenCandidate({ db, actor: manager, id, input: { version: 1, feasibility: 'feasible', onBallot: true } });
  }
  await setCyclePhase({ db, actor: manager, id: cycle.id, input: { phase: 'balloting', version: screening } });
  const session = await createBallotSession({ db, actor: manager, cycleId: cycle.id, input: { seats: options.seats } });
  // Only this fixture's deputies, whatever else lives in the town.
  await setBallotRoll({ db, actor: manager, sessionId: session.id, userIds: deputies.map((d) => d.id) });
  await inBatches(deputies, 16, (d) => checkInDeputy({ db, actor: manager, sessionId: session.id, userId: d.id }));
  await openBallotSession({ db, actor: manager, sessionId: session.id });
  return { cycleId: cycle.id, sessionId: session.id, candidateIds, managerToken, manager, deputies };
}
