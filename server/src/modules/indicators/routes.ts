/**
 * /api/indicators (search, paging), /api/indicators/facets (any signed-in user), and per project
 * (in scope, else 404): /api/projects/:id/indicator-recommendations, /api/projects/:id/last-year-indicators.
 */
import { DIRECTIONS, type Direction } from '@jixiao/engine';
import type { AppDeps, AppRouter, RouteContext } from '../../http/types';
import { getScope } from '../../http/scope';
import { queryInt, queryParam } from '../../http/input';
import { BadRequestError } from '../../http/errors';
import { idParam } from '../monitoring/routes';
import * as indicators from './service';

function libraryQuery(ctx: RouteContext): indicators.SearchQuery {
  const q: indicators.SearchQuery = {};
  const text = (key: string): string | undefined => queryParam(ctx, key);
  const keyword = text('q');
  if (keyword !== undefined) q.keyword = keyword;
  const pack = text('pack');
  if (pack !== undefined) q.pack = pack;
  for (const k of ['category', 'type', 'fundUse', 'level1', 'level2', 'level3'] as const) {
    const v = text(k);
    if (v !== undefined) q[k] = v;
  }
  const direction = text('direction');
  if (direction !== undefined) {
    if (!(DIRECTIONS as readonly string[]).includes(direction)) throw new BadRequestError(`查询参数 direction 应为 ${DIRECTIONS.join(' ')} 之一`, 'BAD_QUERY', { parameter: 'direction' });
    q.direction = direction as Direction;
  }
  const page = queryInt(ctx, 'page', { min: 1 });
  if (page !== undefined) q.page = page;
  const size = queryInt(ctx, 'size', { min: 1, max: 200 });
  if (size !== undefined) q.pageSize = size;
  return q;
}

export function register(router: AppRouter, deps: AppDeps): void {
  const { db } = deps;

  router.get('/api/indicators', async (ctx) => {
    ctx.body = await indicators.search(db, libraryQuery(ctx));
  });

  router.get('/api/indicators/facets', async (ctx) => {
    ctx.body = await indicators.facets(db, libraryQuery(ctx));
  });

  router.get('/api/projects/:id/indicator-recommendations', async (ctx) => {
    const pack = queryParam(ctx, 'pack');
    const limit = queryInt(ctx, 'limit', { min: 1, max: 100 });
    ctx.body = await indicators.recommend(db, await getScope(ctx), idParam(ctx), { ...(pack !== undefined ? { pack } : {}), ...(limit !== undefined ? { limit } : {}) });
  });

  router.get('/api/projects/:id/last-year-indicators', async (ctx) => {
    ctx.body = await indicators.lastYearIndicators(db, await getScope(ctx), idParam(ctx));
  });
}
