/**
 * The formula language: text → tokens (lexer) → AST (parser) → checks → closures (compile),
 * and back to text (print). Values and function declaration types are exported by the engine
 * root from ./values and ./functions/types.
 */
export type {
  Span,
  BinaryOp,
  UnaryOp,
  FormulaNode,
  FormulaNodeKind,
  NumberNode,
  StringNode,
  BooleanNode,
  RefNode,
  CallNode,
  UnaryNode,
  BinaryNode,
  PostfixNode,
  ParenNode,
} from './ast';
export { BINARY_PRECEDENCE, FORBIDDEN_SEGMENTS, precedenceOf, walk } from './ast';
export {
  FormulaSyntaxError,
  lineColumn,
  syntaxDiagnostic,
  type FormulaSyntaxCode,
  type FormulaDiagnostic,
  type FormulaDiagnosticCode,
} from './errors';
export { tokenize, IDENTIFIER, type Token } from './lexer';
export { parse, tryParse, MAX_DEPTH, type ParseResult } from './parser';
export { print, printPath, printSegment, printString, printStructure } from './print';
export { collectRefs, collectCalls, refKeys, renameRef, startsWithPath, type RefOccurrence } from './refs';
export { checkFormula, checkFormulaText, paramAt, type CheckOptions, type FunctionLookup } from './check';
export {
  compileFormula,
  evaluateFormula,
  cachedFormula,
  formulaCache,
  FORMULA_CACHE_LIMIT,
  type CompileOptions,
  type CompiledFormula,
  type EvalContext,
} from './compile';
export { fromJs, toJs } from './coerce';
export { BINARY, negate, unaryPlus, percent } from './operators';
export { createFunctionRegistry, defaultRegistry, BUILTIN_FUNCTIONS, FunctionDeclarationError, type FunctionRegistry } from './functions/registry';
export { parseDateText, formatSerial, serialFromParts } from './dates';
