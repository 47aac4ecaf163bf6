/**
 * The indicator library as an in-memory index (指标库检索): filter by 分类 / 类型 / 资金用途 /
 * 一级 / 二级 (/ 三级 / 指标性质), search by keyword, page the results. Built once per library;
 * a query over 20,000 rows scans precomputed lower-case text and takes a few milliseconds.
 *
 * Keyword search: the keyword is split on spaces; every term must occur (as a substring, after
 * NFKC folding and lower-casing) in the indicator's name (三级指标), content (指标内容/计算公式),
 * keywords or code. Ranking is stable: better matches first (exact name, name prefix, name
 * substring, keyword, code, content), then library order.
 */
import type { Direction, IndicatorRow } from './types';

export type LibraryFacet = 'category' | 'type' | 'fundUse' | 'level1' | 'level2' | 'level3' | 'direction';
export const LIBRARY_FACETS: readonly LibraryFacet[] = ['category', 'type', 'fundUse', 'level1', 'level2', 'level3', 'direction'];

export interface LibraryQuery {
  category?: string;
  type?: string;
  fundUse?: string;
  level1?: string;
  level2?: string;
  level3?: string;
  direction?: Direction;
  keyword?: string;
  /** 1-based page number (default 1). */
  page?: number;
  /** Rows per page (default 20, at most 1000). */
  pageSize?: number;
}

export interface LibraryPage {
  total: number;
  page: number;
  pageSize: number;
  items: IndicatorRow[];
}

export interface FacetCount {
  value: string;
  count: number;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 1000;

/** Fold text for matching: NFKC (full-width → half-width), lower case, no edge spaces. */
export function foldText(s: string): string {
  // NFKC only when needed: it is the costly step, and ASCII and common CJK text are already folded
  return (NEEDS_NFKC.test(s) ? s.normalize('NFKC') : s).toLowerCase().trim();
}
const NEEDS_NFKC = /[^\u0000-\u007f\u4e00-\u9fff]/;

export class IndicatorLibrary {
  private readonly rows: readonly IndicatorRow[];
  private readonly byCode = new Map<string, number>();
  /** facet → value → ascending row indices */
  private readonly index = new Map<LibraryFacet, Map<string, number[]>>();
  private readonly name: string[];
  private readonly content: string[];
  private readonly keywords: string[][];
  private readonly code: string[];

  constructor(rows: readonly IndicatorRow[]) {
    this.rows = rows;
    for (const f of LIBRARY_FACETS) this.index.set(f, new Map());
    const n = rows.length;
    this.name = new Array<string>(n);
    this.content = new Array<string>(n);
    this.keywords = new Array<string[]>(n);
    this.code = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i] as IndicatorRow;
      if (!this.byCode.has(r.code)) this.byCode.set(r.code, i);
      for (const f of LIBRARY_FACETS) {
        const v = r[f];
        if (v === undefined) continue;
        const m = this.index.get(f) as Map<string, number[]>;
        const list = m.get(v);
        if (list) list.push(i);
        else m.set(v, [i]);
      }
      this.name[i] = foldText(r.level3);
      this.content[i] = foldText(`${r.content ?? ''} ${r.standard ?? ''}`);
      this.keywords[i] = (r.keywords ?? []).map(foldText);
      this.code[i] = foldText(r.code);
    }
  }

  get size(): number {
    return this.rows.length;
  }

  /** The row with this code. */
  get(code: string): IndicatorRow | undefined {
    const i = this.byCode.get(code);
    return i === undefined ? undefined : this.rows[i];
  }

  /** Distinct values of a facet, in library order of first appearance. */
  values(facet: LibraryFacet): string[] {
    return [...(this.index.get(facet) as Map<string, number[]>).keys()];
  }

  /** Indices of the rows that pass the facet filters of `q`, ascending. */
  private filtered(q: LibraryQuery, skip?: LibraryFacet): number[] {
    const lists: number[][] = [];
    const checks: [LibraryFacet, string][] = [];
    for (const f of LIBRARY_FACETS) {
      const v = q[f];
      if (v === undefined || v === '' || f === skip) continue;
      const list = (this.index.get(f) as Map<string, number[]>).get(v);
      if (!list) return [];
      lists.push(list);
      checks.push([f, v]);
    }
    if (lists.length === 0) return Array.from({ length: this.rows.length }, (_, i) => i);
    // walk the shortest list, check the other filters on the row itself
    let shortest = lists[0] as number[];
    for (const l of lists) if (l.length < shortest.length) shortest = l;
    if (checks.length === 1) return shortest;
    return shortest.filter((i) => {
      const r = this.rows[i] as IndicatorRow;
      return checks.every(([f, v]) => r[f] === v);
    });
  }

  /** Match score of row i for all terms (0 = no match). */
  private rank(i: number, terms: readonly string[]): number {
    let total = 0;
    const name = this.name[i] as string;
    const kws = this.keywords[i] as string[];
    for (const t of terms) {
      let s = 0;
      if (name === t) s = 100;
      else if (name.startsWith(t)) s = 60;
      else if (name.includes(t)) s = 40;
      else if (kws.includes(t)) s = 30;
      else if (kws.some((k) => k.includes(t))) s = 20;
      else if ((this.code[i] as string).startsWith(t)) s = 15;
      else if ((this.content[i] as string).includes(t)) s = 10;
      if (s === 0) return 0;
      total += s;
    }
    return total;
  }

  /** Indices matching the query, in result order. */
  private matches(q: LibraryQuery): number[] {
    const base = this.filtered(q);
    const terms = q.keyword === undefined ? [] : foldText(q.keyword).split(/\s+/).filter((t) => t !== '');
    if (terms.length === 0) return base;
    const scored: { i: number; s: number }[] = [];
    for (const i of base) {
      const s = this.rank(i, terms);
      if (s > 0) scored.push({ i, s });
    }
    scored.sort((a, b) => b.s - a.s || a.i - b.i);
    return scored.map((x) => x.i);
  }

  search(q: LibraryQuery = {}): LibraryPage {
    const pageSize = Math.min(Math.max(1, Math.floor(q.pageSize ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
    const page = Math.max(1, Math.floor(q.page ?? 1));
    const hits = this.matches(q);
    const start = (page - 1) * pageSize;
    return { total: hits.length, page, pageSize, items: hits.slice(start, start + pageSize).map((i) => this.rows[i] as IndicatorRow) };
  }

  /**
   * Counts per value of `facet` among the rows matching `q` (ignoring `q`'s own filter on that
   * facet, so a selector can show its alternatives), in library order.
   */
  facet(facet: LibraryFacet, q: LibraryQuery = {}): FacetCount[] {
    const hits = this.matches({ ...q, [facet]: undefined });
    const counts = new Map<string, number>();
    for (const i of hits) {
      const v = (this.rows[i] as IndicatorRow)[facet];
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return this.values(facet)
      .filter((v) => counts.has(v))
      .map((value) => ({ value, count: counts.get(value) as number }));
  }

  /** 一级 → 二级 → rows, for cascading selectors (library order). */
  tree(q: Omit<LibraryQuery, 'level1' | 'level2' | 'level3' | 'page' | 'pageSize'> = {}): { level1: string; children: { level2: string; count: number }[] }[] {
    const out = new Map<string, Map<string, number>>();
    for (const i of this.matches(q)) {
      const r = this.rows[i] as IndicatorRow;
      let m = out.get(r.level1);
      if (!m) out.set(r.level1, (m = new Map()));
      m.set(r.level2, (m.get(r.level2) ?? 0) + 1);
    }
    return [...out].map(([level1, m]) => ({ level1, children: [...m].map(([level2, count]) => ({ level2, count })) }));
  }
}
