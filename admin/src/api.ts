import { CloudError, createClient, type CallFn, type Transport } from '@shared/client';
import { CONSOLE_CONFIG_GLOBAL, consoleConfigSchema } from '@shared/consoleConfig';
import { ERROR_MESSAGES } from '@shared/errors';

/**
 * The console's ONLY way to reach cloud functions: CloudBase's HTTP access service (云接入), one
 * path per function under `functionsUrl` from the runtime config (`config.js` beside index.html,
 * see shared/consoleConfig.ts) — in the cloud the environment's HTTP access domain, locally the
 * local cloud, which builds the same HTTP-trigger event. The router unwraps it
 * (cloudfunctions/common/httpTrigger.ts). The session token travels in the `X-Session-Token` header.
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

/** Where the functions are: read once from the runtime config, validated. */
export function functionsUrl(): string {
  const parsed = consoleConfigSchema.safeParse((window as unknown as Record<string, unknown>)[CONSOLE_CONFIG_GLOBAL]);
  if (!parsed.success) throw new CloudError('INTERNAL', '控制台配置缺失或有误（config.js），请联系管理员');
  return parsed.data.functionsUrl;
}

/** With `withSession` false the stored token is never sent (public pages: nothing there depends on who looks). */
const httpTransport = (withSession: boolean): Transport => async (fn, data) => {
  const session = withSession ? getSession() : null;
  let res: Response;
  try {
    res = await fetch(`${functionsUrl()}/${encodeURIComponent(fn)}`, {
      method: 'POST',
      // Cross-origin in the cloud (hosting ≠ HTTP access domain): no cookies, CORS per allowed origin.
      mode: 'cors',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json', ...(session ? { 'X-Session-Token': session.token } : {}) },
      body: JSON.stringify(data),
    });
  } catch (e) {
    if (e instanceof CloudError) throw e;
    throw new CloudError('NETWORK', '网络连接失败，请检查网络后重试');
  }
  // Functions answer with a `{ ok, ... }` body even on error statuses; anything else is a gateway fault.
  try {
    return await res.json();
  } catch {
    throw new CloudError(res.status >= 500 ? 'INTERNAL' : 'NETWORK', res.status >= 500 ? ERROR_MESSAGES.INTERNAL : '网络连接失败，请检查网络后重试');
  }
};

const rawCall = createClient(httpTransport(true));

/**
 * Calls a public action (e.g. 学时证明 verification) without the session token, so a stale or
 * foreign token in this browser can neither be refused nor end a session from a public page.
 */
export const publicCall: CallFn = createClient(httpTransport(false));

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
