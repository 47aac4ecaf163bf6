/**
 * HTTP errors. Services throw these; the error middleware (middleware.ts) renders every one as
 * `{"error": {"code", "message", "details"?}}` with its status. Messages are zh-CN (users read
 * them); codes are stable upper-case identifiers (clients switch on them).
 * Anything else thrown becomes a 500 whose internals are logged, never sent.
 */

export interface FieldProblem {
  /** Dotted path of the offending input (`username`, `schema.properties.x`, `rows[2].amount`). */
  path: string;
  message: string;
  code?: string;
  /** JSON pointer of the offending node, when the input is a document (templates). */
  pointer?: string;
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** 400: the request cannot be read (malformed JSON, wrong shape of a query parameter). */
export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
  constructor(message = '请求格式不正确', code = 'BAD_REQUEST', details?: unknown) {
    super(400, code, message, details);
  }
}

/** 401: no valid session, or wrong credentials. */
export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
  constructor(message = '请先登录', code = 'UNAUTHENTICATED') {
    super(401, code, message);
  }
}

/** 403: signed in but not allowed (missing permission, or a write outside the department scope). */
export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
  constructor(message = '没有权限执行此操作', code = 'FORBIDDEN', details?: unknown) {
    super(403, code, message, details);
  }
}

/** 404: no such thing — also what a read outside the user's department scope gets. */
export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(message = '未找到', code = 'NOT_FOUND') {
    super(404, code, message);
  }
}

/** 409: a conflict with what is stored (duplicate key, existing version, stale row version). */
export class ConflictError extends HttpError {
  override name = 'ConflictError';
  constructor(message = '数据冲突', code = 'CONFLICT', details?: unknown) {
    super(409, code, message, details);
  }
}

/** 422: the request is well-formed but its content is invalid; details list each field. */
export class ValidationError extends HttpError {
  override name = 'ValidationError';
  constructor(
    readonly problems: FieldProblem[],
    message = '提交的数据未通过校验',
    code = 'VALIDATION_FAILED',
  ) {
    super(422, code, message, problems);
  }

  /** One problem; the error's code and message are the problem's. */
  static single(path: string, message: string, code: string): ValidationError {
    return new ValidationError([{ path, message, code }], message, code);
  }
}

/** 429: too many attempts (login throttling). */
export class TooManyRequestsError extends HttpError {
  override name = 'TooManyRequestsError';
  constructor(message = '尝试次数过多，请稍后再试', code = 'TOO_MANY_ATTEMPTS', readonly retryAfterSeconds?: number) {
    super(429, code, message);
  }
}

/** The envelope every error response carries. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

export function envelope(err: HttpError): ErrorEnvelope {
  return { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
}
