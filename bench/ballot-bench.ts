/**
 * Ballots per second cast through the HTTP API by concurrent deputies.
 */

/** Runs the ballot benchmark (PostgreSQL too when `url` is given) and prints its figures. */
export async function runBallotBench(_url: string | undefined): Promise<void> {
  console.log('ballots  (not measured yet)');
}
