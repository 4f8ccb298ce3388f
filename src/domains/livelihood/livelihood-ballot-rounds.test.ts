/**
 * The ballot's rounds on a real database (review fixes): the roll is the membership (a
 * village deputy on a town roll can vote; the default roll is the town's own congress);
 * check-in only at the chair's desk; an invalid ballot or empty seats block implementing until
 * re-balloted or explicitly accepted; runoffs are decided by most votes and may repeat; two
 * concurrent clicks open one session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegions } from '@/domains/regions/regions-service.js';
import { createUser } from '@/domains/users/users-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { ensureFixtureRegions, FIXTURE_DISTRICT, FIXTURE_TOWN } from './ballot-fixture.js';
import { insertSessionRow } from './livelihood-repository.js';
import {
  castBallot,
  checkInDeputy,
  closeBallotSession,
  countBallotSession,
  createBallotSession,
  createCycle,
  createRunoffSession,
  getCycle,
  getLiveCount,
  getMyBallot,
  listMyOpenSessions,
  openBallotSession,
  proposeCandidate,
  screenCandidate,
  setBallotRoll,
  setCyclePhase,
} from './livelihood-service.js';

const VILLAGE = `${FIXTURE_TOWN}001`;
const TOWN_PATH = `/${FIXTURE_DISTRICT}/${FIXTURE_TOWN}/`;

let t: TestDatabase;
let chair: Actor;
/** Six deputies of the town congress, registered at the town. */
let townDeputies: Actor[];
/** A deputy registered at a village below the town. */
let villageDeputy: Actor;
let year = 2030;

async function user(username: string, role: 'deputy' | 'town_admin', regionCode: string): Promise<Actor> {
  const created = await createUser({ db: t.ctx.db, actor: systemActor('test'), input: { username, displayName: username, role, regionCode, departmentCode: null, phone: null, password: 'Rounds-pass-1x' } });
  const regionPath = regionCode === VILLAGE ? `${TOWN_PATH}${VILLAGE}/` : TOWN_PATH;
  return { userId: created.id, label: `user:${username}`, role, districtCode: FIXTURE_DISTRICT, regionCode, regionPath, departmentCode: null };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureFixtureRegions(t.ctx);
  await importRegions({
    db: t.ctx.db,
    actor: systemActor('test'),
    collection: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: VILLAGE, name: '某村', level: 'community', parent_code: FIXTURE_TOWN }, geometry: null }] },
  });
  chair = await user('rounds.chair', 'town_admin', FIXTURE_TOWN);
  townDeputies = [];
  for (let i = 1; i <= 6; i++) townDeputies.push(await user(`rounds.dep${i}`, 'deputy', FIXTURE_TOWN));
  villageDeputy = await user('rounds.village', 'deputy', VILLAGE);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A cycle in balloting with `n` candidates; returns its id and the candidate ids. */
async function cycleInBalloting(n: number, seats: number): Promise<{ cycleId: string; ids: string[] }> {
  const db = t.ctx.db;
  const cycle = await createCycle({ db, actor: chair, input: { regionCode: FIXTURE_TOWN, year: year++, plannedSeats: seats } });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await proposeCandidate({ db, actor: chair, cycleId: cycle.id, input: { title: `项目${i + 1}`, source: 'department' } })).id);
  const screening = await setCyclePhase({ db, actor: chair, id: cycle.id, input: { phase: 'screening', version: cycle.version } });
  for (const id of ids) await screenCandidate({ db, actor: chair, id, input: { version: 1, feasibility: 'feasible', onBallot: true } });
  await setCyclePhase({ db, actor: chair, id: cycle.id, input: { phase: 'balloting', version: screening.version } });
  return { cycleId: cycle.id, ids };
}

/** Checks in `present` town deputies at the desk, opens, casts `ballots[i]` for deputy i, closes and counts. */
async function hold(sessionId: string, present: number, ballots: string[][]) {
  const db = t.ctx.db;
  for (const d of townDeputies.slice(0, present)) await checkInDeputy({ db, actor: chair, sessionId, userId: d.userId as string });
  await openBallotSession({ db, actor: chair, sessionId });
  for (const [i, choices] of ballots.entries()) await castBallot({ db, actor: townDeputies[i] as Actor, sessionId, input: { choices } });
  await closeBallotSession({ db, actor: chair, sessionId });
  return countBallotSession({ db, actor: chair, sessionId });
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
}

async function version(cycleId: string): Promise<number> {
  return (await getCycle({ db: t.ctx.db, actor: chair, id: cycleId })).cycle.version;
}

describe('the roll is the membership', () => {
  it('builds the default roll from the congress of the cycle’s own region, not villages below', async () => {
    const { cycleId } = await cycleInBalloting(2, 1);
    const session = await createBallotSession({ db: t.ctx.db, actor: chair, cycleId, input: {} });
    // The six town deputies, not the village one (who would be counted yet unable to vote).
    const live = await getLiveCount({ db: t.ctx.db, actor: chair, sessionId: session.id });
    expect(live.roll).toBe(6);
    expect(live.deputies?.map((d) => d.userId).sort()).toEqual(townDeputies.map((d) => d.userId).sort());
    const mine = await getMyBallot({ db: t.ctx.db, actor: villageDeputy, sessionId: session.id }).catch((e: unknown) => e);
    // The village deputy is not on the roll and the town's cycle is outside their scope.
    expect(mine).toBeInstanceOf(AppError);
    expect((mine as AppError).code).toBe('NOT_FOUND');
    const town = await getMyBallot({ db: t.ctx.db, actor: townDeputies[0] as Actor, sessionId: session.id });
    expect(town.me).toEqual({ onRoll: true, checkedIn: false, hasVoted: false });
  });

  it('lets a village deputy the chair put on the roll see, list and cast their ballot', async () => {
    const db = t.ctx.db;
    const { cycleId, ids } = await cycleInBalloting(2, 1);
    const session = await createBallotSession({ db, actor: chair, cycleId, input: {} });
    const roll = [...townDeputies, villageDeputy].map((d) => d.userId as string);
    expect(await setBallotRoll({ db, actor: chair, sessionId: session.id, userIds: roll })).toEqual({ roll: 7 });
    expect((await getMyBallot({ db, actor: villageDeputy, sessionId: session.id })).me).toEqual({ onRoll: true, checkedIn: false, hasVoted: false });
    expect((await listMyOpenSessions({ db, actor: villageDeputy })).map((s) => s.id)).toContain(session.id);
    await checkInDeputy({ db, actor: chair, sessionId: session.id, userId: villageDeputy.userId as string });
    await openBallotSession({ db, actor: chair, sessionId: session.id });
    expect(await castBallot({ db, actor: villageDeputy, sessionId: session.id, input: { choices: [ids[0] as string] } })).toEqual({ cast: true });
    expect((await getMyBallot({ db, actor: villageDeputy, sessionId: session.id })).me.hasVoted).toBe(true);
  });
});

describe('check-in at the chair’s desk only', () => {
  it.each([
    ['a deputy checking themselves in', 'FORBIDDEN', () => townDeputies[0] as Actor, () => townDeputies[0]?.userId as string],
    ['a deputy checking another in', 'FORBIDDEN', () => townDeputies[0] as Actor, () => townDeputies[1]?.userId as string],
    ['the chair checking a deputy in', 'OK', () => chair, () => townDeputies[0]?.userId as string],
    ['the chair checking in someone not on the roll', 'NOT_ON_ROLL', () => chair, () => villageDeputy.userId as string],
  ])('%s → %s', async (_name, expected, actor, userId) => {
    const { cycleId } = await cycleInBalloting(2, 1);
    const session = await createBallotSession({ db: t.ctx.db, actor: chair, cycleId, input: {} });
    expect(await codeOf(checkInDeputy({ db: t.ctx.db, actor: actor(), sessionId: session.id, userId: userId() }))).toBe(expected);
  });
});

describe('a failed ballot is held again', () => {
  it('blocks implementing after an invalid session and holds the same ballot again', async () => {
    const db = t.ctx.db;
    const { cycleId, ids } = await cycleInBalloting(3, 2);
    const first = await createBallotSession({ db, actor: chair, cycleId, input: {} });
    // 4 of 6 present is exactly 2/3, not more: invalid.
    const counted = await hold(first.id, 4, []);
    expect(counted.result?.valid).toBe(false);
    expect(await codeOf(setCyclePhase({ db, actor: chair, id: cycleId, input: { phase: 'implementing', version: await version(cycleId) } }))).toBe('PHASE_NOT_ALLOWED');
    // Accepting fewer does not allow zero projects.
    expect(await codeOf(setCyclePhase({ db, actor: chair, id: cycleId, input: { phase: 'implementing', version: await version(cycleId), acceptFewer: true } }))).toBe('PHASE_NOT_ALLOWED');
    const again = await createBallotSession({ db, actor: chair, cycleId, input: {} });
    expect(again).toMatchObject({ round: 2, parentSessionId: first.id, kind: 'ballot', seats: 2, candidateIds: first.candidateIds });
    const a = ids[0] as string;
    const b = ids[1] as string;
    const second = await hold(again.id, 6, [[a, b], [a, b], [a, b], [a, b], [a], [b]]);
    expect(second.result?.elected).toEqual([a, b]);
    const moved = await setCyclePhase({ db, actor: chair, id: cycleId, input: { phase: 'implementing', version: await version(cycleId) } });
    expect(moved.phase).toBe('implementing');
  });

  it('blocks implementing with empty seats unless the manager accepts fewer; or ballots again for them', async () => {
    const db = t.ctx.db;
    const { cycleId, ids } = await cycleInBalloting(3, 2);
    const [a, b, c] = ids as [string, string, string];
    const first = await createBallotSession({ db, actor: chair, cycleId, input: {} });
    // More than half of 6 is 4: only a passes; one seat stays empty.
    const counted = await hold(first.id, 6, [[a, b], [a, b], [a, b], [a, c], [a, c], [a]]);
    expect(counted.result).toMatchObject({ valid: true, elected: [a], unfilledSeats: 1 });
    expect(await codeOf(setCyclePhase({ db, actor: chair, id: cycleId, input: { phase: 'implementing', version: await version(cycleId) } }))).toBe('PHASE_NOT_ALLOWED');
    const refill = await createBallotSession({ db, actor: chair, cycleId, input: {} });
    expect(refill).toMatchObject({ round: 2, kind: 'ballot', seats: 1, candidateIds: [b, c] });
    // Two clicks on "new ballot" after this one would be refused too: the first is still running.
    expect(await codeOf(createBallotSession({ db, actor: chair, cycleId, input: {} }))).toBe('PHASE_NOT_ALLOWED');
    const second = await hold(refill.id, 6, [[b], [b], [b], [b], [c], []]);
    expect(second.result?.elected).toEqual([b]);
    const moved = await setCyclePhase({ db, actor: chair, id: cycleId, input: { phase: 'implementing', version: await version(cycleId) } });
    expect(moved.phase).toBe('implementing');
  });

  it('lets the manager accept fewer projects explicitly', async () => {
    const db = t.ctx.db;
    const { cycleId, ids } = await cycleInBalloting(3, 2);
    const [a, b] = ids as [string, string, string];
    const first = await createBallotSession({ db, actor: chair, cycleId, input: {} });
    await hold(first.id, 6, [[a, b], [a], [a], [a], [a], []]);
    const moved = await setCyclePhase({ db, actor: chair, id: cycleId, input: { phase: 'implementing', version: await version(cycleId), acceptFewer: true } });
    expect(moved.phase).toBe('implementing');
  });

  it('runs a runoff by most votes, and another after a tied runoff, then implements', async () => {
    const db = t.ctx.db;
    const tie = await cycleInBalloting(3, 2);
    const [x, y, z] = tie.ids as [string, string, string];
    const s1 = await createBallotSession({ db, actor: chair, cycleId: tie.cycleId, input: {} });
    // 4/4/4 of 6: all pass (more than half is 4), three tied for two seats.
    const r1 = await hold(s1.id, 6, [[x, y], [x, y], [y, z], [y, z], [x, z], [x, z]]);
    expect(r1.result).toMatchObject({ elected: [], tied: [x, y, z], runoffSeats: 2 });
    const s2 = await createRunoffSession({ db, actor: chair, sessionId: s1.id });
    expect(s2).toMatchObject({ round: 2, kind: 'runoff', seats: 2, candidateIds: [x, y, z] });
    // 2/2/2: tied again (nobody has more than half of 6; the old rule left both seats empty).
    const r2 = await countAfterRunoffVotes(s2.id, [[x], [x], [y], [y], [z], [z]]);
    expect(r2.result).toMatchObject({ runoff: true, elected: [], tied: [x, y, z], runoffSeats: 2, unfilledSeats: 0 });
    expect(await codeOf(setCyclePhase({ db, actor: chair, id: tie.cycleId, input: { phase: 'implementing', version: await version(tie.cycleId), acceptFewer: true } }))).toBe('PHASE_NOT_ALLOWED');
    const s3 = await createRunoffSession({ db, actor: chair, sessionId: s2.id });
    expect(s3).toMatchObject({ round: 3, kind: 'runoff', parentSessionId: s2.id });
    // 3/3/1 of 6: 3 is not more than half of all deputies, but the most: x and y win.
    const r3 = await countAfterRunoffVotes(s3.id, [[x, y], [x], [x], [y], [y], [z]]);
    expect(r3.result?.elected).toEqual([x, y]);
    const moved = await setCyclePhase({ db, actor: chair, id: tie.cycleId, input: { phase: 'implementing', version: await version(tie.cycleId) } });
    expect(moved.phase).toBe('implementing');
    const elected = (await getCycle({ db, actor: chair, id: tie.cycleId })).candidates.filter((cand) => cand.outcome === 'elected').map((cand) => cand.id);
    expect(elected.sort()).toEqual([x, y].sort());
  });
});

/** A runoff carries the check-ins over: open, cast, close, count. */
async function countAfterRunoffVotes(sessionId: string, ballots: string[][]) {
  const db = t.ctx.db;
  await openBallotSession({ db, actor: chair, sessionId });
  for (const [i, choices] of ballots.entries()) await castBallot({ db, actor: townDeputies[i] as Actor, sessionId, input: { choices } });
  await closeBallotSession({ db, actor: chair, sessionId });
  return countBallotSession({ db, actor: chair, sessionId });
}

describe('two clicks open one ballot', () => {
  it('two concurrent requests for the first session create one', async () => {
    const db = t.ctx.db;
    const { cycleId } = await cycleInBalloting(2, 1);
    const outcomes = await Promise.allSettled([createBallotSession({ db, actor: chair, cycleId, input: {} }), createBallotSession({ db, actor: chair, cycleId, input: {} })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(AppError);
    expect((await getCycle({ db, actor: chair, id: cycleId })).sessions).toHaveLength(1);
  });

  it('two concurrent runoff requests create one runoff', async () => {
    const db = t.ctx.db;
    const { cycleId, ids } = await cycleInBalloting(3, 2);
    const [x, y, z] = ids as [string, string, string];
    const s1 = await createBallotSession({ db, actor: chair, cycleId, input: {} });
    await hold(s1.id, 6, [[x, y], [x, y], [y, z], [y, z], [x, z], [x, z]]);
    const outcomes = await Promise.allSettled([createRunoffSession({ db, actor: chair, sessionId: s1.id }), createRunoffSession({ db, actor: chair, sessionId: s1.id })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((await getCycle({ db, actor: chair, id: cycleId })).sessions).toHaveLength(2);
  });

  it('the unique indexes refuse a second session of the same round or the same parent', async () => {
    const db = t.ctx.db;
    const { cycleId, ids } = await cycleInBalloting(2, 1);
    const s1 = await createBallotSession({ db, actor: chair, cycleId, input: {} });
    const row = (round: number, parent: string | null) => ({
      district_code: FIXTURE_DISTRICT,
      cycle_id: cycleId,
      round,
      parent_session_id: parent,
      kind: 'ballot',
      title: '重复',
      candidate_ids: ids,
      seats: 1,
      quorum_numerator: 2,
      quorum_denominator: 3,
      quorum_strict: true,
      pass_numerator: 1,
      pass_denominator: 2,
      pass_strict: true,
      pass_base: 'roll',
    });
    const sameRound = db.transaction().execute((tx) => insertSessionRow(tx, row(1, null)));
    await expect(sameRound).rejects.toMatchObject({ code: '23505' });
    await db.transaction().execute((tx) => insertSessionRow(tx, row(2, s1.id)));
    const sameParent = db.transaction().execute((tx) => insertSessionRow(tx, row(3, s1.id)));
    await expect(sameParent).rejects.toMatchObject({ code: '23505' });
  });
});
