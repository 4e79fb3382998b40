import { useEffect, useState } from 'react';
import { call } from './api';

/**
 * The 人员审核 badge: refreshed on every navigation and whenever a page reports a decision
 * (`notifyPendingChanged`), so the count in the menu never lags the list the admin just worked on.
 */
const EVENT = 'anxue:pending-changed';

export const notifyPendingChanged = (): void => {
  window.dispatchEvent(new Event(EVENT));
};

export function usePendingCount(enabled: boolean, path: string): number {
  const [count, setCount] = useState(0);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const bump = () => setNonce((n) => n + 1);
    window.addEventListener(EVENT, bump);
    return () => window.removeEventListener(EVENT, bump);
  }, []);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    call('org', 'pendingRequestCount', {})
      .then(({ pending }) => alive && setCount(pending))
      .catch(() => undefined); // a badge is not worth an error toast; the page itself reports failures
    return () => {
      alive = false;
    };
  }, [enabled, path, nonce]);
  return enabled ? count : 0;
}
