/**
 * The template's problems as the designer shows them: the engine's own validateTemplate (the same
 * check the server runs before publishing), each diagnostic attached to the field it is about so
 * the tree can badge the field and the property panel can list them. A formula being typed gets
 * instant feedback from the engine's parser, before the whole template is checked.
 */
import { tryParse, validateTemplate, type Diagnostic, type Template } from '@jixiao/engine';
import { fieldPointers } from './tree';

export interface TemplateProblems {
  all: Diagnostic[];
  /** Diagnostics by the pointer of the field they belong to. */
  byField: Map<string, Diagnostic[]>;
  /** Diagnostics about no field (the document's id/version, scoring, variants …). */
  general: Diagnostic[];
  /** Whether publishing must be refused (warnings do not stop it). */
  hasErrors: boolean;
}

/**
 * The field a diagnostic path belongs to: the longest field pointer that is the path itself or a
 * prefix of it at a token boundary (`/schema/properties/a/x-formula` → `/schema/properties/a`;
 * never `/schema/properties/ab`). Null when no field contains it.
 */
export function fieldOfPath(pointers: readonly string[], path: string): string | null {
  let best: string | null = null;
  for (const p of pointers) {
    if ((path === p || path.startsWith(`${p}/`)) && (best === null || p.length > best.length)) best = p;
  }
  return best;
}

/** validateTemplate's diagnostics, grouped by field. */
export function templateProblems(template: Template): TemplateProblems {
  const all = validateTemplate(template);
  const pointers = fieldPointers(template);
  const byField = new Map<string, Diagnostic[]>();
  const general: Diagnostic[] = [];
  for (const d of all) {
    const field = fieldOfPath(pointers, d.path);
    if (field === null) general.push(d);
    else byField.set(field, [...(byField.get(field) ?? []), d]);
  }
  return { all, byField, general, hasErrors: all.some((d) => d.severity === 'error') };
}

/** The fields that have at least one error (a field under a badged group is badged itself, not the group). */
export function fieldsWithErrors(problems: TemplateProblems): Set<string> {
  return new Set([...problems.byField].filter(([, ds]) => ds.some((d) => d.severity === 'error')).map(([p]) => p));
}

/**
 * The syntax problem of a formula being typed, as a zh-CN sentence with line and column
 * (`第 1 行第 7 列: …`), or null when it parses. Names and functions are checked by
 * templateProblems, which knows the fields.
 */
export function formulaProblem(text: string): string | null {
  const r = tryParse(text);
  return r.ok ? null : `第 ${r.error.line} 行第 ${r.error.column} 列：${r.error.reason}`;
}
