import { freshDatabase, TARGETS } from './harness';
import { createDb, type Db } from '../src/db/knex';
import { migrateLatest, rollbackAll } from '../src/db/migrate';
import { MIGRATIONS } from '../src/db/migrations';

const TABLES = ['departments', 'roles', 'users', 'user_roles', 'sessions', 'login_attempts', 'audit_log', 'template_drafts', 'template_versions', 'template_bindings'];

describe.each(TARGETS)('migrations on $name', ({ name }) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(name, 'migrations');
    drop = fresh.drop;
    db = createDb(fresh.url);
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  test('file names are YYYYMMDDHHMMSS_name and in order', () => {
    const names = MIGRATIONS.map(([n]) => n);
    for (const n of names) expect(n).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect([...names].sort()).toEqual(names);
  });

  test('latest → rollback → latest', async () => {
    expect(await migrateLatest(db)).toEqual(MIGRATIONS.map(([n]) => n));
    for (const t of TABLES) expect(await db.schema.hasTable(t)).toBe(true);
    expect(await migrateLatest(db)).toEqual([]); // idempotent
    expect((await rollbackAll(db)).sort()).toEqual(MIGRATIONS.map(([n]) => n).sort());
    for (const t of TABLES) expect(await db.schema.hasTable(t)).toBe(false);
    expect(await migrateLatest(db)).toHaveLength(MIGRATIONS.length);
    for (const t of TABLES) expect(await db.schema.hasTable(t)).toBe(true);
  });
});
