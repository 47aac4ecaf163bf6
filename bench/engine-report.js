/** The engine part of `npm run bench`: runs bench/engine.js and renders its table as markdown. */
'use strict';
const { main: run } = require('./engine');

const fmt = (n) => Math.round(n).toLocaleString('en-US');

const ratio = (r, name) => {
  const row = r.table.find((t) => t.approach.startsWith(name));
  return row ? r.table[0].evalsPerSec / row.evalsPerSec : NaN;
};

/** The issue's targets next to what this run measured. */
function targetsText(r) {
  const rows = [
    ['hand-written decimal.js', ratio(r, 'hand-written JS + decimal.js'), 5],
    ['mathjs compiled (rows grouped by hand)', ratio(r, 'mathjs'), 5],
    ['json-logic-js (SUMIF in json-logic)', ratio(r, 'json-logic-js (floats), SUMIF'), 20],
    ['json-logic-js (rows grouped by hand)', ratio(r, 'json-logic-js (floats), rows'), 20],
  ];
  const floatGap = 1 / ratio(r, 'hand-written JS, binary floats');
  const lines = rows.map(([name, got, want]) =>
    `- vs ${name}: ${got.toFixed(2)}× (target ≥ ${want}×${got >= want ? ', met' : `, missed: ${(want / got).toFixed(1)}× short`})`);
  lines.push(`- vs hand-written float JS (stretch: within 10×): float JS is ${floatGap.toFixed(1)}× faster`);
  return [
    '**Targets** (issue: exact engine ≥ 5× decimal.js and mathjs, ≥ 20× json-logic-js, stretch within 10× of floats):',
    ...lines,
    '',
    'How: formulas compile once to closures; numbers stay JS doubles read as their shortest decimal, with exact',
    'scaled-integer arithmetic (0.1 + 0.2 is 0.3 without allocating), exact fractions for non-terminating quotients',
    '(85/90) until ROUND, and decimal.js only when a value outgrows 15 digits. The hot built-ins are specialised at',
    'compile time with results identical to the generic calls (engine/src/formula/intrinsics.ts, tested against them):',
    'IF without thunks, ROUND with its digits fixed, and SUMIF/COUNTIF as one pass over the table rows — no column',
    'arrays, one ownership decision per evaluation instead of a hasOwnProperty per cell, a scaled-integer running sum.',
    '',
    'Why json-logic-js stays out of reach: 20× its speed is about the speed of the hand-written float code, i.e. exact',
    'arithmetic at no cost. A CPU profile of the Jixiao run now puts ~15% in reading row fields (an own-property check',
    'per reference, kept so that data never reaches formulas through a prototype), ~20% in the SUMIF row loops, ~10% in',
    "the benchmark's own loop and context objects, ~8% in GC (fractions for quotients such as 426.53/231.6) and the rest",
    'in exact arithmetic and closure calls. json-logic-js, by contrast, adds doubles. mathjs and json-logic get the',
    'rows grouped by category in hand-written JS (they have no SUMIF); json-logic is also run doing the subtotals itself.',
  ].join('\n');
}

function main() {
  const r = run();
  const head = '| approach | formula evals/s | submissions/s | Jixiao is … faster | result check |\n|---|---:|---:|---:|---|';
  const lines = r.table.map((t) => `| ${t.approach} | ${fmt(t.evalsPerSec)} | ${fmt(t.submissionsPerSec)} | ${t.jixiaoSpeedup} | ${t.check} |`);
  const markdown = [
    '## Engine: formula evaluation',
    '',
    `A self-evaluation with ${r.rows} indicator rows (30 positive, 10 reverse variant A, 5 equal-to-zero, 5 qualitative),`,
    `3 category subtotals (SUMIF over the score column), execution score, total and grade: ${r.evalsPerSubmission} formula`,
    `evaluations per submission, over ${fmt(r.submissions)} generated submissions, all approaches in one run on the same data.`,
    'Every approach must reproduce the exact totals and grades; the float ones are reported when they do not.',
    'Rates are per CPU-second of the benchmark process, the best of 3 interleaved rounds per approach (a shared machine',
    'slows a round, not an approach).',
    '',
    head,
    ...lines,
    '',
    targetsText(r),
    '',
    'Where decimal.js disagrees it is wrong: a reverse score with a = 426.53, t = 231.6, w = 1.8 is exactly',
    '(2t − a)/t × w = 0.285 → 0.29; decimal.js rounds (a − t)/t to 34 digits first and gets 0.28. Jixiao keeps such',
    'quotients as exact fractions until ROUND. The float approaches also flip totals (0.01 off) on other submissions.',
    '',
    `Compile cost: ${r.compile.perFormulaUs.toFixed(1)} µs per formula (parse + closures), mathjs.compile ${r.compile.mathjsUs.toFixed(1)} µs.`,
    '',
    `Whole-template path: \`evaluate(template, data)\` on a ${r.rows}-row self-evaluation template (by-direction presets, execution`,
    'score, total, GRADE; data normalisation, visibility/required conditions and JSON output included):',
    `**${fmt(r.template.submissionsPerSec)} submissions/s** on one core.`,
  ].join('\n');
  return { markdown, data: r };
}

module.exports = { main };
