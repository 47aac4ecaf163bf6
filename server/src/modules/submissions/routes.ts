/**
 * /api/submissions: reads in the department scope (out of scope → 404); create / save / submit /
 * delete need `submission.fill`, approve / return need `submission.review`, and a department in
 * scope (out of scope → 403).
 */
import type { AppDeps, AppRouter } from '../../http/types';
import { currentUser, requirePermission } from '../../http/guard';
import { getScope } from '../../http/scope';
import { Input, queryInt, queryParam } from '../../http/input';
import { BadRequestError } from '../../http/errors';
import { actorOf } from '../audit/service';
import * as orgRepo from '../org/repo';
import { subtreeCodes } from '../org/tree';
import { idParam } from '../projects/routes';
import { removeStored } from '../files/service';
import { loadResolvedTemplate } from './compute';
import * as submissions from './service';
import { projectData } from './project-data';

export function register(router: AppRouter, deps: AppDeps): void {
  const { db, config } = deps;

  router.get('/api/submissions', async (ctx) => {
    const status = queryParam(ctx, 'status');
    const period = queryParam(ctx, 'period');
    const kind = queryParam(ctx, 'kind');
    const department = queryParam(ctx, 'department');
    const projectId = queryInt(ctx, 'projectId', { min: 1 });
    const year = queryInt(ctx, 'year', { min: 1900, max: 9999 });
    ctx.body = await submissions.listSubmissions(
      db,
      await getScope(ctx),
      {
        ...(projectId !== undefined ? { projectId } : {}),
        ...(kind ? { kind } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(status ? { status } : {}),
        ...(period ? { period } : {}),
        ...(department ? { department } : {}),
        page: queryInt(ctx, 'page', { min: 1, max: 1_000_000 }) ?? 1,
        pageSize: queryInt(ctx, 'pageSize', { min: 1, max: 500 }) ?? 50,
      },
      async (code) => subtreeCodes(await orgRepo.listDepartmentNodes(db), code),
    );
  });

  router.post('/api/submissions', requirePermission('submission.fill'), async (ctx) => {
    const b = Input.body(ctx);
    const projectId = b.int('projectId', { min: 1 });
    const kind = b.string('kind', { max: 32 });
    const period = b.string('period', { optional: true, max: 16, pattern: submissions.PERIOD, patternMessage: '期间格式不正确（如 2025-06）' });
    const data = b.object('data', { optional: true });
    b.done();
    ctx.status = 201;
    ctx.body = await submissions.createSubmission(db, actorOf(ctx), await getScope(ctx), { projectId, kind, period: period ?? null, data: data ?? {} });
  });

  router.get('/api/submissions/:id', async (ctx) => {
    const scope = await getScope(ctx);
    ctx.body = await submissions.fullView(db, scope, await submissions.getSubmissionInScope(db, scope, idParam(ctx)));
  });

  /** The pinned template version, resolved for the submission's department (what the form renders). */
  router.get('/api/submissions/:id/template', async (ctx) => {
    const s = await submissions.getSubmissionInScope(db, await getScope(ctx), idParam(ctx));
    const template = await loadResolvedTemplate(db, s.templateId, s.templateVersion, s.departmentCode, (await getScope(ctx)).tree);
    ctx.body = { templateId: s.templateId, version: s.templateVersion, department: s.departmentCode, template };
  });

  /** What the form took from the project and what the project says now (project-data.ts); read-only. */
  router.get('/api/submissions/:id/project-data', async (ctx) => {
    const scope = await getScope(ctx);
    ctx.body = await projectData(db, scope, await submissions.getSubmissionInScope(db, scope, idParam(ctx)));
  });

  /** Autosave: answers the summary (new row version, total, grade); `?view=full` answers the whole submission. */
  router.put('/api/submissions/:id', requirePermission('submission.fill'), async (ctx) => {
    const id = idParam(ctx);
    const view = queryParam(ctx, 'view');
    if (view !== undefined && view !== 'full' && view !== 'summary') throw new BadRequestError('查询参数 view 应为 full 或 summary', 'BAD_QUERY');
    const b = Input.body(ctx);
    const rowVersion = b.int('rowVersion', { min: 1 });
    const data = b.object('data');
    const rows = b.object('rows', { optional: true });
    b.done();
    const saved = await submissions.saveSubmission(db, actorOf(ctx), await getScope(ctx), id, rowVersion, data, rows);
    ctx.body = view === 'full' ? submissions.submissionView(saved) : submissions.summaryView(saved);
  });

  router.post('/api/submissions/:id/submit', requirePermission('submission.fill'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const rowVersion = b.int('rowVersion', { min: 1 });
    const data = b.object('data', { optional: true });
    b.done();
    ctx.body = await submissions.submitSubmission(db, actorOf(ctx), await getScope(ctx), id, rowVersion, data);
  });

  router.post('/api/submissions/:id/return', requirePermission('submission.review'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const rowVersion = b.int('rowVersion', { min: 1 });
    const comment = b.string('comment', { optional: true, max: 2000 });
    b.done();
    ctx.body = await submissions.returnSubmission(db, actorOf(ctx), currentUser(ctx), await getScope(ctx), id, rowVersion, comment);
  });

  router.post('/api/submissions/:id/approve', requirePermission('submission.review'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const rowVersion = b.int('rowVersion', { min: 1 });
    const comment = b.string('comment', { optional: true, max: 2000 });
    b.done();
    ctx.body = await submissions.approveSubmission(db, actorOf(ctx), currentUser(ctx), await getScope(ctx), id, rowVersion, comment);
  });

  router.delete('/api/submissions/:id', requirePermission('submission.fill'), async (ctx) => {
    const id = idParam(ctx);
    const rowVersion = queryInt(ctx, 'rowVersion', { min: 1 });
    const stored = await submissions.deleteSubmission(db, actorOf(ctx), await getScope(ctx), id, rowVersion);
    await removeStored(config.filesDir, stored, deps.log);
    ctx.status = 204;
  });

  router.get('/api/submissions/:id/history', async (ctx) => {
    ctx.body = await submissions.history(db, await getScope(ctx), idParam(ctx));
  });

  router.get('/api/submissions/:id/diff', async (ctx) => {
    const from = queryInt(ctx, 'from', { min: 1 });
    const to = queryInt(ctx, 'to', { min: 1 });
    if (from === undefined) throw new BadRequestError('需要查询参数 from（行版本号）', 'BAD_QUERY');
    ctx.body = await submissions.diff(db, await getScope(ctx), idParam(ctx), from, to);
  });
}
