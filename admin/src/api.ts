import { CloudError, createClient, type CallFn, type Transport } from '@shared/client';
import { ERROR_MESSAGES } from '@shared/errors';

/**
 * The console's ONLY way to reach cloud functions. Locally the cloud serves `/api/fn/<name>`;
 * CloudBase's callFunction has no headers, so the session token travels in the body there and here.
 */
export type { CallFn };

const SESSION_KEY = 'anxue.session';

export interface StoredSession {
  token: string;
  expiresAt: string;
}

export function getSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof s.token !== 'string' || !s.token) return null;
    return { token: s.token, expiresAt: String(s.expiresAt ?? '') };
  } catch {
    return null; // corrupt or blocked storage: behave as signed out
  }
}

export function saveSession(s: StoredSession): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(s));
}

export function clearSession(): void {
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

/** True when the stored session has a known expiry in the past (saves a doomed round trip). */
export function sessionLooksExpired(s: StoredSession, now = Date.now()): boolean {
  const t = Date.parse(s.expiresAt);
  return Number.isFinite(t) && t <= now;
}

type SessionEndListener = (message: string) => void;
const listeners = new Set<SessionEndListener>();

/** The auth provider subscribes here to drop the account and show the login page. */
export function onSessionEnd(fn: SessionEndListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function endSession(message: string): void {
  clearSession();
  for (const fn of listeners) fn(message);
}

const fetchTransport: Transport = async (fn, data) => {
  const session = getSession();
  const body = session ? { ...data, sessionToken: session.token } : data;
  const res = await fetch(`/api/fn/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  // Functions answer with a `{ ok, ... }` body even on error statuses; anything else is a gateway fault.
  try {
    return await res.json();
  } catch {
    throw new CloudError(res.status >= 500 ? 'INTERNAL' : 'NETWORK', res.status >= 500 ? ERROR_MESSAGES.INTERNAL : '网络连接失败，请检查网络后重试');
  }
};

const rawCall = createClient(fetchTransport);

export const call: CallFn = async (fn, action, input) => {
  try {
    return await rawCall(fn, action, input);
  } catch (e) {
    if (e instanceof CloudError && (e.code === 'UNAUTHENTICATED' || e.code === 'SESSION_EXPIRED')) {
      endSession(e.message);
    }
    throw e;
  }
};

/** A person-readable message for any error thrown by `call`. */
export function errorMessage(e: unknown): string {
  if (e instanceof CloudError) return e.message;
  return ERROR_MESSAGES.INTERNAL;
}
