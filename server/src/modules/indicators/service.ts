/**
 * The indicator library API (指标库): search and facets over the engine's in-memory
 * `IndicatorLibrary`, built from the `indicators` table (pack import) once per pack and cached
 * until that pack's rows change; recommendations for a project; last year's indicators.
 *
 * Recommendation (deterministic, explainable — every point comes with its reason):
 *   +30 分类 equal to the project's category       "分类一致（城建和基础设施）"
 *   +20 类型 equal to the project's type            "类型一致（办公场所建设）"
 *   +20 资金用途 equal to the project's fund use or 项目类型 (which often holds the 资金用途)
 *                                                  "资金用途一致（基建/工程）"
 *   +15 per keyword of the indicator found in the project name   "名称含 '消防'"
 *   +10 per similar project that used it (at most +50)  "同类项目(分类=城建和基础设施)使用过 3 次"
 * Similar projects: the other projects up to the project's fiscal year with the same category,
 * else the same project type, else the same department; "used" = an indicator row (an object with
 * `level3`) in one of their submissions, matched by code, else by 三级指标 name. Ties keep library
 * order.
 */
import type { Knex } from 'knex';
import { IndicatorLibrary, LIBRARY_FACETS, type FacetCount, type IndicatorRow, type LibraryFacet, type LibraryQuery } from '@jixiao/engine';
import { NotFoundError } from '../../http/errors';
import { inScope } from '../../http/scope';
import type { Scope } from '../../http/types';
import * as orgRepo from '../org/repo';
import * as packsRepo from '../packs/repo';
import * as monitoringRepo from '../monitoring/repo';
import * as repo from './repo';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- the cached libraries

interface Cached {
  generation: string;
  library: IndicatorLibrary;
  packOf: Map<IndicatorRow, string>;
}

/** Per database (tests run two at once), per pack name ('*' = every pack). */
const CACHE = new WeakMap<Knex, Map<string, Cached>>();

async function libraryFor(db: Knex, pack: string | undefined): Promise<Cached> {
  const gens = await repo.libraryGenerations(db);
  const key = pack ?? '*';
  if (pack !== undefined && !gens.has(pack)) throw new NotFoundError(`没有模板包 ${pack} 的指标库`, 'PACK_NOT_FOUND');
  const packs = pack !== undefined ? [pack] : [...gens.keys()];
  const generation = packs.map((p) => `${p}=${gens.get(p) ?? ''}`).join(';');
  let perDb = CACHE.get(db);
  if (!perDb) CACHE.set(db, (perDb = new Map()));
  const hit = perDb.get(key);
  if (hit && hit.generation === generation) return hit;
  const rows: IndicatorRow[] = [];
  const packOf = new Map<IndicatorRow, string>();
  for (const p of packs) {
    for (const r of await packsRepo.listIndicators(db, p)) {
      rows.push(r);
      packOf.set(r, p);
    }
  }
  const built: Cached = { generation, library: new IndicatorLibrary(rows), packOf };
  perDb.set(key, built);
  return built;
}

export type IndicatorItem = IndicatorRow & { pack: string };

const item = (c: Cached, r: IndicatorRow): IndicatorItem => ({ ...r, pack: c.packOf.get(r) ?? '' });

export interface SearchQuery extends LibraryQuery {
  pack?: string;
}

export async function search(db: Knex, q: SearchQuery): Promise<{ items: IndicatorItem[]; total: number; page: number; size: number }> {
  const c = await libraryFor(db, q.pack);
  const { pack: _pack, ...lq } = q;
  const r = c.library.search(lq);
  return { items: r.items.map((x) => item(c, x)), total: r.total, page: r.page, size: r.pageSize };
}

export async function facets(db: Knex, q: SearchQuery): Promise<{ packs: string[]; facets: Record<LibraryFacet, FacetCount[]>; tree: ReturnType<IndicatorLibrary['tree']> }> {
  const c = await libraryFor(db, q.pack);
  const { pack: _pack, page: _page, pageSize: _size, ...lq } = q;
  const out = {} as Record<LibraryFacet, FacetCount[]>;
  for (const f of LIBRARY_FACETS) out[f] = c.library.facet(f, lq);
  const { level1: _l1, level2: _l2, level3: _l3, ...treeQuery } = lq;
  return { packs: [...(await repo.libraryGenerations(db)).keys()], facets: out, tree: c.library.tree(treeQuery) };
}

// ---- indicator rows inside submission data

export interface IndicatorTable {
  /** Data path of the table (`annualIndicators`, `goals.indicators`). */
  field: string;
  rows: Record<string, unknown>[];
}

/** Every array of indicator rows (objects with a text `level3`) in a submission's data. */
export function indicatorTables(data: unknown, prefix = ''): IndicatorTable[] {
  const out: IndicatorTable[] = [];
  if (!isRecord(data)) return out;
  for (const [k, v] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) {
      const rows = v.filter((r): r is Record<string, unknown> => isRecord(r) && typeof r.level3 === 'string' && r.level3.trim() !== '');
      if (rows.length > 0) out.push({ field: path, rows });
    } else if (isRecord(v)) out.push(...indicatorTables(v, path));
  }
  return out;
}

/** Library rows an indicator row names: by code when the library has it, else by 三级指标 (and 二级 when given). */
function matchRows(byCode: Map<string, IndicatorRow>, byName: Map<string, IndicatorRow[]>, row: Record<string, unknown>): IndicatorRow[] {
  if (typeof row.code === 'string' && byCode.has(row.code)) return [byCode.get(row.code) as IndicatorRow];
  const named = byName.get(String(row.level3).trim()) ?? [];
  const l2 = typeof row.level2 === 'string' ? row.level2 : undefined;
  const narrowed = l2 ? named.filter((r) => r.level2 === l2) : named;
  return narrowed.length > 0 ? narrowed : named;
}

// ---- recommendations

export interface Recommendation {
  indicator: IndicatorItem;
  score: number;
  reasons: { points: number; text: string }[];
}

export interface RecommendationView {
  project: { id: number; code: string; name: string; category: string | null; projectType: string | null; fundUse: string | null };
  similarBy: string;
  similarProjects: number;
  items: Recommendation[];
}

async function projectInScope(db: Knex, scope: Scope, id: number): Promise<monitoringRepo.ProjectFigures> {
  const p = await monitoringRepo.getProject(db, id);
  if (!p || !inScope(scope, p.department)) throw new NotFoundError('项目不存在', 'PROJECT_NOT_FOUND');
  return p;
}

export async function recommend(db: Knex, scope: Scope, projectId: number, opts: { pack?: string; limit?: number } = {}): Promise<RecommendationView> {
  const p = await projectInScope(db, scope, projectId);
  const c = await libraryFor(db, opts.pack);
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);

  // similar projects
  const all = await monitoringRepo.listProjects(db, { departments: null });
  const others = all.filter((o) => o.id !== p.id && o.fiscalYear <= p.fiscalYear);
  let similarBy: string;
  let similar: monitoringRepo.ProjectFigures[];
  if (p.category) {
    similarBy = `分类=${p.category}`;
    similar = others.filter((o) => o.category === p.category);
  } else if (p.projectType) {
    similarBy = `类型=${p.projectType}`;
    similar = others.filter((o) => o.projectType === p.projectType);
  } else {
    const dept = await orgRepo.getDepartment(db, p.department);
    similarBy = `部门=${dept?.name ?? p.department}`;
    similar = others.filter((o) => o.department === p.department);
  }

  // which library rows each similar project used (counted once per project)
  const rows = allRows(c.library);
  const byCode = new Map<string, IndicatorRow>();
  const byName = new Map<string, IndicatorRow[]>();
  for (const r of rows) {
    if (!byCode.has(r.code)) byCode.set(r.code, r);
    const list = byName.get(r.level3);
    if (list) list.push(r);
    else byName.set(r.level3, [r]);
  }
  const usedBy = new Map<IndicatorRow, Set<number>>();
  for (const s of await repo.submissionData(
    db,
    similar.map((o) => o.id),
    ['declaration', 'monitoring', 'self-evaluation'],
  )) {
    for (const t of indicatorTables(s.data)) {
      for (const r of t.rows) {
        for (const lib of matchRows(byCode, byName, r)) {
          let set = usedBy.get(lib);
          if (!set) usedBy.set(lib, (set = new Set()));
          set.add(s.projectId);
        }
      }
    }
  }

  // 项目类型 often holds the 资金用途 (基建/工程, 公共服务 … as in the demo street's projects)
  const fundUses = new Set([p.fundUse, p.projectType].filter((x): x is string => x !== null && x !== ''));
  const name = p.name.normalize('NFKC').toLowerCase();
  const scored: { r: IndicatorRow; i: number; score: number; reasons: Recommendation['reasons'] }[] = [];
  rows.forEach((r, i) => {
    const reasons: Recommendation['reasons'] = [];
    if (p.category && r.category === p.category) reasons.push({ points: 30, text: `分类一致（${r.category}）` });
    if (p.projectType && r.type === p.projectType) reasons.push({ points: 20, text: `类型一致（${r.type}）` });
    if (r.fundUse !== undefined && fundUses.has(r.fundUse)) reasons.push({ points: 20, text: `资金用途一致（${r.fundUse}）` });
    for (const kw of r.keywords ?? []) {
      const k = kw.normalize('NFKC').toLowerCase().trim();
      if (k !== '' && name.includes(k)) reasons.push({ points: 15, text: `名称含 '${kw}'` });
    }
    const used = usedBy.get(r)?.size ?? 0;
    if (used > 0) reasons.push({ points: Math.min(used * 10, 50), text: `同类项目(${similarBy})使用过 ${used} 次` });
    const score = reasons.reduce((s, x) => s + x.points, 0);
    if (score > 0) scored.push({ r, i, score, reasons });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return {
    project: { id: p.id, code: p.code, name: p.name, category: p.category, projectType: p.projectType, fundUse: p.fundUse },
    similarBy,
    similarProjects: similar.length,
    items: scored.slice(0, limit).map((s) => ({ indicator: item(c, s.r), score: s.score, reasons: s.reasons })),
  };
}

/** Every row of a library in library order. */
function allRows(library: IndicatorLibrary): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  for (let page = 1; ; page++) {
    const r = library.search({ page, pageSize: 1000 });
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}

// ---- last year's indicators (导入历史指标)

export interface LastYearView {
  project: { id: number; code: string; name: string; fiscalYear: number };
  /** The previous year's project the rows come from (same code, else same name and department), or null. */
  source: { projectId: number; code: string; name: string; fiscalYear: number; submissionId: number; kind: string } | null;
  tables: IndicatorTable[];
}

const KIND_ORDER = ['declaration', 'monitoring', 'self-evaluation'];

export async function lastYearIndicators(db: Knex, scope: Scope, projectId: number): Promise<LastYearView> {
  const p = await projectInScope(db, scope, projectId);
  const view: LastYearView = { project: { id: p.id, code: p.code, name: p.name, fiscalYear: p.fiscalYear }, source: null, tables: [] };
  const previous = (await monitoringRepo.listProjects(db, { year: p.fiscalYear - 1, departments: scope.all ? null : [...scope.codes] })).filter((o) => inScope(scope, o.department));
  const prev = previous.find((o) => o.code === p.code) ?? previous.find((o) => o.name === p.name && o.department === p.department);
  if (!prev) return view;
  const subs = await repo.submissionData(db, [prev.id], KIND_ORDER);
  subs.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.submissionId - a.submissionId);
  for (const s of subs) {
    const tables = indicatorTables(s.data);
    if (tables.length === 0) continue;
    return { ...view, source: { projectId: prev.id, code: prev.code, name: prev.name, fiscalYear: prev.fiscalYear, submissionId: s.submissionId, kind: s.kind }, tables };
  }
  return view;
}
