import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, testConfig, TARGETS } from './harness';
import { createDb, type Db } from '../src/db/knex';
import { prepareDatabase } from '../src/db';
import { seedHooks, seedIfEmpty, BUILTIN_DEPARTMENTS, demoDepartments } from '../src/db/seed';
import { listDepartmentNodes, listUsers } from '../src/modules/org/repo';
import { verifyPassword } from '../src/modules/auth/password';
import { resolveBinding } from '../src/modules/templates/service';
import { silentLogger } from '../src/http/middleware';
import type { Logger } from '../src/http/types';

describe.each(TARGETS)('seeding on $name', ({ name }) => {
  let db: Db;
  let drop: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    const fresh = await freshDatabase(name, 'seed');
    drop = fresh.drop;
    url = fresh.url;
    db = createDb(url);
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  test('first start seeds departments, admin (+warning), one demo user per role, then the hooks; once', async () => {
    const warnings: string[] = [];
    const log: Logger = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
    const hookCalls: string[] = [];
    seedHooks.push(async () => {
      hookCalls.push('ran');
    });
    try {
      const config = testConfig(url, { adminPassword: 'admin123', adminPasswordIsDefault: true });
      await prepareDatabase(db, config, log);
      const depts = await listDepartmentNodes(db);
      expect(depts.map((d) => d.code).sort()).toEqual(BUILTIN_DEPARTMENTS.map((d) => d.code).sort());
      const users = await listUsers(db, null);
      expect(users.map((u) => [u.username, u.roles[0], u.departmentCode])).toEqual([
        ['admin', 'admin', 'JDB'],
        ['leader', 'leader', 'JDB'],
        ['finance', 'finance', 'JDB'],
        ['reviewer', 'reviewer', 'JDB'],
        ['spender', 'spending', 'HWZX'],
        ['unit', 'unit', 'DQZX'],
        ['hwzx', 'unit', 'HWZX'],
      ]);
      const hash = ((await db('users').where({ username: 'admin' }).first('password_hash')) as { password_hash: string }).password_hash;
      expect(hash).toMatch(/^scrypt\$/);
      expect(await verifyPassword('admin123', hash)).toBe(true);
      expect(warnings.join('\n')).toMatch(/默认密码.*admin123[\s\S]*WARNING.*default password/);
      expect(hookCalls).toEqual(['ran']);

      // second start: nothing new
      expect(await seedIfEmpty(db, config, log)).toBe(false);
      expect(await listUsers(db, null)).toHaveLength(7);
      expect(hookCalls).toEqual(['ran']);
    } finally {
      seedHooks.pop();
    }
  });

  test('first start imports the shipped packs and binds the demo templates, so a demo unit can fill forms', async () => {
    const packs = (await db('packs').select('name')).map((p: { name: string }) => p.name).sort();
    expect(packs).toEqual(['demo-street', 'guangxi', 'mof-2020']);
    const nodes = await listDepartmentNodes(db);
    const scope = { all: true, codes: new Set(nodes.map((n) => n.code)) };
    for (const year of [2021, new Date().getFullYear()]) {
      const declaration = await resolveBinding(db, scope, 'DQZX', 'declaration', year);
      expect(declaration).toMatchObject({ templateId: 'street-declaration', inheritedFrom: 'JDB', inherited: true });
      expect((await resolveBinding(db, scope, 'HWZX', 'self-evaluation', year)).templateId).toBe('street-self-eval');
      expect((await resolveBinding(db, scope, 'HWZX', 'monitoring', year)).templateId).toBe('street-monitoring');
    }
  });
});

test('demo departments come from templates/demo-street/departments.json when it exists', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-seed-'));
  const config = testConfig('sqlite::memory:', { repoRoot: root });
  expect(demoDepartments(config, silentLogger)).toEqual(BUILTIN_DEPARTMENTS);
  fs.mkdirSync(path.join(root, 'templates', 'demo-street'), { recursive: true });
  fs.writeFileSync(path.join(root, 'templates', 'demo-street', 'departments.json'), JSON.stringify([{ code: 'R', name: '根', parent: null }, { code: 'C', name: '子', parent: 'R' }]));
  expect(demoDepartments(config, silentLogger)).toEqual([{ code: 'R', name: '根', parent: null }, { code: 'C', name: '子', parent: 'R' }]);
  fs.writeFileSync(path.join(root, 'templates', 'demo-street', 'departments.json'), '{oops');
  const warnings: string[] = [];
  expect(demoDepartments(config, { ...silentLogger, warn: (m) => warnings.push(m) })).toEqual(BUILTIN_DEPARTMENTS);
  expect(warnings).toHaveLength(1);
  fs.rmSync(root, { recursive: true, force: true });
});

test('the repository demo-street departments.json has exactly the built-in codes', () => {
  const config = testConfig('sqlite::memory:');
  const warnings: string[] = [];
  const list = demoDepartments(config, { ...silentLogger, warn: (m) => warnings.push(m) });
  expect(warnings).toEqual([]);
  expect(list.map((d) => [d.code, d.parent])).toEqual(BUILTIN_DEPARTMENTS.map((d) => [d.code, d.parent]));
});
