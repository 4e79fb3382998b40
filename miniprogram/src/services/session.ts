import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { PersonSelf, RequestRow, WorkerState } from '@shared/contracts';
import { call } from './cloud';
import { passwordChangeDone, requirePasswordChange } from './passwordGate';
import { errorMessage } from '../utils/errors';

/**
 * The worker's session: the person bound to this WeChat user (OPENID), as `identity.me` says.
 * There is no token: the server knows the caller from WeChat, so a bound person is "logged in"
 * on every open without a password. A tiny store shared by all pages.
 */
export type Session =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; person: PersonSelf | null; pendingRequests: RequestRow[]; lastDecision: RequestRow | null };

let state: Session = { status: 'loading' };
let loadedAt = 0;
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: Session): void {
  state = next;
  listeners.forEach((l) => l());
}

export function getSession(): Session {
  return state;
}

/** Re-reads `identity.me`; with `maxAgeMs`, only when the last answer is older than that. */
export function refreshSession(maxAgeMs = 0): Promise<void> {
  if (inflight) return inflight;
  if (maxAgeMs > 0 && state.status === 'ready' && Date.now() - loadedAt < maxAgeMs) return Promise.resolve();
  inflight = call('identity', 'me', {})
    .then((me) => setSession(me))
    .catch((err) => {
      // Keep a known state on a failed refresh; only the first load shows the error.
      if (state.status !== 'ready') set({ status: 'error', error: errorMessage(err) });
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** After login / register / profile changes, which answer with the new state. */
export function setSession(me: WorkerState): void {
  loadedAt = Date.now();
  // An initial or reset password: nothing but the change page until it is changed.
  if (me.person?.mustChangePassword) requirePasswordChange('worker');
  else passwordChangeDone('worker');
  set({ status: 'ready', person: me.person, pendingRequests: me.pendingRequests ?? [], lastDecision: me.lastDecision ?? null });
}

export function updatePerson(person: PersonSelf): void {
  if (state.status === 'ready') set({ ...state, person });
}

export function clearSession(): void {
  loadedAt = Date.now();
  passwordChangeDone('worker');
  set({ status: 'ready', person: null, pendingRequests: [], lastDecision: null });
}

export function useSession(): Session {
  const [s, setS] = useState<Session>(state);
  useEffect(() => {
    const l = () => setS(state);
    listeners.add(l);
    l();
    return () => {
      listeners.delete(l);
    };
  }, []);
  return s;
}

/** The pending registration or change-of-employer request, if any. */
export function pendingOf(s: Session, type: RequestRow['type']): RequestRow | undefined {
  return s.status === 'ready' ? s.pendingRequests.find((r) => r.type === type && r.status === 'pending') : undefined;
}

/** Decisions the worker dismissed with 知道了 on this phone (by request id). */
const SEEN_DECISION_KEY = 'anxue.seenDecision';

export function decisionSeen(requestId: string): boolean {
  try {
    return Taro.getStorageSync(SEEN_DECISION_KEY) === requestId;
  } catch {
    return false;
  }
}

export function markDecisionSeen(requestId: string): void {
  Taro.setStorageSync(SEEN_DECISION_KEY, requestId);
  if (state.status === 'ready') set({ ...state });
}

/**
 * The server's last decision worth telling the worker about: a rejection (until dismissed, or
 * until a newer request is pending) or an approved change of employer (once).
 */
export function decisionToShow(s: Session): RequestRow | null {
  if (s.status !== 'ready' || !s.person || !s.lastDecision) return null;
  const d = s.lastDecision;
  if (s.pendingRequests.some((r) => r.status === 'pending')) return null;
  if (d.status === 'approved' && d.type !== 'changeEmployer') return null;
  return decisionSeen(d._id) ? null : d;
}
