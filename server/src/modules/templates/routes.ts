/**
 * /api/templates (published, read by any signed-in user), /api/template-drafts (template.design;
 * publishing needs template.publish), /api/bindings (read in scope; writes need template.bind).
 */
import type { AppDeps, AppRouter, RouteContext } from '../../http/types';
import { requirePermission } from '../../http/guard';
import { getScope } from '../../http/scope';
import { Input, queryInt, queryParam } from '../../http/input';
import { BadRequestError } from '../../http/errors';
import { actorOf } from '../audit/service';
import * as templates from './service';

function idParam(ctx: RouteContext): number {
  const raw = ctx.params.id ?? '';
  if (!/^\d+$/.test(raw)) throw new BadRequestError('编号应为整数', 'BAD_ID');
  return Number(raw);
}

export function register(router: AppRouter, deps: AppDeps): void {
  const { db } = deps;

  // ---- published templates
  router.get('/api/templates', async (ctx) => {
    const kind = queryParam(ctx, 'kind');
    ctx.body = { items: await templates.listTemplates(db, kind ? { kind } : {}) };
  });

  router.post('/api/templates', requirePermission('template.publish'), async (ctx) => {
    const b = Input.body(ctx);
    const template = b.object('template');
    b.done();
    ctx.status = 201;
    ctx.body = await templates.publishTemplate(db, actorOf(ctx), template, 'api');
  });

  router.get('/api/templates/:id/versions', async (ctx) => {
    ctx.body = { items: await templates.listVersions(db, ctx.params.id ?? '') };
  });

  router.get('/api/templates/:id/versions/:version', async (ctx) => {
    ctx.body = await templates.getVersion(db, ctx.params.id ?? '', ctx.params.version ?? '');
  });

  router.get('/api/templates/:id/diff', async (ctx) => {
    const from = queryParam(ctx, 'from');
    const to = queryParam(ctx, 'to');
    if (!from || !to) throw new BadRequestError('需要查询参数 from 和 to（版本号）', 'BAD_QUERY');
    ctx.body = await templates.diffVersions(db, ctx.params.id ?? '', from, to);
  });

  // ---- drafts
  router.get('/api/template-drafts', requirePermission('template.design'), async (ctx) => {
    ctx.body = { items: await templates.listDrafts(db) };
  });

  router.post('/api/template-drafts', requirePermission('template.design'), async (ctx) => {
    const b = Input.body(ctx);
    const template = b.object('template');
    b.done();
    ctx.status = 201;
    ctx.body = await templates.createDraft(db, actorOf(ctx), template);
  });

  router.get('/api/template-drafts/:id', requirePermission('template.design'), async (ctx) => {
    ctx.body = await templates.getDraft(db, idParam(ctx));
  });

  router.put('/api/template-drafts/:id', requirePermission('template.design'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const template = b.object('template');
    const rowVersion = b.int('rowVersion', { min: 1 });
    b.done();
    ctx.body = await templates.updateDraft(db, actorOf(ctx), id, rowVersion, template);
  });

  router.delete('/api/template-drafts/:id', requirePermission('template.design'), async (ctx) => {
    await templates.deleteDraft(db, actorOf(ctx), idParam(ctx));
    ctx.status = 204;
  });

  router.post('/api/template-drafts/:id/publish', requirePermission('template.publish'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const version = b.string('version', { optional: true, max: 64 });
    b.done();
    ctx.status = 201;
    ctx.body = await templates.publishDraft(db, actorOf(ctx), id, version);
  });

  // ---- bindings (关联模板)
  router.get('/api/bindings/resolve', async (ctx) => {
    const department = queryParam(ctx, 'department');
    const kind = queryParam(ctx, 'kind');
    const year = queryInt(ctx, 'year', { min: 1900, max: 9999 });
    if (!department || !kind || year === undefined) throw new BadRequestError('需要查询参数 department、kind 和 year', 'BAD_QUERY');
    ctx.body = await templates.resolveBinding(db, await getScope(ctx), department, kind, year);
  });

  router.get('/api/bindings', async (ctx) => {
    const department = queryParam(ctx, 'department');
    const kind = queryParam(ctx, 'kind');
    const year = queryInt(ctx, 'year', { min: 1900, max: 9999 });
    ctx.body = {
      items: await templates.listBindings(db, await getScope(ctx), {
        ...(department ? { department } : {}),
        ...(kind ? { kind } : {}),
        ...(year !== undefined ? { year } : {}),
      }),
    };
  });

  router.put('/api/bindings', requirePermission('template.bind'), async (ctx) => {
    const b = Input.body(ctx);
    const department = b.string('department', { max: 64 });
    const kind = b.string('kind', { max: 32 });
    const year = b.int('year', { min: 1900, max: 9999 });
    const templateId = b.string('templateId', { max: 100 });
    const version = b.string('version', { max: 64 });
    b.done();
    ctx.body = await templates.setBinding(db, actorOf(ctx), await getScope(ctx), { department, kind, year, templateId, version });
  });

  router.delete('/api/bindings/:id', requirePermission('template.bind'), async (ctx) => {
    await templates.deleteBinding(db, actorOf(ctx), await getScope(ctx), idParam(ctx));
    ctx.status = 204;
  });
}
