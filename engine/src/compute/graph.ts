/**
 * The dependency graph over all formulas of a template: `x-formula`, `x-score` (presets compiled
 * to formulas), `x-visible` and `x-required-when`. Nodes are field data paths (`total`,
 * `indicators[].score`); visibility and requiredness get their own nodes (`reason?visible`,
 * `reason?required`). A formula in an array row depends on its row siblings (per row) and on
 * root fields; a column reference (`SUM(indicators.score)`) depends on the whole column.
 *
 * `compileTemplate` compiles every formula ONCE per template object (cached in a WeakMap per
 * registry): evaluating 10,000 submissions parses nothing again.
 */
import type { FunctionLookup } from '../formula/check';
import { checkFormula } from '../formula/check';
import { compileFormula, type CompiledFormula } from '../formula/compile';
import { FormulaSyntaxError, syntaxDiagnostic } from '../formula/errors';
import { defaultRegistry } from '../formula/functions/registry';
import { tryParse } from '../formula/parser';
import { compileRule, type CompiledRule } from '../scoring/presets';
import { fieldsOf, type FieldInfo, type FieldTable } from '../template/fields';
import { isFormulaRule, type Diagnostic, type Template } from '../template/types';

export type SiteRole = 'formula' | 'score' | 'visible' | 'required';

/** A named input of a scored item, compiled for the trace. */
export interface TraceInput {
  name: string;
  compiled: CompiledFormula;
}

/** One formula of the template, at one field. */
export interface FormulaSite {
  /** Graph node id: the field path for values, `path?visible` / `path?required` for conditions. */
  id: string;
  field: FieldInfo;
  role: SiteRole;
  /** JSON pointer of the formula in the template (`/schema/properties/total/x-formula`). */
  pointer: string;
  /** The formula text (for presets: the compiled preset text). */
  text: string;
  /** For `x-score`: the rule as compiled by ./scoring/presets. */
  rule?: CompiledRule;
  /** Undefined when the formula does not parse. */
  compiled?: CompiledFormula;
  /** Node ids this site reads (deduplicated, sorted). */
  deps: string[];
  /** Trace inputs (preset parameters, or the references of a formula rule). */
  inputs: TraceInput[];
}

export interface CompiledTemplate {
  readonly template: Template;
  readonly fields: FieldTable;
  readonly sites: readonly FormulaSite[];
  /** Sites in evaluation order (dependencies first; cycle members left out). */
  readonly order: readonly FormulaSite[];
  /** Each cycle's field paths, in dependency order (a → b → … → a, without repeating a). */
  readonly cycles: readonly string[][];
  /** Ids of sites on (or only reachable through) a cycle: they evaluate to an error. */
  readonly cyclic: ReadonlySet<string>;
  /** Formula problems: syntax, unknown functions/fields, arity, cycles, unsupported nesting. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface CompileTemplateOptions {
  registry?: FunctionLookup;
}

/** Data path of a reference seen from `field` (inside its row when it has one), or undefined. */
export interface ResolvedRef {
  where: 'row' | 'root';
  /** The field referenced: `indicators[].actual`, `total`, or a column `indicators[].score`. */
  field: FieldInfo;
  /** Whether a root reference reaches into an array (a column). */
  column: boolean;
}

/** Resolve a reference path as the formula of `from` sees it (docs/template-format.md, "References"). */
export function resolveRef(table: FieldTable, from: FieldInfo | undefined, path: readonly string[]): ResolvedRef | undefined {
  if (from?.array !== undefined) {
    const rowFields = table.rows.get(from.array);
    const first = path[0];
    if (rowFields && first !== undefined && hasRowKey(rowFields, first)) {
      const f = rowFields.get(path.join('.'));
      return f && f.kind === 'scalar' ? { where: 'row', field: f, column: false } : undefined;
    }
  }
  // root: insert [] after every array prefix
  let dataPath = '';
  let column = false;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string;
    dataPath = dataPath === '' ? seg : `${dataPath}.${seg}`;
    const f = table.byPath.get(dataPath);
    if (!f) return undefined;
    if (f.kind === 'array' && i < path.length - 1) {
      dataPath = `${dataPath}[]`;
      column = true;
    }
  }
  const f = table.byPath.get(dataPath);
  return f && f.kind === 'scalar' ? { where: 'root', field: f, column } : undefined;
}

function hasRowKey(rowFields: ReadonlyMap<string, FieldInfo>, first: string): boolean {
  if (rowFields.has(first)) return true;
  for (const k of rowFields.keys()) if (k.startsWith(`${first}.`)) return true;
  return false;
}

const visibleId = (f: FieldInfo): string => `${f.path}?visible`;
const requiredId = (f: FieldInfo): string => `${f.path}?required`;

const CACHE = new WeakMap<FunctionLookup, WeakMap<Template, CompiledTemplate>>();

/** The compiled template (cached per template object and registry; do not mutate the template afterwards). */
export function compileTemplate(template: Template, options: CompileTemplateOptions = {}): CompiledTemplate {
  const registry = options.registry ?? defaultRegistry;
  let perRegistry = CACHE.get(registry);
  if (!perRegistry) CACHE.set(registry, (perRegistry = new WeakMap()));
  const cached = perRegistry.get(template);
  if (cached) return cached;
  const built = build(template, registry);
  perRegistry.set(template, built);
  return built;
}

function build(template: Template, registry: FunctionLookup): CompiledTemplate {
  const fields = fieldsOf(template);
  const diagnostics: Diagnostic[] = [];
  const sites: FormulaSite[] = [];

  for (const field of fields.list) {
    const add = (role: SiteRole, id: string, pointer: string, text: string, rule?: CompiledRule): void => {
      const site = makeSite(fields, field, role, id, pointer, text, registry, diagnostics, rule);
      if (site) sites.push(site);
    };
    if (field.visible !== undefined) add('visible', visibleId(field), `${field.pointer}/x-visible`, field.visible);
    if (field.score !== undefined && field.score !== null && typeof field.score === 'object') {
      const rowFields = field.array !== undefined ? fields.rows.get(field.array) : undefined;
      const hasField = (key: string): boolean => (rowFields ? rowFields.has(key) : fields.byPath.has(key));
      const rule = compileRule(field.score, { hasField, ...(template.scoring?.reverse !== undefined ? { reverse: template.scoring.reverse } : {}) });
      const pointer = isFormulaRule(field.score) ? `${field.pointer}/x-score/formula` : `${field.pointer}/x-score`;
      add('score', field.path, pointer, rule.text, rule);
    } else if (field.formula !== undefined) {
      add('formula', field.path, `${field.pointer}/x-formula`, field.formula);
    }
    if (field.requiredWhen !== undefined) add('required', requiredId(field), `${field.pointer}/x-required-when`, field.requiredWhen);
  }

  const { order, cycles, cyclic } = topoSort(sites);
  for (const cycle of cycles) {
    const first = sites.find((s) => s.id === cycle[0]);
    const names = cycle.map((id) => fieldName(id));
    diagnostics.push({
      code: 'FORMULA_CYCLE',
      severity: 'error',
      path: first?.pointer ?? '',
      params: { cycle: names },
      message: `公式循环引用：${[...names, names[0]].join(' → ')}`,
    });
  }
  return { template, fields, sites, order, cycles, cyclic, diagnostics };
}

function fieldName(id: string): string {
  const q = id.indexOf('?');
  return q < 0 ? id : `${id.slice(0, q)}（${id.endsWith('visible') ? '显示条件' : '必填条件'}）`;
}

function makeSite(
  fields: FieldTable,
  field: FieldInfo,
  role: SiteRole,
  id: string,
  pointer: string,
  text: string,
  registry: FunctionLookup,
  diagnostics: Diagnostic[],
  rule?: CompiledRule,
): FormulaSite | undefined {
  if (field.depth > 1) {
    diagnostics.push({
      code: 'FORMULA_NESTED_ARRAY',
      severity: 'error',
      path: pointer,
      params: { field: field.path },
      message: `字段 ${field.path} 位于多层表格中，暂不支持公式`,
    });
    return undefined;
  }
  const site: FormulaSite = { id, field, role, pointer, text, deps: [], inputs: [] };
  if (rule) site.rule = rule;
  const parsed = tryParse(text);
  if (!parsed.ok) {
    diagnostics.push(withParams(syntaxDiagnostic(parsed.error, pointer), { field: field.path }));
    return site;
  }
  const resolve = (path: readonly string[]): ResolvedRef | undefined => resolveRef(fields, field, path);
  const preset = rule !== undefined && rule.rule !== 'formula';
  for (const d of checkFormula(parsed.ast, { registry, knownRef: (p) => resolve(p) !== undefined, path: pointer })) {
    const out = withParams(d, { field: field.path, formula: text });
    // a preset's formula is generated: offsets into it mean nothing to the author
    if (preset) {
      delete out.span;
      out.params.preset = rule.rule;
    }
    diagnostics.push(out);
  }
  const where = (p: readonly string[]): 'row' | 'root' => resolve(p)?.where ?? (field.array !== undefined && fields.rows.get(field.array)?.has(p[0] ?? '') ? 'row' : 'root');
  site.compiled = compileFormula(parsed.ast, { registry, resolveRef: where });
  const deps = new Set<string>();
  for (const ref of site.compiled.refs) {
    const r = resolve(ref.path);
    if (!r) continue;
    deps.add(r.field.path);
    if (r.field.visible !== undefined) deps.add(visibleId(r.field));
  }
  // a field's value and requiredness wait for its own visibility (hidden → blank, never required)
  if (role !== 'visible' && field.visible !== undefined) deps.add(visibleId(field));
  site.deps = [...deps].sort();
  site.inputs = traceInputs(site, registry, where);
  return site;
}

function withParams(d: Diagnostic, extra: Record<string, unknown>): Diagnostic {
  return { ...d, params: { ...d.params, ...extra } };
}

function traceInputs(site: FormulaSite, registry: FunctionLookup, where: (p: readonly string[]) => 'row' | 'root'): TraceInput[] {
  const out: TraceInput[] = [];
  if (site.rule && site.rule.inputs.length > 0) {
    for (const i of site.rule.inputs) {
      try {
        out.push({ name: i.name, compiled: compileFormula(i.expr, { registry, resolveRef: where }) });
      } catch (err) {
        if (!(err instanceof FormulaSyntaxError)) throw err;
      }
    }
    return out;
  }
  if (site.role !== 'score' && site.role !== 'formula') return out;
  const seen = new Set<string>();
  for (const ref of site.compiled?.refs ?? []) {
    const key = ref.path.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: key, compiled: compileFormula({ kind: 'ref', path: ref.path, span: ref.span }, { registry, resolveRef: where }) });
  }
  return out;
}

/**
 * Deterministic topological order (sites in document order, each after its dependencies) and
 * the cycles (Tarjan's strongly connected components; a self-reference is a cycle of one).
 */
export function topoSort(sites: readonly FormulaSite[]): { order: FormulaSite[]; cycles: string[][]; cyclic: Set<string> } {
  const byId = new Map<string, FormulaSite>();
  for (const s of sites) byId.set(s.id, s);
  const edges = (s: FormulaSite): FormulaSite[] => s.deps.map((d) => byId.get(d)).filter((x): x is FormulaSite => x !== undefined);

  // Tarjan (iterative enough for templates: recursion depth ≤ number of formulas)
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: FormulaSite[] = [];
  const sccs: FormulaSite[][] = [];
  const strong = (v: FormulaSite): void => {
    idx.set(v.id, index);
    low.set(v.id, index);
    index++;
    stack.push(v);
    onStack.add(v.id);
    for (const w of edges(v)) {
      if (!idx.has(w.id)) {
        strong(w);
        low.set(v.id, Math.min(low.get(v.id) as number, low.get(w.id) as number));
      } else if (onStack.has(w.id)) {
        low.set(v.id, Math.min(low.get(v.id) as number, idx.get(w.id) as number));
      }
    }
    if (low.get(v.id) === idx.get(v.id)) {
      const comp: FormulaSite[] = [];
      let w: FormulaSite | undefined;
      do {
        w = stack.pop() as FormulaSite;
        onStack.delete(w.id);
        comp.push(w);
      } while (w !== v);
      sccs.push(comp);
    }
  };
  for (const s of sites) if (!idx.has(s.id)) strong(s);

  const position = new Map<string, number>();
  sites.forEach((s, i) => position.set(s.id, i));
  const cycles: string[][] = [];
  const cyclic = new Set<string>();
  for (const comp of sccs) {
    const self = comp.length === 1 && (comp[0] as FormulaSite).deps.includes((comp[0] as FormulaSite).id);
    if (comp.length > 1 || self) {
      const members = new Set(comp.map((c) => c.id));
      const start = [...comp].sort((a, b) => (position.get(a.id) as number) - (position.get(b.id) as number))[0] as FormulaSite;
      cycles.push(cyclePath(start, members, byId));
      for (const id of members) cyclic.add(id);
    }
  }
  cycles.sort((a, b) => (position.get(a[0] as string) as number) - (position.get(b[0] as string) as number));

  // DFS post-order in document order; anything depending on a cycle is excluded too
  const order: FormulaSite[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: FormulaSite): boolean => {
    const st = state.get(s.id);
    if (st === 'done') return !cyclic.has(s.id);
    if (st === 'visiting' || cyclic.has(s.id)) {
      cyclic.add(s.id);
      return false;
    }
    state.set(s.id, 'visiting');
    let ok = true;
    for (const d of edges(s)) if (!visit(d)) ok = false;
    state.set(s.id, 'done');
    if (!ok) {
      cyclic.add(s.id);
      return false;
    }
    order.push(s);
    return true;
  };
  for (const s of sites) visit(s);
  return { order, cycles, cyclic };
}

/** A cycle through `start` inside one strongly connected component: the ids in dependency order. */
function cyclePath(start: FormulaSite, members: ReadonlySet<string>, byId: ReadonlyMap<string, FormulaSite>): string[] {
  // BFS from start's dependencies back to start gives the shortest cycle through it
  const prev = new Map<string, string>();
  const queue: string[] = [];
  for (const d of start.deps) {
    if (!members.has(d) || prev.has(d)) continue;
    prev.set(d, start.id);
    queue.push(d);
  }
  while (queue.length > 0) {
    const cur = queue.shift() as string;
    if (cur === start.id) break;
    for (const d of byId.get(cur)?.deps ?? []) {
      if (!members.has(d) || prev.has(d)) continue;
      prev.set(d, cur);
      queue.push(d);
    }
  }
  if (!prev.has(start.id)) return [start.id];
  // walk back: start ← … ← first dep; prev[x] = the node that reads x
  const path: string[] = [];
  let cur = prev.get(start.id) as string;
  while (cur !== start.id) {
    path.push(cur);
    cur = prev.get(cur) as string;
  }
  // path holds the nodes from the last reader back to start's dependency; "a = b + 1": a reads b
  return [start.id, ...path.reverse()];
}
