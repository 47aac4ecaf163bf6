import { errorOf, forEachDatabase } from './harness';

interface Dept {
  code: string;
  name: string;
  parent: string | null;
  enabled: boolean;
}

forEachDatabase('org', (h) => {
  test('the seeded tree: JDB with its twelve children', async () => {
    const admin = await h().login('admin');
    const res = await admin.get('/api/departments');
    expect(res.status).toBe(200);
    const body = res.body as { items: Dept[]; tree: (Dept & { children: Dept[] })[] };
    expect(body.items).toHaveLength(13);
    expect(body.tree).toHaveLength(1);
    expect(body.tree[0]?.code).toBe('JDB');
    expect(body.tree[0]?.children.map((c) => c.code)).toEqual(['DQZX', 'JDBJ', 'HWZX', 'AJB', 'CL', 'CGB', 'JJJCB', 'RDB', 'GGB', 'YJB', 'WHZ', 'ZHZX']);
  });

  test('create, rename, move, disable a department; each write audited', async () => {
    const admin = await h().login('admin');
    const created = await admin.post('/api/departments', { code: 'HWZX-1', name: '环卫一队', parent: 'HWZX' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'HWZX-1', parent: 'HWZX', enabled: true });
    expect((await admin.post('/api/departments', { code: 'HWZX-1', name: 'dup', parent: 'HWZX' })).status).toBe(409);
    const badParent = await admin.post('/api/departments', { code: 'X1', name: 'x', parent: 'NOPE' });
    expect(badParent.status).toBe(422);
    expect(errorOf(badParent).details).toEqual([expect.objectContaining({ path: 'parent' })]);
    const invalid = await admin.post('/api/departments', { code: 'bad code!', name: '' });
    expect(invalid.status).toBe(422);
    expect((errorOf(invalid).details as { path: string }[]).map((d) => d.path).sort()).toEqual(['code', 'name']);

    expect((await admin.patch('/api/departments/HWZX-1', { name: '环卫第一队' })).body).toMatchObject({ name: '环卫第一队' });
    const moved = await admin.patch('/api/departments/HWZX-1', { parent: 'CGB' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parent: 'CGB' });
    const disabled = await admin.patch('/api/departments/HWZX-1', { enabled: false });
    expect(disabled.body).toMatchObject({ enabled: false });

    const audit = await admin.get('/api/audit?entity=department:HWZX-1');
    const actions = (audit.body as { items: { action: string; username: string }[] }).items.map((i) => i.action);
    expect(actions).toEqual(['disable', 'move', 'update', 'create']);
    const move = (audit.body as { items: { action: string; before: Dept; after: Dept }[] }).items[1];
    expect(move?.before.parent).toBe('HWZX');
    expect(move?.after.parent).toBe('CGB');
  });

  test('moving a department under itself or its descendant is rejected (422), nothing changes', async () => {
    const admin = await h().login('admin');
    await admin.post('/api/departments', { code: 'A1', name: 'A1', parent: 'AJB' });
    await admin.post('/api/departments', { code: 'A2', name: 'A2', parent: 'A1' });
    const auditBefore = (await h().db('audit_log').count({ n: '*' }).first()) as { n: unknown };
    for (const target of ['A2', 'A1']) {
      const res = await admin.patch('/api/departments/A1', { parent: target });
      expect(res.status).toBe(422);
      expect(errorOf(res).code).toBe('DEPARTMENT_CYCLE');
    }
    const root = await admin.patch('/api/departments/JDB', { parent: 'A2' });
    expect(errorOf(root).code).toBe('DEPARTMENT_CYCLE');
    const a1 = (await admin.get('/api/departments/A1')).body as Dept;
    expect(a1.parent).toBe('AJB');
    const auditAfter = (await h().db('audit_log').count({ n: '*' }).first()) as { n: unknown };
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  test('department scope: a unit sees only its own subtree; others are 404 to read and 403 to write', async () => {
    const hwzx = await h().login('hwzx');
    const list = (await hwzx.get('/api/departments')).body as { items: Dept[]; tree: Dept[] };
    expect(list.items.map((d) => d.code)).toEqual(['HWZX']);
    expect(list.tree[0]).toMatchObject({ code: 'HWZX', parent: null });
    expect((await hwzx.get('/api/departments/HWZX')).status).toBe(200);
    const other = await hwzx.get('/api/departments/DQZX');
    expect(other.status).toBe(404);
    const missing = await hwzx.get('/api/departments/NOPE');
    expect(missing.status).toBe(404);
    expect(errorOf(other)).toEqual(errorOf(missing)); // indistinguishable
    // hwzx has no org.manage
    expect((await hwzx.patch('/api/departments/HWZX', { name: 'x' })).status).toBe(403);
  });

  test('an org manager limited to a subtree cannot write outside it (403)', async () => {
    const admin = await h().login('admin');
    const role = await admin.post('/api/roles', { code: 'org-local', name: '部门管理员', permissions: ['org.manage', 'user.manage'] });
    expect(role.status).toBe(201);
    const u = await admin.post('/api/users', { username: 'hw-admin', displayName: '环卫管理员', password: 'secret-1', department: 'HWZX', roles: ['org-local'] });
    expect(u.status).toBe(201);
    const local = await h().login('hw-admin', 'secret-1');
    expect((await local.post('/api/departments', { code: 'HW-B', name: '环卫二队', parent: 'HWZX' })).status).toBe(201);
    const outside = await local.post('/api/departments', { code: 'DQ-B', name: 'x', parent: 'DQZX' });
    expect(outside.status).toBe(403);
    expect(errorOf(outside).code).toBe('OUT_OF_SCOPE');
    expect((await local.patch('/api/departments/DQZX', { name: 'x' })).status).toBe(403);
    expect((await local.patch('/api/departments/HW-B', { parent: 'DQZX' })).status).toBe(403);
    expect((await local.post('/api/departments', { code: 'R2', name: 'root', parent: null })).status).toBe(403);
    // users: only its subtree is listed; out-of-scope users are 404
    const users = (await local.get('/api/users')).body as { items: { username: string; department: string }[] };
    expect(new Set(users.items.map((x) => x.department))).toEqual(new Set(['HWZX']));
    const unitId = ((await admin.get('/api/users')).body as { items: { id: number; username: string }[] }).items.find((x) => x.username === 'unit')?.id;
    expect((await local.get(`/api/users/${unitId}`)).status).toBe(404);
    expect((await local.patch(`/api/users/${unitId}`, { displayName: 'x' })).status).toBe(404);
    // cannot grant a role with more permissions than it holds
    const esc = await local.post('/api/users', { username: 'hw-x', password: 'secret-1', department: 'HWZX', roles: ['admin'] });
    expect(esc.status).toBe(403);
    expect(errorOf(esc).code).toBe('ROLE_ESCALATION');
    expect((await local.post('/api/users', { username: 'hw-x', password: 'secret-1', department: 'DQZX', roles: [] })).status).toBe(403);
  });

  test('users: create, unique username, update roles/department, reset password, disable', async () => {
    const admin = await h().login('admin');
    const created = await admin.post('/api/users', { username: 'Zhang.San', displayName: '张三', password: 'pass-123', department: 'WHZ', roles: ['unit'] });
    expect(created.status).toBe(201);
    const user = created.body as { id: number; username: string; roles: string[]; department: string };
    expect(user).toMatchObject({ username: 'zhang.san', roles: ['unit'], department: 'WHZ' });
    expect(JSON.stringify(created.body)).not.toContain('scrypt');
    const dup = await admin.post('/api/users', { username: 'zhang.san', password: 'pass-123', department: 'WHZ', roles: [] });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).code).toBe('USERNAME_TAKEN');
    expect((await admin.post('/api/users', { username: 'li', password: 'short', department: 'WHZ' })).status).toBe(422);
    expect((await admin.post('/api/users', { username: 'li', password: 'long-enough', department: 'WHZ', roles: ['nope'] })).status).toBe(422);

    const zs = await h().login('zhang.san', 'pass-123');
    const updated = await admin.patch(`/api/users/${user.id}`, { roles: ['unit', 'spending'], department: 'RDB' });
    expect(updated.body).toMatchObject({ roles: ['spending', 'unit'], department: 'RDB' });
    expect(((await zs.get('/api/me')).body as { permissions: string[] }).permissions).toContain('spending.record');

    expect((await admin.post(`/api/users/${user.id}/password`, { password: 'new-pass-9' })).status).toBe(204);
    expect((await zs.get('/api/me')).status).toBe(401); // sessions ended
    const zs2 = await h().login('zhang.san', 'new-pass-9');
    expect((await admin.patch(`/api/users/${user.id}`, { enabled: false })).body).toMatchObject({ enabled: false });
    expect((await zs2.get('/api/me')).status).toBe(401);
    expect((await h().client().post('/api/auth/login', { username: 'zhang.san', password: 'new-pass-9' })).status).toBe(401);

    const adminId = (((await admin.get('/api/me')).body as { user: { id: number } }).user.id);
    expect(errorOf(await admin.patch(`/api/users/${adminId}`, { enabled: false })).code).toBe('SELF_DISABLE');
    expect(errorOf(await admin.patch(`/api/users/${adminId}`, { roles: [] })).code).toBe('SELF_DEMOTE');
  });

  test('roles: permissions list, create, unknown permission, admin role locked, permission needed', async () => {
    const admin = await h().login('admin');
    const perms = (await admin.get('/api/permissions')).body as { items: { code: string; label: string }[] };
    expect(perms.items.map((p) => p.code)).toEqual(expect.arrayContaining(['org.manage', 'audit.view', 'template.bind', 'spending.record']));
    const roles = (await admin.get('/api/roles')).body as { items: { code: string; name: string; builtin: boolean }[] };
    expect(roles.items.filter((r) => r.builtin).map((r) => r.name)).toEqual(['系统管理员', '领导人员', '日常支出管理人员', '财务人员', '主管部门审核', '预算单位填报']);
    expect((await admin.post('/api/roles', { code: 'r1', name: 'R1', permissions: ['report.view', 'fly'] })).status).toBe(422);
    expect((await admin.post('/api/roles', { code: 'r1', name: 'R1', permissions: ['report.view'] })).status).toBe(201);
    expect((await admin.post('/api/roles', { code: 'r1', name: 'R1', permissions: [] })).status).toBe(409);
    expect((await admin.patch('/api/roles/r1', { permissions: ['report.view', 'audit.view'] })).body).toMatchObject({ permissions: ['report.view', 'audit.view'] });
    expect(errorOf(await admin.patch('/api/roles/admin', { permissions: [] })).code).toBe('ROLE_LOCKED');
    const unit = await h().login('unit');
    const denied = await unit.post('/api/roles', { code: 'r2', name: 'R2', permissions: [] });
    expect(denied.status).toBe(403);
    expect(errorOf(denied).code).toBe('MISSING_PERMISSION');
  });
});
