/**
 * Every pack in templates/ (a folder with a pack.json): it loads and validates clean (warnings
 * allowed), and every case in its cases/ computes to what it expects — one jest test per case.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPack, formatDiagnostic, runCase, type Pack } from '@jixiao/engine';
import { readPackFiles } from '../server/src/pack/fs';

const root = __dirname;
const packDirs = fs
  .readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, 'pack.json')))
  .map((e) => e.name)
  .sort();

test('there are packs to check', () => {
  expect(packDirs.length).toBeGreaterThan(0);
});

describe.each(packDirs)('pack %s', (dir) => {
  const read = readPackFiles(path.join(root, dir));
  const { pack, diagnostics } = checkPack(read.files);
  const problems = [...read.diagnostics, ...diagnostics];

  test('validates clean', () => {
    const errors = problems.filter((d) => d.severity === 'error' && !d.code.startsWith('CASE_'));
    expect(errors.map(formatDiagnostic)).toEqual([]);
  });

  const cases = pack?.cases ?? [];
  if (cases.length > 0) {
    test.each(cases.map((c) => [c.file, c] as const))('case %s', (_file, c) => {
      const run = runCase(pack as Pack, c);
      expect(run.failures.map(formatDiagnostic)).toEqual([]);
    });
  }
});
