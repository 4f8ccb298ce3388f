/**
 * Live updates: the server's event stream of the region's district (`/api/cockpit/live`).
 * Case changes call `onChange` (at most once every 300 ms); the browser reconnects by itself.
 *
 * The stream opens once the figures are on screen and says from which audit head they were
 * read (`since`, the cockpit's `seq`): a change made between the read and the connection is
 * then told at once instead of being missed. On a reconnection the browser sends the id of
 * the last change it heard (Last-Event-ID), so changes made while it was away are told too.
 */
import { useEffect, useRef, useState } from 'react';

/** The stream's state for the header badge. */
export interface LiveState {
  connected: boolean;
  lastChange: Date | null;
}

/**
 * Listens while mounted; `onChange` runs after case changes in the district. `seq` is the
 * `seq` of the cockpit on screen (undefined until it has loaded: the stream waits for it).
 */
export function useLiveUpdates(region: string | undefined, seq: number | undefined, onChange: () => void): LiveState {
  const [state, setState] = useState<LiveState>({ connected: false, lastChange: null });
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  // The stream opens at the region's first figures and stays open after: later reloads move
  // `seq` on (the open stream already tells what follows) and a failed reload, which leaves no
  // figures, must not close the stream whose next change retries it.
  const key = region ?? '';
  const [readyFor, setReadyFor] = useState<string | null>(null);
  if (seq !== undefined && readyFor !== key) setReadyFor(key);
  const ready = readyFor === key;
  const since = useRef(seq);
  useEffect(() => {
    since.current = seq;
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined' || !ready) return;
    const query = new URLSearchParams();
    if (region) query.set('region', region);
    if (since.current !== undefined) query.set('since', String(since.current));
    const source = new EventSource(`/api/cockpit/live?${query.toString()}`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener('ready', () => setState((s) => ({ ...s, connected: true })));
    source.addEventListener('change', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { entityTypes?: string[] };
      if (!(data.entityTypes ?? []).some((t) => t.startsWith('case'))) return;
      setState({ connected: true, lastChange: new Date() });
      // A burst of changes (a bulk import) refreshes once.
      if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          callback.current();
        }, 300);
      }
    });
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [region, ready]);

  return state;
}
