/**
 * The counting rule of the deputies' ballot (STANDARDS.md §8), pure. Approval voting: each
 * ballot marks up to `seats` candidates (none is a blank ballot, which still counts as cast).
 * The session is valid when the present deputies meet the quorum (by default more than 2/3 of
 * the roll); a candidate passes with votes meeting the pass threshold (by default more than
 * half of ALL deputies on the roll); among those that pass the most votes win the seats; a tie
 * at the last seat is not broken here: the tied go to a new ballot for the remaining seats.
 * That new ballot (a runoff, `runoff: true`) is among candidates who all passed already, so it
 * does not apply the pass threshold again: the quorum still holds, the most votes win the
 * remaining seats, and a tie again at the last seat goes to yet another runoff. (Re-applying
 * "more than half of ALL deputies" would leave a seat empty on a 76/74 split of 154.)
 * All comparisons are in integers, so 2/3 of 154 is never a rounding question.
 */
import type { BallotRule, CandidateTally, CountResult, Threshold } from '@/shared/livelihood-vocabulary.js';

// The result sheet's shape lives in the shared vocabulary: the web UI reads it as stored.
export type { CandidateTally, CountResult };

/** What is counted. */
export interface CountInput {
  rule: BallotRule;
  /** Candidates on this ballot, in ballot order. */
  candidateIds: readonly string[];
  /** Deputies on the roll. */
  roll: number;
  /** Deputies present (checked in). */
  present: number;
  /** The choices of each ballot cast. */
  ballots: readonly (readonly string[])[];
  /** A runoff among candidates tied at the last seat: the most votes win, no pass threshold. */
  runoff?: boolean;
}

/**
 * Fewest whole people `n` with n > base·num/den (strict) or n ≥ base·num/den.
 * Integer arithmetic: n·den > base·num.
 */
export function thresholdCount(base: number, t: Threshold): number {
  const product = base * t.numerator;
  return t.strict ? Math.floor(product / t.denominator) + 1 : Math.ceil(product / t.denominator);
}

/** Checks a ballot's choices against the rule; returns the problem or null. */
export function ballotProblem(choices: readonly string[], candidateIds: readonly string[], seats: number): 'too_many' | 'unknown' | 'duplicate' | null {
  if (choices.length > seats) return 'too_many';
  const known = new Set(candidateIds);
  if (choices.some((c) => !known.has(c))) return 'unknown';
  if (new Set(choices).size !== choices.length) return 'duplicate';
  return null;
}

/** Counts one session from its ballots. */
export function countBallots(input: CountInput): CountResult {
  const { rule, candidateIds, ballots } = input;
  const votes = new Map(candidateIds.map((id) => [id, 0]));
  let blank = 0;
  let invalid = 0;
  for (const choices of ballots) {
    if (ballotProblem(choices, candidateIds, rule.seats)) {
      invalid += 1;
      continue;
    }
    if (choices.length === 0) blank += 1;
    for (const c of choices) votes.set(c, (votes.get(c) ?? 0) + 1);
  }
  return decide({ rule, candidateIds, roll: input.roll, present: input.present, cast: ballots.length, blank, invalid, votes, runoff: input.runoff ?? false });
}

/** What a tally already made elsewhere (a paper ballot) says. */
export interface TallyInput {
  rule: BallotRule;
  candidateIds: readonly string[];
  roll: number;
  present: number;
  cast: number;
  blank: number;
  invalid: number;
  /** Votes per candidate id. */
  votes: ReadonlyMap<string, number>;
  /** A runoff among candidates tied at the last seat (see the module comment). */
  runoff?: boolean;
}

/**
 * Applies the rule to a tally: quorum, pass threshold, the seats by votes, and the tie at the
 * last seat. {@link countBallots} tallies ballots and calls this; a paper ballot's tally
 * entered by hand is decided by the same rule.
 */
export function decide(input: TallyInput): CountResult {
  const { rule, candidateIds, roll, present, cast, blank, invalid } = input;
  const quorumNeeded = thresholdCount(roll, rule.quorum);
  const valid = roll > 0 && present >= quorumNeeded;
  const base = rule.pass.base === 'roll' ? roll : rule.pass.base === 'present' ? present : cast;
  const runoff = input.runoff ?? false;
  // Nobody passes on zero votes, whatever the fraction says; in a runoff all passed in round 1.
  const passNeeded = runoff ? 0 : Math.max(1, thresholdCount(base, rule.pass));
  const order = new Map(candidateIds.map((id, i) => [id, i]));
  const ranked = candidateIds
    .map((candidateId) => {
      const v = input.votes.get(candidateId) ?? 0;
      return { candidateId, votes: v, passes: valid && v >= passNeeded };
    })
    .sort((a, b) => b.votes - a.votes || (order.get(a.candidateId) ?? 0) - (order.get(b.candidateId) ?? 0));
  const passing = ranked.filter((t) => t.passes);
  let elected: string[];
  let tied: string[] = [];
  if (passing.length <= rule.seats) {
    elected = passing.map((t) => t.candidateId);
  } else {
    const last = passing[rule.seats - 1]?.votes ?? 0;
    const above = passing.filter((t) => t.votes > last);
    const atLast = passing.filter((t) => t.votes === last);
    elected = above.map((t) => t.candidateId);
    if (above.length + atLast.length <= rule.seats) elected.push(...atLast.map((t) => t.candidateId));
    else tied = atLast.map((t) => t.candidateId);
  }
  const electedSet = new Set(elected);
  const tiedSet = new Set(tied);
  const runoffSeats = tied.length > 0 ? rule.seats - elected.length : 0;
  return {
    roll,
    present,
    quorumNeeded,
    valid,
    cast,
    blank,
    invalid,
    passBase: rule.pass.base,
    runoff,
    passNeeded,
    tallies: ranked.map((t) => ({
      ...t,
      outcome: electedSet.has(t.candidateId) ? 'elected' : tiedSet.has(t.candidateId) ? 'runoff' : 'not_elected',
    })),
    elected,
    tied,
    runoffSeats,
    unfilledSeats: tied.length > 0 ? 0 : rule.seats - elected.length,
  };
}
