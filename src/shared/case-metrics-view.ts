/**
 * The case metrics of STANDARDS.md §5 as the API sends them. Free of Node.js and browser
 * APIs: the server and the web UI import this same file.
 */

/** The metrics of STANDARDS.md §5 as shown. Rates are fractions, null without a denominator. */
export interface CaseMetrics {
  received: number;
  registered: number;
  voided: number;
  due: number;
  closed: number;
  closedOnTime: number;
  closureRate: number | null;
  onTimeClosureRate: number | null;
  handled: number;
  handledOnTime: number;
  onTimeHandlingRate: number | null;
  checked: number;
  reworked: number;
  reworkRate: number | null;
  callbacks: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  overdueClosed: number;
  overtimeRatio: number | null;
  avgCloseWorkingMinutes: number | null;
  returns: number;
  extensions: number;
  parks: number;
  open: number;
  overdueOpen: number;
}
