/**
 * Server benchmark, on SQLite (temp file) and MariaDB (BENCH_MYSQL_URL, default
 * mysql://root@127.0.0.1:3306/jixiao_bench; skipped with a note when unreachable):
 *
 * 1. Submissions per second: the real app (createApp + prepareDatabase from server/dist, in this
 *    process) with a published 50-indicator self-evaluation template bound to a department; 32
 *    concurrent keep-alive clients (a worker thread), each signed in as the demo unit user and
 *    saving its own draft over and over (`PUT /api/submissions/:id`: validate + recompute every
 *    formula and score + store + history event + audit row, optimistic row version).
 * 2. The ceiling: a bare Koa app with one route that JSON-parses the same payload and inserts it
 *    with knex into a similar table, same database, same clients.
 * 3. Dashboard (`GET /api/monitoring/departments?year=…`, 各单位支出明细) after bulk-loading
 *    100,000 projects and 1,000,000 spending rows (100 departments), p50/p99 over 20 calls, with
 *    a breakdown of where the time goes, and the report dashboards over the same data. The bulk
 *    load bypasses the services, so it then rebuilds the dashboard summary (spending_monthly)
 *    with the server's own `rebuildSpendingSummary` — the backfill the migration runs.
 * Everything it creates (temp dir, database, servers, worker) is removed at the end.
 */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { performance } = require('perf_hooks');
const { Worker } = require('worker_threads');
const { stats, median, ms, int, loadNote, tempDir, removeTempDir, requireDist, rng, picker } = require('./lib/util');
const { selfEvalTemplate, selfEvalData } = require('./lib/self-eval');

const CLIENTS = Number(process.env.BENCH_CLIENTS || 32);
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS || 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 2);
const PROJECTS = Number(process.env.BENCH_PROJECTS || 100000);
const SPENDING = Number(process.env.BENCH_SPENDING || 1000000);
const DEPARTMENTS = 100;
const DASHBOARD_CALLS = Number(process.env.BENCH_DASHBOARD_CALLS || 20);
const MYSQL_URL = process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/jixiao_bench';
const YEAR = 2026;
const ROWS = 50;
const ADMIN_PASSWORD = 'bench-admin-pass';
const TARGET_RATIO = 0.5;
const CORES = require('os').cpus().length;
const TARGET_DASHBOARD_MS = 300;

const dialectOfDb = (db) => (String(db.client.config.client).includes('sqlite') ? 'sqlite' : 'mysql');
const log = (msg) => process.stderr.write(`  [server] ${msg}\n`);

// ---- small HTTP client for the setup (cookie jar of one session) ------------------------------
class Client {
  constructor(origin, cookieName) {
    this.origin = origin;
    this.cookieName = cookieName;
    this.cookie = undefined;
  }
  async request(method, p, body) {
    const headers = {};
    if (this.cookie) headers.cookie = `${this.cookieName}=${this.cookie}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.origin + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      if (pair.slice(0, eq) === this.cookieName) this.cookie = pair.slice(eq + 1) || undefined;
    }
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, json, text };
  }
  /** The request, which must answer one of `ok` statuses (else a clear error). */
  async expect(method, p, body, ok = [200, 201, 204]) {
    const r = await this.request(method, p, body);
    if (!ok.includes(r.status)) throw new Error(`${method} ${p} → ${r.status} ${r.text.slice(0, 500)}`);
    return r.json;
  }
  cookieHeader() {
    return `${this.cookieName}=${this.cookie}`;
  }
}

async function login(origin, config, username, password) {
  const c = new Client(origin, config.sessionCookie);
  await c.expect('POST', '/api/auth/login', { username, password }, [200]);
  return c;
}

function listen(callback) {
  const server = http.createServer(callback);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        origin: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((res) => { server.close(() => res()); server.closeAllConnections(); }),
      });
    });
  });
}

/** Run the load worker: `clients` as in lib/load-worker.js. */
function load(origin, clients, variants) {
  const elu0 = performance.eventLoopUtilization();
  return new Promise((resolve, reject) => {
    const w = new Worker(path.join(__dirname, 'lib', 'load-worker.js'), {
      workerData: { origin, clients, variants, durationMs: SECONDS * 1000, warmupMs: WARMUP_SECONDS * 1000 },
    });
    w.once('message', (m) => {
      if (m.fatal) reject(new Error(`load worker: ${m.fatal}`));
      else {
        // the server's main thread: how busy it was, and its busy time per answered request
        const elu = performance.eventLoopUtilization(elu0);
        resolve({ ...m, elu: elu.utilization, busyMsPerRequest: m.total ? elu.active / m.total : NaN });
      }
    });
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`load worker exited with ${code}`)); });
  });
}

function summarise(r) {
  const s = stats(r.latencies);
  return { count: r.count, errors: r.errors, firstError: r.firstError, perSec: r.count / (r.elapsedMs / 1000), p50: s.p50, p99: s.p99, elu: r.elu, busyMs: r.busyMsPerRequest };
}

// ---- databases --------------------------------------------------------------------------------
async function openTarget(server, dialect) {
  if (dialect === 'sqlite') {
    const dir = tempDir('jixiao-bench-');
    return { dialect, url: `sqlite:${path.join(dir, 'bench.db')}`, dir, drop: async () => removeTempDir(dir) };
  }
  const parsed = server.parseDatabaseUrl(MYSQL_URL);
  const { knex } = require('knex');
  const admin = knex({ client: 'mysql2', connection: { host: parsed.host, port: parsed.port, user: parsed.user, password: parsed.password, connectTimeout: 3000 } });
  try {
    await admin.raw('SELECT 1');
  } catch (err) {
    await admin.destroy();
    return { dialect, skipped: `MariaDB not reachable at ${MYSQL_URL.replace(/\/\/[^@]*@/, '//…@')} (${err.code || err.message}); start it and set BENCH_MYSQL_URL` };
  }
  const name = parsed.database;
  await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const version = (await admin.raw('SELECT VERSION() AS v'))[0][0].v;
  await admin.destroy();
  return {
    dialect,
    url: MYSQL_URL,
    version,
    drop: async () => {
      const a = knex({ client: 'mysql2', connection: { host: parsed.host, port: parsed.port, user: parsed.user, password: parsed.password } });
      try { await a.raw(`DROP DATABASE IF EXISTS \`${name}\``); } finally { await a.destroy(); }
    },
  };
}

/** SQL statements and bound bytes `fn` makes `db` run, and `fn`'s answer size. */
async function traceQueries(db, fn) {
  let statements = 0;
  let bytes = 0;
  const onQuery = (q) => {
    statements++;
    for (const b of q.bindings || []) bytes += typeof b === 'string' ? Buffer.byteLength(b) : 8;
  };
  db.on('query', onQuery);
  try {
    const answer = await fn();
    return { statements, bytes, answerBytes: Buffer.byteLength(answer) };
  } finally {
    db.removeListener('query', onQuery);
  }
}

/**
 * SQLite's own time per request: the native work of the statements (`_query` of knex's
 * better-sqlite3 client runs each statement synchronously), summed over `n` sequential requests
 * after `warm` unmeasured ones. Patched on the prototype, which transaction clients share.
 * Null on MariaDB, where a statement's time is mostly waiting on the server, not this thread.
 */
async function sqlTimePerRequest(db, dialect, request, n = 150, warm = 50) {
  if (dialect !== 'sqlite') return null;
  const proto = Object.getPrototypeOf(db.client);
  const own = Object.prototype.hasOwnProperty.call(proto, '_query');
  const original = proto._query;
  let total = 0;
  let measuring = false;
  proto._query = function timedQuery(conn, obj) {
    const t0 = performance.now();
    const result = original.call(this, conn, obj);
    if (measuring) total += performance.now() - t0;
    return result;
  };
  try {
    for (let i = 0; i < warm; i++) await request(i);
    measuring = true;
    for (let i = warm; i < warm + n; i++) await request(i);
  } finally {
    if (own) proto._query = original;
    else delete proto._query;
  }
  return total / n;
}

// ---- 1. submissions through the real app ------------------------------------------------------
async function setupSubmissions(origin, config, variants, db) {
  const admin = await login(origin, config, 'admin', ADMIN_PASSWORD);
  const template = selfEvalTemplate(ROWS);
  await admin.expect('POST', '/api/templates', { template }, [201]);
  await admin.expect('PUT', '/api/bindings', { department: 'DQZX', kind: 'self-evaluation', year: YEAR, templateId: template.id, version: template.version }, [200, 201]);
  const clients = [];
  for (let i = 0; i < CLIENTS; i++) {
    const project = await admin.expect('POST', '/api/projects', {
      code: `BENCH-S${String(i + 1).padStart(3, '0')}`, name: `绩效基准项目 ${i + 1}`, department: 'DQZX', fiscalYear: YEAR, budgetType: '一般公共预算',
      requested: '1000000.00',
    }, [201]);
    clients.push({ projectId: project.id });
  }
  // one session per client: the demo unit user (党群中心填报, role unit), as a unit's staff would
  const sessions = await Promise.all(clients.map(() => login(origin, config, 'unit', 'demo123')));
  for (let i = 0; i < CLIENTS; i++) {
    const s = await sessions[i].expect('POST', '/api/submissions', { projectId: clients[i].projectId, kind: 'self-evaluation', data: JSON.parse(variants[i % variants.length]) }, [201]);
    if (s.total === null || s.total === undefined) throw new Error(`the new submission has no total: ${JSON.stringify(s).slice(0, 300)}`);
    Object.assign(clients[i], { id: s.id, rowVersion: s.rowVersion, cookie: sessions[i].cookieHeader() });
  }
  // one save, checked, before the clock starts
  let first;
  const trace = await traceQueries(db, async () => {
    const r = await sessions[0].request('PUT', `/api/submissions/${clients[0].id}`, { rowVersion: clients[0].rowVersion, data: JSON.parse(variants[1]) });
    if (r.status !== 200) throw new Error(`PUT /api/submissions/${clients[0].id} → ${r.status} ${r.text.slice(0, 500)}`);
    first = r.json;
    return r.text;
  });
  clients[0].rowVersion = first.rowVersion;
  // a 33rd submission for the sequential saves that time SQLite's own work (the clients' rows stay as they are)
  const extra = await admin.expect('POST', '/api/projects', {
    code: 'BENCH-SQL', name: '绩效基准项目（语句计时）', department: 'DQZX', fiscalYear: YEAR, budgetType: '一般公共预算', requested: '1000000.00',
  }, [201]);
  const own = await sessions[0].expect('POST', '/api/submissions', { projectId: extra.id, kind: 'self-evaluation', data: JSON.parse(variants[0]) }, [201]);
  let rowVersion = own.rowVersion;
  const sqlMs = await sqlTimePerRequest(db, dialectOfDb(db), async (i) => {
    const r = await sessions[0].request('PUT', `/api/submissions/${own.id}`, { rowVersion, data: JSON.parse(variants[(i + 1) % variants.length]) });
    if (r.status !== 200) throw new Error(`PUT /api/submissions/${own.id} → ${r.status} ${r.text.slice(0, 300)}`);
    rowVersion = r.json.rowVersion;
  });
  trace.sqlMs = sqlMs;
  return { clients: clients.map((c) => ({ method: 'PUT', path: `/api/submissions/${c.id}`, cookie: c.cookie, rowVersion: c.rowVersion })), template, sample: first, trace };
}

/** Where one save's time goes, measured directly on the compiled modules (median of repeated calls). */
async function profileSave(db, server, templateId, variants) {
  const compute = require(path.join(__dirname, '..', 'server', 'dist', 'modules', 'submissions', 'compute.js'));
  const time = async (n, fn) => {
    const t = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn(i);
      t.push(performance.now() - t0);
    }
    return median(t);
  };
  const datas = variants.map((v) => JSON.parse(v));
  const loadMs = await time(30, () => compute.loadResolvedTemplate(db, templateId, '1.0.0', 'DQZX'));
  const tpl = await compute.loadResolvedTemplate(db, templateId, '1.0.0', 'DQZX');
  const recomputeMs = await time(50, (i) => compute.recompute(tpl, datas[i % datas.length], { department: 'DQZX', today: `${YEAR}-11-23` }));
  const r = compute.recompute(tpl, datas[0], { department: 'DQZX', today: `${YEAR}-11-23` });
  const checkMs = await time(50, () => compute.problemsOf(tpl, r, 'draft'));
  return { loadMs, recomputeMs, checkMs };
}

// ---- 2. the ceiling: bare Koa + knex insert ---------------------------------------------------
async function bareCeiling(db, dialect, variants) {
  const Koa = require('koa');
  const Router = require('@koa/router');
  await db.schema.dropTableIfExists('bench_bare_submissions');
  await db.schema.createTable('bench_bare_submissions', (t) => {
    t.increments('id').primary();
    t.integer('client').notNullable().index();
    t.integer('row_version').notNullable();
    if (dialect === 'mysql') t.text('data', 'longtext').notNullable();
    else t.text('data').notNullable();
    t.string('created_at', 24).notNullable();
  });
  const app = new Koa();
  const router = new Router();
  router.put('/bare/:client', async (ctx) => {
    const chunks = [];
    for await (const c of ctx.req) chunks.push(c);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const [id] = await db('bench_bare_submissions').insert({ client: Number(ctx.params.client), row_version: body.rowVersion, data: JSON.stringify(body.data), created_at: new Date().toISOString() });
    ctx.body = { id: Number(id), rowVersion: body.rowVersion + 1 };
  });
  app.use(router.routes());
  const srv = await listen(app.callback());
  try {
    const trace = await traceQueries(db, async () => {
      const res = await fetch(`${srv.origin}/bare/0`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: `{"rowVersion":1,"data":${variants[0]}}` });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`bare route → ${res.status} ${text.slice(0, 300)}`);
      return text;
    });
    trace.sqlMs = await sqlTimePerRequest(db, dialect, async (i) => {
      const res = await fetch(`${srv.origin}/bare/0`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: `{"rowVersion":1,"data":${variants[i % variants.length]}}` });
      if (res.status !== 200) throw new Error(`bare route → ${res.status} ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
    });
    const clients = Array.from({ length: CLIENTS }, (_, i) => ({ method: 'PUT', path: `/bare/${i + 1}`, rowVersion: 1 }));
    return { ...summarise(await load(srv.origin, clients, variants)), trace };
  } finally {
    await srv.close();
    await db.schema.dropTableIfExists('bench_bare_submissions');
  }
}

// ---- 3. dashboard over 100,000 projects / 1,000,000 spending rows -----------------------------
async function bulkLoad(db, dialect) {
  const t0 = performance.now();
  const at = new Date().toISOString();
  const p = picker(rng(31337));
  const depts = Array.from({ length: DEPARTMENTS }, (_, i) => `BD${String(i + 1).padStart(3, '0')}`);
  await db('departments').insert(depts.map((code, i) => ({ code, name: `基准预算单位${i + 1}`, parent_code: 'JDB', enabled: true, sort_order: 100 + i, created_at: at, updated_at: at })));
  const CATS = ['城建和基础设施', '教育', '卫生健康', '农林水', '社会保障和就业', '公共安全'];
  const projectRow = (i) => {
    const requested = p.int(10, 5000) * 100000; // 分
    const adjustment = p.chance(0.3) ? -p.int(0, 20) * 100000 : 0;
    return [`BP-${String(i + 1).padStart(6, '0')}`, `基准项目${i + 1}`, depts[i % DEPARTMENTS], YEAR, '一般公共预算', '专项业务', p.pick(CATS), '专项业务', '延续',
      requested, requested, adjustment, requested + adjustment, 'active', 1, 'bench', at, at];
  };
  const PCOLS = ['code', 'name', 'department_code', 'fiscal_year', 'budget_type', 'project_type', 'category', 'fund_use', 'attribute',
    'requested_fen', 'initial_budget_fen', 'adjustment_fen', 'adjusted_fen', 'status', 'row_version', 'created_by', 'created_at', 'updated_at'];
  const SCOLS = ['project_id', 'fiscal_year', 'month', 'amount_fen', 'memo', 'created_by', 'created_at'];
  const spendingRow = (ids, j) => [ids[j % ids.length], YEAR, 1 + ((j / ids.length) | 0) % 12 , p.int(1, 20000) * 100, '月度支出', 'bench', at];

  if (dialect === 'sqlite') {
    const conn = await db.client.acquireConnection();
    try {
      const sync = conn.pragma('synchronous', { simple: true });
      conn.pragma('synchronous = OFF');
      const insP = conn.prepare(`INSERT INTO projects (${PCOLS.join(',')}) VALUES (${PCOLS.map(() => '?').join(',')})`);
      conn.transaction(() => { for (let i = 0; i < PROJECTS; i++) insP.run(projectRow(i)); })();
      const ids = conn.prepare("SELECT id FROM projects WHERE code LIKE 'BP-%' ORDER BY id").pluck().all().map(Number);
      const insS = conn.prepare(`INSERT INTO spending (${SCOLS.join(',')}) VALUES (${SCOLS.map(() => '?').join(',')})`);
      conn.transaction(() => { for (let j = 0; j < SPENDING; j++) insS.run(spendingRow(ids, j)); })();
      conn.pragma(`synchronous = ${Number(sync)}`);
      conn.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await db.client.releaseConnection(conn);
    }
  } else {
    const lit = (v) => (typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? '1' : '0') : `'${String(v).replace(/'/g, "''")}'`);
    const BATCH = 2000;
    await db.transaction(async (trx) => {
      await trx.raw('SET SESSION foreign_key_checks = 0, unique_checks = 0');
      for (let i = 0; i < PROJECTS; i += BATCH) {
        const values = [];
        for (let k = i; k < Math.min(PROJECTS, i + BATCH); k++) values.push(`(${projectRow(k).map(lit).join(',')})`);
        await trx.raw(`INSERT INTO projects (${PCOLS.join(',')}) VALUES ${values.join(',')}`);
      }
      const ids = (await trx('projects').select('id').where('code', 'like', 'BP-%').orderBy('id')).map((r) => Number(r.id));
      for (let j = 0; j < SPENDING; j += BATCH) {
        const values = [];
        for (let k = j; k < Math.min(SPENDING, j + BATCH); k++) values.push(`(${spendingRow(ids, k).map(lit).join(',')})`);
        await trx.raw(`INSERT INTO spending (${SCOLS.join(',')}) VALUES ${values.join(',')}`);
      }
      await trx.raw('SET SESSION foreign_key_checks = 1, unique_checks = 1');
    });
  }
  const loadMs = performance.now() - t0;
  // the rows went in behind the services' back: fill the dashboard summary from them, as the migration does
  const summary = require(path.join(__dirname, '..', 'server', 'dist', 'modules', 'monitoring', 'summary.js'));
  const t1 = performance.now();
  const summaryRows = await summary.rebuildSpendingSummary(db);
  const summaryMs = performance.now() - t1;
  const counts = {
    projects: Number((await db('projects').count({ n: '*' }))[0].n),
    spending: Number((await db('spending').count({ n: '*' }))[0].n),
  };
  return { loadMs, summaryMs, summaryRows, counts };
}

async function dashboard(origin, config, db) {
  const admin = await login(origin, config, 'admin', ADMIN_PASSWORD);
  const url = `/api/monitoring/departments?year=${YEAR}`;
  const first = performance.now();
  const body = await admin.expect('GET', url, undefined, [200]);
  const firstMs = performance.now() - first;
  log(`dashboard cold call ${ms(firstMs)} ms`);
  if (!body || body.total.projects < PROJECTS) throw new Error(`dashboard counts ${body && body.total.projects} projects, expected ≥ ${PROJECTS}`);
  // a slow endpoint gets fewer calls, so a run stays within minutes (reported)
  const calls = firstMs > 10_000 ? Math.min(3, DASHBOARD_CALLS) : firstMs > 3000 ? Math.min(5, DASHBOARD_CALLS) : DASHBOARD_CALLS;
  const times = [];
  let bytes = 0;
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    const r = await admin.request('GET', url);
    times.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`GET ${url} → ${r.status} ${r.text.slice(0, 300)}`);
    bytes = Buffer.byteLength(r.text);
  }
  const month = [];
  for (let i = 0; i < Math.ceil(calls / 2); i++) {
    const t0 = performance.now();
    await admin.expect('GET', `${url}&month=6`, undefined, [200]);
    month.push(performance.now() - t0);
  }
  // where the time goes: the module's own steps, called directly (the functions the endpoint uses)
  const repo = require(path.join(__dirname, '..', 'server', 'dist', 'modules', 'monitoring', 'repo.js'));
  const summary = require(path.join(__dirname, '..', 'server', 'dist', 'modules', 'monitoring', 'summary.js'));
  const service = require(path.join(__dirname, '..', 'server', 'dist', 'modules', 'monitoring', 'service.js'));
  const part = async (fn) => { const t = []; for (let i = 0; i < (calls <= 3 ? 1 : calls < DASHBOARD_CALLS ? 3 : 5); i++) { const t0 = performance.now(); await fn(); t.push(performance.now() - t0); } return median(t); };
  const codes = body.items.map((it) => it.department.code);
  const summaryRows = Number((await db('spending_monthly').where('fiscal_year', YEAR).count({ n: '*' }))[0].n);
  const steps = [
    { name: '`budgetByDepartment` (one grouped query over the year\'s projects, answered from the covering index)', ms: await part(() => repo.budgetByDepartment(db, YEAR, null)) },
    { name: `\`spentByDepartmentMonth\` (reads ${int(summaryRows)} rows of the summary \`spending_monthly\`)`, ms: await part(() => summary.spentByDepartmentMonth(db, YEAR, null)) },
    { name: `warning rules of the ${codes.length} departments (\`ruleResolver\`)`, ms: await part(async () => { const rule = await service.ruleResolver(db, YEAR); for (const c of codes) await rule(c); }) },
  ];
  // for comparison (and as a check): the same figures aggregated from the raw rows, as the endpoint did before the summary
  const r0 = performance.now();
  const raw = await repo.spentByDepartmentMonthFromRows(db, YEAR, null);
  const rawMs = performance.now() - r0;
  const fromSummary = await summary.spentByDepartmentMonth(db, YEAR, null);
  const flat = (m) => JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)).map(([d, ms]) => [d, [...ms].filter(([, v]) => v !== 0n).sort(([a], [b]) => a - b).map(([k, v]) => [k, String(v)])]));
  if (flat(raw) !== flat(fromSummary)) throw new Error('the summary spending_monthly differs from the raw rows after the rebuild');
  // the report dashboards over the same data (the bench departments sit under 街道本级 JDB)
  const reports = [];
  let units = 0;
  // the last one filtered by 预算类型 (every bench project is 一般公共预算: the filter keeps every row)
  const BUDGET = encodeURIComponent('一般公共预算');
  for (const [name, u, extra] of [['首页 `/api/reports/dashboard`', 'dashboard', ''], ['进度排名 `/api/reports/ranking`', 'ranking', ''], ['趋势图 `/api/reports/trend`', 'trend', ''],
    ['首页 of one 预算类型 `/api/reports/dashboard?budgetType=一般公共预算`', 'dashboard', `&budgetType=${BUDGET}`]]) {
    const rurl = `/api/reports/${u}?department=JDB&year=${YEAR}${extra}`;
    const rbody = await admin.expect('GET', rurl, undefined, [200]);
    if (u === 'dashboard' && extra === '') units = rbody.units.length;
    const t = [];
    for (let i = 0; i < Math.ceil(calls / 2); i++) {
      const t0 = performance.now();
      await admin.expect('GET', rurl, undefined, [200]);
      t.push(performance.now() - t0);
    }
    reports.push({ name, ...stats(t) });
  }
  return { calls, firstMs, ...stats(times), month: stats(month), bytes, departments: body.items.length, projects: body.total.projects, steps, rawMs, summaryRows, reports, units };
}

// ---- per target --------------------------------------------------------------------------------
async function runTarget(server, dialect) {
  const target = await openTarget(server, dialect);
  if (target.skipped) return { dialect, skipped: target.skipped };
  const cleanups = [target.drop];
  try {
    const config = server.makeConfig({
      databaseUrl: target.url, adminPassword: ADMIN_PASSWORD, adminPasswordIsDefault: false, seedDemo: true,
      runtimeDir: path.join(target.dir || '/nonexistent', 'no-runtime'), designerDir: path.join(target.dir || '/nonexistent', 'no-designer'),
      filesDir: path.join(target.dir || require('os').tmpdir(), 'jixiao-bench-files'),
    });
    const db = server.createDb(target.url);
    cleanups.unshift(() => db.destroy());
    log(`${dialect}: migrate + seed`);
    await server.prepareDatabase(db, config, server.silentLogger);
    const app = server.createApp({ db, config, log: server.silentLogger });
    const srv = await listen(app.callback());
    cleanups.unshift(srv.close);

    const variants = selfEvalData(ROWS, 16).map((d) => JSON.stringify(d));
    log(`${dialect}: setup (${CLIENTS} projects, sessions, submissions)`);
    const setup = await setupSubmissions(srv.origin, config, variants, db);
    log(`${dialect}: saving submissions for ${SECONDS} s with ${CLIENTS} clients`);
    const app1 = summarise(await load(srv.origin, setup.clients, variants));
    if (app1.count === 0) throw new Error(`no successful save on ${dialect}: ${app1.firstError}`);
    const profile = await profileSave(db, server, setup.template.id, variants);
    log(`${dialect}: bare Koa + knex insert ceiling`);
    const bare = await bareCeiling(db, dialect, variants);
    log(`${dialect}: bulk load ${int(PROJECTS)} projects + ${int(SPENDING)} spending rows`);
    const bulk = await bulkLoad(db, dialect);
    log(`${dialect}: dashboard`);
    const dash = await dashboard(srv.origin, config, db);
    return { dialect, version: target.version, app: { ...app1, trace: setup.trace }, bare, profile, payloadBytes: Buffer.byteLength(`{"rowVersion":1,"data":${variants[0]}}`), bulk, dash };
  } finally {
    for (const c of cleanups) {
      try { await c(); } catch (err) { log(`cleanup: ${err.message}`); }
    }
  }
}

async function run() {
  const server = requireDist('server');
  const note = loadNote();
  const results = [];
  for (const dialect of (process.env.BENCH_SERVER_DATABASES || 'sqlite,mysql').split(',')) results.push(await runTarget(server, dialect));
  return { load: note, results };
}

const sqlCell = (v) => (v === null || v === undefined ? '–' : `${ms(v)} ms`);

function verdict(ok, text) {
  return `${ok ? '✅' : '❌'} ${text}`;
}

async function main() {
  const r = await run();
  const done = r.results.filter((x) => !x.skipped);
  const name = (x) => (x.dialect === 'sqlite' ? 'SQLite' : `MariaDB${x.version ? ` ${x.version.split('-')[0]}` : ''}`);
  const lines = [
    '## Server: submissions and dashboard',
    '',
    `**Submissions.** The real app (\`createApp\`, in process) with a published ${ROWS}-indicator self-evaluation template bound to`,
    `党群中心; ${CLIENTS} concurrent keep-alive HTTP clients (in a worker thread), each signed in as the demo unit user and`,
    `saving its own draft again and again (\`PUT /api/submissions/:id\`: session + scope, shape validation, recompute of every`,
    `formula and score, store, history event, audit row, optimistic row version), ${SECONDS} s after ${WARMUP_SECONDS} s warm-up.`,
    'Ceiling: a bare Koa app with one route that JSON-parses the same payload and inserts it with knex into a similar table,',
    `same database connection pool, same clients. Payload ${Math.round((done[0]?.payloadBytes ?? 0) / 1024)} KB. Target: ≥ ${TARGET_RATIO * 100}% of the ceiling.`,
    '',
    '| database | app saves/s | p50 ms | p99 ms | bare insert/s | p50 ms | p99 ms | app / ceiling |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...done.map((x) => {
      const ratio = x.app.perSec / x.bare.perSec;
      return `| ${name(x)} | ${int(x.app.perSec)} | ${ms(x.app.p50)} | ${ms(x.app.p99)} | ${int(x.bare.perSec)} | ${ms(x.bare.p50)} | ${ms(x.bare.p99)} | ${verdict(ratio >= TARGET_RATIO, `${Math.round(ratio * 100)}%`)} |`;
    }),
    ...r.results.filter((x) => x.skipped).map((x) => `| ${x.dialect} | skipped: ${x.skipped} |||||||`),
    '',
  ];
  const errs = done.filter((x) => x.app.errors || x.bare.errors);
  for (const x of errs) lines.push(`Errors on ${name(x)}: app ${x.app.errors} (${x.app.firstError ?? '–'}), bare ${x.bare.errors} (${x.bare.firstError ?? '–'}).`, '');
  lines.push(
    'What one request costs (traced: statements incl. BEGIN/COMMIT and bytes bound, answer size; server main-thread busy time per request ' +
      'from its event-loop utilisation during the run; engine steps timed one call at a time on the compiled modules, median):',
    '',
    '| database | request | SQL statements | bytes written | answer | main thread busy | busy per request | of which SQLite\'s own work | engine: recompute / draft checks / template lookup |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...done.flatMap((x) => [
      `| ${name(x)} | app save | ${x.app.trace.statements} | ${(x.app.trace.bytes / 1024).toFixed(1)} KB | ${(x.app.trace.answerBytes / 1024).toFixed(1)} KB | ${Math.round(x.app.elu * 100)}% | ${ms(x.app.busyMs)} ms | ${sqlCell(x.app.trace.sqlMs)} | ${ms(x.profile.recomputeMs)} / ${ms(x.profile.checkMs)} / ${ms(x.profile.loadMs)} ms |`,
      `| ${name(x)} | bare insert | ${x.bare.trace.statements} | ${(x.bare.trace.bytes / 1024).toFixed(1)} KB | ${x.bare.trace.answerBytes} B | ${Math.round(x.bare.elu * 100)}% | ${ms(x.bare.busyMs)} ms | ${sqlCell(x.bare.trace.sqlMs)} | – |`,
    ]),
    '',
    'SQLite\'s own work: the native time of the statements (parse, plan, read and write pages, WAL append and fsync at COMMIT) per request, ' +
      'summed over 150 sequential requests after 50 warm-up ones; on MariaDB that work runs in the database server, not in this thread.',
    '',
  );
  const missed = done.filter((x) => x.app.perSec / x.bare.perSec < TARGET_RATIO);
  if (missed.length) {
    const m0 = missed[0];
    const busyRatio = m0.app.busyMs / m0.bare.busyMs;
    const bytesRatio = m0.app.trace.bytes / m0.bare.trace.bytes;
    const sq = done.find((x) => x.dialect === 'sqlite' && x.app.trace.sqlMs !== null);
    const allowed = (x) => TARGET_RATIO > 0 ? x.bare.busyMs / TARGET_RATIO : NaN;
    // what any save must cost at least: its own SQL work and recompute, plus what the bare insert pays outside SQL (HTTP, JSON, one knex call)
    const floor = sq ? sq.app.trace.sqlMs + sq.profile.recomputeMs + (sq.bare.busyMs - sq.bare.trace.sqlMs) : NaN;
    const why = [
      `**Target missed** on ${missed.map((x) => `${name(x)} by ${Math.round((TARGET_RATIO - x.app.perSec / x.bare.perSec) * 100)} points (${int(x.app.perSec)} saves/s vs the ${int(TARGET_RATIO * x.bare.perSec)} needed)`).join(', ')}.`,
      `Why: the server's main thread is saturated in both runs, so throughput is the inverse of its busy time per request, and a save keeps it busy ${busyRatio.toFixed(1)}× longer`,
      `than the bare insert (${name(m0)}: ${ms(m0.app.busyMs)} against ${ms(m0.bare.busyMs)} ms). ${TARGET_RATIO * 100}% of the ceiling allows a save ${ms(allowed(m0))} ms of it.`,
      ...(sq ? [
        `A lower bound of what a save costs here: SQLite's own work for its ${sq.app.trace.statements} statements (read the row for its version and diff base, session,`,
        `department tree, then in one transaction the row, the history event, the audit row, and COMMIT with its fsync) ${ms(sq.app.trace.sqlMs)} ms, the engine's`,
        `recompute of every formula and score ${ms(sq.profile.recomputeMs)} ms, and what the bare insert spends outside SQL on the same request (HTTP, JSON, one knex`,
        `call: ${ms(sq.bare.busyMs - sq.bare.trace.sqlMs)} ms): ${ms(floor)} ms ${floor > allowed(sq) ? `against the ${ms(allowed(sq))} ms allowed, before any knex call of the other ${sq.app.trace.statements - 1} statements or the service code.` : `of the ${ms(allowed(sq))} ms allowed, which leaves ${ms(allowed(sq) - floor)} ms for the other ${sq.app.trace.statements - 1} knex calls and the service code.`}`,
        `Nor would spreading a save over threads (the engine or the statements in workers) reach it on this machine: the ${ms(sq.app.busyMs)} ms of CPU a save takes today, spread`,
        `perfectly over its ${CORES} cores with nothing left for the clients, give at most ${int((CORES * 1000) / sq.app.busyMs)} saves/s against the ${int(TARGET_RATIO * sq.bare.perSec)} needed.`,
        'The target needs a save that does less (no recompute on autosave, or no history and audit rows in the same transaction); the issue asks for all of it.',
      ] : []),
      `Done (2026-11-23; per save 11 → ${m0.app.trace.statements} statements, 65 → ${(m0.app.trace.bytes / 1024).toFixed(0)} KB written, answer 42 → ${(m0.app.trace.answerBytes / 1024).toFixed(1)} KB):`,
      'a save answers its summary (`?view=full` for the whole submission), builds the after-state from what',
      'it wrote instead of re-reading the row, reads session and roles in one query and the department tree once per request; drafts keep no',
      'trace (GET recomputes it from the stored inputs); history events of saves store a patch against the previous version; the audit row',
      'keeps the changed paths, not two copies; SQLite statements are prepared once per connection and reused (server/src/db/statement-cache.ts);',
      'a draft\'s shape check skips the conditional-field formulas unless an error could sit in a hidden field.',
      'Left: session and department tree cached in process (≈ 0.1 ms of SQL and their row handling, at the price of a logout or a department move',
      'taking effect later on other servers), values stored as a patch over the inputs (≈ 12 KB less to write), the engine in worker threads',
      '(moves the recompute off the main thread, not off a 2-core machine). None of them brings a save within the budget above.',
    ];
    lines.push(why.join('\n'), '');
  }
  lines.push(
    `**Dashboard.** \`GET /api/monitoring/departments?year=${YEAR}\` (各单位支出明细, as admin: every department) after bulk-loading ${int(PROJECTS)} projects`,
    `in ${DEPARTMENTS} departments, all in fiscal year ${YEAR}, and ${int(SPENDING)} spending rows (10 per project, months 1–12) — the worst case: every row is`,
    `in the year asked for. ${done.map((x) => `${x.dash.calls}`).join(' / ')} sequential calls after one cold call (fewer when a call takes seconds), \`&month=6\` half as many. Target < ${TARGET_DASHBOARD_MS} ms.`,
    '',
    'Design: the dashboards do not aggregate the raw rows at request time. The table `spending_monthly` holds, per fiscal year, department, budget type',
    '(预算类型) and month, the sum of the spending entries and of the payments of that department\'s projects of that budget; every write of an entry or',
    'a payment, every project delete and every move of a project to another department, year or budget type updates it in the same transaction (so a',
    'failed write leaves it as it was; `server/test/spending-summary.test.ts` checks it equals the raw sums after each kind of write on both databases).',
    'The migrations that add it backfill it from the existing rows; this bench\'s bulk load inserts rows directly, so it then calls the same backfill',
    '(`rebuildSpendingSummary`, timed below). The budget sums per department come from one grouped query over the year\'s projects, answered',
    'from a covering index (fiscal year, department, budget type, the four budget columns). A report of one budget type reads the same tables with',
    'one more condition.',
    '',
    '| database | bulk load | summary rebuild | cold call ms | p50 ms | p99 ms | `&month=6` p50 ms | answer | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...done.map((x) => `| ${name(x)} | ${(x.bulk.loadMs / 1000).toFixed(1)} s | ${(x.bulk.summaryMs / 1000).toFixed(1)} s (${int(x.bulk.summaryRows)} rows) | ${ms(x.dash.firstMs)} | ${ms(x.dash.p50)} | ${ms(x.dash.p99)} | ${ms(x.dash.month.p50)} | ${x.dash.departments} departments, ${(x.dash.bytes / 1024).toFixed(0)} KB | ${verdict(x.dash.p50 < TARGET_DASHBOARD_MS, x.dash.p50 < TARGET_DASHBOARD_MS ? 'met' : `${(x.dash.p50 / TARGET_DASHBOARD_MS).toFixed(1)}× over`)} |`),
    '',
    'Breakdown (the endpoint\'s own steps called directly, median of 5; of 1 when a call takes more than 10 s): ' +
      done.map((x) => `${name(x)}: ${x.dash.steps.map((st) => `${st.name} ${ms(st.ms)} ms`).join(', ')}; ` +
        `for comparison, the same spending figures aggregated from the raw rows (\`spentByDepartmentMonthFromRows\`: spending and payments joined to projects, grouped by department and month — what the endpoint did before the summary; also the check that the summary is right) take ${ms(x.dash.rawMs)} ms`).join('. ') + '.',
    '',
    `The report dashboards over the same data, for 街道本级 (JDB: ${done.map((x) => x.dash.units).join(' / ')} units with projects in ${YEAR}, the ${DEPARTMENTS} bench departments among them), p50 / p99 ms over ${done.map((x) => Math.ceil(x.dash.calls / 2)).join(' / ')} calls: ` +
      done.map((x) => `${name(x)}: ${x.dash.reports.map((rp) => `${rp.name} ${ms(rp.p50)} / ${ms(rp.p99)}`).join(', ')}`).join('; ') + '.',
  );
  const slow = done.filter((x) => x.dash.p50 >= TARGET_DASHBOARD_MS);
  if (slow.length) {
    const why = slow.map((x) => {
      const top = [...x.dash.steps].sort((p, q) => q.ms - p.ms)[0];
      return `${name(x)} by ${ms(x.dash.p50 - TARGET_DASHBOARD_MS)} ms (${ms(x.dash.p50)} ms; the largest step is ${top ? `${top.name}, ${ms(top.ms)} ms` : 'not identified'})`;
    });
    lines.push('', `**Target missed** on ${why.join('; ')}.`);
  }
  lines.push('', `_Machine state: ${r.load}. Bulk loads use one transaction with prepared statements (SQLite, synchronous=OFF during the load) or 2,000-row INSERTs (MariaDB)._`);
  return { markdown: lines.join('\n'), data: r };
}

module.exports = { main, run, internals: { setupSubmissions, listen, openTarget, login, ADMIN_PASSWORD } };

if (require.main === module) {
  main().then(
    (r) => console.log(r.markdown),
    (err) => {
      console.error(`server bench failed: ${err && err.stack ? err.stack : err}`);
      process.exitCode = 1;
    },
  );
}
