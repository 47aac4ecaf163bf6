import { Client, errorOf, forEachDatabase, ADMIN_PASSWORD } from './harness';

forEachDatabase('auth', (h, target) => {
  test('GET /api/health names the database', async () => {
    const res = await h().client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: target.name });
  });

  test('every other /api route needs a session (401 with the envelope), known or not', async () => {
    const c = h().client();
    for (const p of ['/api/templates', '/api/me', '/api/departments', '/api/no-such-thing']) {
      const res = await c.get(p);
      expect(res.status).toBe(401);
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
    const post = await c.post('/api/submissions', { a: 1 });
    expect(post.status).toBe(401);
  });

  test('bad password → 401; good password → session cookie HttpOnly SameSite=Lax; /api/me', async () => {
    const c = h().client();
    const bad = await c.post('/api/auth/login', { username: 'admin', password: 'nope' });
    expect(bad.status).toBe(401);
    expect(errorOf(bad)).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(c.cookie).toBeUndefined();

    const unknownUser = await c.post('/api/auth/login', { username: 'ghost', password: 'whatever' });
    expect(unknownUser.status).toBe(401);

    const ok = await c.post('/api/auth/login', { username: 'ADMIN', password: ADMIN_PASSWORD });
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/jixiao_sid=[^;]+;/);
    expect(setCookie.toLowerCase()).toContain('httponly');
    expect(setCookie.toLowerCase()).toContain('samesite=lax');

    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    const body = me.body as { user: { username: string }; department: { code: string }; roles: { code: string }[]; permissions: string[]; scope: { all: boolean; departments: string[] } };
    expect(body.user.username).toBe('admin');
    expect(body.department.code).toBe('JDB');
    expect(body.roles.map((r) => r.code)).toEqual(['admin']);
    expect(body.permissions).toContain('audit.view');
    expect(body.scope.all).toBe(true);
    expect(body.scope.departments).toEqual(expect.arrayContaining(['JDB', 'HWZX', 'DQZX']));
  });

  test('a unit user sees its department (and below) in /api/me', async () => {
    const c = await h().login('hwzx');
    const me = (await c.get('/api/me')).body as { scope: { all: boolean; departments: string[] }; permissions: string[]; roles: { name: string }[] };
    expect(me.scope).toEqual({ all: false, departments: ['HWZX'] });
    expect(me.permissions).toEqual(['report.view', 'submission.fill']);
    expect(me.roles[0]?.name).toBe('预算单位填报');
  });

  test('malformed JSON → 400 with the error envelope (any /api route, even one not yet written)', async () => {
    const c = await h().login('admin');
    for (const p of ['/api/submissions', '/api/departments']) {
      const res = await c.request('POST', p, '{bad json');
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('MALFORMED_JSON');
    }
    const notObject = await c.request('POST', '/api/departments', '[1,2]');
    expect(notObject.status).toBe(400);
  });

  test('an unknown /api route with a session is a JSON 404; a wrong method a 405', async () => {
    const c = await h().login('admin');
    const res = await c.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('NO_SUCH_ROUTE');
    const m = await c.request('DELETE', '/api/me');
    expect(m.status).toBe(405);
    expect(errorOf(m).code).toBe('METHOD_NOT_ALLOWED');
  });

  test('5 failures for one username+IP → 429 with a zh-CN message, even with the right password', async () => {
    const c = h().client();
    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/login', { username: 'reviewer', password: `wrong${i}` })).status).toBe(401);
    const blocked = await c.post('/api/auth/login', { username: 'reviewer', password: 'demo123' });
    expect(blocked.status).toBe(429);
    expect(errorOf(blocked).message).toMatch(/登录失败次数过多/);
    expect(blocked.headers.get('retry-after')).toBe('900');
    // another username from the same IP is not affected
    expect((await h().client().post('/api/auth/login', { username: 'finance', password: 'demo123' })).status).toBe(200);
    // the window passes: attempts older than 15 minutes no longer count
    const old = new Date(Date.now() - 16 * 60 * 1000).toISOString();
    await h().db('login_attempts').where({ username: 'reviewer' }).update({ at: old });
    expect((await c.post('/api/auth/login', { username: 'reviewer', password: 'demo123' })).status).toBe(200);
  });

  test('a failure count is cleared by a successful login', async () => {
    const c = h().client();
    for (let i = 0; i < 4; i++) await c.post('/api/auth/login', { username: 'spender', password: 'x' });
    expect((await c.post('/api/auth/login', { username: 'spender', password: 'demo123' })).status).toBe(200);
    for (let i = 0; i < 4; i++) await c.post('/api/auth/login', { username: 'spender', password: 'x' });
    expect((await c.post('/api/auth/login', { username: 'spender', password: 'demo123' })).status).toBe(200);
  });

  test('logout ends the session', async () => {
    const c = await h().login('leader');
    const token = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect(c.cookie).toBeUndefined();
    c.cookie = token; // replaying the old cookie does not work either
    expect((await c.get('/api/me')).status).toBe(401);
  });

  test('sessions live in the database: a second app instance on the same database accepts them', async () => {
    const c = await h().login('finance');
    const other = await h().startAnother();
    const c2 = new Client(other.url, h().config.sessionCookie);
    c2.cookie = c.cookie;
    const me = await c2.get('/api/me');
    expect(me.status).toBe(200);
    expect((me.body as { user: { username: string } }).user.username).toBe('finance');
    // logging out on the second instance ends it on the first
    expect((await c2.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  test('expired sessions are refused; a session past half its life is extended', async () => {
    const c = await h().login('unit');
    await h().db('sessions').update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expect((await c.get('/api/me')).status).toBe(401);

    const d = await h().login('unit');
    const soon = new Date(Date.now() + 60 * 1000).toISOString();
    await h().db('sessions').update({ expires_at: soon });
    const res = await d.get('/api/me');
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join('')).toContain('jixiao_sid=');
    const row = (await h().db('sessions').max({ m: 'expires_at' }).first()) as { m: string };
    expect(row.m > soon).toBe(true);
  });

  test('changing one\'s own password keeps this session, ends others, and needs the current password', async () => {
    const a = await h().login('leader');
    const b = await h().login('leader');
    const wrong = await a.post('/api/me/password', { currentPassword: 'nope', newPassword: 'new-pass-1' });
    expect(wrong.status).toBe(422);
    expect((await a.post('/api/me/password', { currentPassword: 'demo123', newPassword: 'new-pass-1' })).status).toBe(204);
    expect((await a.get('/api/me')).status).toBe(200);
    expect((await b.get('/api/me')).status).toBe(401);
    expect((await h().client().post('/api/auth/login', { username: 'leader', password: 'new-pass-1' })).status).toBe(200);
  });
});
