/**
 * A project self-evaluation template (绩效自评表) with N indicator rows, built from the engine's
 * example fixture (engine/test/fixtures/example1-self-eval.json: funds + execution score, rows
 * scored by direction, qualitative ratings, total, grade), and filled-in data for it.
 * Row mix per 10 rows: 6 "≥", 2 "≤" (reverse, algorithm A), 1 "＝", 1 "定性". Weights sum to 90
 * (+10 for budget execution = 100). Deterministic.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { rng, picker } = require('./util');
const { generateIndicators } = require('./indicators');

const FIXTURE = path.join(__dirname, '..', '..', 'engine', 'test', 'fixtures', 'example1-self-eval.json');
const DIRS = ['≥', '≥', '≥', '≤', '≥', '定性', '≥', '≤', '＝', '≥'];
const RATINGS = ['达成年度指标', '部分达成年度指标并具有一定效果', '未达成年度指标且效果较差'];

/** Weights of n rows summing to exactly 90 (two decimals, via integer hundredths). */
function weights(n) {
  const base = Math.floor(9000 / n);
  const out = Array(n).fill(base);
  for (let i = 0; i < 9000 - base * n; i++) out[i] += 1;
  return out.map((h) => h / 100);
}

/** The indicator rows (default of the `indicators` array): names from the generated library. */
function indicatorRows(n) {
  const lib = generateIndicators(n * 3, 4242).filter((r) => r.unit);
  const w = weights(n);
  return Array.from({ length: n }, (_, i) => {
    const src = lib[i];
    const direction = DIRS[i % DIRS.length];
    const row = { level1: src.level1, level2: src.level2, level3: `${src.level3}${i + 1}`, direction, weight: w[i] };
    if (direction !== '定性') {
      row.target = direction === '＝' ? 0 : typeof src.target === 'number' && src.target > 0 ? src.target : 100;
      row.unit = src.unit;
    }
    return row;
  });
}

/** The template (id, version given), with n indicator rows. */
function selfEvalTemplate(n, id = `bench-self-eval-${n}`, version = '1.0.0') {
  const t = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  t.id = id;
  t.version = version;
  t.title = `项目支出绩效自评表（${n} 项指标）`;
  t.schema.properties.indicators.default = indicatorRows(n);
  return t;
}

/** `count` filled-in data variants for the template (inputs only; computed fields left out). */
function selfEvalData(n, count, seed = 99) {
  const p = picker(rng(seed));
  const rows = indicatorRows(n);
  const out = [];
  for (let k = 0; k < count; k++) {
    const adjusted = p.int(50, 5000) * 1000;
    const spent = Math.round(adjusted * (0.55 + p.r() * 0.5));
    const data = {
      projectName: `绩效基准项目 ${k + 1}`,
      department: '党群中心',
      unit: '党群中心',
      year: 2026,
      funds: { initial: adjusted, adjusted, spent, ...(spent / adjusted < 0.9 ? { reason: '部分采购合同年底才完成结算' } : {}) },
      goals: { expected: '完成年度各项工作任务，提升服务质量和群众满意度。', achieved: '基本完成年度目标，个别指标有偏差。' },
      indicators: rows.map((r) => {
        const row = { ...r };
        if (r.direction === '定性') {
          row.rating = p.pick(RATINGS);
        } else if (r.direction === '＝') {
          row.actual = p.chance(0.8) ? 0 : 1;
        } else {
          const t = r.target;
          row.actual = Math.round(t * (0.6 + p.r() * 0.6) * 100) / 100;
        }
        // rows that lose points need a reason (x-required-when: score < weight): give one always
        row.reason = '受客观因素影响，部分工作延后完成';
        return row;
      }),
      problems: '个别指标未达预期。',
      measures: '加强过程监控。',
    };
    out.push(data);
  }
  return out;
}

module.exports = { selfEvalTemplate, selfEvalData, indicatorRows };
