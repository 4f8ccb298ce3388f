/**
 * Report extraction throughput over the seed reports, and the time to build a scorecard.
 */

/** Runs the reports benchmark and prints its figures. */
export async function runReportsBench(): Promise<void> {
  console.log('reports  (not measured yet)');
}
