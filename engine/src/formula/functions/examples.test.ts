/** Every example of every registered function, evaluated through the real pipeline, prints its stated result. */
import { compileFormula, toJs } from '..';
import { defaultRegistry } from './registry';
import { ErrorValue } from '../values';

/** A result as the CLI prints it: JSON, or the error code. */
function printed(v: unknown): string {
  return v instanceof ErrorValue ? v.code : JSON.stringify(v);
}

const examples = defaultRegistry.list().flatMap((d) => d.examples.map((e) => [d.name, e] as const));

test.each(examples)('%s: %o', (_name, e) => {
  const out = toJs(compileFormula(e.formula).evaluate({ data: e.data ?? {} }));
  expect(printed(out)).toBe(e.result);
});
