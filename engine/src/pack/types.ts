import type { Diagnostic, GradeBand, QualitativeBand, ReverseVariant, Template } from '../template';

/**
 * Template packs: the data model shared by the loader, the validator, the bundle, the diff and
 * the indicator library. A pack is a folder (or a bundle of one) read into a map of
 * `relative path → text`; nothing here touches a file system.
 */

/** 指标性质 / 计算符号, normalised to the full-width forms the forms display. */
export const DIRECTIONS = ['≥', '＞', '＝', '＜', '≤', '定性', '定量（其他）'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One row of the indicator library (指标库). Empty optional columns are absent. */
export interface IndicatorRow {
  /** 指标编码, unique within a pack. */
  code: string;
  /** 分类 (e.g. 项目支出 / 部门整体). */
  category?: string;
  /** 类型 (行业, e.g. 教育 / 农林水). */
  type?: string;
  /** 资金用途. */
  fundUse?: string;
  /** 一级指标. */
  level1: string;
  /** 二级指标. */
  level2: string;
  /** 三级指标: the indicator's name. */
  level3: string;
  /** 计量单位; mandatory unless the direction is 定性 / 定量（其他）. */
  unit?: string;
  direction: Direction;
  /** 指标值 (default target): a number when the text is a plain decimal, else the text. */
  target?: number | string;
  /** 权重 / 分值, > 0. */
  weight?: number;
  /** 指标内容 / 计算公式. */
  content?: string;
  /** 评(扣)分标准. */
  standard?: string;
  /** 数据来源. */
  source?: string;
  /** 关键词. */
  keywords?: string[];
}

/** Pack-wide scoring defaults, merged into every template that does not set them itself. */
export interface PackScoringDefaults {
  reverse?: ReverseVariant;
  qualitative?: QualitativeBand[];
  weightTotal?: number;
  warning?: Record<string, unknown>;
}

/** pack.json (see docs/packs.md; meta-schema in ./manifest-schema.json). */
export interface PackManifest {
  name: string;
  version: string;
  region: string;
  title: string;
  /** Semver range of engine versions the pack works with, e.g. `>=0.1.0`. */
  engine: string;
  description?: string;
  grades: GradeBand[];
  scoring?: PackScoringDefaults;
  /** Relative path of the indicator library: `indicators.csv` or `indicators.json`. */
  indicators?: string;
  /** Template files; default: every `templates/*.json`. */
  templates?: string[];
  /** Report templates by name → relative path of a Handlebars file. */
  reports?: Record<string, string>;
  departments?: string;
  projects?: string;
  fiscalYear?: number;
}

/** A department of the demo data (departments.json). */
export interface PackDepartment {
  code: string;
  name: string;
  parent: string | null;
  [key: string]: unknown;
}

export interface PackTemplate {
  /** Path of the template file inside the pack. */
  file: string;
  /** The template exactly as written in its file (checked by the engine's template validator). */
  source: Template;
  /** The template with the pack's grades and scoring defaults merged in: what the engine runs. */
  template: Template;
}

export interface PackReport {
  name: string;
  file: string;
  source: string;
}

/** What a case expects (every key given must hold). */
export interface CaseExpectation {
  values?: Record<string, unknown>;
  scores?: Record<string, number | string | null>;
  total?: number | string | null;
  grade?: string | null;
  errors?: { path: string; code: string }[];
}

export interface PackCaseDocument {
  template: string;
  description?: string;
  department?: string;
  context?: { today?: string; month?: number; [key: string]: unknown };
  data: Record<string, unknown>;
  expect: CaseExpectation;
}

export interface PackCase {
  file: string;
  case: PackCaseDocument;
}

/** A loaded pack. Parts that failed to load are absent or empty (and have diagnostics). */
export interface Pack {
  manifest: PackManifest;
  indicators: IndicatorRow[];
  /** File the indicators came from ('' when the pack has none). */
  indicatorsFile: string;
  /** Source line of each indicator row (CSV) or index (JSON), parallel to `indicators`. */
  indicatorLines: number[];
  templates: PackTemplate[];
  reports: PackReport[];
  departments?: PackDepartment[];
  projects?: unknown[];
  cases: PackCase[];
  /** The raw texts, kept for positions in diagnostics and for the bundle. */
  files: ReadonlyMap<string, string>;
}

/**
 * A problem found in a pack: an engine Diagnostic plus the file it is in. Where in the file:
 * `path`, a JSON pointer (`/schema/properties/x/x-formula`), and/or `line`/`column` (1-based;
 * for CSV `column` is the field number, as in a spreadsheet). JSON positions are filled in from
 * the pointer by `locateDiagnostics`.
 */
export interface PackDiagnostic extends Diagnostic {
  file: string;
  line?: number;
  column?: number;
}
