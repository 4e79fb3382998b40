import { lazy, Suspense, useEffect, useRef } from 'react';
import { useAuth } from './auth';
import { navigate, usePath } from './router';
import { findRoute, homePathFor, OPEN_PATHS, PUBLIC_PATHS, routesFor } from './routes';
import { PageSpinner } from './components/PageSpinner';

// Both screens are split out so the entry chunk stays small; each loads what it needs.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout'));
const OfflineScreen = lazy(() => import('./components/OfflineScreen'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));

export function App() {
  const { state, recheck } = useAuth();
  const path = usePath();
  // Where a signed-out visitor was headed, so login can take them back there.
  const wanted = useRef<string | null>(null);

  const open = OPEN_PATHS.includes(path);

  useEffect(() => {
    if (open) return;
    if (state.status === 'anonymous' && !PUBLIC_PATHS.includes(path)) {
      if (path !== '/') wanted.current = path;
      navigate('/login', { replace: true });
    }
    if (state.status === 'signedIn') {
      const allowed = routesFor(state.account.role);
      if (!findRoute(allowed, path)) {
        const next = wanted.current && findRoute(allowed, wanted.current) ? wanted.current : homePathFor(state.account.role);
        wanted.current = null;
        navigate(next, { replace: true });
      }
    }
  }, [state, path, open]);

  // 学时证明 verification: anyone, signed in or not, sees only the public page (no console chrome).
  if (open)
    return (
      <Suspense fallback={<PageSpinner full />}>
        <VerifyPage />
      </Suspense>
    );
  if (state.status === 'checking') return <PageSpinner full />;
  return (
    <Suspense fallback={<PageSpinner full />}>
      {state.status === 'anonymous' ? (
        path === '/register' ? <RegisterPage /> : <LoginPage notice={state.notice} />
      ) : state.status === 'offline' ? (
        <OfflineScreen message={state.message} onRetry={recheck} />
      ) : (
        <ConsoleLayout account={state.account} path={path} />
      )}
    </Suspense>
  );
}
