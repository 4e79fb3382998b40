import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AccountView } from '@shared/contracts/identity';
import { call, clearSession, errorMessage, getSession, onPasswordChangeRequired, onSessionEnd, saveSession, serverLogout, sessionLooksExpired } from './api';

/**
 * Who is signed in. `checking` while a stored session is validated with consoleMe on reload;
 * `offline` when that check failed for a reason other than the session (keep the token, offer retry).
 */
export type AuthState =
  | { status: 'checking' }
  | { status: 'anonymous'; notice?: string }
  | { status: 'offline'; message: string }
  | { status: 'signedIn'; account: AccountView };

interface AuthApi {
  state: AuthState;
  login(username: string, password: string): Promise<void>;
  /** Ends the session; `notice` is shown on the login page (e.g. after a password change). */
  logout(notice?: string): void;
  recheck(): void;
  /** Reloads the account in place (no spinner), e.g. after its password changed. */
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthApi | null>(null);

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in account; only for components rendered inside the signed-in layout. */
export function useAccount(): AccountView {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useAccount without a signed-in account');
  return state.account;
}

function initialState(): AuthState {
  const s = getSession();
  if (!s) return { status: 'anonymous' };
  if (sessionLooksExpired(s)) {
    clearSession();
    return { status: 'anonymous', notice: '登录已过期，请重新登录' };
  }
  return { status: 'checking' };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(initialState);
  const [checkNonce, setCheckNonce] = useState(0);

  // Any call answering UNAUTHENTICATED / SESSION_EXPIRED ends the session (api.ts clears storage).
  useEffect(() => onSessionEnd((message) => setState({ status: 'anonymous', notice: message })), []);
  // A call refused with PASSWORD_CHANGE_REQUIRED: the layout then shows the non-closable change dialog.
  useEffect(
    () =>
      onPasswordChangeRequired(() =>
        setState((s) => (s.status === 'signedIn' && !s.account.mustChangePassword ? { ...s, account: { ...s.account, mustChangePassword: true } } : s)),
      ),
    [],
  );

  useEffect(() => {
    if (state.status !== 'checking') return;
    let alive = true;
    call('identity', 'consoleMe', {})
      .then(({ account }) => alive && setState({ status: 'signedIn', account }))
      .catch((e: unknown) => {
        // Auth errors already moved us to `anonymous` via onSessionEnd.
        if (alive && getSession()) setState({ status: 'offline', message: errorMessage(e) });
      });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checkNonce, state.status]);

  const login = useCallback(async (username: string, password: string) => {
    // A leftover token (e.g. revoked server-side) would make the router reject even the login call.
    clearSession();
    const { token, expiresAt, account } = await call('identity', 'consoleLogin', { username, password });
    saveSession({ token, expiresAt });
    setState({ status: 'signedIn', account });
  }, []);

  const logout = useCallback((notice?: string) => {
    serverLogout();
    setState({ status: 'anonymous', notice });
  }, []);

  const recheck = useCallback(() => {
    setState({ status: 'checking' });
    setCheckNonce((n) => n + 1);
  }, []);

  const refresh = useCallback(async () => {
    const { account } = await call('identity', 'consoleMe', {});
    setState({ status: 'signedIn', account });
  }, []);

  const api = useMemo(() => ({ state, login, logout, recheck, refresh }), [state, login, logout, recheck, refresh]);
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}
