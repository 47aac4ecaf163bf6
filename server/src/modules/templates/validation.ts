/**
 * Template validation for the server: the engine's `validateTemplate` (meta-schema, formulas,
 * references, cycles, grade bands, `{{ }}` expressions …) plus the server's own identity checks
 * (id, kind, semver, title, schema object, no x-reactions), which also run on drafts. A problem
 * the engine already reports at a path is not repeated.
 */
import * as engine from '@jixiao/engine';
import { validateTemplate } from '@jixiao/engine';
import type { FieldProblem } from '../../http/errors';

export const TEMPLATE_ID = /^[a-z0-9-]{1,100}$/;
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;
export const KINDS: readonly string[] = engine.TEMPLATE_KINDS;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON pointer → dotted path for API details (`/schema/properties/a` → `schema.properties.a`). */
function pointerToPath(pointer: string): string {
  return pointer === '' ? '' : engine.parsePointer(pointer).join('.');
}

function scanForbidden(value: unknown, path: string, out: FieldProblem[]): void {
  if (typeof value === 'string') {
    if (value.includes('{{')) out.push({ path, message: '模板中不允许使用 {{ }} 表达式（请改用公式）', code: 'TEMPLATE_EXPRESSION_FORBIDDEN' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scanForbidden(v, `${path}[${i}]`, out));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (k === 'x-reactions') out.push({ path: p, message: '不允许使用 x-reactions（请改用 x-formula / x-visible）', code: 'TEMPLATE_REACTIONS_FORBIDDEN' });
      scanForbidden(v, p, out);
    }
  }
}

/** Problems in the template's identity fields (also checked on drafts). */
export function checkIdentity(json: unknown): FieldProblem[] {
  if (!isRecord(json)) return [{ path: '', message: '模板应为 JSON 对象', code: 'TEMPLATE_NOT_OBJECT' }];
  const out: FieldProblem[] = [];
  if (typeof json.id !== 'string' || !TEMPLATE_ID.test(json.id)) out.push({ path: 'id', message: '模板编号只能包含小写字母、数字和连字符', code: 'TEMPLATE_ID' });
  if (typeof json.kind !== 'string' || !KINDS.includes(json.kind)) out.push({ path: 'kind', message: `模板类型应为 ${KINDS.join(' / ')}`, code: 'TEMPLATE_KIND' });
  if (typeof json.title !== 'string' || json.title.trim() === '') out.push({ path: 'title', message: '模板标题必填', code: 'TEMPLATE_TITLE' });
  return out;
}

/** Every problem that keeps `json` from being published (empty: publishable). */
export function validateForPublish(json: unknown): FieldProblem[] {
  const own = checkIdentity(json);
  if (isRecord(json)) {
    if (typeof json.version !== 'string' || !SEMVER.test(json.version)) own.push({ path: 'version', message: '版本号应为语义化版本（如 1.0.0）', code: 'TEMPLATE_VERSION' });
    if (!isRecord(json.schema) || json.schema.type !== 'object') own.push({ path: 'schema', message: 'schema 应为 type 为 object 的 JSON Schema', code: 'TEMPLATE_SCHEMA' });
    scanForbidden(json, '', own);
  }
  const fromEngine: FieldProblem[] = validateTemplate(json)
    .filter((d) => d.severity === 'error')
    .map((d) => ({ path: pointerToPath(d.path), pointer: d.path, message: d.message, code: d.code }));
  const reported = new Set(fromEngine.map((p) => p.path));
  return [...fromEngine, ...own.filter((p) => !reported.has(p.path))];
}

/** Semver precedence: -1, 0, 1 (build metadata ignored; pre-releases sort before the release). */
export function compareSemver(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const ra = pa[4];
  const rb = pb[4];
  if (ra === undefined && rb === undefined) return 0;
  if (ra === undefined) return 1;
  if (rb === undefined) return -1;
  const xa = ra.split('.');
  const xb = rb.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const x = xa[i];
    const y = xb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
