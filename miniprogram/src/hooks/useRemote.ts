import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../utils/errors';

export type Remote<T> =
  | { status: 'loading'; data?: T; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: T; error: string; code?: string };

/**
 * One call's state for a page: loading → ready | error, `reload` (pull-down, 重试, after an action).
 * A reload keeps the last data visible; answers that arrive out of order are dropped.
 */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[], enabled = true): Remote<T> & { reload: () => Promise<void> } {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => ({ status: 'loading', data: s.data }));
    try {
      const data = await loadRef.current();
      if (mine === seq.current) setState({ status: 'ready', data });
    } catch (err) {
      const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;
      if (mine === seq.current) setState((s) => ({ status: 'error', data: s.data, error: errorMessage(err), code }));
    }
  }, []);
  useEffect(() => {
    if (enabled) void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps]);
  return { ...state, reload };
}
