/** 模板包: the imported template packs, and importing a bundle (`jixiao pack build` output). */
import { isRecord } from '../form/template-types';
import { api, ApiError } from './client';

export interface PackRecord {
  name: string;
  version: string;
  /** `sha256:` + hex of the bundle's content. */
  hash: string;
  title: string;
  region: string;
  importedBy: string | null;
  importedAt: string;
}

export interface PackImportResult {
  /** `unchanged`: the same name, version and content was imported before (nothing written). */
  status: 'imported' | 'unchanged';
  name: string;
  version: string;
  hash: string;
  /** Template versions this import published (`id@version`). */
  published: string[];
  /** Template versions the server already had with the same body. */
  existing: string[];
  /** Indicator library rows written (0 for an older version, or unchanged). */
  indicators: number;
}

/** One problem of an invalid pack: where (`file#/pointer (line:col)` or `file:line:col`) and what. */
export interface PackProblem {
  path: string;
  message: string;
  code: string;
}

/** EXISTS: GET /api/packs → {items} (any signed-in user), by name then import order. */
export const listPacks = () => api.get<{ items: PackRecord[] }>('/api/packs');

/**
 * EXISTS: POST /api/packs/import with the bundle itself as the JSON body (pack.import) → 201
 * imported / 200 unchanged; 400 NOT_A_BUNDLE / BUNDLE_HASH; 422 PACK_INVALID (details: every
 * problem); 409 PACK_VERSION_EXISTS / TEMPLATE_VERSION_EXISTS (nothing written).
 */
export const importPack = (bundle: unknown) => api.post<PackImportResult>('/api/packs/import', bundle);

/** The problems a refused import lists (422 PACK_INVALID details), paths as the server wrote them. */
export function packProblems(e: unknown): PackProblem[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  const out: PackProblem[] = [];
  for (const d of e.details) {
    if (!isRecord(d) || typeof d['message'] !== 'string') continue;
    out.push({ path: typeof d['path'] === 'string' ? d['path'] : '', message: d['message'], code: typeof d['code'] === 'string' ? d['code'] : e.code });
  }
  return out;
}

/** "sha256:0123456789abcdef…" → "0123456789ab". */
export function shortHash(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}
