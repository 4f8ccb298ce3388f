import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@/http/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { setUpBallot, type BallotFixture } from './ballot-fixture.js';

let t: TestDatabase;
let app: FastifyInstance;
let fx: BallotFixture;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Deputy i's choices: a deterministic mix of 0–10 candidates (some blank ballots). */
function choicesOf(i: number, ids: string[]): string[] {
  if (i % 37 === 0) return [];
  const n = 1 + (i % 10);
  return Array.from({ length: n }, (_, k) => ids[(i * 7 + k * 3) % ids.length] as string).filter((id, k, all) => all.indexOf(id) === k);
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await buildApp(t.ctx);
  fx = await setUpBallot(t.ctx, { deputies: 154, candidates: 13, seats: 10, prefix: 'dep' });
}, 300_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the 154-deputy, 13-candidate, 10-seat ballot over HTTP', () => {
  it('refuses bad ballots with stable codes and loses nothing', async () => {
    const [first] = fx.deputies;
    const url = `/api/livelihood/sessions/${fx.sessionId}/ballots`;
    const tooMany = await app.inject({ method: 'POST', url, headers: auth(first!.token), payload: { choices: fx.candidateIds.slice(0, 11) } });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'TOO_MANY_CHOICES', field: 'choices' });
    const unknown = await app.inject({ method: 'POST', url, headers: auth(first!.token), payload: { choices: ['00000000-0000-4000-8000-000000000000'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('choices.0');
    const repeated = await app.inject({ method: 'POST', url, headers: auth(first!.token), payload: { choices: [fx.candidateIds[0], fx.candidateIds[0]] } });
    expect(repeated.json().code).toBe('VALIDATION_FAILED');
    const chair = await app.inject({ method: 'POST', url, headers: auth(fx.managerToken), payload: { choices: [] } });
    expect(chair.statusCode).toBe(403);
    const live = await app.inject({ method: 'GET', url: `/api/livelihood/sessions/${fx.sessionId}/live`, headers: auth(fx.managerToken) });
    expect(live.json()).toMatchObject({ roll: 154, present: 154, voted: 0, ballots: 0, quorumNeeded: 103, quorumMet: true, count: null });
    const mine = await app.inject({ method: 'GET', url: `/api/livelihood/sessions/${fx.sessionId}/my-ballot`, headers: auth(first!.token) });
    expect(mine.json().me).toEqual({ onRoll: true, checkedIn: true, hasVoted: false });
    expect(mine.json().candidates).toHaveLength(13);
  });

  it('takes 154 concurrent ballots (and 20 concurrent second tries) exactly once each, then counts them', async () => {
    const url = `/api/livelihood/sessions/${fx.sessionId}/ballots`;
    const sent = fx.deputies.map((d, i) => ({ d, choices: choicesOf(i, fx.candidateIds) }));
    const requests = [...sent, ...sent.slice(0, 20)].map(({ d, choices }) =>
      app.inject({ method: 'POST', url, headers: auth(d.token), payload: { choices } }),
    );
    const responses = await Promise.all(requests);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(154);
    const refused = responses.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(20);
    for (const r of refused) expect(r.json().code).toBe('ALREADY_VOTED');

    const again = await app.inject({ method: 'POST', url, headers: auth(fx.deputies[5]!.token), payload: { choices: [] } });
    expect(again.json().code).toBe('ALREADY_VOTED');

    const live = await app.inject({ method: 'GET', url: `/api/livelihood/sessions/${fx.sessionId}/live`, headers: auth(fx.managerToken) });
    expect(live.json()).toMatchObject({ voted: 154, ballots: 154, count: null });

    const closed = await app.inject({ method: 'POST', url: `/api/livelihood/sessions/${fx.sessionId}/close`, headers: auth(fx.managerToken) });
    expect(closed.statusCode).toBe(200);
    const late = await app.inject({ method: 'POST', url, headers: auth(fx.deputies[0]!.token), payload: { choices: [] } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('VOTING_CLOSED');

    const counted = await app.inject({ method: 'POST', url: `/api/livelihood/sessions/${fx.sessionId}/count`, headers: auth(fx.managerToken) });
    expect(counted.statusCode).toBe(200);
    const result = counted.json().session.result;
    const expected = new Map(fx.candidateIds.map((id) => [id, 0]));
    for (const { choices } of sent) for (const c of choices) expected.set(c, (expected.get(c) ?? 0) + 1);
    expect(result.cast).toBe(154);
    expect(result.blank).toBe(sent.filter((s) => s.choices.length === 0).length);
    expect(Object.fromEntries(result.tallies.map((x: { candidateId: string; votes: number }) => [x.candidateId, x.votes]))).toEqual(Object.fromEntries(expected));
    expect(result.valid).toBe(true);
    expect(result.passNeeded).toBe(78);
    const passing = [...expected.values()].filter((v) => v >= 78).length;
    expect(result.elected.length + result.tied.length).toBeGreaterThanOrEqual(Math.min(passing, 10) - result.runoffSeats);

    const sheet = await app.inject({ method: 'GET', url: `/api/livelihood/sessions/${fx.sessionId}/sheet`, headers: auth(fx.managerToken) });
    expect(sheet.body).toContain('应到代表:154 人');
    expect(sheet.body).toContain('收回选票:154 张');
  });

  it('keeps ballots apart from voters: no user, no time, no order', async () => {
    const columns = await t.ctx.db.introspection.getTables().then((tables) => tables.find((x) => x.name === 'ballots')?.columns.map((c) => c.name));
    expect(columns?.sort()).toEqual(['choices', 'district_code', 'id', 'session_id']);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', 'ballot.cast').execute();
    expect(audit).toHaveLength(154);
    for (const row of audit) expect(JSON.stringify(row.after)).not.toMatch(/choice|[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});

describe('ballot states', () => {
  it('answers VOTING_NOT_OPEN before opening, NOT_ON_ROLL off the roll, and runs a runoff among the tied', async () => {
    // Five deputies, three candidates, two seats, 3 votes pass: a 4, b 3, c 3 → a elected, b and c tied for one seat.
    const small = await setUpBallot(t.ctx, { deputies: 5, candidates: 3, seats: 2, prefix: 'small', year: 2028 });
    const [a, b, c] = small.candidateIds as [string, string, string];
    const url = (s: string, tail: string) => `/api/livelihood/sessions/${s}/${tail}`;
    const stranger = fx.deputies[0]!;
    const off = await app.inject({ method: 'POST', url: url(small.sessionId, 'ballots'), headers: auth(stranger.token), payload: { choices: [] } });
    expect(off.statusCode).toBe(403);
    expect(off.json().code).toBe('NOT_ON_ROLL');
    const votes = [[a, b], [a, c], [a, b], [a, c], [b, c]];
    for (const [i, choices] of votes.entries()) {
      const r = await app.inject({ method: 'POST', url: url(small.sessionId, 'ballots'), headers: auth(small.deputies[i]!.token), payload: { choices } });
      expect(r.statusCode).toBe(201);
    }
    await app.inject({ method: 'POST', url: url(small.sessionId, 'close'), headers: auth(small.managerToken) });
    const counted = (await app.inject({ method: 'POST', url: url(small.sessionId, 'count'), headers: auth(small.managerToken) })).json().session;
    expect(counted.result.elected).toEqual([a]);
    expect(counted.result.tied.sort()).toEqual([b, c].sort());
    expect(counted.result.runoffSeats).toBe(1);

    const early = await app.inject({ method: 'POST', url: `/api/livelihood/cycles/${small.cycleId}/phase`, headers: auth(small.managerToken), payload: { phase: 'implementing', version: 3 } });
    expect(early.json().code).toBe('PHASE_NOT_ALLOWED');

    const runoff = (await app.inject({ method: 'POST', url: url(small.sessionId, 'runoff'), headers: auth(small.managerToken) })).json().session;
    expect(runoff).toMatchObject({ round: 2, seats: 1, status: 'draft', parentSessionId: small.sessionId });
    const notOpen = await app.inject({ method: 'POST', url: url(runoff.id, 'ballots'), headers: auth(small.deputies[0]!.token), payload: { choices: [b] } });
    expect(notOpen.statusCode).toBe(409);
    expect(notOpen.json().code).toBe('VOTING_NOT_OPEN');
    expect((await app.inject({ method: 'POST', url: url(runoff.id, 'open'), headers: auth(small.managerToken) })).statusCode).toBe(200);
    for (const [i, choices] of [[b], [b], [b], [c], []].entries()) {
      expect((await app.inject({ method: 'POST', url: url(runoff.id, 'ballots'), headers: auth(small.deputies[i]!.token), payload: { choices } })).statusCode).toBe(201);
    }
    await app.inject({ method: 'POST', url: url(runoff.id, 'close'), headers: auth(small.managerToken) });
    const second = (await app.inject({ method: 'POST', url: url(runoff.id, 'count'), headers: auth(small.managerToken) })).json().session;
    expect(second.result.elected).toEqual([b]);

    const cycle = (await app.inject({ method: 'GET', url: `/api/livelihood/cycles/${small.cycleId}`, headers: auth(small.managerToken) })).json();
    const outcome = Object.fromEntries(cycle.candidates.map((x: { id: string; outcome: string }) => [x.id, x.outcome]));
    expect(outcome).toEqual({ [a]: 'elected', [b]: 'elected', [c]: 'not_elected' });
    const moved = await app.inject({ method: 'POST', url: `/api/livelihood/cycles/${small.cycleId}/phase`, headers: auth(small.managerToken), payload: { phase: 'implementing', version: cycle.cycle.version } });
    expect(moved.statusCode).toBe(200);
    const results = (await app.inject({ method: 'GET', url: `/api/livelihood/cycles/${small.cycleId}/results`, headers: auth(small.managerToken) })).json();
    expect(results.results.map((r: { candidateId: string }) => r.candidateId).sort()).toEqual([a, b].sort());

    const publicPage = await app.inject({ method: 'GET', url: '/api/public/promises?year=2028' });
    expect(publicPage.statusCode).toBe(200);
    const promises = publicPage.json().cycles[0];
    expect(promises.promises).toHaveLength(2);
    expect(promises.ballots).toHaveLength(2);
    expect(JSON.stringify(publicPage.json())).not.toMatch(/代表00|small\./);
  });
});
