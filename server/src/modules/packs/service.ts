/**
 * Pack import: a bundle (`jixiao pack build`) into the database. The bundle is checked again
 * (hash, load, validatePack: the server never trusts a client's validation) and then, in one
 * transaction:
 * - the same name + version again with the same hash is a no-op; with another hash a 409;
 * - every template version the pack carries is published (with the pack's grades merged in),
 *   with the report sources it names (template_reports), unless that id + version is already published with the same body (skipped); a different
 *   body under a published id + version is a 409 — published versions never change;
 * - the indicator library rows of the pack are replaced when this is its newest version;
 * - a packs row and one audit row record the import.
 */
import type { Knex } from 'knex';
import {
  bundleFiles,
  bundleHash,
  canonicalJson,
  checkPack,
  diagnosticLocation,
  isBundle,
  type Pack,
  type PackBundle,
  type PackDiagnostic,
} from '@jixiao/engine';
import { now } from '../../db/time';
import { BadRequestError, ConflictError, ValidationError, type FieldProblem } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/service';
import * as templatesRepo from '../templates/repo';
import { publishTemplate } from '../templates/service';
import { compareSemver } from '../templates/validation';
import { saveReportsOfPackTemplate } from '../reports/repo';
import * as repo from './repo';

export type { PackRecord } from './repo';

export interface ImportResult {
  status: 'imported' | 'unchanged';
  name: string;
  version: string;
  hash: string;
  /** Template versions published by this import (`id@version`). */
  published: string[];
  /** Template versions the database already had with the same body. */
  existing: string[];
  /** Indicator rows written (0 when an older version was imported, or unchanged). */
  indicators: number;
}

const problem = (d: PackDiagnostic): FieldProblem => ({ path: diagnosticLocation(d), message: d.message, code: d.code, ...(d.path !== '' ? { pointer: d.path } : {}) });

/** Check an uploaded bundle: format, hash, and everything `validatePack` checks (422 with every problem). */
export function checkBundle(value: unknown): { bundle: PackBundle; pack: Pack } {
  if (!isBundle(value)) throw new BadRequestError('请求体应为模板包文件 (jixiao pack build 的输出, format = "jixiao-pack-bundle")', 'NOT_A_BUNDLE');
  if (bundleHash(value) !== value.hash) throw new BadRequestError('模板包内容与其 hash 不符', 'BUNDLE_HASH');
  const { pack, diagnostics } = checkPack(bundleFiles(value));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!pack || errors.length > 0) throw new ValidationError(errors.map(problem), '模板包未通过校验', 'PACK_INVALID');
  return { bundle: value, pack };
}

/** Import a checked pack (see the module comment). */
export async function importPack(db: Knex, actor: Actor, pack: Pack, hash: string): Promise<ImportResult> {
  const { name, version } = pack.manifest;
  return db.transaction(async (trx) => {
    const result: ImportResult = { status: 'imported', name, version, hash, published: [], existing: [], indicators: 0 };
    const already = await repo.getPack(trx, name, version);
    if (already) {
      if (already.hash === hash) return { ...result, status: 'unchanged' };
      throw new ConflictError(`模板包 ${name} 的版本 ${version} 已导入且内容不同; 修改模板包后请提高版本号`, 'PACK_VERSION_EXISTS', { name, version, hash: already.hash });
    }
    const source = `pack:${name}@${version}`;
    for (const t of pack.templates) {
      const tpl = t.template;
      const key = `${tpl.id}@${tpl.version}`;
      const stored = await templatesRepo.getVersion(trx, tpl.id, String(tpl.version));
      if (stored) {
        if (canonicalJson(stored.template) !== canonicalJson(tpl)) {
          throw new ConflictError(`模板 ${tpl.id} 的版本 ${tpl.version} 已发布且内容不同 (${t.file}); 已发布的版本不能修改, 请提高模板版本号`, 'TEMPLATE_VERSION_EXISTS', {
            templateId: tpl.id,
            version: tpl.version,
            file: t.file,
          });
        }
        result.existing.push(key);
        continue;
      }
      await publishTemplate(trx, actor, tpl, source);
      await saveReportsOfPackTemplate(trx, pack.reports, { id: tpl.id, version: String(tpl.version), reports: tpl.reports });
      result.published.push(key);
    }
    const newest = (await repo.listPackVersions(trx, name)).every((p) => compareSemver(p.version, version) < 0);
    if (newest) {
      await repo.replaceIndicators(trx, name, pack.indicators);
      result.indicators = pack.indicators.length;
    }
    await repo.insertPack(trx, { name, version, hash, title: pack.manifest.title, region: pack.manifest.region, importedBy: actor.username, importedAt: now() }, pack.manifest);
    await recordAudit(trx, actor, {
      entityType: 'pack',
      entityId: `${name}@${version}`,
      action: 'import',
      after: { hash, published: result.published, existing: result.existing, indicators: result.indicators },
    });
    return result;
  });
}

/** Check and import an uploaded bundle. */
export async function importBundle(db: Knex, actor: Actor, value: unknown): Promise<ImportResult> {
  const { bundle, pack } = checkBundle(value);
  return importPack(db, actor, pack, bundle.hash);
}

export async function listPacks(db: Knex): Promise<repo.PackRecord[]> {
  return repo.listPacks(db);
}
