/**
 * The template model (docs/template-format.md): a template is one JSON document, its `schema` a
 * JSON Schema (draft-07 subset) with Formily and Jixiao `x-*` keys. These types describe a
 * template that passed `validateTemplate` (./check); before that it is `unknown`.
 *
 * `Diagnostic` is THE engine-wide shape of an author mistake (template, formula, submission):
 * the formula pipeline's `FormulaDiagnostic` (formula/errors.ts) is assignable to it.
 */
import type { Span } from '../formula/ast';
import type { ProjectAttribute } from './project-prefill';

/** An author mistake, returned (never thrown). `path` is a JSON pointer into the template
 * (`/schema/properties/total/x-formula`) or, for submission data, into the data. */
export interface Diagnostic {
  /** Machine code, e.g. `FORMULA_UNKNOWN_FIELD`, `TEMPLATE_CYCLE`, `SCORE_OUT_OF_BAND`. */
  code: string;
  severity: 'error' | 'warning';
  /** JSON pointer (RFC 6901) of the offending node; '' for the whole document. */
  path: string;
  /** Offsets inside the formula text, when the problem is inside a formula. */
  span?: Span;
  /** What a locale needs to re-word the message (field names, line, column, limits …). */
  params: Record<string, unknown>;
  /** zh-CN message. */
  message: string;
}

export type TemplateKind = 'declaration' | 'monitoring' | 'self-evaluation' | 'other';
export const TEMPLATE_KINDS: readonly TemplateKind[] = ['declaration', 'monitoring', 'self-evaluation', 'other'];

export type FieldType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';

/** `x-indicator` on an array: the table is an indicator table bound to the library. */
export interface IndicatorBinding {
  /** How many indicator levels the table shows (1–3). */
  levels?: number;
  /** 0 = annual (年度), 1 = overall (总体/中长期). */
  yearflag?: 0 | 1;
}

/** A field of the form: a JSON Schema node with Formily and Jixiao keys. */
export interface FieldSchema {
  type?: FieldType;
  title?: string;
  description?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  format?: string;
  // Formily (passed through to the renderer)
  'x-component'?: string;
  'x-component-props'?: Record<string, unknown>;
  'x-decorator'?: string;
  'x-decorator-props'?: Record<string, unknown>;
  'x-index'?: number;
  'x-validator'?: unknown;
  'x-display'?: 'visible' | 'hidden' | 'none';
  'x-pattern'?: 'editable' | 'disabled' | 'readOnly' | 'readPretty';
  'x-content'?: unknown;
  'x-hidden'?: boolean;
  'x-disabled'?: boolean;
  'x-read-only'?: boolean;
  'x-data'?: Record<string, unknown>;
  // Jixiao
  'x-formula'?: string;
  'x-score'?: ScoreRule;
  'x-visible'?: string;
  'x-required-when'?: string;
  'x-money'?: boolean;
  'x-scale'?: number;
  'x-unit'?: string;
  'x-indicator'?: IndicatorBinding;
  /** Filled from this project attribute when a form is created (project-prefill.ts). */
  'x-project'?: ProjectAttribute;
  /** A root table starting with the rows of this table of the approved declaration (declaration-rows.ts). */
  'x-declaration'?: string;
  /** A root table starting with the payments and spending recorded for the form's month or year (payment-rows.ts). */
  'x-payments'?: 'month' | 'year';
}

/** A grade band: scores ≥ min (and below the next higher band's min) get `label`. */
export interface GradeBand {
  min: number;
  label: string;
}

/** A qualitative (定性) band, as fractions of the weight: [min, max), the top band [min, max]. */
export interface QualitativeBand {
  label: string;
  min: number;
  max: number;
  /** Ratio of the weight given when no score is entered. */
  default: number;
  /** Monitoring light for this band (达成 green, 部分达成 yellow, 未达成 red). */
  light?: WarningLight;
}

export type WarningLight = 'green' | 'yellow' | 'red';

export type WarningRule =
  | { rule: 'ratio'; red?: number; yellow?: number }
  | { rule: 'gap'; yellow?: number; red?: number };

export type ReverseVariant = 'A' | 'B';

export interface ScoringConfig {
  /** Highest first, lower bound inclusive, covering 0–100. */
  grades?: GradeBand[];
  /** Default variant of `reverse` / `by-direction` (A unless stated). */
  reverse?: ReverseVariant;
  qualitative?: QualitativeBand[];
  /** Field path holding the total score. */
  total?: string;
  /** Field path holding the grade. */
  grade?: string;
  /** The static weights of all scored items must add up to this. */
  weightTotal?: number;
  warning?: WarningRule;
}

/** A preset parameter naming a field (a row key, or a root path) or a number. */
export type ParamRef = string | number;

export interface PositiveRule { preset: 'positive'; actual?: ParamRef; target?: ParamRef; weight?: ParamRef }
export interface EqualRule { preset: 'equal'; actual?: ParamRef; target?: ParamRef; weight?: ParamRef }
export interface ReverseRule { preset: 'reverse'; actual?: ParamRef; target?: ParamRef; weight?: ParamRef; variant?: ReverseVariant }
export interface QualitativeRule {
  preset: 'qualitative';
  rating?: ParamRef;
  weight?: ParamRef;
  /** Field holding the score the evaluator entered (none: the band default is used). */
  score?: ParamRef;
}
export interface ByDirectionRule {
  preset: 'by-direction';
  direction?: ParamRef;
  actual?: ParamRef;
  target?: ParamRef;
  weight?: ParamRef;
  rating?: ParamRef;
  score?: ParamRef;
  variant?: ReverseVariant;
}
export interface ExecutionRule { preset: 'execution'; budget?: ParamRef; spent?: ParamRef; weight?: ParamRef }
export interface DeductionRule {
  preset: 'deduction';
  value: ParamRef;
  threshold: number;
  weight: ParamRef;
  /** Which side of the threshold loses points. */
  direction: 'above' | 'below';
  /** Size of one step beyond the threshold (default 1). */
  step?: number;
  /** Points lost per step … */
  points?: number;
  /** … or the fraction of the weight lost per step. */
  ratio?: number;
  /** How a partial step counts: pro rata (default), or rounded down/up to whole steps. */
  partial?: 'prorate' | 'floor' | 'ceil';
}
export interface Tier { max?: number; score: number }
export interface TieredRule { preset: 'tiered'; value: ParamRef; tiers: Tier[] }
export interface FormulaRule { formula: string }

export type PresetRule =
  | PositiveRule
  | EqualRule
  | ReverseRule
  | QualitativeRule
  | ByDirectionRule
  | ExecutionRule
  | DeductionRule
  | TieredRule;
export type PresetName = PresetRule['preset'];
export const PRESET_NAMES: readonly PresetName[] = ['positive', 'equal', 'reverse', 'qualitative', 'by-direction', 'execution', 'deduction', 'tiered'];

/** `x-score`: a preset or a formula. */
export type ScoreRule = PresetRule | FormulaRule;

export const isFormulaRule = (r: ScoreRule): r is FormulaRule => 'formula' in r;

/** A department overlay (applied by `resolveTemplate`, template/variants.ts). */
export interface VariantOverlay {
  /** Apply on top of the parent's resolved template instead of replacing it. */
  extends?: boolean;
  /** Field paths removed from the form (and from `required`). */
  hide?: string[];
  /** JSON-pointer sets into `schema`. */
  patch?: { path: string; value: unknown }[];
  /** Schema fragments merged into `schema`. */
  add?: FieldSchema;
}

export interface Template {
  id: string;
  kind: TemplateKind;
  version: string;
  title: string;
  description?: string;
  schema: FieldSchema;
  scoring?: ScoringConfig;
  variants?: Record<string, VariantOverlay>;
  reports?: Record<string, string>;
}
