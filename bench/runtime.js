/**
 * Runtime benchmark (headless chromium): <TemplateForm> from runtime/src, built by vite into a
 * small page (bench/runtime-page, marks inside the page), for
 *   - a self-evaluation with 100 indicator rows (bench/lib/self-eval.js, filled in), and
 *   - a 300-field form (30 sections × 10 inputs: 7 numbers, 2 texts, 1 choice; a computed
 *     subtotal per section and a computed total).
 * First render: from just before React renders (template and data already fetched) to the first
 * frame after the total's computed value shows text; also from navigation start (bundle load and
 * parse included). Update: from the keydown of one digit typed into a number input to the frame
 * after the total's text changes (MutationObserver), the row scrolled into view (long tables mount
 * rows near the viewport only) and the browser idle first. Median of 5 page loads / 5 keystrokes.
 * Targets: first render < 1.5 s, update < 100 ms.
 */
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { median, ms, loadNote, tempDir, removeTempDir, requireDist } = require('./lib/util');
const { selfEvalTemplate, selfEvalData } = require('./lib/self-eval');

const ROOT = path.join(__dirname, '..');
const CHROMIUM = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';
const REPS = Number(process.env.BENCH_RUNTIME_REPS || 5);
const TARGET_RENDER_MS = 1500;
const TARGET_UPDATE_MS = 100;
/**
 * Self-evaluation rows typed into: "≥" rows (lib/self-eval.js: row i has direction DIRS[i % 10]),
 * whose targets are ≥ 3 and whose filled-in actual is ≥ 0.6 × target, so typing "1" always
 * lowers the row score and changes the total.
 */
const SELF_EVAL_ROWS = [1, 12, 24, 36, 49, 50, 62];
const log = (msg) => process.stderr.write(`  [runtime] ${msg}\n`);

/** A 300-field form: `sections` × 10 inputs, a computed subtotal per section, a computed total. */
function bigFormTemplate(sections = 30) {
  const properties = {};
  const data = {};
  const subtotals = [];
  for (let s = 1; s <= sections; s++) {
    const key = `s${String(s).padStart(2, '0')}`;
    const props = {};
    const d = {};
    const nums = [];
    for (let i = 1; i <= 7; i++) {
      props[`n${i}`] = { type: 'number', title: `${key}-数值${i}`, minimum: 0, ...(i <= 3 ? { 'x-money': true } : { 'x-scale': 2 }) };
      d[`n${i}`] = (s * 7 + i) * 10;
      nums.push(`${key}.n${i}`);
    }
    props.t1 = { type: 'string', title: `${key}-说明`, maxLength: 200 };
    props.t2 = { type: 'string', title: `${key}-备注`, 'x-component': 'Input.TextArea' };
    props.c1 = { type: 'string', title: `${key}-完成情况`, enum: ['已完成', '部分完成', '未完成'] };
    props.subtotal = { type: 'number', title: `${key}-小计`, 'x-formula': `SUM(${nums.join(', ')})` };
    d.t1 = `第 ${s} 部分说明`;
    d.c1 = '已完成';
    properties[key] = { type: 'object', title: `第 ${s} 部分`, properties: props };
    data[key] = d;
    subtotals.push(`${key}.subtotal`);
  }
  properties.total = { type: 'number', title: '合计', 'x-formula': subtotals.join(' + ') };
  const template = { id: 'bench-form-300', kind: 'other', version: '1.0.0', title: `${sections * 10} 个字段的表单`, schema: { type: 'object', properties } };
  return { template, data };
}

function buildPage(outDir) {
  const vite = path.join(ROOT, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--config', 'bench/runtime-page/vite.config.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', JIXIAO_BENCH_PAGE_OUT: outDir, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (r.status !== 0) throw new Error(`vite build of bench/runtime-page failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8' };

function serve(dir, docs) {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (docs[p] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.json'] }).end(docs[p]);
      return;
    }
    const file = path.join(dir, p === '/' ? 'index.html' : p);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    fs.readFile(file, (err, body) => {
      if (err) return void res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); }),
  })));
}

async function measureForm(ctx, url, kind) {
  const renders = [];
  let page;
  for (let i = 0; i < REPS; i++) {
    if (page) await page.close();
    page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    try {
      await page.waitForFunction(() => window.jxBench && (window.jxBench.error || window.jxBench.totalPainted !== null), undefined, { timeout: 180_000 });
    } catch (err) {
      throw new Error(`${kind}: the total never became visible (${errors.join('; ') || err.message})`);
    }
    const s = await page.evaluate(() => ({ ...window.jxBench }));
    if (s.error) throw new Error(`${kind}: page error: ${s.error}`);
    renders.push({ render: s.totalPainted - s.renderStart, fromNavigation: s.totalPainted, total: s.totalText });
  }
  // keystrokes on the last loaded page
  // A long table mounts only the rows near the viewport: scroll the row (or its placeholder) into view first.
  const rowOf = (k) => page.locator(`.ant-table-row[data-row-key="${SELF_EVAL_ROWS[k % SELF_EVAL_ROWS.length]}"]`);
  const inputs = kind === 'self-eval'
    ? (k) => rowOf(k).locator('td.jx-col-actual input')
    : (k) => page.locator('.ant-formily-item').filter({ has: page.locator(`.ant-formily-item-label:has-text("s${String(3 + k * 5).padStart(2, '0')}-数值4")`) }).first().locator('input');
  const updates = [];
  for (let k = 0; k < REPS; k++) {
    if (kind === 'self-eval') await rowOf(k).scrollIntoViewIfNeeded();
    const input = inputs(k);
    await input.scrollIntoViewIfNeeded();
    await input.click();
    // Rows mounted by the scroll have been rendered: time the keystroke alone.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 })));
    await page.keyboard.press('Control+A');
    await page.evaluate(() => window.jxBench.armKeystroke());
    const digit = kind === 'self-eval' ? '1' : String(k + 2);
    await page.keyboard.press(digit);
    try {
      await page.waitForFunction(() => window.jxBench.keystroke !== null, undefined, { timeout: 120_000 });
    } catch {
      throw new Error(`${kind}: typing ${digit} into an input did not change the total within 120 s`);
    }
    const r = await page.evaluate(() => window.jxBench.keystroke);
    updates.push({ update: r.painted - r.keydown, dom: r.updated - r.keydown, total: r.text });
  }
  await page.close();
  log(`${kind}: first renders ${renders.map((r) => ms(r.render)).join(', ')}; updates ${updates.map((u) => `${ms(u.update)} (DOM ${ms(u.dom)})`).join(', ')}`);
  return {
    render: median(renders.map((r) => r.render)),
    renderFirst: renders[0].render,
    fromNavigation: median(renders.map((r) => r.fromNavigation)),
    update: median(updates.map((u) => u.update)),
    updateDom: median(updates.map((u) => u.dom)),
    updateMax: Math.max(...updates.map((u) => u.update)),
    total: renders[0].total,
  };
}

async function run() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install chromium (apt-get install -y chromium) or set BENCH_CHROMIUM`);
  const engine = requireDist('engine');
  const note = loadNote();
  const selfEval = selfEvalTemplate(100, 'bench-self-eval-100');
  const selfEvalValues = selfEvalData(100, 1)[0];
  const big = bigFormTemplate(30);
  for (const t of [selfEval, big.template]) {
    const problems = engine.validateTemplate(t).filter((d) => d.severity === 'error');
    if (problems.length) throw new Error(`generated template ${t.id} is invalid: ${problems.slice(0, 3).map((d) => `${d.path} ${d.message}`).join('; ')}`);
  }
  const out = tempDir('jixiao-bench-page-');
  const userDataDir = tempDir('jixiao-bench-chromium-');
  let server;
  let ctx;
  try {
    log('vite build of bench/runtime-page');
    const t0 = Date.now();
    buildPage(out);
    const buildMs = Date.now() - t0;
    server = await serve(out, {
      '/t/self-eval.json': JSON.stringify(selfEval),
      '/t/self-eval-data.json': JSON.stringify(selfEvalValues),
      '/t/form.json': JSON.stringify(big.template),
      '/t/form-data.json': JSON.stringify(big.data),
    });
    const { chromium } = require('playwright-core');
    ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'zh-CN',
      viewport: { width: 1400, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const version = ctx.browser() ? ctx.browser().version() : '';
    log('self-evaluation, 100 indicator rows');
    const a = await measureForm(ctx, `${server.url}/index.html?template=/t/self-eval.json&data=/t/self-eval-data.json`, 'self-eval');
    log('300-field form');
    const b = await measureForm(ctx, `${server.url}/index.html?template=/t/form.json&data=/t/form-data.json`, 'form-300');
    const bundle = fs.readdirSync(path.join(out, 'assets')).filter((f) => f.endsWith('.js')).reduce((n, f) => n + fs.statSync(path.join(out, 'assets', f)).size, 0);
    return { load: note, buildMs, bundleBytes: bundle, chromium: version, forms: [{ name: 'self-evaluation, 100 indicator rows', ...a }, { name: '300-field form (30 sections, 31 computed)', ...b }] };
  } finally {
    if (ctx) await ctx.close().catch(() => undefined);
    if (server) await server.close();
    removeTempDir(out);
    removeTempDir(userDataDir);
  }
}

async function main() {
  const r = await run();
  const ok = (v, target) => (v < target ? '✅' : `❌ ${(v / target).toFixed(1)}×`);
  const lines = [
    '## Runtime: first render and live update',
    '',
    `Headless chromium ${r.chromium} (${os.cpus().length} cores, no GPU), \`<TemplateForm>\` from runtime/src built by vite into bench/runtime-page`,
    `(JS ${(r.bundleBytes / 2 ** 20).toFixed(1)} MB, built in ${(r.buildMs / 1000).toFixed(1)} s). **First render**: from just before React renders (template and data`,
    'fetched) to the first frame after the total shows its value; "from navigation" adds loading and parsing the bundle.',
    '**Update**: keydown of one digit typed into a number input (antd InputNumber, the whole value replaced) to the frame after the total',
    `text changes (MutationObserver; "DOM" = the mutation itself); self-evaluation rows ${SELF_EVAL_ROWS.slice(0, REPS).join(', ')}. Median of ${REPS} page loads / ${REPS} keystrokes, ms.`,
    `Targets: first render < ${TARGET_RENDER_MS} ms, update < ${TARGET_UPDATE_MS} ms.`,
    '',
    '| form | first render | (first load) | from navigation | target | update | DOM | worst | target |',
    '|---|---:|---:|---:|---|---:|---:|---:|---|',
    ...r.forms.map((f) => `| ${f.name} | ${ms(f.render)} | ${ms(f.renderFirst)} | ${ms(f.fromNavigation)} | ${ok(f.render, TARGET_RENDER_MS)} | ${ms(f.update)} | ${ms(f.updateDom)} | ${ms(f.updateMax)} | ${ok(f.update, TARGET_UPDATE_MS)} |`),
  ];
  const slow = r.forms.filter((f) => f.render >= TARGET_RENDER_MS || f.update >= TARGET_UPDATE_MS);
  if (slow.length) {
    lines.push(
      '',
      `**Target missed**: ${slow.map((f) => `${f.name}: ${[f.render >= TARGET_RENDER_MS ? `first render ${ms(f.render - TARGET_RENDER_MS)} ms over` : '', f.update >= TARGET_UPDATE_MS ? `update ${ms(f.update - TARGET_UPDATE_MS)} ms over` : ''].filter(Boolean).join(', ')}`).join('; ')}.`,
    );
  }
  lines.push(
    '',
    'How the form gets there: the engine is not the cost (< 1% of a chromium CPU profile; one evaluation of the 100-row',
    'self-evaluation ≈ 2 ms). Long tables (> 20 rows) mount only the rows within a few hundred px of the viewport',
    '(runtime/src/form/row-window.ts); the others are placeholder rows of the measured height, so the page scrolls as if',
    'every row were there, and column totals and computed cells come from the engine over the whole data, not from mounted',
    'rows. The 100-row table starts below the first screen, so the first render mounts the other fields and a few rows; a row',
    'far down mounts when scrolled to (it gets the last evaluation\'s visibility and errors; 提交 scrolls the first invalid row',
    'into view). A keystroke is evaluated right after the input event (a microtask), so the computed cells and totals render in',
    'the same frame as the typed digit; conditional fields are found per row, not by matching every field of the form. The',
    'first evaluation validates when the browser is idle (compiling the validator took ~50 ms / ~300 ms of the first frame of',
    'the two forms). Also done: fixed column widths, a memoised field tree (a keystroke re-renders its field, the computed',
    'cells that changed and the totals), a stable table body, no per-row compositing transform. Keystrokes are timed after',
    'the row was scrolled into view and the browser is idle (mounting rows on scroll is not part of the figure).',
    'What remains (chromium trace of one keystroke, loaded machine): ~20–30 ms of input handling, React/Formily and the',
    'evaluation (~10 ms), then one frame of paint/layerize/commit over the mounted rows (~15–35 ms); first render: React/Formily',
    'mounting the fields with their antd inputs (the 300-field form mounts all 300; its sections are not windowed).',
  );
  lines.push('', `_Machine state: ${r.load}._`);
  return { markdown: lines.join('\n'), data: r };
}

module.exports = { main, run, bigFormTemplate, internals: { buildPage, serve } };

if (require.main === module) {
  main().then(
    (r) => console.log(r.markdown),
    (err) => {
      console.error(`runtime bench failed: ${err && err.stack ? err.stack : err}`);
      process.exitCode = 1;
    },
  );
}
