/**
 * Seed hook: import every pack folder of `<repoRoot>/templates` (one with a pack.json) on the
 * first start, so that the shipped templates and indicator libraries are there from the
 * beginning. Idempotent like any import (same version again is a no-op). A pack with problems is
 * skipped with a warning naming them; it never stops the server from starting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildBundle, checkPack, formatDiagnostic } from '@jixiao/engine';
import type { SeedContext } from '../../db/seed';
import { HttpError } from '../../http/errors';
import { readPackFiles } from '../../pack/fs';
import { SYSTEM_ACTOR } from '../audit/service';
import { importPack } from './service';

/** Pack folders under `dir`, sorted by name. */
export function packFolders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && fs.existsSync(path.join(dir, e.name, 'pack.json')))
    .map((e) => path.join(dir, e.name))
    .sort();
}

export async function seedDemoPacks({ db, config, log }: SeedContext, dir = path.join(config.repoRoot, 'templates')): Promise<void> {
  const imported: string[] = [];
  for (const folder of packFolders(dir)) {
    const read = readPackFiles(folder);
    const { pack, diagnostics } = checkPack(read.files);
    const errors = [...read.diagnostics, ...diagnostics].filter((d) => d.severity === 'error');
    if (!pack || errors.length > 0) {
      log.warn(`模板包 ${folder} 有错误, 未导入 / pack not imported:\n${errors.slice(0, 10).map(formatDiagnostic).join('\n')}`);
      continue;
    }
    try {
      const r = await importPack(db, SYSTEM_ACTOR, pack, buildBundle(pack).hash);
      if (r.status === 'imported') imported.push(`${r.name}@${r.version}`);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      log.warn(`模板包 ${folder} 未导入 / pack not imported: ${e.message}`);
    }
  }
  if (imported.length > 0) log.info(`已导入模板包 / packs imported: ${imported.join(', ')}`);
}
