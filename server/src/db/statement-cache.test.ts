import Database from 'better-sqlite3';
import { createDb } from './knex';
import { cachePreparedStatements } from './statement-cache';

describe('cachePreparedStatements', () => {
  it('prepares each SQL text once and keeps the least recently used within the bound', () => {
    const conn = new Database(':memory:');
    const prepared: string[] = [];
    const original = conn.prepare.bind(conn);
    (conn as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      prepared.push(sql);
      return original(sql);
    };
    cachePreparedStatements(conn as never, false, 2);
    const a = conn.prepare('SELECT 1 AS a');
    expect(conn.prepare('SELECT 1 AS a')).toBe(a);
    conn.prepare('SELECT 2 AS b');
    conn.prepare('SELECT 1 AS a'); // a is now the most recent: b goes first
    conn.prepare('SELECT 3 AS c');
    expect(conn.prepare('SELECT 1 AS a')).toBe(a);
    conn.prepare('SELECT 2 AS b');
    expect(prepared).toEqual(['SELECT 1 AS a', 'SELECT 2 AS b', 'SELECT 3 AS c', 'SELECT 2 AS b']);
    conn.close();
  });

  it('resets a statement to the connection default integer mode when it is handed out again', () => {
    const conn = new Database(':memory:');
    conn.defaultSafeIntegers(true);
    cachePreparedStatements(conn as never, true);
    const s = conn.prepare('SELECT 9007199254740993 AS n');
    s.safeIntegers(false);
    expect(typeof (conn.prepare('SELECT 9007199254740993 AS n').get() as { n: unknown }).n).toBe('bigint');
    conn.close();
  });

  it('keeps working across a schema change and through knex (money beyond 2^53 exact)', async () => {
    const db = createDb('sqlite::memory:');
    try {
      await db.schema.createTable('t', (t) => {
        t.increments('id');
        t.bigInteger('fen');
      });
      for (const fen of ['1', '9007199254740993']) await db('t').insert({ fen });
      expect(await db('t').orderBy('id').select('fen')).toEqual([{ fen: 1 }, { fen: '9007199254740993' }]);
      expect(await db('t').orderBy('id')).toEqual([{ id: 1, fen: 1 }, { id: 2, fen: '9007199254740993' }]);
      await db.schema.alterTable('t', (t) => t.string('memo'));
      await db('t').where({ id: 1 }).update({ memo: '办公费' });
      // the same text as before the change: SQLite re-prepares it, the new column is there
      expect(await db('t').orderBy('id')).toEqual([
        { id: 1, fen: 1, memo: '办公费' },
        { id: 2, fen: '9007199254740993', memo: null },
      ]);
      expect(await db('t').orderBy('id').select('fen', 'memo')).toEqual([
        { fen: 1, memo: '办公费' },
        { fen: '9007199254740993', memo: null },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
