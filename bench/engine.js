/**
 * Engine benchmark: a self-evaluation with 50 indicator rows (row scores by direction, category
 * subtotals, execution score, total, grade) over 10,000 generated submissions, evaluated by
 *   - Jixiao's exact engine (formulas compiled once to closures),
 *   - hand-written JS with decimal.js doing the same arithmetic,
 *   - hand-written JS on binary floats (the physical limit; not exact),
 *   - json-logic-js and mathjs compiled expressions of the same formulas.
 * Every approach gets the same data and must produce the same totals (checked), so the
 * numbers compare like with like. Reports formula evaluations per second and compile cost.
 */
'use strict';
const path = require('path');
const { performance } = require('perf_hooks');
const Decimal = require('decimal.js');
const mathjs = require('mathjs');
const jsonLogic = require('json-logic-js');

const engine = require(path.join(__dirname, '..', 'engine', 'dist', 'index.js'));

const ROWS = 50;
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS || 10000);
const CATEGORIES = ['产出指标', '效益指标', '满意度指标'];

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Row kinds: 30 positive, 10 reverse (variant A), 5 equal-to-zero, 5 qualitative.
const KINDS = [...Array(30).fill('positive'), ...Array(10).fill('reverse'), ...Array(5).fill('zero'), ...Array(5).fill('qualitative')];

function generate() {
  const r = rng(20261123);
  const out = [];
  for (let s = 0; s < SUBMISSIONS; s++) {
    const rows = [];
    for (let i = 0; i < ROWS; i++) {
      const kind = KINDS[i];
      const target = kind === 'zero' ? 0 : Math.round((50 + r() * 950) * 10) / 10;
      const actual = kind === 'zero' ? (r() < 0.8 ? 0 : 1) : Math.round(target * (0.5 + r() * 1.7) * 100) / 100;
      rows.push({ kind, category: CATEGORIES[i < 35 ? 0 : i < 45 ? 1 : 2], target, actual, weight: 1.8, ratio: [1, 0.7, 0.4][i % 3] });
    }
    const budget = Math.round(1e5 + r() * 5e6) * 100 / 100;
    const spent = Math.round(budget * (0.5 + r() * 0.6) * 100) / 100;
    out.push({ budget, spent, indicators: rows });
  }
  return out;
}

// ---- The formulas, once per approach -------------------------------------------------------
const EXCEL = {
  positive: 'IF(actual>=target, weight, ROUND(actual/target*weight, 2))',
  reverse: 'IF(actual<=target, weight, IF(actual>=2*target, 0, ROUND((1-(actual-target)/target)*weight, 2)))',
  zero: 'IF(actual<=0, weight, 0)',
  qualitative: 'ROUND(weight*ratio, 2)',
  subtotal: (c) => `SUMIF(indicators.category, "${c}", indicators.score)`,
  exec: 'ROUND(MIN(spent/budget, 1)*10, 2)',
  total: 'execScore + sub0 + sub1 + sub2',
  grade: 'IF(total>=90, "优", IF(total>=80, "良", IF(total>=60, "中", "差")))',
};
const MATHJS = {
  positive: 'actual >= target ? weight : round(actual / target * weight, 2)',
  reverse: 'actual <= target ? weight : (actual >= 2 * target ? 0 : round((1 - (actual - target) / target) * weight, 2))',
  zero: 'actual <= 0 ? weight : 0',
  qualitative: 'round(weight * ratio, 2)',
  subtotal: 'sum(scores)',
  exec: 'round(min(spent / budget, 1) * 10, 2)',
  total: 'execScore + sub0 + sub1 + sub2',
  grade: 'total >= 90 ? "优" : (total >= 80 ? "良" : (total >= 60 ? "中" : "差"))',
};
const v = (name) => ({ var: name });
jsonLogic.add_operation('round2', (x) => Math.round(x * 100) / 100);
jsonLogic.add_operation('sum', (xs) => xs.reduce((a, b) => a + b, 0));
const JSONLOGIC = {
  positive: { if: [{ '>=': [v('actual'), v('target')] }, v('weight'), { round2: [{ '*': [{ '/': [v('actual'), v('target')] }, v('weight')] }] }] },
  reverse: { if: [{ '<=': [v('actual'), v('target')] }, v('weight'), { '>=': [v('actual'), { '*': [2, v('target')] }] }, 0,
    { round2: [{ '*': [{ '-': [1, { '/': [{ '-': [v('actual'), v('target')] }, v('target')] }] }, v('weight')] }] }] },
  zero: { if: [{ '<=': [v('actual'), 0] }, v('weight'), 0] },
  qualitative: { round2: [{ '*': [v('weight'), v('ratio')] }] },
  subtotal: { sum: [v('scores')] },
  exec: { round2: [{ '*': [{ min: [{ '/': [v('spent'), v('budget')] }, 1] }, 10] }] },
  total: { '+': [v('execScore'), v('sub0'), v('sub1'), v('sub2')] },
  grade: { if: [{ '>=': [v('total'), 90] }, '优', { '>=': [v('total'), 80] }, '良', { '>=': [v('total'), 60] }, '中', '差'] },
};

// SUMIF written in json-logic itself (filter the rows, reduce their scores), as a json-logic
// template would have to; the other json-logic run gets the rows grouped by hand-written JS.
const jsonLogicSumIf = (category) => ({
  reduce: [{ filter: [v('indicators'), { '==': [v('category'), category] }] }, { '+': [v('accumulator'), v('current.score')] }, 0],
});
const JSONLOGIC_SUBTOTALS = CATEGORIES.map(jsonLogicSumIf);

const gradeOf = (t) => (t >= 90 ? '优' : t >= 80 ? '良' : t >= 60 ? '中' : '差');

// ---- Approaches: each returns the list of [total, grade] per submission -----------------------
function runJixiao(subs) {
  // References bound statically, as compileTemplate binds them: row formulas read their row,
  // the others the submission.
  const row = { resolveRef: () => 'row' };
  const root = { resolveRef: () => 'root' };
  const c = {};
  for (const k of ['positive', 'reverse', 'zero', 'qualitative']) c[k] = engine.compileFormula(EXCEL[k], row);
  for (const k of ['exec', 'total', 'grade']) c[k] = engine.compileFormula(EXCEL[k], root);
  const sub = CATEGORIES.map((cat) => engine.compileFormula(EXCEL.subtotal(cat), root));
  const results = [];
  for (const s of subs) {
    const rows = s.indicators; // scores are written into the rows; no other approach reads them
    const data = { budget: s.budget, spent: s.spent, indicators: rows };
    for (const row of rows) row.score = c[row.kind].evaluate({ data, row });
    data.sub0 = sub[0].evaluate({ data });
    data.sub1 = sub[1].evaluate({ data });
    data.sub2 = sub[2].evaluate({ data });
    data.execScore = c.exec.evaluate({ data });
    data.total = c.total.evaluate({ data });
    data.grade = c.grade.evaluate({ data });
    results.push([engine.toJsNumber(data.total), data.grade]);
  }
  return results;
}

const D = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP });
function runDecimal(subs) {
  const ten = new D(10), two = new D(2), one = new D(1), zero = new D(0);
  const score = {
    positive: (a, t, w) => (a.gte(t) ? w : a.div(t).times(w).toDecimalPlaces(2)),
    reverse: (a, t, w) => (a.lte(t) ? w : a.gte(two.times(t)) ? zero : one.minus(a.minus(t).div(t)).times(w).toDecimalPlaces(2)),
    zero: (a, t, w) => (a.lte(0) ? w : zero),
    qualitative: (a, t, w, ratio) => w.times(ratio).toDecimalPlaces(2),
  };
  const results = [];
  for (const s of subs) {
    const subs3 = [zero, zero, zero];
    for (const r of s.indicators) {
      const sc = score[r.kind](new D(r.actual), new D(r.target), new D(r.weight), new D(r.ratio));
      const ci = CATEGORIES.indexOf(r.category);
      subs3[ci] = subs3[ci].plus(sc);
    }
    const rate = D.min(new D(s.spent).div(new D(s.budget)), one);
    const exec = rate.times(ten).toDecimalPlaces(2);
    const total = exec.plus(subs3[0]).plus(subs3[1]).plus(subs3[2]);
    results.push([total.toNumber(), gradeOf(total.toNumber())]);
  }
  return results;
}

function runFloat(subs) {
  const r2 = (x) => Math.round(x * 100) / 100;
  const score = {
    positive: (a, t, w) => (a >= t ? w : r2((a / t) * w)),
    reverse: (a, t, w) => (a <= t ? w : a >= 2 * t ? 0 : r2((1 - (a - t) / t) * w)),
    zero: (a, t, w) => (a <= 0 ? w : 0),
    qualitative: (a, t, w, ratio) => r2(w * ratio),
  };
  const results = [];
  for (const s of subs) {
    const subs3 = [0, 0, 0];
    for (const r of s.indicators) subs3[CATEGORIES.indexOf(r.category)] += score[r.kind](r.actual, r.target, r.weight, r.ratio);
    const exec = r2(Math.min(s.spent / s.budget, 1) * 10);
    const total = exec + subs3[0] + subs3[1] + subs3[2];
    results.push([total, gradeOf(total)]);
  }
  return results;
}

function runExpressionLibrary(evalFormula) {
  return (subs) => {
    const results = [];
    for (const s of subs) {
      const scores = [[], [], []];
      for (const r of s.indicators) scores[CATEGORIES.indexOf(r.category)].push(evalFormula(r.kind, r));
      const scope = { budget: s.budget, spent: s.spent };
      scope.sub0 = evalFormula('subtotal', { scores: scores[0] });
      scope.sub1 = evalFormula('subtotal', { scores: scores[1] });
      scope.sub2 = evalFormula('subtotal', { scores: scores[2] });
      scope.execScore = evalFormula('exec', scope);
      scope.total = evalFormula('total', scope);
      scope.grade = evalFormula('grade', scope);
      results.push([scope.total, scope.grade]);
    }
    return results;
  };
}

/** json-logic doing all of it, SUMIF included: rows scored into {category, score}, then filter/reduce. */
function runJsonLogicWhole(subs) {
  const results = [];
  for (const s of subs) {
    const indicators = s.indicators.map((r) => ({ category: r.category, score: jsonLogic.apply(JSONLOGIC[r.kind], r) }));
    const scope = { budget: s.budget, spent: s.spent, indicators };
    scope.sub0 = jsonLogic.apply(JSONLOGIC_SUBTOTALS[0], scope);
    scope.sub1 = jsonLogic.apply(JSONLOGIC_SUBTOTALS[1], scope);
    scope.sub2 = jsonLogic.apply(JSONLOGIC_SUBTOTALS[2], scope);
    scope.execScore = jsonLogic.apply(JSONLOGIC.exec, scope);
    scope.total = jsonLogic.apply(JSONLOGIC.total, scope);
    scope.grade = jsonLogic.apply(JSONLOGIC.grade, scope);
    results.push([scope.total, scope.grade]);
  }
  return results;
}

function mathjsEvaluator() {
  const compiled = Object.fromEntries(Object.entries(MATHJS).map(([k, f]) => [k, mathjs.compile(f)]));
  return (kind, scope) => compiled[kind].evaluate(scope);
}
const jsonLogicEvaluator = () => (kind, scope) => jsonLogic.apply(JSONLOGIC[kind], scope);

// ---- Measurement ----------------------------------------------------------------------------
const EVALS_PER_SUBMISSION = ROWS + CATEGORIES.length + 3; // rows, subtotals, exec, total, grade

const ROUNDS = Number(process.env.BENCH_ENGINE_ROUNDS || 3);

/** CPU time of this process in ms: other processes on the machine do not count against a run. */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** One timed round of one approach: whole passes over the submissions for at least minMs of CPU. */
function round(fn, subs, minMs) {
  let runs = 0;
  let results;
  const t0 = cpuMs();
  let elapsed = 0;
  do {
    results = fn(subs);
    runs++;
    elapsed = cpuMs() - t0;
  } while (elapsed < minMs);
  return { perSec: (runs * subs.length) / (elapsed / 1000), results };
}

/**
 * Every approach, in ROUNDS interleaved rounds (A B C … A B C …), each rate the best of its rounds:
 * a burst of load from elsewhere then slows one round of every approach, not one approach.
 */
function measureAll(approaches, subs) {
  for (const a of approaches) a.fn(subs.slice(0, 200)); // warm-up
  const best = approaches.map(() => ({ perSec: 0, results: undefined }));
  for (let r = 0; r < ROUNDS; r++) {
    approaches.forEach((a, i) => {
      const got = round(a.fn, subs, a.minMs ?? 1000);
      if (got.perSec > best[i].perSec) best[i] = got;
    });
  }
  return approaches.map((a, i) => ({
    name: a.name,
    evalsPerSec: best[i].perSec * EVALS_PER_SUBMISSION,
    submissionsPerSec: best[i].perSec,
    results: best[i].results,
  }));
}

function compileCost() {
  const texts = [EXCEL.positive, EXCEL.reverse, EXCEL.zero, EXCEL.qualitative, EXCEL.exec, EXCEL.total, EXCEL.grade, ...CATEGORIES.map(EXCEL.subtotal)];
  const n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) for (const t of texts) engine.compileFormula(t); // compileFormula never caches
  const perFormulaUs = ((performance.now() - t0) * 1000) / (n * texts.length);
  const m0 = performance.now();
  for (let i = 0; i < n; i++) for (const t of Object.values(MATHJS)) mathjs.compile(t);
  const mathjsUs = ((performance.now() - m0) * 1000) / (n * Object.keys(MATHJS).length);
  return { perFormulaUs, mathjsUs };
}

/**
 * The product path: `evaluate(template, data)` on a 50-row self-evaluation template (by-direction
 * presets, execution score, total, GRADE) — normalisation, visibility/required conditions, every
 * formula, and JSON output included. Reported as submissions/s.
 */
function measureTemplate() {
  const { selfEvalTemplate, selfEvalData } = require('./lib/self-eval');
  const template = selfEvalTemplate(ROWS);
  const data = selfEvalData(ROWS, 1000);
  engine.compileTemplate(template); // compiled once; evaluate() finds it in its cache
  for (let i = 0; i < 50; i++) engine.evaluate(template, data[i % data.length]);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) for (const d of data) { engine.evaluate(template, d); n++; }
  const elapsed = (performance.now() - t0) / 1000;
  return { submissionsPerSec: n / elapsed };
}

function compareResults(reference, other, name, exact) {
  let mismatches = 0;
  for (let i = 0; i < reference.length; i++) {
    const [t1, g1] = reference[i];
    const [t2, g2] = other[i];
    if (exact ? t1 !== t2 || g1 !== g2 : Math.abs(t1 - t2) > 1e-6 || g1 !== g2) mismatches++;
  }
  return mismatches === 0 ? 'same totals and grades' : `${mismatches} of ${reference.length} submissions differ from the exact result`;
}

function main() {
  const subs = generate();
  const rows = measureAll([
    { name: 'Jixiao engine (exact, compiled closures)', fn: runJixiao },
    { name: 'hand-written JS + decimal.js', fn: runDecimal },
    { name: 'hand-written JS, binary floats (not exact)', fn: runFloat },
    { name: 'mathjs compiled (floats), rows grouped by category in hand-written JS', fn: runExpressionLibrary(mathjsEvaluator()), minMs: 2000 },
    { name: 'json-logic-js (floats), SUMIF as filter/reduce in json-logic', fn: runJsonLogicWhole, minMs: 2000 },
    { name: 'json-logic-js (floats), rows grouped by category in hand-written JS', fn: runExpressionLibrary(jsonLogicEvaluator()), minMs: 2000 },
  ], subs);
  const ref = rows[0].results;
  const jixiao = rows[0].evalsPerSec;
  const cost = compileCost();
  const template = measureTemplate();
  const table = rows.map((r, i) => ({
    approach: r.name,
    evalsPerSec: Math.round(r.evalsPerSec),
    submissionsPerSec: Math.round(r.submissionsPerSec),
    jixiaoSpeedup: i === 0 ? '1×' : `${(jixiao / r.evalsPerSec).toFixed(2)}×`,
    check: i === 0 ? 'reference' : compareResults(ref, r.results, r.name, i === 1),
  }));
  return { submissions: subs.length, rows: ROWS, evalsPerSubmission: EVALS_PER_SUBMISSION, table, compile: cost, template };
}

module.exports = { main };
if (require.main === module) console.log(JSON.stringify(main(), null, 2));
module.exports._internals = { generate, runJixiao, runDecimal };
