/**
 * Live updates: the server's event stream of the region's district (`/api/cockpit/live`).
 * Case changes call `onChange` (at most once a second); the browser reconnects by itself.
 */
import { useEffect, useRef, useState } from 'react';

/** The stream's state for the header badge. */
export interface LiveState {
  connected: boolean;
  lastChange: Date | null;
}

/** Listens while mounted; `onChange` runs after case changes in the district. */
export function useLiveUpdates(region: string | undefined, onChange: () => void): LiveState {
  const [state, setState] = useState<LiveState>({ connected: false, lastChange: null });
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const url = `/api/cockpit/live${region ? `?region=${encodeURIComponent(region)}` : ''}`;
    const source = new EventSource(url);
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
  }, [region]);

  return state;
}
