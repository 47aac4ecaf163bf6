/**
 * How a formula function is declared. The declaration drives arity checking, the designer's
 * autocomplete, the docs page (docs/formula-language.md) and the CLI; `impl` does the work.
 */
import type { Value } from '../values';

export type FunctionCategory = 'math' | 'statistical' | 'logical' | 'text' | 'date' | 'info' | 'domain';

/**
 * - `number` / `text` / `logical` / `any`: one scalar argument (a RangeValue passed here is #VALUE!
 *   unless the function says otherwise in its own impl);
 * - `range`: a scalar or a RangeValue (SUM, COUNTIF …);
 * - `lazy`: for lazy functions every argument arrives as a thunk (IF, IFS, IFERROR, SWITCH).
 */
export type ParamKind = 'number' | 'text' | 'logical' | 'any' | 'range';

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  optional?: boolean;
  /** The parameter may repeat (SUM(number1, [number2], …)); only the last one may. */
  repeat?: boolean;
  /** zh-CN description of the parameter. */
  doc: string;
}

export interface FunctionExample {
  formula: string;
  /** The result as the CLI prints it, e.g. `2.68`, `"ab"`, `#DIV/0!`. */
  result: string;
  data?: Record<string, unknown>;
}

/** What every call receives besides its arguments. */
export interface CallContext {
  /** Excel serial number of the evaluation date, for TODAY(); never the clock. */
  readonly today?: number;
  /** Grade bands for GRADE(), highest first, lower bound inclusive. */
  readonly grades?: readonly { min: number; label: string }[];
  /** Anything a host adds for domain helpers (e.g. the month for monitoring). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export type Thunk = () => Value;

interface DeclBase {
  name: string;
  category: FunctionCategory;
  params: ParamSpec[];
  returns: 'number' | 'text' | 'logical' | 'date' | 'any';
  /** zh-CN one-line description. */
  description: string;
  examples: FunctionExample[];
}

export interface EagerFunctionDecl extends DeclBase {
  lazy?: false;
  /**
   * `args` belongs to the call site and is refilled on every evaluation: read it, never keep it
   * (copy it if a result must hold the arguments).
   */
  impl: (args: Value[], ctx: CallContext) => Value;
}

export interface LazyFunctionDecl extends DeclBase {
  lazy: true;
  impl: (args: Thunk[], ctx: CallContext) => Value;
}

export type FunctionDecl = EagerFunctionDecl | LazyFunctionDecl;

/** Min and max argument counts implied by the params (max = Infinity with a repeating param). */
export function arity(decl: DeclBase): { min: number; max: number } {
  const min = decl.params.filter((p) => !p.optional).length;
  const max = decl.params.some((p) => p.repeat) ? Infinity : decl.params.length;
  return { min, max };
}
