/** GET /api/audit — the audit log, newest first (permission audit.view; not department-scoped). */
import type { AppDeps, AppRouter } from '../../http/types';
import { requirePermission } from '../../http/guard';
import { queryInt, queryParam } from '../../http/input';
import { BadRequestError } from '../../http/errors';
import { listAudit } from './service';

/** `2026-11-23` → start of that day (UTC); a full ISO time stays as given. */
function parseInstant(value: string, endOfDay: boolean, name: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime())) throw new BadRequestError(`查询参数 ${name} 不是有效日期`, 'BAD_QUERY', { parameter: name });
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString();
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new BadRequestError(`查询参数 ${name} 不是有效日期`, 'BAD_QUERY', { parameter: name });
  return d.toISOString();
}

export function register(router: AppRouter, deps: AppDeps): void {
  router.get('/api/audit', requirePermission('audit.view'), async (ctx) => {
    const entity = queryParam(ctx, 'entity');
    const [entityType, ...rest] = entity ? entity.split(':') : [];
    const entityId = rest.length > 0 ? rest.join(':') : undefined;
    const from = queryParam(ctx, 'from');
    const to = queryParam(ctx, 'to');
    const user = queryParam(ctx, 'user');
    const page = queryInt(ctx, 'page', { min: 1 }) ?? 1;
    const pageSize = queryInt(ctx, 'pageSize', { min: 1, max: 200 }) ?? 50;
    ctx.body = await listAudit(
      deps.db,
      {
        ...(entityType ? { entityType } : {}),
        ...(entityId ? { entityId } : {}),
        ...(user ? { username: user } : {}),
        ...(from ? { from: parseInstant(from, false, 'from') } : {}),
        ...(to ? { to: parseInstant(to, true, 'to') } : {}),
      },
      page,
      pageSize,
    );
  });
}
