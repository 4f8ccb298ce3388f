/**
 * Small pieces the livelihood pages share: loading with abort, who may manage, the progress bar.
 */
import { Alert, Progress } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import type { Role } from '../../../src/shared/roles';

/** Loads with `load`, again whenever `reload()` is called or the deps change. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal)
      .then((value) => {
        setData(value);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // The caller lists what `load` depends on.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** Admins and town administrators run cycles (livelihood-policy.ts). */
export function canManage(role: Role): boolean {
  return role === 'admin' || role === 'town_admin';
}

/** An error line. */
export function LoadError({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null;
}

/** Progress in percent with the colour of its status. */
export function ProgressBar({ progress, status, size }: { progress: number; status?: string; size?: 'small' | 'default' }) {
  const stroke = status === 'delayed' ? '#fa8c16' : status === 'completed' ? '#52c41a' : undefined;
  return <Progress percent={Math.round(progress * 10) / 10} size={size === 'small' ? 'small' : 'default'} strokeColor={stroke} status={status === 'completed' ? 'success' : 'normal'} />;
}
