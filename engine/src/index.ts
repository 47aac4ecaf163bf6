/** @jixiao/engine: pure TypeScript, no I/O; the same code runs in the browser and on the server. */
export * from './number';
export * from './formula/values';
export * from './formula/functions/types';
export * from './formula';
export * from './template';
export * from './compute';
export * from './scoring';
export * from './validate';
export * from './pack';
