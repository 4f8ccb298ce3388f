import { useCallback, useEffect, useState, type DependencyList } from 'react';

/** The state of one API read. */
export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Runs the read again with the same inputs. */
  reload(): void;
}

/**
 * Runs `load` whenever `deps` change, aborting the previous run so a slow old answer never
 * overwrites a newer one. `load` returning null means "nothing to load". `initial` gives the
 * data to draw at once when the answer has arrived before the component (a read started
 * early); `load` still runs and its answer replaces it.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T> | null, deps: DependencyList, initial?: () => T | undefined): ApiState<T> {
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const pending = load(controller.signal);
    if (!pending) {
      setData(undefined);
      setError(undefined);
      setLoading(false);
      return () => controller.abort();
    }
    setLoading(true);
    setError(undefined);
    pending
      .then((value) => {
        if (!controller.signal.aborted) setData(value);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) {
          setData(undefined);
          setError(caught);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // `load` is a fresh closure each render; its inputs are listed in `deps`.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
