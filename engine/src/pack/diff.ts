/**
 * What changed between two versions of a pack (`jixiao pack diff OLD NEW`): manifest keys,
 * templates added / removed / changed (fields added / removed / changed, with the changed keys of
 * each field: weight, target, formula, title …), indicators added / removed / changed (by code,
 * with the attributes that differ), reports and demo data.
 */
import { walkSchema, type FieldInfo, type FieldSchema, type Template } from '../template';
import { canonicalJson } from './hash';
import { INDICATOR_COLUMNS } from './indicators';
import type { IndicatorRow, Pack, PackTemplate } from './types';

export interface ValueChange {
  /** Where inside the compared object: `x-formula`, `default[2].weight`, `scoring.grades[0].min`. */
  path: string;
  /** undefined: the key was added. */
  old?: unknown;
  /** undefined: the key was removed. */
  new?: unknown;
}

export interface FieldChange {
  /** Data path of the field (`indicators[].score`). */
  field: string;
  title?: string;
  changes: ValueChange[];
}

export interface TemplateChange {
  id: string;
  file: string;
  oldVersion: string;
  newVersion: string;
  /** Changes outside the fields: title, kind, scoring, variants, reports, the root's `required` … */
  template: ValueChange[];
  fields: { added: string[]; removed: string[]; changed: FieldChange[] };
}

export interface IndicatorChange {
  code: string;
  level3: string;
  changes: { attribute: keyof IndicatorRow; old?: unknown; new?: unknown }[];
}

export interface PackDiff {
  old: { name: string; version: string };
  new: { name: string; version: string };
  manifest: ValueChange[];
  templates: { added: { id: string; file: string; version: string }[]; removed: { id: string; file: string; version: string }[]; changed: TemplateChange[] };
  indicators: { added: IndicatorRow[]; removed: IndicatorRow[]; changed: IndicatorChange[] };
  reports: { added: string[]; removed: string[]; changed: string[] };
  departments: { added: string[]; removed: string[]; changed: string[] };
  /** Whether the demo projects differ (they are data, compared as a whole). */
  projectsChanged: boolean;
  casesChanged: { added: string[]; removed: string[]; changed: string[] };
  /** True when nothing at all differs. */
  identical: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** Leaf-level differences between two JSON values. */
export function diffValues(a: unknown, b: unknown, prefix = '', out: ValueChange[] = []): ValueChange[] {
  if (a === b) return out;
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const p = join(prefix, k);
      if (!(k in b)) out.push({ path: p, old: a[k] });
      else if (!(k in a)) out.push({ path: p, new: b[k] });
      else diffValues(a[k], b[k], p, out);
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const p = join(prefix, i);
      if (i >= b.length) out.push({ path: p, old: a[i] });
      else if (i >= a.length) out.push({ path: p, new: b[i] });
      else diffValues(a[i], b[i], p, out);
    }
    return out;
  }
  if (canonicalJson(a) !== canonicalJson(b)) out.push({ path: prefix, old: a, new: b });
  return out;
}

/** A field's own keys: everything but its children (`properties`, `items`), which are fields too. */
function ownKeys(schema: FieldSchema): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties') continue;
    if (k === 'items' && isPlainObject(v)) {
      // an array's row object: its non-field keys belong to the array field
      for (const [ik, iv] of Object.entries(v)) if (ik !== 'properties') own[`items.${ik}`] = iv;
      continue;
    }
    own[k] = v;
  }
  return own;
}

function fieldMap(t: Template): Map<string, FieldInfo> {
  const schema = isPlainObject(t.schema) ? t.schema : {};
  return new Map(walkSchema(schema).map((f) => [f.path, f]));
}

export function diffTemplates(oldT: PackTemplate, newT: PackTemplate): TemplateChange | undefined {
  const a = oldT.source;
  const b = newT.source;
  const { schema: sa, ...restA } = a;
  const { schema: sb, ...restB } = b;
  const template = diffValues(restA, restB);
  // the root object's own keys (required, title …)
  diffValues(isPlainObject(sa) ? ownKeys(sa) : sa, isPlainObject(sb) ? ownKeys(sb) : sb, 'schema', template);
  const fa = fieldMap(a);
  const fb = fieldMap(b);
  const added = [...fb.keys()].filter((p) => !fa.has(p));
  const removed = [...fa.keys()].filter((p) => !fb.has(p));
  const changed: FieldChange[] = [];
  for (const [p, f] of fb) {
    const before = fa.get(p);
    if (!before) continue;
    const changes = diffValues(ownKeys(before.schema), ownKeys(f.schema));
    if (changes.length > 0) {
      const fc: FieldChange = { field: p, changes };
      const title = f.title ?? before.title;
      if (title !== undefined) fc.title = title;
      changed.push(fc);
    }
  }
  if (template.length === 0 && added.length === 0 && removed.length === 0 && changed.length === 0) return undefined;
  return { id: b.id, file: newT.file, oldVersion: String(a.version), newVersion: String(b.version), template, fields: { added, removed, changed } };
}

function diffIndicators(a: readonly IndicatorRow[], b: readonly IndicatorRow[]): PackDiff['indicators'] {
  const ma = new Map(a.map((r) => [r.code, r]));
  const mb = new Map(b.map((r) => [r.code, r]));
  const added = b.filter((r) => !ma.has(r.code));
  const removed = a.filter((r) => !mb.has(r.code));
  const changed: IndicatorChange[] = [];
  for (const r of b) {
    const o = ma.get(r.code);
    if (!o) continue;
    const changes: IndicatorChange['changes'] = [];
    for (const { key } of INDICATOR_COLUMNS) {
      if (canonicalJson(o[key]) === canonicalJson(r[key])) continue;
      const c: IndicatorChange['changes'][number] = { attribute: key };
      if (o[key] !== undefined) c.old = o[key];
      if (r[key] !== undefined) c.new = r[key];
      changes.push(c);
    }
    if (changes.length > 0) changed.push({ code: r.code, level3: r.level3, changes });
  }
  return { added, removed, changed };
}

function diffKeyed<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): { added: string[]; removed: string[]; changed: string[] } {
  const ma = new Map(a.map((x) => [key(x), canonicalJson(x)]));
  const mb = new Map(b.map((x) => [key(x), canonicalJson(x)]));
  return {
    added: [...mb.keys()].filter((k) => !ma.has(k)),
    removed: [...ma.keys()].filter((k) => !mb.has(k)),
    changed: [...mb.keys()].filter((k) => ma.has(k) && ma.get(k) !== mb.get(k)),
  };
}

/** Manifest keys that only say where files are: a folder and its bundle differ there, harmlessly. */
const LOCATION_KEYS = ['indicators', 'templates', 'reports', 'departments', 'projects', '$schema'];

export function diffPacks(oldPack: Pack, newPack: Pack): PackDiff {
  const strip = (m: Pack['manifest']): Record<string, unknown> => Object.fromEntries(Object.entries(m).filter(([k]) => !LOCATION_KEYS.includes(k)));
  const manifest = diffValues(strip(oldPack.manifest), strip(newPack.manifest));

  const ta = new Map(oldPack.templates.map((t) => [t.source.id, t]));
  const tb = new Map(newPack.templates.map((t) => [t.source.id, t]));
  const brief = (t: PackTemplate): { id: string; file: string; version: string } => ({ id: t.source.id, file: t.file, version: String(t.source.version) });
  const templates: PackDiff['templates'] = {
    added: newPack.templates.filter((t) => !ta.has(t.source.id)).map(brief),
    removed: oldPack.templates.filter((t) => !tb.has(t.source.id)).map(brief),
    changed: [],
  };
  for (const t of newPack.templates) {
    const o = ta.get(t.source.id);
    if (!o) continue;
    const c = diffTemplates(o, t);
    if (c) templates.changed.push(c);
  }

  const indicators = diffIndicators(oldPack.indicators, newPack.indicators);
  const reports = diffKeyed(oldPack.reports, newPack.reports, (r) => r.name);
  // compare report sources only
  reports.changed = reports.changed.filter((n) => oldPack.reports.find((r) => r.name === n)?.source !== newPack.reports.find((r) => r.name === n)?.source);
  const departments = diffKeyed(oldPack.departments ?? [], newPack.departments ?? [], (d) => d.code);
  const projectsChanged = canonicalJson(oldPack.projects ?? null) !== canonicalJson(newPack.projects ?? null);
  const casesChanged = diffKeyed(oldPack.cases, newPack.cases, (c) => c.file);
  casesChanged.changed = casesChanged.changed.filter((f) => canonicalJson(oldPack.cases.find((c) => c.file === f)?.case) !== canonicalJson(newPack.cases.find((c) => c.file === f)?.case));

  const identical =
    manifest.length === 0 &&
    templates.added.length + templates.removed.length + templates.changed.length === 0 &&
    indicators.added.length + indicators.removed.length + indicators.changed.length === 0 &&
    reports.added.length + reports.removed.length + reports.changed.length === 0 &&
    departments.added.length + departments.removed.length + departments.changed.length === 0 &&
    !projectsChanged &&
    casesChanged.added.length + casesChanged.removed.length + casesChanged.changed.length === 0;

  return {
    old: { name: oldPack.manifest.name, version: oldPack.manifest.version },
    new: { name: newPack.manifest.name, version: newPack.manifest.version },
    manifest,
    templates,
    indicators,
    reports,
    departments,
    projectsChanged,
    casesChanged,
    identical,
  };
}

const show = (v: unknown): string => (v === undefined ? '∅' : typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));

function changeLine(c: ValueChange): string {
  if (c.old === undefined) return `+ ${c.path}: ${show(c.new)}`;
  if (c.new === undefined) return `- ${c.path}: ${show(c.old)}`;
  return `~ ${c.path}: ${show(c.old)} → ${show(c.new)}`;
}

/** The diff as text for people (zh-CN labels), one change per line. */
export function formatPackDiff(d: PackDiff): string {
  const lines: string[] = [];
  lines.push(`${d.old.name} ${d.old.version} → ${d.new.name} ${d.new.version}`);
  if (d.identical) {
    lines.push('没有差异 (no differences)');
    return `${lines.join('\n')}\n`;
  }
  if (d.manifest.length > 0) {
    lines.push('', 'pack.json');
    for (const c of d.manifest) lines.push(`  ${changeLine(c)}`);
  }
  const t = d.templates;
  if (t.added.length + t.removed.length + t.changed.length > 0) {
    lines.push('', `模板 templates: +${t.added.length} -${t.removed.length} ~${t.changed.length}`);
    for (const x of t.added) lines.push(`  + ${x.id} ${x.version} (${x.file})`);
    for (const x of t.removed) lines.push(`  - ${x.id} ${x.version} (${x.file})`);
    for (const x of t.changed) {
      lines.push(`  ~ ${x.id} ${x.oldVersion === x.newVersion ? x.newVersion : `${x.oldVersion} → ${x.newVersion}`} (${x.file})`);
      for (const c of x.template) lines.push(`      ${changeLine(c)}`);
      for (const f of x.fields.added) lines.push(`      + 字段 ${f}`);
      for (const f of x.fields.removed) lines.push(`      - 字段 ${f}`);
      for (const f of x.fields.changed) {
        lines.push(`      ~ 字段 ${f.field}${f.title ? ` (${f.title})` : ''}`);
        for (const c of f.changes) lines.push(`          ${changeLine(c)}`);
      }
    }
  }
  const ind = d.indicators;
  if (ind.added.length + ind.removed.length + ind.changed.length > 0) {
    lines.push('', `指标 indicators: +${ind.added.length} -${ind.removed.length} ~${ind.changed.length}`);
    for (const r of ind.added) lines.push(`  + ${r.code} ${r.level1}/${r.level2}/${r.level3}`);
    for (const r of ind.removed) lines.push(`  - ${r.code} ${r.level1}/${r.level2}/${r.level3}`);
    for (const r of ind.changed) lines.push(`  ~ ${r.code} ${r.level3}: ${r.changes.map((c) => `${c.attribute} ${show(c.old)} → ${show(c.new)}`).join('; ')}`);
  }
  const rest: [string, { added: string[]; removed: string[]; changed: string[] }][] = [
    ['报告 reports', d.reports],
    ['部门 departments', d.departments],
    ['案例 cases', d.casesChanged],
  ];
  for (const [label, x] of rest) {
    if (x.added.length + x.removed.length + x.changed.length === 0) continue;
    lines.push('', `${label}: +${x.added.length} -${x.removed.length} ~${x.changed.length}`);
    for (const k of x.added) lines.push(`  + ${k}`);
    for (const k of x.removed) lines.push(`  - ${k}`);
    for (const k of x.changed) lines.push(`  ~ ${k}`);
  }
  if (d.projectsChanged) lines.push('', '项目 projects: 已变化 (changed)');
  return `${lines.join('\n')}\n`;
}
