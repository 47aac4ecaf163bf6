/**
 * A tiny hash router: `#/projects/12?kind=declaration`. Routes are patterns with `:params`;
 * `useRoute()` re-renders on hashchange; `navigate()` changes the hash.
 */
import { useSyncExternalStore } from 'react';

export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): string {
  const h = window.location.hash;
  return h.startsWith('#') ? h.slice(1) || '/' : '/';
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function parseLocation(hash: string): Location {
  const [path = '/', qs = ''] = hash.split('?');
  return { path: path === '' ? '/' : path, query: new URLSearchParams(qs) };
}

export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, current, () => '/');
  return parseLocation(hash);
}

export function navigate(to: string): void {
  const target = to.startsWith('#') ? to : `#${to}`;
  if (window.location.hash !== target) window.location.hash = target;
}

export function href(to: string): string {
  return `#${to}`;
}

/** Match `/projects/:id` against `/projects/12` → {id: '12'}; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const a = p[i] as string;
    const b = s[i] as string;
    if (a.startsWith(':')) params[a.slice(1)] = decodeURIComponent(b);
    else if (a !== b) return null;
  }
  return params;
}
