export * from './types';
export * from './fields';
