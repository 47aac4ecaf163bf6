/** The engine part of `npm run bench`: runs bench/engine.js and renders its table as markdown. */
'use strict';
const { main: run } = require('./engine');

const fmt = (n) => Math.round(n).toLocaleString('en-US');

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
    `Compile cost: ${r.compile.perFormulaUs.toFixed(1)} µs per formula (parse + check + closures), mathjs.compile ${r.compile.mathjsUs.toFixed(1)} µs.`,
  ].join('\n');
  return { markdown, data: r };
}

module.exports = { main };
