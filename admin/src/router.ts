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

/** The query part of the hash (`#/staff?status=left&page=2`): filters, tab and page live there. */
export function readHashQuery(): URLSearchParams {
  const h = window.location.hash.replace(/^#/, '');
  const i = h.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : h.slice(i + 1));
}

/**
 * Writes a page's filters into the hash query without a history entry (refresh and back then come
 * back to the same filters). Empty values are left out so the default URL stays plain.
 */
export function writeHashQuery(values: Record<string, string | number | undefined | null>): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  const url = `${window.location.pathname}${window.location.search}#${currentPath()}${s ? `?${s}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, '', url);
}
