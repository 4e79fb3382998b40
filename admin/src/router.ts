import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router (react-router is deliberately not a dependency). Hash URLs need no server
 * rewrites, so dist/admin works from any static host under /admin/.
 */
function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  const path = h.split('?')[0];
  return path.startsWith('/') ? path : '/';
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (currentPath() === path) return;
  if (opts.replace) {
    const url = `${window.location.pathname}${window.location.search}#${path}`;
    window.history.replaceState(window.history.state, '', url);
    // replaceState fires no hashchange; tell subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = path;
  }
}
