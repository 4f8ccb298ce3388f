import { useApi } from '../api/useApi';
import { fetchStatus } from './api';
import { parsePeriod } from './format';

/** What {@link useLatestPeriod} knows. */
export interface LatestPeriod {
  /** The latest period with figures, null when there are none; undefined while loading. */
  latest: { year: number; month: number } | null | undefined;
  error: unknown;
}

/**
 * The latest period with figures in `region`, as the status endpoint reports it, for pages
 * whose own endpoint needs a period before the person has picked one. `skip` avoids the call
 * when the page already has its period.
 */
export function useLatestPeriod(region: string, skip = false): LatestPeriod {
  const status = useApi((signal) => (skip ? null : fetchStatus(region, null, signal)), [region, skip]);
  if (skip) return { latest: undefined, error: undefined };
  if (status.error !== undefined) return { latest: null, error: status.error };
  if (!status.data) return { latest: undefined, error: undefined };
  return { latest: parsePeriod(status.data.latestPeriod ?? status.data.period), error: undefined };
}
