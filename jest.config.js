/** One jest run for every package. TS is transformed by swc (no type check here: `npm test`
 * runs `tsc -b` first in `pretest`). Workspace packages resolve to their sources so tests never
 * depend on a stale build. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }] },
  moduleNameMapper: { '^@jixiao/(engine|server)$': '<rootDir>/$1/src/index.ts' },
  testMatch: ['<rootDir>/{engine,server,runtime,designer,templates,bench}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 2,
};
