/**
 * Function registries. A registry belongs to whoever creates it (an engine instance, a
 * test, the CLI): nothing registers itself by being imported. Names are case-insensitive.
 */
import { DATE_FUNCTIONS } from './date';
import { DOMAIN_FUNCTIONS } from './domain';
import { INFO_FUNCTIONS } from './info';
import { LOGICAL_FUNCTIONS } from './logical';
import { MATH_FUNCTIONS } from './math';
import { STATISTICAL_FUNCTIONS } from './statistical';
import { TEXT_FUNCTIONS } from './text';
import type { FunctionDecl } from './types';

export interface FunctionRegistry {
  /** The declaration of a function by name (any case), or undefined. */
  get(name: string): FunctionDecl | undefined;
  /** Every declaration, sorted by name. */
  list(): readonly FunctionDecl[];
}

/** A function declaration that cannot be registered (bad or duplicate name): a programming error. */
export class FunctionDeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionDeclarationError';
  }
}

/** Every built-in (Excel) function, in family order. */
export const BUILTIN_FUNCTIONS: readonly FunctionDecl[] = [
  ...MATH_FUNCTIONS,
  ...STATISTICAL_FUNCTIONS,
  ...LOGICAL_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...INFO_FUNCTIONS,
];

const NAME = /^[A-Z_][A-Z0-9_]*(?:\.[A-Z0-9_]+)*$/;

/**
 * A registry of the built-ins plus `extra` (domain helpers, a host's own functions). An extra
 * declaration with a built-in's name replaces it; two extras with the same name, or a name
 * that is not an upper-case identifier, throw FunctionDeclarationError.
 */
export function createFunctionRegistry(extra: readonly FunctionDecl[] = []): FunctionRegistry {
  const byName = new Map<string, FunctionDecl>();
  const add = (decl: FunctionDecl, replace: boolean) => {
    if (!NAME.test(decl.name)) throw new FunctionDeclarationError(`invalid function name "${decl.name}" (use upper-case letters, digits, _ and .)`);
    if (!replace && byName.has(decl.name)) throw new FunctionDeclarationError(`function ${decl.name} is declared twice`);
    byName.set(decl.name, decl);
  };
  for (const decl of BUILTIN_FUNCTIONS) add(decl, false);
  const seen = new Set<string>();
  for (const decl of extra) {
    if (seen.has(decl.name)) throw new FunctionDeclarationError(`function ${decl.name} is declared twice`);
    seen.add(decl.name);
    add(decl, true);
  }
  const sorted = Object.freeze([...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  return {
    get: (name) => byName.get(name.toUpperCase()),
    list: () => sorted,
  };
}

/** The built-ins and the domain helpers (GRADE …): what templates use. */
export const defaultRegistry: FunctionRegistry = createFunctionRegistry(DOMAIN_FUNCTIONS);
