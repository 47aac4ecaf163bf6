/**
 * Scoring presets → formula text (docs/template-format.md, "Scoring"). Every preset compiles to
 * a formula over row keys / root paths / numbers, so the designer can display it and the trace
 * can show it with its inputs. The arithmetic lives in the domain functions
 * (formula/functions/domain.ts → ./rules).
 */
import { mul, toGeneralText, type Num } from '../number';
import type { ParamRef, PresetName, ReverseVariant, ScoreRule, Tier } from '../template/types';
import { isFormulaRule } from '../template/types';

export interface PresetInput {
  /** Parameter name shown in the trace (`actual`, `target`, `weight` …). */
  name: string;
  /** Formula text of the parameter: a reference or a number. */
  expr: string;
}

export interface CompiledRule {
  /** The preset's name, or 'formula' for `{formula}` rules. */
  rule: PresetName | 'formula';
  /** The formula the rule evaluates. */
  text: string;
  /** The named inputs the trace reports (empty for `{formula}` rules: the trace lists the formula's references). */
  inputs: PresetInput[];
}

export interface PresetOptions {
  /** Default reverse variant (template `scoring.reverse`), 'A' when absent. */
  reverse?: ReverseVariant;
  /**
   * Whether a field key exists where the rule is (its row, or the root). When given, the
   * optional `rating` of by-direction falls back to blank ("") if the table has no such column.
   */
  hasField?: (key: string) => boolean;
}

/** Text of a preset parameter: a number literal or a field reference. */
export function paramText(p: ParamRef): string {
  return typeof p === 'number' ? numberText(p) : p;
}

function numberText(x: Num): string {
  return toGeneralText(x);
}

const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function input(name: string, p: ParamRef): PresetInput {
  return { name, expr: paramText(p) };
}

/** The formula text of a scoring rule (preset or formula). */
export function compileRule(rule: ScoreRule, options: PresetOptions = {}): CompiledRule {
  if (isFormulaRule(rule)) return { rule: 'formula', text: rule.formula, inputs: [] };
  const reverseDefault = options.reverse ?? 'A';
  switch (rule.preset) {
    case 'positive':
    case 'equal':
    case 'reverse': {
      const ins = [input('actual', rule.actual ?? 'actual'), input('target', rule.target ?? 'target'), input('weight', rule.weight ?? 'weight')];
      const args = ins.map((i) => i.expr).join(', ');
      if (rule.preset === 'reverse') {
        return { rule: rule.preset, text: `SCORE_REVERSE(${args}, ${str(rule.variant ?? reverseDefault)})`, inputs: ins };
      }
      return { rule: rule.preset, text: `${rule.preset === 'positive' ? 'SCORE_POSITIVE' : 'SCORE_EQUAL'}(${args})`, inputs: ins };
    }
    case 'qualitative': {
      const ins = [input('rating', rule.rating ?? 'rating'), input('weight', rule.weight ?? 'weight')];
      if (rule.score !== undefined) ins.push(input('score', rule.score));
      return { rule: 'qualitative', text: `SCORE_QUALITATIVE(${ins.map((i) => i.expr).join(', ')})`, inputs: ins };
    }
    case 'by-direction': {
      const ins = [
        input('direction', rule.direction ?? 'direction'),
        input('actual', rule.actual ?? 'actual'),
        input('target', rule.target ?? 'target'),
        input('weight', rule.weight ?? 'weight'),
      ];
      const noRating = rule.rating === undefined && options.hasField !== undefined && !options.hasField('rating');
      if (!noRating) ins.push(input('rating', rule.rating ?? 'rating'));
      const [d, a, t, w, r] = ins.map((i) => i.expr);
      const args = [d, a, t, w, str(rule.variant ?? reverseDefault), r ?? '""'];
      if (rule.score !== undefined) {
        ins.push(input('score', rule.score));
        args.push(paramText(rule.score));
      }
      return { rule: 'by-direction', text: `SCORE_BY_DIRECTION(${args.join(', ')})`, inputs: ins };
    }
    case 'execution': {
      const ins = [input('budget', rule.budget ?? 'budget'), input('spent', rule.spent ?? 'spent'), input('weight', rule.weight ?? 'weight')];
      const [b, s, w] = ins.map((i) => i.expr) as [string, string, string];
      return { rule: 'execution', text: `ROUND(MIN(MAX(${s}, 0) / ${b}, 1) * ${w}, 2)`, inputs: ins };
    }
    case 'deduction': {
      const ins = [input('value', rule.value), input('weight', rule.weight)];
      const w = paramText(rule.weight);
      let points: string;
      if (rule.points !== undefined) points = numberText(rule.points);
      else {
        const ratio = rule.ratio ?? 0;
        points = typeof rule.weight === 'number' ? numberText(mul(ratio, rule.weight)) : `${numberText(ratio)} * ${w}`;
      }
      const args = [paramText(rule.value), numberText(rule.threshold), w, str(rule.direction), numberText(rule.step ?? 1), points];
      if (rule.partial && rule.partial !== 'prorate') args.push(str(rule.partial));
      return { rule: 'deduction', text: `SCORE_DEDUCT(${args.join(', ')})`, inputs: ins };
    }
    case 'tiered': {
      const v = paramText(rule.value);
      const parts: string[] = [];
      for (const t of rule.tiers as Tier[]) {
        parts.push(t.max === undefined ? 'TRUE' : `${v} <= ${numberText(t.max)}`, numberText(t.score));
      }
      return { rule: 'tiered', text: `IFS(${parts.join(', ')})`, inputs: [input('value', rule.value)] };
    }
  }
}
