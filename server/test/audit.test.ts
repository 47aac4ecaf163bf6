import { errorOf, forEachDatabase } from './harness';
import { createDepartment } from '../src/modules/org/service';
import { publishTemplate, ensureTemplateVersion } from '../src/modules/templates/service';
import { SYSTEM_ACTOR } from '../src/modules/audit/service';
import { toInt } from '../src/db/time';

const ALL = { all: true, codes: new Set<string>() };

forEachDatabase('audit', (h) => {
  const count = async (table: string, where: Record<string, unknown> = {}): Promise<number> =>
    toInt(((await h().db(table).where(where).count({ n: '*' }).first()) as { n: unknown }).n);

  test('a write and its audit row commit together, or not at all', async () => {
    const db = h().db;
    // the service runs inside an enclosing transaction that then fails
    await expect(
      db.transaction(async (trx) => {
        await createDepartment(trx, SYSTEM_ACTOR, ALL, { code: 'TX1', name: '事务测试', parent: 'JDB' });
        expect(toInt(((await trx('audit_log').where({ entity_id: 'TX1' }).count({ n: '*' }).first()) as { n: unknown }).n)).toBe(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count('departments', { code: 'TX1' })).toBe(0);
    expect(await count('audit_log', { entity_id: 'TX1' })).toBe(0);
    // and the same write on its own commits both
    await createDepartment(db, SYSTEM_ACTOR, ALL, { code: 'TX1', name: '事务测试', parent: 'JDB' });
    expect(await count('departments', { code: 'TX1' })).toBe(1);
    expect(await count('audit_log', { entity_id: 'TX1', action: 'create' })).toBe(1);
  });

  test('a write that fails inside the service leaves neither data nor audit row', async () => {
    const before = await count('audit_log');
    const template = { id: 'tx-t', kind: 'declaration', version: '1.0.0', title: 'T', schema: { type: 'object', properties: { a: { type: 'number' } } } };
    await publishTemplate(h().db, SYSTEM_ACTOR, template);
    await expect(publishTemplate(h().db, SYSTEM_ACTOR, template)).rejects.toMatchObject({ status: 409 });
    expect(await count('template_versions', { template_id: 'tx-t' })).toBe(1);
    expect(await count('audit_log')).toBe(before + 1);
    // the import path: same content is a no-op, other content is reported and not written
    expect(await ensureTemplateVersion(h().db, SYSTEM_ACTOR, template, 'pack:t@1')).toMatchObject({ status: 'unchanged' });
    expect(await ensureTemplateVersion(h().db, SYSTEM_ACTOR, { ...template, title: 'other' }, 'pack:t@1')).toMatchObject({ status: 'different' });
    expect(await ensureTemplateVersion(h().db, SYSTEM_ACTOR, { ...template, version: '1.0.1' }, 'pack:t@2')).toMatchObject({ status: 'created', version: '1.0.1' });
    expect(await count('template_versions', { template_id: 'tx-t' })).toBe(2);
    expect(await count('audit_log')).toBe(before + 2);
  });

  test('GET /api/audit filters by entity, user and time, pages, and needs audit.view', async () => {
    const admin = await h().login('admin');
    await admin.post('/api/departments', { code: 'AU1', name: '审计一', parent: 'JDB' });
    await admin.patch('/api/departments/AU1', { name: '审计一（改）' });
    const all = (await admin.get('/api/audit?entity=department:AU1')).body as { items: { action: string; username: string; before: unknown; after: { name: string } }[]; total: number };
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({ action: 'update', username: 'admin', before: { name: '审计一' }, after: { name: '审计一（改）' } });

    const byUser = (await admin.get('/api/audit?user=admin&entity=department')).body as { items: { entityType: string; username: string }[] };
    expect(byUser.items.length).toBeGreaterThanOrEqual(2);
    expect(byUser.items.every((i) => i.entityType === 'department' && i.username === 'admin')).toBe(true);

    const page = (await admin.get('/api/audit?pageSize=1&page=2')).body as { items: unknown[]; page: number; pageSize: number; total: number };
    expect(page.items).toHaveLength(1);
    expect(page).toMatchObject({ page: 2, pageSize: 1 });

    const future = (await admin.get('/api/audit?from=2999-01-01')).body as { total: number };
    expect(future.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const upToToday = (await admin.get(`/api/audit?to=${today}&entity=department:AU1`)).body as { total: number };
    expect(upToToday.total).toBe(2);
    expect((await admin.get('/api/audit?from=yesterday')).status).toBe(400);
    expect((await admin.get('/api/audit?page=0')).status).toBe(400);

    const unit = await h().login('unit');
    const denied = await unit.get('/api/audit');
    expect(denied.status).toBe(403);
    expect(errorOf(denied).code).toBe('MISSING_PERMISSION');
  });

  test('user audit rows never contain password hashes', async () => {
    const admin = await h().login('admin');
    const u = (await admin.post('/api/users', { username: 'audited', password: 'secret-99', department: 'CL', roles: ['unit'] })).body as { id: number };
    await admin.post(`/api/users/${u.id}/password`, { password: 'secret-100' });
    const rows = (await admin.get(`/api/audit?entity=user:${u.id}`)).body as { items: { action: string }[] };
    expect(rows.items.map((r) => r.action)).toEqual(['reset-password', 'create']);
    expect(JSON.stringify(rows)).not.toMatch(/scrypt|secret-/);
  });
});
