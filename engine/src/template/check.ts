/**
 * `validateTemplate(template)`: every author mistake of a template, each with the JSON pointer
 * of the offending node — meta-schema errors, `{{ }}` expressions, formula syntax errors (with
 * line/column and span), unknown functions and arity, unknown field references, cycles (one
 * diagnostic naming every field of the cycle), grade bands, qualitative bands, tiers, the
 * weights of scored items against `scoring.weightTotal`, and `x-project` / `x-declaration` fields
 * (where they can be filled from the project or the declaration). Returns [] for a valid template.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { add, cmp, isNum, toJsNumber, type Num } from '../number';
import type { FunctionLookup } from '../formula/check';
import { compileTemplate } from '../compute/graph';
import { checkGradeBands } from '../scoring/grades';
import { escapePointer, fieldsOf, parsePointer } from './fields';
import { TEMPLATE_META_SCHEMA } from './meta-schema';
import { resolveTemplate } from './variants';
import { isFormulaRule, type Diagnostic, type FieldSchema, type QualitativeBand, type ScoreRule, type Template } from './types';

export interface ValidateTemplateOptions {
  registry?: FunctionLookup;
}

let metaValidator: ValidateFunction | undefined;

/** The compiled meta-schema validator (compiled once). */
export function templateMetaValidator(): ValidateFunction {
  if (!metaValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    metaValidator = ajv.compile(TEMPLATE_META_SCHEMA as unknown as Record<string, unknown>);
  }
  return metaValidator;
}

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

function err(code: string, path: string, message: string, params: Record<string, unknown> = {}, severity: 'error' | 'warning' = 'error'): Diagnostic {
  return { code, severity, path, params, message };
}

function metaMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `不允许的键“${String(p.additionalProperty)}”`;
    case 'required':
      return `缺少必填项“${String(p.missingProperty)}”`;
    case 'enum':
      return `取值应为 ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' / ')} 之一`;
    case 'const':
      return `取值应为 ${JSON.stringify(p.allowedValue)}`;
    case 'type':
      return `类型应为 ${String(p.type)}`;
    case 'pattern':
      return `格式不正确（应匹配 ${String(p.pattern)}）`;
    case 'oneOf':
      return '计分规则应为 {"preset": …} 或 {"formula": …} 二者之一';
    case 'minItems':
      return `至少需要 ${String(p.limit)} 项`;
    case 'minLength':
      return '不能为空';
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `数值应 ${String(p.comparison)} ${String(p.limit)}`;
    case 'uniqueItems':
      return '不能有重复项';
    default:
      return e.message ?? e.keyword;
  }
}

/** Meta-schema errors as diagnostics (noise of if/then, anyOf branches and propertyNames dropped or merged). */
function metaDiagnostics(template: unknown): Diagnostic[] {
  const validate = templateMetaValidator();
  if (validate(template)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'allOf') continue;
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue;
    let path = e.instancePath;
    let code = 'TEMPLATE_SCHEMA';
    let message = metaMessage(e);
    const params: Record<string, unknown> = { keyword: e.keyword, ...(e.params as Record<string, unknown>) };
    if (e.keyword === 'propertyNames') {
      const name = String((e.params as Record<string, unknown>).propertyName);
      path = `${path}/${escapePointer(name)}`;
      code = 'TEMPLATE_BAD_KEY';
      message = `字段键名“${name}”不合法：应以字母、汉字或下划线开头，只含字母、汉字、数字和下划线`;
    } else if (e.keyword === 'additionalProperties' && (e.params as Record<string, unknown>).additionalProperty === 'x-reactions') {
      path = `${path}/x-reactions`;
      code = 'TEMPLATE_X_REACTIONS';
      message = '不允许使用 x-reactions（联动请用 x-formula、x-visible、x-required-when 公式）';
    } else if (e.keyword === 'required') {
      path = `${path}/${escapePointer(String((e.params as Record<string, unknown>).missingProperty))}`;
    } else if (e.keyword === 'additionalProperties') {
      path = `${path}/${escapePointer(String((e.params as Record<string, unknown>).additionalProperty))}`;
    } else if (e.keyword === 'enum' && path.endsWith('/preset')) {
      code = 'TEMPLATE_UNKNOWN_PRESET';
      message = `未知的计分预设，应为 ${((e.params as Record<string, unknown>).allowedValues as unknown[]).join(' / ')} 之一`;
    }
    const key = `${code}|${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(err(code, path, message, params));
  }
  return out;
}

/** Every string (and key) containing `{{`: Formily expressions would run JavaScript. */
function expressionDiagnostics(node: unknown, pointer: string, out: Diagnostic[]): void {
  if (typeof node === 'string') {
    if (node.includes('{{')) out.push(err('TEMPLATE_EXPRESSION', pointer, '模板中不允许出现 {{ }} 表达式（不能执行代码），请改用公式', { text: node.slice(0, 80) }));
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((v, i) => expressionDiagnostics(v, `${pointer}/${i}`, out));
    return;
  }
  if (isRecord(node)) {
    for (const k of Object.keys(node)) {
      const p = `${pointer}/${escapePointer(k)}`;
      if (k.includes('{{')) out.push(err('TEMPLATE_EXPRESSION', p, '模板中不允许出现 {{ }} 表达式（不能执行代码），请改用公式', { text: k.slice(0, 80) }));
      expressionDiagnostics(node[k], p, out);
    }
  }
}

function getAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const t of parsePointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isRecord(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/**
 * The template with the parts that failed the meta-schema where later checks would trip on
 * them removed (malformed x-score rules, non-string formulas, malformed scoring blocks).
 */
function sanitized(template: Record<string, unknown>, meta: readonly Diagnostic[]): Template {
  const t = clone(template);
  const drop = (pointer: string): void => {
    const tokens = parsePointer(pointer);
    const last = tokens.pop();
    if (last === undefined) return;
    const parent = getAt(t, tokens.length ? `/${tokens.map(escapePointer).join('/')}` : '');
    if (isRecord(parent)) delete parent[last];
  };
  for (const d of meta) {
    const m = /^(.*\/(?:x-score|x-formula|x-visible|x-required-when))(?:\/|$)/.exec(d.path);
    if (m && m[1]) drop(m[1]);
    const s = /^\/scoring\/(grades|qualitative|warning|total|grade|weightTotal|reverse)(?:\/|$)/.exec(d.path);
    if (s && s[1]) drop(`/scoring/${s[1]}`);
  }
  if (!isRecord(t.schema)) t.schema = { type: 'object', properties: {} };
  if (t.scoring !== undefined && !isRecord(t.scoring)) delete t.scoring;
  return t as unknown as Template;
}

function qualitativeDiagnostics(bands: readonly QualitativeBand[], pointer: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const labels = new Set<string>();
  bands.forEach((b, i) => {
    const p = `${pointer}/${i}`;
    if (!(b.min < b.max)) out.push(err('QUALITATIVE_BAND_RANGE', p, `定性档次“${b.label}”的下限 ${b.min} 应小于上限 ${b.max}`, { label: b.label, min: b.min, max: b.max }));
    else if (b.default < b.min || b.default > b.max) {
      out.push(err('QUALITATIVE_BAND_DEFAULT', `${p}/default`, `定性档次“${b.label}”的默认比例 ${b.default} 应在 ${b.min} 到 ${b.max} 之间`, { label: b.label, default: b.default }));
    }
    if (labels.has(b.label)) out.push(err('QUALITATIVE_BAND_DUPLICATE', `${p}/label`, `定性档次“${b.label}”重复`, { label: b.label }));
    labels.add(b.label);
  });
  const sorted = bands.map((b, i) => ({ ...b, i })).filter((b) => b.min < b.max).sort((a, b) => a.min - b.min);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1] as QualitativeBand & { i: number };
    const cur = sorted[k] as QualitativeBand & { i: number };
    if (cur.min < prev.max) {
      out.push(err('QUALITATIVE_BAND_OVERLAP', `${pointer}/${cur.i}`, `定性档次“${cur.label}”与“${prev.label}”的区间重叠`, { label: cur.label, other: prev.label }));
    } else if (cur.min > prev.max) {
      out.push(err('QUALITATIVE_BAND_GAP', `${pointer}/${cur.i}`, `定性档次“${prev.label}”与“${cur.label}”之间有空档（${prev.max} 到 ${cur.min}）`, { from: prev.max, to: cur.min }, 'warning'));
    }
  }
  return out;
}

interface WeightItem {
  path: string;
  weight: Num;
}

/** The static weight of every scored item; undefined when some weight is not static. */
function staticWeights(template: Template): { items: WeightItem[]; unknown: string[] } {
  const { list, byPath } = fieldsOf(template);
  const items: WeightItem[] = [];
  const unknown: string[] = [];
  for (const f of list) {
    const rule = f.score as ScoreRule | undefined;
    if (!rule || typeof rule !== 'object') continue;
    if (isFormulaRule(rule)) {
      unknown.push(f.path);
      continue;
    }
    const w: unknown = 'weight' in rule ? rule.weight : undefined;
    const weightParam = w === undefined ? 'weight' : w;
    if (typeof weightParam === 'number') {
      if (f.array === undefined) items.push({ path: f.path, weight: weightParam });
      else unknown.push(f.path);
      continue;
    }
    if (typeof weightParam !== 'string') continue;
    if (f.array !== undefined) {
      const arr = byPath.get(f.array);
      const rows = arr?.schema.default;
      if (arr?.indicator === undefined || !Array.isArray(rows)) {
        unknown.push(f.path);
        continue;
      }
      rows.forEach((row: unknown, i) => {
        const v = isRecord(row) ? row[weightParam] : undefined;
        if (isNum(v)) items.push({ path: `${f.array}[${i}].${f.key}`, weight: v });
        else unknown.push(`${f.array}[${i}].${f.key}`);
      });
    } else {
      const wf = byPath.get(weightParam);
      const d = wf?.schema.default;
      if (isNum(d)) items.push({ path: f.path, weight: d });
      else unknown.push(f.path);
    }
  }
  return { items, unknown };
}

function tierDiagnostics(template: Template): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of fieldsOf(template).list) {
    const rule = f.score;
    if (!rule || isFormulaRule(rule)) continue;
    const p = `${f.pointer}/x-score`;
    if (rule.preset === 'tiered' && Array.isArray(rule.tiers)) {
      let prev: number | undefined;
      rule.tiers.forEach((t, i) => {
        if (t.max === undefined) {
          if (i !== rule.tiers.length - 1) out.push(err('TIERS_ORDER', `${p}/tiers/${i}`, '只有最后一档可以不写上限 max', { index: i }));
          return;
        }
        if (prev !== undefined && t.max <= prev) out.push(err('TIERS_ORDER', `${p}/tiers/${i}/max`, `分档上限应从小到大排列（${t.max} 不大于 ${prev}）`, { index: i, max: t.max }));
        prev = t.max;
      });
      const last = rule.tiers[rule.tiers.length - 1];
      if (last && last.max !== undefined) out.push(err('TIERS_OPEN_END', `${p}/tiers`, `没有兜底档：大于 ${last.max} 的值将得到 #N/A`, { max: last.max }, 'warning'));
    }
    if (rule.preset === 'deduction' && rule.points === undefined && rule.ratio === undefined) {
      out.push(err('DEDUCTION_POINTS', p, '扣分规则需要 points（每档扣分）或 ratio（每档扣分值比例）', {}));
    }
  }
  return out;
}

/** Project attributes that are text: a number field cannot hold them. */
const TEXT_ATTRIBUTES: ReadonlySet<string> = new Set(['code', 'name', 'department', 'departmentCode', 'budgetType', 'projectType', 'category', 'fundUse', 'attribute']);

/**
 * `x-project` only on plain scalar fields a unit fills, outside table rows, of a type that can hold
 * the attribute; `x-declaration` and `x-payments` only on tables of rows at the root of the form.
 */
function projectDiagnostics(t: Template, out: Diagnostic[]): void {
  for (const f of fieldsOf(t).list) {
    const attribute = f.schema['x-project'];
    if (attribute === undefined) continue;
    const at = `${f.pointer}/x-project`;
    const params = { field: f.path, attribute };
    if (f.kind !== 'scalar') out.push(err('PROJECT_FIELD_KIND', at, `字段“${f.path}”不是单个值，不能从项目信息（${attribute}）填入`, params));
    else if (f.array !== undefined) out.push(err('PROJECT_FIELD_IN_ROW', at, `表格行中的字段“${f.path}”不能从项目信息填入`, params));
    else if (f.computed) out.push(err('PROJECT_FIELD_COMPUTED', at, `计算字段“${f.path}”不能从项目信息填入`, params));
    else if (f.numeric && TEXT_ATTRIBUTES.has(attribute)) out.push(err('PROJECT_FIELD_TYPE', at, `数值字段“${f.path}”不能填入文字类的项目信息（${attribute}）`, params));
  }
  for (const f of fieldsOf(t).list) {
    const source = f.schema['x-declaration'];
    const scope = f.schema['x-payments'];
    if (source === undefined && scope === undefined) continue;
    const rowTable = f.kind === 'array' && f.depth === 0 && f.segments.length === 1 && f.schema.items?.type === 'object';
    if (rowTable) continue;
    if (source !== undefined) out.push(err('DECLARATION_FIELD_KIND', `${f.pointer}/x-declaration`, `只有表单根部的表格能从申报表的表格“${source}”带入行`, { field: f.path, source }));
    if (scope !== undefined) out.push(err('PAYMENTS_FIELD_KIND', `${f.pointer}/x-payments`, `只有表单根部的表格能带入已登记的支付记录（${f.path}）`, { field: f.path, scope }));
  }
}

function requiredDiagnostics(schema: FieldSchema, pointer: string, out: Diagnostic[]): void {
  if (!isRecord(schema)) return;
  if (Array.isArray(schema.required) && isRecord(schema.properties)) {
    schema.required.forEach((k, i) => {
      if (typeof k === 'string' && !(k in (schema.properties as object))) {
        out.push(err('TEMPLATE_REQUIRED_UNKNOWN', `${pointer}/required/${i}`, `必填项“${k}”不是该对象的字段`, { key: k }));
      }
    });
  }
  if (isRecord(schema.properties)) {
    for (const [k, v] of Object.entries(schema.properties)) requiredDiagnostics(v as FieldSchema, `${pointer}/properties/${escapePointer(k)}`, out);
  }
  if (isRecord(schema.items)) requiredDiagnostics(schema.items, `${pointer}/items`, out);
}

/** All problems of a template document (an unknown value read from JSON). */
export function validateTemplate(template: unknown, options: ValidateTemplateOptions = {}): Diagnostic[] {
  if (!isRecord(template)) return [err('TEMPLATE_NOT_OBJECT', '', '模板应为 JSON 对象')];
  const out: Diagnostic[] = [];
  const meta = metaDiagnostics(template);
  out.push(...meta);
  expressionDiagnostics(template, '', out);
  const t = sanitized(template, meta);

  out.push(...semanticDiagnostics(t, options));
  out.push(...variantDiagnostics(t, out, options));
  return out;
}

/** Formula, scoring and weight checks of a template that passed (or was sanitized past) the meta-schema. */
function semanticDiagnostics(t: Template, options: ValidateTemplateOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const compiled = compileTemplate(t, options.registry ? { registry: options.registry } : {});
  out.push(...compiled.diagnostics);

  requiredDiagnostics(t.schema, '/schema', out);
  projectDiagnostics(t, out);
  const scoring = t.scoring;
  if (scoring) {
    if (Array.isArray(scoring.grades)) out.push(...checkGradeBands(scoring.grades, '/scoring/grades'));
    if (Array.isArray(scoring.qualitative)) out.push(...qualitativeDiagnostics(scoring.qualitative, '/scoring/qualitative'));
    const byPath = compiled.fields.byPath;
    for (const key of ['total', 'grade'] as const) {
      const p = scoring[key];
      if (typeof p === 'string' && !byPath.has(p)) out.push(err('TEMPLATE_UNKNOWN_FIELD', `/scoring/${key}`, `scoring.${key} 指向的字段“${p}”不存在`, { field: p }));
    }
    if (scoring.warning && scoring.warning.rule === 'ratio' && scoring.warning.red !== undefined && scoring.warning.yellow !== undefined && scoring.warning.red > scoring.warning.yellow) {
      out.push(err('WARNING_THRESHOLDS', '/scoring/warning', '比例规则中红灯阈值应不大于黄灯阈值', { red: scoring.warning.red, yellow: scoring.warning.yellow }));
    }
    if (scoring.warning && scoring.warning.rule === 'gap' && scoring.warning.red !== undefined && scoring.warning.yellow !== undefined && scoring.warning.red < scoring.warning.yellow) {
      out.push(err('WARNING_THRESHOLDS', '/scoring/warning', '差距规则中红灯阈值应不小于黄灯阈值', { red: scoring.warning.red, yellow: scoring.warning.yellow }));
    }
    if (typeof scoring.weightTotal === 'number') {
      const { items, unknown } = staticWeights(t);
      if (unknown.length === 0 && items.length > 0) {
        let sum: Num = 0;
        for (const i of items) sum = add(sum, i.weight);
        if (cmp(sum, scoring.weightTotal) !== 0) {
          const actual = toJsNumber(sum);
          out.push(
            err('WEIGHT_TOTAL', '/scoring/weightTotal', `各计分项分值合计为 ${actual}，与总分 ${scoring.weightTotal} 不符`, {
              expected: scoring.weightTotal,
              actual,
              items: items.map((i) => ({ path: i.path, weight: toJsNumber(i.weight) })),
            }),
          );
        }
      } else if (unknown.length > 0) {
        out.push(err('WEIGHT_TOTAL_UNCHECKED', '/scoring/weightTotal', `无法静态确定以下计分项的分值，未核对分值合计：${unknown.join('、')}`, { items: unknown }, 'warning'));
      }
    }
  }
  out.push(...tierDiagnostics(t));
  return out;
}

/**
 * Each department overlay, applied on its own (an `extends` overlay on the base template), must
 * give a template that passes the same checks: a problem the base template does not have is
 * reported at `/variants/CODE` (params: department, at = the pointer in the resolved template).
 */
function variantDiagnostics(t: Template, base: readonly Diagnostic[], options: ValidateTemplateOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!t.variants || !isRecord(t.variants)) return out;
  const known = new Set(base.map((d) => `${d.code}|${d.path}|${d.message}`));
  for (const code of Object.keys(t.variants)) {
    const at = `/variants/${escapePointer(code)}`;
    if (base.some((d) => d.path === at || d.path.startsWith(`${at}/`))) continue;
    let resolved: Template;
    try {
      resolved = resolveTemplate(t, code, []) as Template;
    } catch (e) {
      out.push(err('VARIANT_INVALID', at, `部门“${code}”的变体无法应用：${(e as Error).message}`, { department: code }));
      continue;
    }
    for (const d of semanticDiagnostics(resolved, options)) {
      if (known.has(`${d.code}|${d.path}|${d.message}`)) continue;
      const { span: _span, ...rest } = d;
      void _span;
      out.push({ ...rest, path: at, params: { ...d.params, department: code, at: d.path }, message: `部门“${code}”的变体：${d.message}（${d.path}）` });
    }
  }
  return out;
}

/** Whether the diagnostics contain an error (warnings do not make a template invalid). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
