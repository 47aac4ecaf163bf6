/**
 * Library benchmark: the indicator library (指标库) at the size real systems have. A generated
 * 20,000-row `indicators.csv` (and 5,000 rows for comparison) goes through the engine's pack
 * loader (`loadPack`: CSV parse + row normalisation + checks) and into `IndicatorLibrary`; then
 * keyword searches, category-path filters (the cascading 分类/类型/资金用途 and 一级/二级
 * selectors), facet counts and paging are timed one call at a time (p50/p99).
 * Deterministic data and queries; one run.
 */
'use strict';
const { performance } = require('perf_hooks');
const { generateIndicators, keywordQueries, pathQueries } = require('./lib/indicators');
const { stats, median, ms, int, loadNote, requireDist } = require('./lib/util');

const SIZES = (process.env.BENCH_LIBRARY_SIZES || '5000,20000').split(',').map(Number);
const KEYWORD_QUERIES = Number(process.env.BENCH_LIBRARY_QUERIES || 2100);
const PATH_QUERIES = Number(process.env.BENCH_LIBRARY_PATH_QUERIES || 1200);
const LOAD_RUNS = 5;

const MANIFEST = JSON.stringify({
  name: 'bench-library', version: '1.0.0', region: '基准', title: '指标库基准', engine: '>=0.1.0',
  grades: [{ min: 90, label: '优' }, { min: 80, label: '良' }, { min: 60, label: '中' }, { min: 0, label: '差' }],
});

function time(fn) {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

/** Latencies of `fn(item)` for each item, after one untimed warm-up pass over a few of them. */
function latencies(items, fn) {
  for (const it of items.slice(0, 50)) fn(it);
  const out = [];
  let hits = 0;
  for (const it of items) {
    const t0 = performance.now();
    const page = fn(it);
    out.push(performance.now() - t0);
    hits += page.total;
  }
  return { ...stats(out), meanHits: hits / items.length };
}

/** Group latencies by query kind. */
function byKind(items, fn) {
  const groups = new Map();
  for (const it of items) {
    if (!groups.has(it.kind)) groups.set(it.kind, []);
    groups.get(it.kind).push(it);
  }
  return [...groups].map(([kind, list]) => ({ kind, ...latencies(list, fn) }));
}

function benchSize(engine, n) {
  const rows = generateIndicators(n);
  const csv = '\ufeff' + engine.toCsv(engine.indicatorTable(rows));
  const files = new Map([['pack.json', MANIFEST], ['indicators.csv', csv]]);

  // load: loadPack (CSV → rows, with every row check) and the index build, 5 runs
  const loads = [];
  let lib;
  for (let k = 0; k < LOAD_RUNS; k++) {
    const load = time(() => engine.loadPack(files));
    const { pack, diagnostics } = load.value;
    if (!pack || pack.indicators.length !== n || diagnostics.some((d) => d.severity === 'error')) {
      throw new Error(`loadPack of the generated ${n}-row library failed: ${diagnostics.slice(0, 3).map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`);
    }
    const csvOnly = time(() => engine.parseCsv(csv));
    const index = time(() => new engine.IndicatorLibrary(pack.indicators));
    lib = index.value;
    loads.push({ loadPack: load.ms, parseCsv: csvOnly.ms, index: index.ms, total: load.ms + index.ms });
  }
  const load = {
    first: loads[0],
    median: Object.fromEntries(['loadPack', 'parseCsv', 'index', 'total'].map((k) => [k, median(loads.map((l) => l[k]))])),
  };

  // keyword search, first page of 20 (what the picker dialog shows)
  const kq = keywordQueries(KEYWORD_QUERIES);
  const search = (q) => lib.search({ keyword: q.keyword, page: 1, pageSize: 20 });
  const keywordAll = latencies(kq, search);
  const keywordKinds = byKind(kq, search);

  // category path filters (first page) and the facet counts the selectors show
  const pq = pathQueries(PATH_QUERIES);
  const filter = (q) => lib.search({ ...q.query, page: 1, pageSize: 20 });
  const pathAll = latencies(pq, filter);
  const pathKinds = byKind(pq, filter);
  const facets = latencies(pq.slice(0, 300), (q) => {
    const f = lib.facet('type', q.query);
    return { total: f.length };
  });
  const tree = latencies(pq.slice(0, 300), (q) => {
    const t = lib.tree({ category: q.query.category });
    return { total: t.length };
  });

  // paging: every page of a broad keyword and of the unfiltered library
  const broad = lib.search({ keyword: '率', pageSize: 20 }).total;
  const pages = Math.ceil(broad / 20);
  const pageItems = Array.from({ length: pages }, (_, i) => ({ page: i + 1 }));
  const pagingKeyword = latencies(pageItems, (it) => lib.search({ keyword: '率', page: it.page, pageSize: 20 }));
  const allPages = Math.ceil(n / 100);
  const pagingAll = latencies(Array.from({ length: allPages }, (_, i) => ({ page: i + 1 })), (it) => lib.search({ page: it.page, pageSize: 100 }));
  const lastPage = latencies(Array.from({ length: 200 }, () => ({})), () => lib.search({ keyword: '率', page: pages, pageSize: 20 }));

  return {
    n, csvBytes: Buffer.byteLength(csv), load, keywordAll, keywordKinds, pathAll, pathKinds, facets, tree,
    paging: { broadHits: broad, pages, keyword: pagingKeyword, all: pagingAll, allPages, lastPage },
  };
}

function run() {
  const engine = requireDist('engine');
  const load = loadNote();
  const results = SIZES.map((n) => benchSize(engine, n));
  return { load, results, keywordQueries: KEYWORD_QUERIES, pathQueries: PATH_QUERIES };
}

function main() {
  const r = run();
  const R = r.results;
  const col = (f) => R.map(f).join(' | ');
  const head = `| | ${R.map((x) => `${int(x.n)} rows`).join(' | ')} |\n|---|${R.map(() => '---:').join('|')}|`;
  const lines = [
    '## Indicator library: load and search',
    '',
    `Generated libraries shaped like the real ones (14 分类, 90 类型, 10 资金用途, 一级/二级/三级 from the 财预〔2020〕10号 framework,`,
    `units, 指标性质, 指标内容, 评分标准, 关键词), deterministic. Load = \`loadPack\` of a pack whose \`indicators.csv\` is the`,
    `library (CSV parse + row normalisation + checks) then \`new IndicatorLibrary(rows)\` (the search index); ${LOAD_RUNS} runs, median`,
    `(first run in brackets). Queries are timed one call at a time on the built index: ${int(r.keywordQueries)} keyword searches and`,
    `${int(r.pathQueries)} category-path filters, first page of 20. Latencies in ms.`,
    '',
    head,
    `| CSV size | ${col((x) => `${(x.csvBytes / 2 ** 20).toFixed(1)} MB`)} |`,
    `| parse CSV only | ${col((x) => `${ms(x.load.median.parseCsv)}`)} |`,
    `| loadPack (parse + normalise + check) | ${col((x) => `${ms(x.load.median.loadPack)} (${ms(x.load.first.loadPack)})`)} |`,
    `| build IndicatorLibrary index | ${col((x) => `${ms(x.load.median.index)} (${ms(x.load.first.index)})`)} |`,
    `| **load total** | ${col((x) => `**${ms(x.load.median.total)}** (${ms(x.load.first.total)})`)} |`,
    `| **keyword search p50 / p99** | ${col((x) => `**${ms(x.keywordAll.p50)} / ${ms(x.keywordAll.p99)}**`)} |`,
    ...R[0].keywordKinds.map((k, i) => `| — ${k.kind} (mean hits) | ${col((x) => `${ms(x.keywordKinds[i].p50)} / ${ms(x.keywordKinds[i].p99)} (${int(x.keywordKinds[i].meanHits)})`)} |`),
    `| **category-path filter p50 / p99** | ${col((x) => `**${ms(x.pathAll.p50)} / ${ms(x.pathAll.p99)}**`)} |`,
    ...R[0].pathKinds.map((k, i) => `| — ${k.kind} (mean hits) | ${col((x) => `${ms(x.pathKinds[i].p50)} / ${ms(x.pathKinds[i].p99)} (${int(x.pathKinds[i].meanHits)})`)} |`),
    `| facet counts of 类型 under a filter p50 / p99 | ${col((x) => `${ms(x.facets.p50)} / ${ms(x.facets.p99)}`)} |`,
    `| 一级→二级 tree of a 分类 p50 / p99 | ${col((x) => `${ms(x.tree.p50)} / ${ms(x.tree.p99)}`)} |`,
    `| paging: every page of keyword "率" (hits, pages) p50 / p99 | ${col((x) => `${ms(x.paging.keyword.p50)} / ${ms(x.paging.keyword.p99)} (${int(x.paging.broadHits)}, ${int(x.paging.pages)})`)} |`,
    `| paging: last page of keyword "率" p50 / p99 | ${col((x) => `${ms(x.paging.lastPage.p50)} / ${ms(x.paging.lastPage.p99)}`)} |`,
    `| paging: every page of 100, no filter p50 / p99 | ${col((x) => `${ms(x.paging.all.p50)} / ${ms(x.paging.all.p99)}`)} |`,
    '',
    'Each search scans the precomputed folded text of the rows that pass the facet filters, ranks and sorts the hits,',
    'then slices the page, so a page costs as much as the whole result (paging is a re-query, not a cursor);',
    'facet filters intersect precomputed per-value row lists, which is why path filters cost a fraction of a keyword scan.',
    '',
    `_Machine state: ${r.load}._`,
  ];
  return { markdown: lines.join('\n'), data: r };
}

module.exports = { main, run };

if (require.main === module) {
  try {
    console.log(main().markdown);
  } catch (err) {
    console.error(`library bench failed: ${err && err.stack ? err.stack : err}`);
    process.exitCode = 1;
  }
}
