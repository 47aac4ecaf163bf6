/**
 * Reading request input without `any`: a reader collects every problem and `done()` throws one
 * 422 listing them all (or 400 when the body is not an object at all).
 *
 *   const b = Input.body(ctx);
 *   const username = b.string('username', { max: 64 });
 *   const roles = b.stringArray('roles', { optional: true });
 *   b.done();
 */
import { BadRequestError, ValidationError, type FieldProblem } from './errors';

interface Common {
  optional?: boolean;
}
interface StringOpts extends Common {
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternMessage?: string;
  trim?: boolean;
}
interface IntOpts extends Common {
  min?: number;
  max?: number;
}

export class Input {
  readonly problems: FieldProblem[] = [];
  private constructor(
    readonly value: Record<string, unknown>,
    private readonly prefix: string,
  ) {}

  static of(value: unknown, prefix = ''): Input {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BadRequestError('请求内容应为 JSON 对象', 'BODY_NOT_OBJECT');
    }
    return new Input(value as Record<string, unknown>, prefix);
  }

  /** The JSON body of the request (must be an object). */
  static body(ctx: { request: { body?: unknown } }): Input {
    return Input.of(ctx.request.body ?? {});
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  private path(key: string): string {
    return this.prefix ? `${this.prefix}.${key}` : key;
  }

  problem(key: string, message: string, code = 'INVALID'): void {
    this.problems.push({ path: this.path(key), message, code });
  }

  private missing(key: string, opts: Common): boolean {
    const v = this.value[key];
    if (v === undefined || v === null || v === '') {
      if (!opts.optional) this.problem(key, '必填', 'REQUIRED');
      return true;
    }
    return false;
  }

  string(key: string, opts: StringOpts & { optional: true }): string | undefined;
  string(key: string, opts?: StringOpts): string;
  string(key: string, opts: StringOpts = {}): string | undefined {
    if (this.missing(key, opts)) return opts.optional ? undefined : '';
    const raw = this.value[key];
    if (typeof raw !== 'string') {
      this.problem(key, '应为文本', 'TYPE');
      return opts.optional ? undefined : '';
    }
    const v = opts.trim === false ? raw : raw.trim();
    if (opts.min !== undefined && v.length < opts.min) this.problem(key, `至少 ${opts.min} 个字符`, 'TOO_SHORT');
    if (opts.max !== undefined && v.length > opts.max) this.problem(key, `最多 ${opts.max} 个字符`, 'TOO_LONG');
    if (opts.pattern && !opts.pattern.test(v)) this.problem(key, opts.patternMessage ?? '格式不正确', 'PATTERN');
    return v;
  }

  int(key: string, opts: IntOpts & { optional: true }): number | undefined;
  int(key: string, opts?: IntOpts): number;
  int(key: string, opts: IntOpts = {}): number | undefined {
    if (this.missing(key, opts)) return opts.optional ? undefined : 0;
    const v = this.value[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      this.problem(key, '应为整数', 'TYPE');
      return opts.optional ? undefined : 0;
    }
    if (opts.min !== undefined && v < opts.min) this.problem(key, `不能小于 ${opts.min}`, 'MINIMUM');
    if (opts.max !== undefined && v > opts.max) this.problem(key, `不能大于 ${opts.max}`, 'MAXIMUM');
    return v;
  }

  bool(key: string, opts: Common & { optional: true }): boolean | undefined;
  bool(key: string, opts?: Common): boolean;
  bool(key: string, opts: Common = {}): boolean | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (!opts.optional) this.problem(key, '必填', 'REQUIRED');
      return opts.optional ? undefined : false;
    }
    if (typeof v !== 'boolean') {
      this.problem(key, '应为 true 或 false', 'TYPE');
      return opts.optional ? undefined : false;
    }
    return v;
  }

  stringArray(key: string, opts: Common & { optional: true; max?: number }): string[] | undefined;
  stringArray(key: string, opts?: Common & { max?: number }): string[];
  stringArray(key: string, opts: Common & { max?: number } = {}): string[] | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (!opts.optional) this.problem(key, '必填', 'REQUIRED');
      return opts.optional ? undefined : [];
    }
    if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) {
      this.problem(key, '应为文本列表', 'TYPE');
      return opts.optional ? undefined : [];
    }
    if (opts.max !== undefined && v.length > opts.max) this.problem(key, `最多 ${opts.max} 项`, 'TOO_MANY');
    return v.map((s) => s.trim());
  }

  /** A JSON object value (kept as is). */
  object(key: string, opts: Common & { optional: true }): Record<string, unknown> | undefined;
  object(key: string, opts?: Common): Record<string, unknown>;
  object(key: string, opts: Common = {}): Record<string, unknown> | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (!opts.optional) this.problem(key, '必填', 'REQUIRED');
      return opts.optional ? undefined : {};
    }
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.problem(key, '应为 JSON 对象', 'TYPE');
      return opts.optional ? undefined : {};
    }
    return v as Record<string, unknown>;
  }

  /** Throws a 422 listing every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }
}

/** A query-string parameter (first value if repeated); '' counts as absent. */
export function queryParam(ctx: { query: Record<string, string | string[] | undefined> }, key: string): string | undefined {
  const v = ctx.query[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

/** An integer query parameter; anything else is a 400. */
export function queryInt(ctx: { query: Record<string, string | string[] | undefined> }, key: string, opts: { min?: number; max?: number } = {}): number | undefined {
  const s = queryParam(ctx, key);
  if (s === undefined) return undefined;
  if (!/^-?\d+$/.test(s)) throw new BadRequestError(`查询参数 ${key} 应为整数`, 'BAD_QUERY', { parameter: key });
  const n = Number(s);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw new BadRequestError(`查询参数 ${key} 超出范围`, 'BAD_QUERY', { parameter: key });
  }
  return n;
}
