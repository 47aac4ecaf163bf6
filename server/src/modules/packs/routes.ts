/**
 * /api/packs: list imported packs (any signed-in user); POST /api/packs/import with a bundle
 * (`jixiao pack build` output) as the JSON body (permission pack.import): 201 imported,
 * 200 unchanged (same name, version and content), 409 same version with other content or a
 * changed published template, 422 with every problem of an invalid pack.
 */
import type { AppDeps, AppRouter } from '../../http/types';
import { requirePermission } from '../../http/guard';
import { actorOf } from '../audit/service';
import * as packs from './service';

export function register(router: AppRouter, deps: AppDeps): void {
  const { db } = deps;

  router.get('/api/packs', async (ctx) => {
    ctx.body = { items: await packs.listPacks(db) };
  });

  router.post('/api/packs/import', requirePermission('pack.import'), async (ctx) => {
    const result = await packs.importBundle(db, actorOf(ctx), ctx.request.body);
    ctx.status = result.status === 'imported' ? 201 : 200;
    ctx.body = result;
  });
}
