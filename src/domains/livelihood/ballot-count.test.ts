import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_WITHOUT_SEATS, type BallotRule } from '@/shared/livelihood-vocabulary.js';
import { ballotProblem, countBallots, thresholdCount } from './ballot-count.js';

const rule = (seats: number, patch: Partial<BallotRule> = {}): BallotRule => ({ ...DEFAULT_RULE_WITHOUT_SEATS, seats, ...patch });

/** `n` ballots with the same choices. */
function times(n: number, choices: string[]): string[][] {
  return Array.from({ length: n }, () => [...choices]);
}

describe('thresholdCount', () => {
  it.each([
    // base, numerator/denominator, strict, fewest people
    [154, 2, 3, true, 103], // 2/3 of 154 = 102.67: more than that is 103
    [150, 2, 3, true, 101], // exactly 100: "more than" needs 101
    [150, 2, 3, false, 100],
    [154, 1, 2, true, 78], // half of 154 = 77: more than half is 78
    [153, 1, 2, true, 77],
    [153, 1, 2, false, 77],
    [0, 1, 2, true, 1],
    [3, 1, 1, false, 3],
  ])('of %i at %i/%i strict=%s is %i', (base, numerator, denominator, strict, expected) => {
    expect(thresholdCount(base, { numerator, denominator, strict })).toBe(expected);
  });
});

describe('ballotProblem', () => {
  it.each([
    [['a', 'b'], 2, null],
    [[], 2, null],
    [['a', 'b', 'c'], 2, 'too_many'],
    [['a', 'x'], 2, 'unknown'],
    [['a', 'a'], 2, 'duplicate'],
  ] as const)('%j with %i seats → %s', (choices, seats, expected) => {
    expect(ballotProblem(choices, ['a', 'b', 'c'], seats)).toBe(expected);
  });
});

describe('countBallots (STANDARDS §8)', () => {
  const candidates = ['a', 'b', 'c', 'd'];
  const cases: {
    name: string;
    rule: BallotRule;
    roll: number;
    present: number;
    ballots: string[][];
    valid: boolean;
    elected: string[];
    tied: string[];
    runoffSeats: number;
    unfilledSeats: number;
    votes?: Record<string, number>;
  }[] = [
    {
      name: 'quorum missed: exactly 2/3 present is not more than 2/3 — nobody is elected',
      rule: rule(2),
      roll: 12,
      present: 8,
      ballots: times(8, ['a', 'b']),
      valid: false,
      elected: [],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 2,
      votes: { a: 8, b: 8, c: 0, d: 0 },
    },
    {
      name: 'quorum met with one more; both pass with more than half of the ROLL',
      rule: rule(2),
      roll: 12,
      present: 9,
      ballots: [...times(7, ['a', 'b']), ...times(2, ['c'])],
      valid: true,
      elected: ['a', 'b'],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 0,
    },
    {
      name: 'half of the roll exactly does not pass (6 of 12); more than half of those present is not enough',
      rule: rule(2),
      roll: 12,
      present: 10,
      ballots: [...times(6, ['a', 'b']), ...times(4, ['c'])],
      valid: true,
      elected: [],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 2,
    },
    {
      name: 'fewer passing than seats: the seats stay empty',
      rule: rule(3),
      roll: 12,
      present: 12,
      ballots: [...times(7, ['a']), ...times(5, ['b', 'c'])],
      valid: true,
      elected: ['a'],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 2,
    },
    {
      name: 'clear order: the top two of three passing take the seats',
      rule: rule(2),
      roll: 12,
      present: 12,
      ballots: [...times(5, ['a', 'b']), ...times(4, ['a', 'c']), ...times(3, ['b', 'c'])],
      valid: true,
      elected: ['a', 'b'],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 0,
      votes: { a: 9, b: 8, c: 7, d: 0 },
    },
    {
      name: 'tie at the last seat between two passing candidates: a runoff for one seat',
      rule: rule(2),
      roll: 13,
      present: 13,
      ballots: [...times(4, ['a', 'b']), ...times(4, ['a', 'c']), ['a'], ...times(4, ['b', 'c'])],
      valid: true,
      elected: ['a'],
      tied: ['b', 'c'],
      runoffSeats: 1,
      unfilledSeats: 0,
      votes: { a: 9, b: 8, c: 8, d: 0 },
    },
    {
      name: 'three tied for the last two seats after one clear winner',
      rule: rule(3),
      roll: 10,
      present: 10,
      ballots: [...times(3, ['a', 'b', 'c']), ...times(3, ['a', 'c', 'd']), ...times(3, ['a', 'b', 'd']), ['b', 'c', 'd']],
      // a 9, b 7, c 7, d 7
      valid: true,
      elected: ['a'],
      tied: ['b', 'c', 'd'],
      runoffSeats: 2,
      unfilledSeats: 0,
    },
    {
      name: 'a tie that fits inside the seats is no tie',
      rule: rule(3),
      roll: 10,
      present: 10,
      ballots: [...times(6, ['a', 'b', 'c']), ...times(4, ['d'])],
      valid: true,
      elected: ['a', 'b', 'c'],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 0,
    },
    {
      name: 'a tie among candidates that do not pass does not matter',
      rule: rule(2),
      roll: 10,
      present: 10,
      ballots: [...times(8, ['a']), ...times(2, ['b', 'c'])],
      valid: true,
      elected: ['a'],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 1,
    },
    {
      name: 'pass base "cast" with a non-strict half: 3 of 6 ballots pass',
      rule: rule(2, { pass: { numerator: 1, denominator: 2, strict: false, base: 'cast' } }),
      roll: 8,
      present: 6,
      ballots: [...times(3, ['a']), ...times(3, [])],
      valid: true,
      elected: ['a'],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 1,
    },
    {
      name: 'blank ballots count as cast but give no votes; a too-long ballot is invalid',
      rule: rule(1),
      roll: 4,
      present: 4,
      ballots: [['a'], ['a'], ['a'], ['a', 'b']],
      valid: true,
      elected: ['a'],
      tied: [],
      runoffSeats: 0,
      unfilledSeats: 0,
      votes: { a: 3, b: 0, c: 0, d: 0 },
    },
  ];

  it.each(cases)('$name', (c) => {
    const result = countBallots({ rule: c.rule, candidateIds: candidates, roll: c.roll, present: c.present, ballots: c.ballots });
    expect(result.valid).toBe(c.valid);
    expect(result.elected).toEqual(c.elected);
    expect(result.tied).toEqual(c.tied);
    expect(result.runoffSeats).toBe(c.runoffSeats);
    expect(result.unfilledSeats).toBe(c.unfilledSeats);
    expect(result.cast).toBe(c.ballots.length);
    if (c.votes) expect(Object.fromEntries(result.tallies.map((t) => [t.candidateId, t.votes]))).toEqual(c.votes);
    for (const t of result.tallies) {
      expect(t.outcome).toBe(c.elected.includes(t.candidateId) ? 'elected' : c.tied.includes(t.candidateId) ? 'runoff' : 'not_elected');
    }
  });

  it('reports blank and invalid ballots and sorts by votes, ties in ballot order', () => {
    const result = countBallots({ rule: rule(2), candidateIds: candidates, roll: 5, present: 5, ballots: [[], ['d', 'b'], ['b', 'd'], ['a', 'b', 'c']] });
    expect(result.blank).toBe(1);
    expect(result.invalid).toBe(1);
    expect(result.tallies.map((t) => t.candidateId)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('the 154-deputy, 13-candidate, 10-seat case: quorum 103, pass 78', () => {
    const ids = Array.from({ length: 13 }, (_, i) => `p${i + 1}`);
    // 150 present; candidate k (1-based) gets 150 − 6k votes: p1 144 … p12 78, p13 72.
    const ballots: string[][] = Array.from({ length: 150 }, () => []);
    ids.forEach((id, k) => {
      for (let v = 0; v < 150 - 6 * (k + 1); v += 1) (ballots[v] as string[]).push(id);
    });
    // Trim ballots to at most 10 choices by moving overflow to later ballots is not needed:
    // ballot v holds every candidate with more than v votes, at most 13; keep only valid ones.
    const valid = ballots.map((b) => b.slice(0, 10));
    const result = countBallots({ rule: rule(10), candidateIds: ids, roll: 154, present: 150, ballots: valid });
    expect(result.quorumNeeded).toBe(103);
    expect(result.passNeeded).toBe(78);
    expect(result.valid).toBe(true);
    expect(result.elected.length).toBeLessThanOrEqual(10);
    expect(result.elected).toEqual(result.tallies.filter((t) => t.passes).slice(0, 10).map((t) => t.candidateId));
  });
});

describe('countBallots in a runoff among the tied (most votes win; quorum still applies)', () => {
  // 154 deputies: more than 2/3 present is 103; round 1 needed 78 votes to pass.
  const cases: {
    name: string;
    candidates: string[];
    seats: number;
    present: number;
    ballots: string[][];
    valid: boolean;
    elected: string[];
    tied: string[];
    runoffSeats: number;
    unfilledSeats: number;
  }[] = [
    { name: '76/74 of 154 for one seat: 76 wins (the first-round 78 is not re-applied)', candidates: ['a', 'b'], seats: 1, present: 150, ballots: [...times(76, ['a']), ...times(74, ['b'])], valid: true, elected: ['a'], tied: [], runoffSeats: 0, unfilledSeats: 0 },
    { name: 'tie again → another runoff for the same seat', candidates: ['a', 'b'], seats: 1, present: 150, ballots: [...times(75, ['a']), ...times(75, ['b'])], valid: true, elected: [], tied: ['a', 'b'], runoffSeats: 1, unfilledSeats: 0 },
    { name: 'three for two seats, 60/50/40: the two with most votes', candidates: ['a', 'b', 'c'], seats: 2, present: 150, ballots: [...times(60, ['a']), ...times(50, ['b']), ...times(40, ['c'])], valid: true, elected: ['a', 'b'], tied: [], runoffSeats: 0, unfilledSeats: 0 },
    { name: 'three for two seats, 100/0/0: one elected, the two at zero tie for the last seat', candidates: ['a', 'b', 'c'], seats: 2, present: 150, ballots: times(100, ['a']), valid: true, elected: ['a'], tied: ['b', 'c'], runoffSeats: 1, unfilledSeats: 0 },
    { name: 'all blank: everyone tied at zero → another runoff', candidates: ['a', 'b'], seats: 1, present: 120, ballots: times(120, []), valid: true, elected: [], tied: ['a', 'b'], runoffSeats: 1, unfilledSeats: 0 },
    { name: 'quorum missed (exactly 2/3 = 102.67 → 102 present): nobody elected, seat unfilled', candidates: ['a', 'b'], seats: 1, present: 102, ballots: [...times(60, ['a']), ...times(42, ['b'])], valid: false, elected: [], tied: [], runoffSeats: 0, unfilledSeats: 1 },
  ];
  it.each(cases)('$name', (c) => {
    const result = countBallots({ rule: rule(c.seats), candidateIds: c.candidates, roll: 154, present: c.present, ballots: c.ballots, runoff: true });
    expect(result.runoff).toBe(true);
    expect(result.passNeeded).toBe(0);
    expect(result.valid).toBe(c.valid);
    expect(result.elected).toEqual(c.elected);
    expect(result.tied).toEqual(c.tied);
    expect(result.runoffSeats).toBe(c.runoffSeats);
    expect(result.unfilledSeats).toBe(c.unfilledSeats);
  });

  it('the same 76/74 counted as a first round leaves the seat unfilled (§8: more than half of all 154)', () => {
    const result = countBallots({ rule: rule(1), candidateIds: ['a', 'b'], roll: 154, present: 150, ballots: [...times(76, ['a']), ...times(74, ['b'])] });
    expect(result.runoff).toBe(false);
    expect(result.passNeeded).toBe(78);
    expect(result.elected).toEqual([]);
    expect(result.unfilledSeats).toBe(1);
  });
});
