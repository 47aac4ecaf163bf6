/**
 * The whole cycle for the demo street office over HTTP, on SQLite (and MariaDB when
 * JIXIAO_TEST_MYSQL_URL is set): import the demo-street pack → bind its templates to JDB for a
 * fresh year → a DQZX unit user declares a project → the reviewer returns it with a comment →
 * resubmitted → approved → monthly spending → monitoring view and form with warnings →
 * self-evaluation scored by the server (tampered total ignored) → report HTML and Excel export.
 * One test per step; the steps share state and run in order.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildBundle, loadPack, type PackBundle } from '@jixiao/engine';
import { readPackFiles } from '../src/pack/fs';
import { type Client, errorOf, forEachDatabase } from './harness';
import { body, download, readJson } from './workflow-helpers';

const PACK_DIR = path.resolve(__dirname, '..', '..', 'templates', 'demo-street');
const CASES = path.join(PACK_DIR, 'cases');
const YEAR = 2032;
/** User text with markup characters: must come out escaped in the HTML report. */
const PROJECT_NAME = '全流程<测试>&示范项目';
const ESCAPED_NAME = '全流程&lt;测试&gt;&amp;示范项目';

interface Sub {
  id: number;
  status: string;
  rowVersion: number;
  total: number | null;
  grade: string | null;
  templateId: string;
  templateVersion: string;
  values: Record<string, unknown>;
  scores: Record<string, unknown>;
}

function demoBundle(): PackBundle {
  const { pack, diagnostics } = loadPack(readPackFiles(PACK_DIR).files);
  if (!pack) throw new Error(JSON.stringify(diagnostics));
  return buildBundle(pack);
}

/** The version of a template the pack ships. */
function versionOf(bundle: PackBundle, templateId: string): string {
  const found = bundle.templates.find((t) => t.template.id === templateId);
  if (!found) throw new Error(`the pack has no template ${templateId}`);
  return found.template.version;
}

/** A case's data, re-aimed at the test project. */
function caseData(file: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const c = readJson(path.join(CASES, file)) as { data: Record<string, unknown> };
  return { ...c.data, projectName: PROJECT_NAME, projectCode: 'DQZX-2032-FC1', department: '党群中心', fiscalYear: YEAR, ...extra };
}

forEachDatabase('fullcycle', (h) => {
  let admin: Client;
  let finance: Client;
  let unit: Client;
  let reviewer: Client;
  let projectId = 0;
  let declarationId = 0;
  let selfEvalId = 0;

  describe('demo street office: full cycle', () => {
    beforeAll(async () => {
      admin = await h().login('admin');
      finance = await h().login('finance');
      unit = await h().login('unit');
      reviewer = await h().login('reviewer');
    });

    test('1. admin imports the demo-street pack (already seeded: unchanged) and binds its templates to JDB for the year', async () => {
      const bundle = demoBundle();
      const res = await admin.post('/api/packs/import', bundle);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'unchanged', name: bundle.manifest.name, version: bundle.version, hash: bundle.hash, published: [] });
      for (const [kind, templateId] of [
        ['declaration', 'street-declaration'],
        ['monitoring', 'street-monitoring'],
        ['self-evaluation', 'street-self-eval'],
      ] as const) {
        const version = versionOf(bundle, templateId);
        const bind = await admin.put('/api/bindings', { department: 'JDB', kind, year: YEAR, templateId, version });
        expect(bind.status).toBe(200);
        expect(bind.body).toMatchObject({ department: 'JDB', kind, year: YEAR, templateId, version });
        // DQZX inherits the binding from JDB
        const resolved = await unit.get(`/api/bindings/resolve?department=DQZX&kind=${kind}&year=${YEAR}`);
        expect(resolved.status).toBe(200);
        expect(resolved.body).toMatchObject({ templateId, version, inherited: true });
      }
    });

    test('2. a DQZX unit user declares the project (created by finance) and submits the declaration', async () => {
      const project = { code: 'DQZX-2032-FC1', name: PROJECT_NAME, department: 'DQZX', fiscalYear: YEAR, budgetType: '一般公共预算', projectType: '基建/工程', requested: '1000000.00' };
      // a unit user fills forms but does not manage projects
      const denied = await unit.post('/api/projects', project);
      expect(denied.status).toBe(403);
      const created = await finance.post('/api/projects', project);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ department: 'DQZX', fiscalYear: YEAR, requested: '1000000.00', adjusted: '1000000.00' });
      projectId = body<{ id: number }>(created).id;

      const draft = await unit.post('/api/submissions', { projectId, kind: 'declaration', data: { projectName: PROJECT_NAME } });
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({ status: 'draft', rowVersion: 1, templateId: 'street-declaration', templateVersion: versionOf(demoBundle(), 'street-declaration') });
      declarationId = body<Sub>(draft).id;
      // the fields the template takes from the project (x-project) start as the project has them; what the unit sent stays
      expect((draft.body as { data: Record<string, unknown> }).data).toEqual({
        projectName: PROJECT_NAME,
        projectCode: 'DQZX-2032-FC1',
        department: '党群中心',
        fiscalYear: YEAR,
        budgetType: '一般公共预算',
        projectType: '基建/工程',
        requested: 1000000,
      });

      const data = caseData('declaration-fire-lane.json', { requested: 1000000, funds: { fiscal: 800000, carryover: 0, other: 200000 } });
      const saved = await unit.put(`/api/submissions/${declarationId}`, { rowVersion: 1, data });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ status: 'draft', rowVersion: 2 });
      // a save answers the summary; the computed values are stored (GET)
      expect(body<Sub>(saved).values).toBeUndefined();
      expect(body<Sub>(await unit.get(`/api/submissions/${declarationId}`)).values).toMatchObject({ fundsMatch: '一致', funds: { total: 1000000 } });

      // 总体目标 shorter than 30 characters is refused on submit, nothing written
      const short = await unit.post(`/api/submissions/${declarationId}/submit`, { rowVersion: 2, data: { ...data, overallGoal: '目标太短' } });
      expect(short.status).toBe(422);
      expect((errorOf(short).details as { path: string }[]).map((d) => d.path)).toContain('overallGoal');

      const submitted = await unit.post(`/api/submissions/${declarationId}/submit`, { rowVersion: 2 });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', rowVersion: 3 });
    });

    test('3. the reviewer returns it with a comment, the unit resubmits, the reviewer approves', async () => {
      const comment = '请细化本年度绩效指标的目标值';
      const returned = await reviewer.post(`/api/submissions/${declarationId}/return`, { rowVersion: 3, comment });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'returned', rowVersion: 4 });

      const current = body<{ data: Record<string, unknown> }>(await unit.get(`/api/submissions/${declarationId}`));
      const changed = { ...current.data, annualGoal: '完成两个社区消防通道建设，验收合格率 100%，年内完成结算。' };
      const resubmitted = await unit.post(`/api/submissions/${declarationId}/submit`, { rowVersion: 4, data: changed });
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body).toMatchObject({ status: 'submitted', rowVersion: 5 });

      const approved = await reviewer.post(`/api/submissions/${declarationId}/approve`, { rowVersion: 5, comment: '同意' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', rowVersion: 6 });

      const history = body<{ items: { action: string; toStatus: string; comment: string | null; actor: string }[] }>(await unit.get(`/api/submissions/${declarationId}/history`));
      expect(history.items.map((e) => e.action)).toEqual(['create', 'save', 'submit', 'return', 'resubmit', 'approve']);
      expect(history.items[3]).toMatchObject({ toStatus: 'returned', comment, actor: 'reviewer' });
      expect(history.items[5]).toMatchObject({ toStatus: 'approved', comment: '同意', actor: 'reviewer' });
      expect((await unit.get(`/api/projects/${projectId}`)).body).toMatchObject({ submissions: { declaration: { id: declarationId, status: 'approved' } } });
    });

    test('4. monthly spending → monitoring view (ratio rule, yellow at month 6) → monitoring form submitted with its warning', async () => {
      expect((await unit.post(`/api/projects/${projectId}/spending`, { month: 3, amount: '1' })).status).toBe(403);
      const march = await finance.post(`/api/projects/${projectId}/spending`, { month: 3, amount: '200000.00', memo: '一季度工程款' });
      expect(march.status).toBe(201);
      expect(march.body).toMatchObject({ month: 3, amount: '200000.00', amountText: '200,000.00' });
      expect((await finance.post(`/api/projects/${projectId}/spending`, { month: 6, amount: '150000' })).status).toBe(201);
      // after the as-of month: not counted
      expect((await finance.post(`/api/projects/${projectId}/spending`, { month: 9, amount: '400000' })).status).toBe(201);

      const m = (await unit.get(`/api/projects/${projectId}/monitoring?month=6`)).body as {
        month: number;
        adjusted: string;
        spent: string;
        balance: string;
        executionRate: string;
        timeProgress: string;
        warning: { light: string; value: string; status: string };
        display: Record<string, string>;
      };
      // 350,000 / 1,000,000 = 35 % against 6/12 = 50 % → ratio 70 → yellow (red < 60 ≤ yellow < 80)
      expect([m.month, m.adjusted, m.spent, m.balance, m.executionRate, m.timeProgress]).toEqual([6, '1000000.00', '350000.00', '650000.00', '35.00', '50.00']);
      expect(m.warning).toMatchObject({ light: 'yellow', value: '70.00' });
      expect(m.display).toMatchObject({ executionRate: '35%', timeProgress: '50%', balance: '650,000.00' });
      expect(((await unit.get(`/api/projects/${projectId}/monitoring?month=12`)).body as { spent: string }).spent).toBe('750000.00');

      const data = {
        projectName: PROJECT_NAME,
        projectCode: 'DQZX-2032-FC1',
        department: '党群中心',
        fiscalYear: YEAR,
        month: 6,
        requested: 1000000,
        initialBudget: 0,
        adjustment: 0,
        priorSpent: 200000,
        payments: [{ date: '2032-06-15', amount: 150000, memo: '二季度工程款' }],
        indicators: [{ level1: '产出指标', level2: '数量指标', level3: '升级改造覆盖社区数量', expected: 2, unit: '个', achieved: 1 }],
      };
      const created = await unit.post('/api/submissions', { projectId, kind: 'monitoring', period: `${YEAR}-06`, data });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ templateId: 'street-monitoring', period: `${YEAR}-06`, status: 'draft' });
      const sub = await unit.post(`/api/submissions/${body<Sub>(created).id}/submit`, { rowVersion: 1 });
      expect(sub.status).toBe(200);
      expect(sub.body).toMatchObject({ status: 'submitted' });
      expect(body<Sub>(sub).values).toMatchObject({ adjusted: 1000000, monthSpent: 150000, cumulative: 350000, balance: 650000, progress: 35, light: 'yellow', alarm: '警告' });
      expect((body<Sub>(sub).values.indicators as Record<string, unknown>[])[0]).toMatchObject({ rate: 50 });
    });

    test('5. self-evaluation: a tampered total is ignored; the server stores its own total and grade (case seed-80: 80 良)', async () => {
      const data = caseData('self-eval-seed-80.json');
      const created = await unit.post('/api/submissions', { projectId, kind: 'self-evaluation', data });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ templateId: 'street-self-eval', status: 'draft', total: 80, grade: '良' });
      selfEvalId = body<Sub>(created).id;

      const tampered = { ...data, total: 100, grade: '优', execRate: 100, execScore: 10 };
      const submitted = await unit.post(`/api/submissions/${selfEvalId}/submit`, { rowVersion: 1, data: tampered });
      expect(submitted.status).toBe(200);
      const s = body<Sub>(submitted);
      expect(s).toMatchObject({ status: 'submitted', total: 80, grade: '良' });
      expect(s.values).toMatchObject({ execRate: 80 });
      expect(s.scores).toMatchObject({ execScore: 8, 'indicators[1].score': 12, 'indicators[3].score': 14, 'indicators[5].score': 8 });

      const row = (await h().db('submissions').where({ id: selfEvalId }).first()) as Record<string, unknown>;
      expect(Number(row.total_e4)).toBe(800000);
      expect(row.grade).toBe('良');
      const stored = JSON.parse(String(row.data_json)) as Record<string, unknown>;
      expect(stored.total).toBeUndefined();
      expect(stored.grade).toBeUndefined();

      const approved = await reviewer.post(`/api/submissions/${selfEvalId}/approve`, { rowVersion: 2 });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', total: 80, grade: '良' });
    });

    test('6. report HTML of the demo-street self-evaluation (escaped, with the server total) and the Excel export with the project row', async () => {
      const tpl = body<{ template: { reports?: Record<string, string> } }>(await unit.get(`/api/submissions/${selfEvalId}/template`));
      expect(tpl.template.reports).toEqual({ 'self-eval': 'reports/self-eval.hbs' });
      const report = await unit.get(`/api/submissions/${selfEvalId}/report.html`);
      expect(report.status).toBe(200);
      expect(report.headers.get('content-type')).toContain('text/html');
      expect(report.text).toContain(ESCAPED_NAME);
      expect(report.text).not.toContain(PROJECT_NAME);
      expect(report.text).toContain('<strong>80</strong>');
      expect(report.text).toContain('<strong>良</strong>');

      const json = (await unit.get(`/api/reports/projects?department=DQZX&year=${YEAR}&month=6`)).body as {
        items: { project: { id: number; name: string }; status: string; statusText: string; warning: { light: string } }[];
      };
      expect(json.items.map((r) => [r.project.id, r.project.name, r.status, r.statusText, r.warning.light])).toEqual([[projectId, PROJECT_NAME, 'approved', '完成', 'yellow']]);

      const xlsx = await download(unit, `/api/reports/projects?department=DQZX&year=${YEAR}&month=6&format=xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no worksheet');
      const rows: unknown[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      const hit = rows.filter((r) => r.includes(PROJECT_NAME));
      expect(hit).toHaveLength(1);
      expect(hit[0]).toEqual(expect.arrayContaining(['完成']));
    });

    test('7. the printable HTML report, through a shipped pack whose self-evaluation names one (mof-2020), escapes user text and shows the server total', async () => {
      // demo-street's street-self-eval names no report, so the same walk is finished with the
      // mof-2020 self-evaluation (case example1-you: 91.19 优) bound to DQZX for the next year
      const year = YEAR + 1;
      const bind = await admin.put('/api/bindings', { department: 'DQZX', kind: 'self-evaluation', year, templateId: 'project-self-eval', version: '1.0.0' });
      expect(bind.status).toBe(200);
      const created = await finance.post('/api/projects', { code: 'DQZX-2033-FC1', name: PROJECT_NAME, department: 'DQZX', fiscalYear: year, budgetType: '一般公共预算', requested: '1000000.00' });
      expect(created.status).toBe(201);
      const c = readJson(path.resolve(PACK_DIR, '..', 'mof-2020', 'cases', 'self-eval-example1-you.json')) as { data: Record<string, unknown> };
      const data = { ...c.data, projectName: PROJECT_NAME, fiscalYear: year, total: 100, grade: '优' };
      const sub = await unit.post('/api/submissions', { projectId: body<{ id: number }>(created).id, kind: 'self-evaluation', data });
      expect(sub.status).toBe(201);
      expect(sub.body).toMatchObject({ templateId: 'project-self-eval', total: 91.19, grade: '优' });

      const report = await unit.get(`/api/submissions/${body<Sub>(sub).id}/report.html`);
      expect(report.status).toBe(200);
      expect(report.headers.get('content-type')).toContain('text/html');
      expect(report.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(report.text).toContain(ESCAPED_NAME);
      expect(report.text).not.toContain(PROJECT_NAME);
      expect(report.text).toContain('91.19');
      // another department's user cannot read it
      expect((await (await h().login('hwzx')).get(`/api/submissions/${body<Sub>(sub).id}/report.html`)).status).toBe(404);
    });
  });
});
