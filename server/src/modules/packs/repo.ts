/** packs and indicators tables (knex only). */
import type { Knex } from 'knex';
import type { IndicatorRow, PackManifest } from '@jixiao/engine';
import { fromJsonColumn, toJsonColumn } from '../../db/json';

type Row = Record<string, unknown>;

export interface PackRecord {
  name: string;
  version: string;
  hash: string;
  title: string;
  region: string;
  importedBy: string | null;
  importedAt: string;
}

const toPack = (r: Row): PackRecord => ({
  name: String(r.name),
  version: String(r.version),
  hash: String(r.hash),
  title: String(r.title),
  region: String(r.region),
  importedBy: (r.imported_by as string | null) ?? null,
  importedAt: String(r.imported_at),
});

const PACK_COLUMNS = ['name', 'version', 'hash', 'title', 'region', 'imported_by', 'imported_at'];

export async function listPacks(db: Knex): Promise<PackRecord[]> {
  return (await db('packs').select(PACK_COLUMNS).orderBy([{ column: 'name' }, { column: 'id' }])).map(toPack);
}

export async function listPackVersions(db: Knex, name: string): Promise<PackRecord[]> {
  return (await db('packs').select(PACK_COLUMNS).where({ name }).orderBy('id')).map(toPack);
}

export async function getPack(db: Knex, name: string, version: string): Promise<PackRecord | undefined> {
  const r = (await db('packs').select(PACK_COLUMNS).where({ name, version }).first()) as Row | undefined;
  return r ? toPack(r) : undefined;
}

export async function getManifest(db: Knex, name: string, version: string): Promise<PackManifest | undefined> {
  const r = (await db('packs').select('manifest').where({ name, version }).first()) as Row | undefined;
  return r ? (fromJsonColumn(r.manifest) as PackManifest) : undefined;
}

export async function insertPack(db: Knex, p: PackRecord, manifest: PackManifest): Promise<void> {
  await db('packs').insert({
    name: p.name,
    version: p.version,
    hash: p.hash,
    title: p.title,
    region: p.region,
    manifest: toJsonColumn(manifest),
    imported_by: p.importedBy,
    imported_at: p.importedAt,
  });
}

/** Stored text of a number: the shortest decimal of a JS number (exact for library values). */
const numText = (n: number | undefined): string | null => (n === undefined ? null : String(n));

function indicatorRow(pack: string, r: IndicatorRow, rowNo: number): Row {
  return {
    pack,
    code: r.code,
    row_no: rowNo,
    category: r.category ?? null,
    type: r.type ?? null,
    fund_use: r.fundUse ?? null,
    level1: r.level1,
    level2: r.level2,
    level3: r.level3,
    unit: r.unit ?? null,
    direction: r.direction,
    target: r.target === undefined ? null : typeof r.target === 'number' ? numText(r.target) : r.target,
    weight: numText(r.weight),
    content: r.content ?? null,
    standard: r.standard ?? null,
    source: r.source ?? null,
    keywords: r.keywords && r.keywords.length > 0 ? r.keywords.join('；') : null,
  };
}

/** Replace the library rows of a pack (inside the caller's transaction). */
export async function replaceIndicators(db: Knex, pack: string, rows: readonly IndicatorRow[]): Promise<void> {
  await db('indicators').where({ pack }).delete();
  // 18 columns × 50 rows stays under SQLite's 999 bound parameters
  const CHUNK = 50;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db('indicators').insert(rows.slice(i, i + CHUNK).map((r, k) => indicatorRow(pack, r, i + k)));
  }
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The library rows of a pack, in library order, as the engine's IndicatorRow. */
export async function listIndicators(db: Knex, pack: string): Promise<IndicatorRow[]> {
  const rows = (await db('indicators').select('*').where({ pack }).orderBy('row_no')) as Row[];
  return rows.map((r) => {
    const out: IndicatorRow = {
      code: String(r.code),
      level1: String(r.level1),
      level2: String(r.level2),
      level3: String(r.level3),
      direction: String(r.direction) as IndicatorRow['direction'],
    };
    const opt = (k: string): string | undefined => (r[k] === null || r[k] === undefined ? undefined : String(r[k]));
    const set = <K extends 'category' | 'type' | 'fundUse' | 'unit' | 'content' | 'standard' | 'source'>(key: K, col: string): void => {
      const v = opt(col);
      if (v !== undefined) out[key] = v;
    };
    set('category', 'category');
    set('type', 'type');
    set('fundUse', 'fund_use');
    set('unit', 'unit');
    set('content', 'content');
    set('standard', 'standard');
    set('source', 'source');
    const target = opt('target');
    if (target !== undefined) out.target = PLAIN_NUMBER.test(target) ? Number(target) : target;
    const weight = opt('weight');
    if (weight !== undefined) out.weight = Number(weight);
    const kw = opt('keywords');
    if (kw !== undefined) out.keywords = kw.split('；');
    return out;
  });
}

export async function countIndicators(db: Knex, pack: string): Promise<number> {
  const r = (await db('indicators').where({ pack }).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(r?.n ?? 0);
}
