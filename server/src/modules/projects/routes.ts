/**
 * /api/projects: list/get in the department scope (out of scope → 404); create/update/delete and
 * the Excel import need `project.manage` and a department in scope (out of scope → 403).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppDeps, AppRouter, RouteContext } from '../../http/types';
import { requirePermission } from '../../http/guard';
import { getScope } from '../../http/scope';
import { Input, queryInt, queryParam } from '../../http/input';
import { BadRequestError } from '../../http/errors';
import { actorOf } from '../audit/service';
import { readUpload, checkType } from '../files/upload';
import * as projects from './service';
import { latestByProject } from '../submissions/repo';
import { summaryView, type SubmissionSummary } from '../submissions/service';
import { importProjects, importTemplate } from './import';

export function idParam(ctx: RouteContext): number {
  const raw = ctx.params.id ?? '';
  if (!/^\d{1,12}$/.test(raw)) throw new BadRequestError('编号应为整数', 'BAD_ID');
  return Number(raw);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Each project with `submissions`: its latest submission of each kind (summaries). */
async function withSubmissions(db: AppDeps['db'], list: projects.ProjectView[]): Promise<(projects.ProjectView & { submissions: Record<string, SubmissionSummary> })[]> {
  const latest = await latestByProject(
    db,
    list.map((p) => p.id),
  );
  return list.map((p) => ({ ...p, submissions: Object.fromEntries([...(latest.get(p.id) ?? new Map())].map(([k, s]) => [k, summaryView(s)])) }));
}

export function register(router: AppRouter, deps: AppDeps): void {
  const { db, config } = deps;

  router.get('/api/projects', async (ctx) => {
    const year = queryInt(ctx, 'year', { min: 1900, max: 9999 });
    const department = queryParam(ctx, 'department');
    const status = queryParam(ctx, 'status');
    const budgetType = queryParam(ctx, 'budgetType');
    const keyword = queryParam(ctx, 'keyword');
    const page = await projects.listProjects(db, await getScope(ctx), {
      ...(year !== undefined ? { year } : {}),
      ...(department ? { department } : {}),
      ...(status ? { status } : {}),
      ...(budgetType ? { budgetType } : {}),
      ...(keyword ? { keyword: keyword.slice(0, 100) } : {}),
      page: queryInt(ctx, 'page', { min: 1, max: 1_000_000 }) ?? 1,
      pageSize: queryInt(ctx, 'pageSize', { min: 1, max: 500 }) ?? 50,
    });
    ctx.body = { ...page, items: await withSubmissions(db, page.items) };
  });

  // before /api/projects/:id
  router.get('/api/projects/import-template.xlsx', async (ctx) => {
    ctx.type = XLSX;
    ctx.set('Content-Disposition', `attachment; filename="projects-import.xlsx"; filename*=UTF-8''${encodeURIComponent('项目导入模板.xlsx')}`);
    ctx.body = await importTemplate();
  });

  router.post('/api/projects/import', requirePermission('project.manage'), async (ctx) => {
    const upload = await readUpload(ctx, { maxBytes: config.uploadMaxBytes, tempDir: path.join(config.filesDir, '.tmp') });
    try {
      await checkType(upload, ['xlsx']);
      const buffer = await fs.promises.readFile(upload.tempPath);
      ctx.body = await importProjects(db, actorOf(ctx), await getScope(ctx), buffer);
    } finally {
      await upload.discard();
    }
  });

  router.post('/api/projects', requirePermission('project.manage'), async (ctx) => {
    const b = Input.body(ctx);
    ctx.status = 201;
    ctx.body = await projects.createProject(db, actorOf(ctx), await getScope(ctx), b.value);
  });

  router.get('/api/projects/:id', async (ctx) => {
    const [view] = await withSubmissions(db, [projects.projectView(await projects.getProjectInScope(db, await getScope(ctx), idParam(ctx)))]);
    ctx.body = view;
  });

  router.patch('/api/projects/:id', requirePermission('project.manage'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const rowVersion = b.int('rowVersion', { min: 1 });
    b.done();
    const { rowVersion: _rv, ...fields } = b.value;
    void _rv;
    ctx.body = await projects.updateProject(db, actorOf(ctx), await getScope(ctx), id, rowVersion, fields);
  });

  router.delete('/api/projects/:id', requirePermission('project.manage'), async (ctx) => {
    await projects.deleteProject(db, actorOf(ctx), await getScope(ctx), idParam(ctx));
    ctx.status = 204;
  });
}
