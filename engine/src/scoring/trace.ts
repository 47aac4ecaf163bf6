/**
 * The explanation trace of a scoring (what `jixiao score` prints and the runtime shows): per
 * scored item the rule, the formula text, the inputs as substituted and the result; then the
 * total and the grade.
 */
import type { CompiledTemplate } from '../compute/graph';
import type { JsonValue, SiteResult, TraceEntry } from '../compute/evaluate';
import { toJson } from '../compute/evaluate';
import type { CallContext } from '../formula/functions/types';
import type { Value } from '../formula/values';
import { directionKind } from './rules';

/** Row keys tried, in order, for an indicator's label. */
export const LABEL_KEYS = ['level3', 'name', 'title', 'indicator', 'level2'] as const;

function labelOf(r: SiteResult): string {
  const f = r.site.field;
  if (r.row) {
    for (const k of LABEL_KEYS) {
      const v = r.row[k];
      if (typeof v === 'string' && v.trim() !== '') return v;
    }
    return f.title !== undefined ? `${f.title}（第 ${(r.rowIndex ?? 0) + 1} 行）` : r.path;
  }
  return f.title ?? r.path;
}

export function buildTrace(
  compiled: CompiledTemplate,
  work: Record<string, unknown>,
  call: CallContext,
  results: readonly SiteResult[],
  total: Value,
  grade: Value,
): TraceEntry[] {
  const out: TraceEntry[] = [];
  const inputsOf = (r: SiteResult): Record<string, JsonValue> => {
    const inputs: Record<string, JsonValue> = {};
    for (const i of r.site.inputs) {
      inputs[i.name] = toJson(i.compiled.evaluate(r.row ? { data: work, row: r.row, call } : { data: work, call }));
    }
    return inputs;
  };
  for (const r of results) {
    if (r.site.role !== 'score') continue;
    const inputs = inputsOf(r);
    const entry: TraceEntry = {
      path: r.path,
      label: labelOf(r),
      rule: r.site.rule?.rule ?? 'formula',
      formula: r.site.text,
      inputs,
      result: toJson(r.value),
    };
    if (entry.rule === 'by-direction' && typeof inputs.direction === 'string') {
      const kind = directionKind(inputs.direction);
      if (kind) entry.applied = kind === 'reverse' ? `reverse-${r.site.rule?.text.match(/"([AB])"/)?.[1] ?? 'A'}` : kind;
    }
    out.push(entry);
  }
  const scoring = compiled.template.scoring ?? {};
  const byPath = compiled.fields.byPath;
  const totalPath = scoring.total ?? (byPath.has('total') ? 'total' : undefined);
  const totalResult = results.find((r) => r.path === totalPath && r.site.role !== 'score');
  if (totalResult) {
    out.push({ path: totalResult.path, label: totalResult.site.field.title ?? '总分', rule: 'total', formula: totalResult.site.text, inputs: inputsOf(totalResult), result: toJson(total) });
  } else if (results.some((r) => r.site.role === 'score')) {
    const inputs: Record<string, JsonValue> = {};
    for (const r of results) if (r.site.role === 'score') inputs[r.path] = toJson(r.value);
    out.push({ path: totalPath ?? 'total', label: '总分', rule: 'total', formula: 'SUM(各项得分)', inputs, result: toJson(total) });
  }
  const gradePath = scoring.grade ?? (byPath.has('grade') ? 'grade' : undefined);
  const gradeResult = results.find((r) => r.path === gradePath);
  if (gradeResult) {
    out.push({ path: gradeResult.path, label: gradeResult.site.field.title ?? '评价等级', rule: 'grade', formula: gradeResult.site.text, inputs: inputsOf(gradeResult), result: toJson(grade) });
  } else if (total !== null) {
    out.push({ path: gradePath ?? 'grade', label: '评价等级', rule: 'grade', formula: 'GRADE(total)', inputs: { total: toJson(total) }, result: toJson(grade) });
  }
  return out;
}
