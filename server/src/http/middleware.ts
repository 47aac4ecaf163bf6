/**
 * Small named middlewares, in the order app.ts installs them:
 * errorHandler → securityHeaders → (session) → authGate → jsonBody → routes → apiNotFound.
 */
import { randomUUID } from 'node:crypto';
import type { Logger, AppMiddleware } from './types';
import { BadRequestError, HttpError, UnauthorizedError, NotFoundError, ConflictError, TooManyRequestsError, envelope } from './errors';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Duplicate-key errors from either driver (a race the service's own check did not catch). */
function isUniqueViolation(err: unknown): boolean {
  if (!isRecord(err)) return false;
  return err.code === 'ER_DUP_ENTRY' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Renders every error as `{"error": {"code", "message", "details"?}}`. HttpErrors keep their
 * status; errors from Koa/koa-static with an `expose`d 4xx status keep theirs; a unique-key
 * violation is a 409; everything else is a 500 whose stack is logged with an id the client sees.
 */
export function errorHandler(log: Logger): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      // Serialise JSON bodies here, so a value that cannot be serialised is a logged 500 with
      // the envelope rather than Koa's plain-text one.
      const body: unknown = ctx.body;
      if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function') {
        const text = JSON.stringify(body);
        ctx.body = text;
        ctx.type = 'application/json';
      }
    } catch (err) {
      let httpError: HttpError;
      if (err instanceof HttpError) {
        httpError = err;
      } else if (isUniqueViolation(err)) {
        httpError = new ConflictError('数据已存在', 'DUPLICATE');
      } else if (isRecord(err) && typeof err.status === 'number' && err.status >= 400 && err.status < 500 && err.expose === true) {
        const status = err.status;
        const code = status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
        httpError = new HttpError(status, code, status === 404 ? '未找到' : status === 405 ? '不支持的请求方法' : '请求无效');
      } else {
        const id = randomUUID();
        log.error(`[${id}] ${ctx.method} ${ctx.path} failed`, err);
        httpError = new HttpError(500, 'INTERNAL', `服务器内部错误（编号 ${id}）`);
      }
      ctx.status = httpError.status;
      ctx.type = 'application/json';
      if (httpError instanceof TooManyRequestsError && httpError.retryAfterSeconds !== undefined) {
        ctx.set('Retry-After', String(httpError.retryAfterSeconds));
      }
      if (httpError instanceof UnauthorizedError) ctx.set('Cache-Control', 'no-store');
      ctx.body = envelope(httpError);
    }
  };
}

export function securityHeaders(): AppMiddleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.set('Referrer-Policy', 'same-origin');
    await next();
  };
}

/** /api routes anyone may call; every other /api route needs a session. */
export const PUBLIC_API: ReadonlyArray<readonly [method: string, path: string]> = [
  ['GET', '/api/health'],
  ['POST', '/api/auth/login'],
  ['POST', '/api/auth/logout'],
];

const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** 401 for /api requests without a session (unknown /api paths too: nothing leaks before login). */
export function authGate(): AppMiddleware {
  return async (ctx, next) => {
    if (isApi(ctx.path) && !ctx.state.user) {
      const path = ctx.path.length > 1 && ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : ctx.path;
      const open = PUBLIC_API.some(([m, p]) => p === path && (m === ctx.method || (m === 'GET' && ctx.method === 'HEAD')));
      if (!open) throw new UnauthorizedError();
    }
    await next();
  };
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

/**
 * Reads JSON request bodies of /api requests into `ctx.request.body` (at most `limitBytes`).
 * Malformed JSON → 400 MALFORMED_JSON; too large → 413. Other content types (multipart uploads)
 * are left for their route to read.
 */
export function jsonBody(limitBytes: number): AppMiddleware {
  return async (ctx, next) => {
    const method = ctx.method;
    if (isApi(ctx.path) && method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const type = ctx.get('content-type');
      if (JSON_TYPE.test(type)) {
        const declared = Number(ctx.get('content-length') || '0');
        if (declared > limitBytes) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', '请求内容过大');
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of ctx.req as AsyncIterable<Buffer | string>) {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          size += buf.length;
          if (size > limitBytes) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', '请求内容过大');
          chunks.push(buf);
        }
        const text = Buffer.concat(chunks).toString('utf8');
        if (text.trim() === '') {
          ctx.request.body = undefined;
        } else {
          try {
            ctx.request.body = JSON.parse(text) as unknown;
          } catch (err) {
            throw new BadRequestError('请求内容不是有效的 JSON', 'MALFORMED_JSON', {
              reason: err instanceof Error ? err.message : String(err),
            });
          }
        }
      }
    }
    await next();
  };
}

/** After the routes: an /api request nothing answered is a JSON 404. */
export function apiNotFound(): AppMiddleware {
  return async (ctx, next) => {
    await next();
    if (isApi(ctx.path) && ctx.body === undefined && ctx.status === 404) {
      throw new NotFoundError('接口不存在', 'NO_SUCH_ROUTE');
    }
  };
}

/** The default logger: info to stdout, warnings and errors to stderr. */
export const consoleLogger: Logger = {
  info: (m) => process.stdout.write(`${m}\n`),
  warn: (m) => process.stderr.write(`${m}\n`),
  error: (m, err) => process.stderr.write(`${m}${err instanceof Error ? `\n${err.stack ?? err.message}` : err !== undefined ? ` ${String(err)}` : ''}\n`),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
