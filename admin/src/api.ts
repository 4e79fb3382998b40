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

type PasswordChangeListener = () => void;
const passwordListeners = new Set<PasswordChangeListener>();

/** The auth provider subscribes here: the server refused a call until the initial password is changed. */
export function onPasswordChangeRequired(fn: PasswordChangeListener): () => void {
  passwordListeners.add(fn);
  return () => passwordListeners.delete(fn);
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
    } else if (e instanceof CloudError && e.code === 'PASSWORD_CHANGE_REQUIRED') {
      for (const fn of passwordListeners) fn();
    }
    throw e;
  }
};

/**
 * 退出登录: ends the session on the server (its token is refused from then on) and forgets it here.
 * Best effort: the local token is cleared whatever the answer, and a failure ends nothing else
 * (rawCall, so an already-expired token does not raise the session-ended notice).
 */
export function serverLogout(): void {
  // The transport reads the token synchronously, before clearSession below runs.
  if (getSession()) rawCall('identity', 'consoleLogout', {}).catch(() => undefined);
  clearSession();
}

/**
 * A person-readable message for any error thrown by `call`: the server's own message (it names the
 * blocking department, the taken username…), falling back to the code's standard text.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof CloudError) return e.message || (ERROR_MESSAGES as Record<string, string>)[e.code] || ERROR_MESSAGES.INTERNAL;
  return ERROR_MESSAGES.INTERNAL;
}
