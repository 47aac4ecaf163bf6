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
    ['mathjs compiled', ratio(r, 'mathjs'), 5],
    ['json-logic-js', ratio(r, 'json-logic-js'), 20],
  ];
  const floatGap = 1 / ratio(r, 'hand-written JS, binary floats');
  const lines = rows.map(([name, got, want]) =>
    `- vs ${name}: ${got.toFixed(2)}× (target ≥ ${want}×${got >= want ? ', met' : `, missed: ${(want / got).toFixed(1)}× short`})`);
  lines.push(`- vs hand-written float JS (stretch: within 10×): float JS is ${floatGap.toFixed(1)}× faster`);
  return [
    '**Targets** (issue: exact engine ≥ 5× decimal.js and mathjs, ≥ 20× json-logic-js, stretch within 10× of floats):',
    ...lines,
    '',
    'Why the gap: a CPU profile of the Jixiao run puts ~30% in the three SUMIF subtotals (each reads two 50-row',
    'columns through own-property checks, then tests the criterion per row), ~15% in reading row fields (own-property',
    'check + value normalisation per reference), and most of the rest in exact-number bookkeeping (scale detection of',
    'short decimals, Ratio allocation for non-terminating quotients, exact ROUND). Next steps: column reads cached per',
    'table per evaluation, a compile-time specialisation of ROUND(a/b*c, n) on the scaled-integer path, and',
    'pre-normalised row objects so references skip the ownership check.',
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
