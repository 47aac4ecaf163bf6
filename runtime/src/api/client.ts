/**
 * The fetch client. Every error the server sends is `{"error": {"code", "message", "details"?}}`;
 * it becomes an ApiError. A 401 tells the app to show the login page (onUnauthorized).
 */
import { isRecord } from '../form/template-types';
import type { FieldIssue } from '../form/engine-adapter';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** 422 details as field issues on Formily paths ("rows[2].amount" → "rows.2.amount"). */
  fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    const out: FieldIssue[] = [];
    for (const d of this.details) {
      if (!isRecord(d) || typeof d['message'] !== 'string') continue;
      const path = typeof d['path'] === 'string' ? toFormilyPath(d['path']) : '';
      out.push({ path, message: d['message'], code: typeof d['code'] === 'string' ? d['code'] : this.code });
    }
    return out;
  }
}

/** What to tell the user about a failed call: the server's message, or a generic one. */
export function errorMessage(e: unknown): string {
  return e instanceof ApiError ? e.message : '操作失败';
}

/** "rows[2].amount" or "/rows/2/amount" → "rows.2.amount". */
export function toFormilyPath(path: string): string {
  if (path.startsWith('/')) return path.slice(1).split('/').join('.');
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => undefined;

/** The app installs its handler (show the login page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${qs}`;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), init);
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) throw errorFromResponse(res.status, data, path);
  return data as T;
}

/**
 * The ApiError of a failed response (parsed body `data`); a 401 outside the login also tells the
 * app to show the login page. Exported for requests `api` cannot make (uploads with progress).
 */
export function errorFromResponse(status: number, data: unknown, path: string): ApiError {
  const err = isRecord(data) && isRecord(data['error']) ? data['error'] : undefined;
  const code = typeof err?.['code'] === 'string' ? err['code'] : `HTTP_${status}`;
  const message = typeof err?.['message'] === 'string' ? err['message'] : `请求失败（${status}）`;
  if (status === 401 && path !== '/api/auth/login') onUnauthorized();
  return new ApiError(status, code, message, err?.['details']);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
