/** `jixiao pack import DIR|BUNDLE`: into the database of DATABASE_URL (migrated and seeded first, as `serve` does). */
import type { Writable } from 'node:stream';
import { buildBundle, type Pack } from '@jixiao/engine';
import { loadConfig } from '../../config';
import { createDb, prepareDatabase } from '../../db';
import { HttpError } from '../../http/errors';
import type { Logger } from '../../http/types';
import { importPack } from './service';

export async function importPackFromCli(pack: Pack, io: { stdout: Writable; stderr: Writable }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = loadConfig(env);
  const db = createDb(config.databaseUrl);
  const log: Logger = {
    info: (m: string) => io.stderr.write(`${m}\n`),
    warn: (m: string) => io.stderr.write(`${m}\n`),
    error: (m: string, err?: unknown) => io.stderr.write(`${m}${err instanceof Error ? `: ${err.message}` : ''}\n`),
  };
  try {
    await prepareDatabase(db, config, log);
    const r = await importPack(db, { userId: null, username: 'cli', ip: null }, pack, buildBundle(pack).hash);
    if (r.status === 'unchanged') io.stdout.write(`${r.name} ${r.version}: 已导入过, 内容相同, 未做改动 (unchanged)\n`);
    else {
      io.stdout.write(
        `${r.name} ${r.version}: 已导入 (imported): 发布 ${r.published.length} 个模板版本${r.published.length ? ` (${r.published.join(', ')})` : ''}` +
          `${r.existing.length ? `, 已有 ${r.existing.length} 个` : ''}, ${r.indicators} 个指标\n`,
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof HttpError) {
      io.stderr.write(`jixiao pack import: ${e.message} (${e.code})\n`);
      return 1;
    }
    throw e;
  } finally {
    await db.destroy();
  }
}
