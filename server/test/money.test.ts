import { freshDatabase, TARGETS } from './harness';
import { createDb, type Db } from '../src/db/knex';
import { yuanToFen, fenToYuan, fenToYuanText, fenFromDb, fenToDb, MoneyError } from '../src/db/money';
import { toJsonColumn, fromJsonColumn } from '../src/db/json';
import { toGeneralText } from '@jixiao/engine';

test('yuan → fen rounds half away from zero, exactly', () => {
  expect(yuanToFen('1.005')).toBe(101n);
  expect(yuanToFen('-1.005')).toBe(-101n);
  expect(yuanToFen(0.1)).toBe(10n);
  expect(yuanToFen('1,234,567.89')).toBe(123456789n);
  expect(yuanToFen('12345678901234567.89')).toBe(1234567890123456789n);
  expect(yuanToFen(2.675)).toBe(268n);
  expect(() => yuanToFen('12abc')).toThrow(MoneyError);
});

test('fen → yuan', () => {
  expect(fenToYuanText(123456789n)).toBe('1234567.89');
  expect(fenToYuanText('-5')).toBe('-0.05');
  expect(toGeneralText(fenToYuan(10))).toBe('0.1');
  expect(fenToYuanText('1234567890123456789')).toBe('12345678901234567.89');
  expect(fenFromDb(9007199254740993n)).toBe(9007199254740993n);
  expect(fenToDb(9007199254740993n)).toBe('9007199254740993');
  expect(fenToDb(12n)).toBe(12);
  expect(() => fenFromDb(1.5)).toThrow(MoneyError);
});

test('JSON columns round-trip through one pair of functions', () => {
  expect(toJsonColumn(undefined)).toBeNull();
  expect(fromJsonColumn(toJsonColumn({ a: [1, '二'] }))).toEqual({ a: [1, '二'] });
  expect(fromJsonColumn(null)).toBeNull();
});

describe.each(TARGETS)('BIGINT fen and JSON on $name', ({ name }) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(name, 'money');
    drop = fresh.drop;
    db = createDb(fresh.url);
    await db.schema.createTable('amounts', (t) => {
      t.increments('id');
      t.bigInteger('fen').notNullable();
      t.json('doc').nullable();
    });
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  test('beyond 2^53 stays exact; SUM is exact; JSON comes back as text both ways', async () => {
    const big = 9007199254740993n; // 2^53 + 1
    await db('amounts').insert({ fen: fenToDb(big), doc: toJsonColumn({ k: '值' }) });
    await db('amounts').insert({ fen: fenToDb(10n), doc: null });
    await db('amounts').insert({ fen: fenToDb(20n), doc: null });
    const rows = (await db('amounts').orderBy('id')) as { id: unknown; fen: unknown; doc: unknown }[];
    expect(typeof rows[0]?.id).toBe('number');
    expect(fenFromDb(rows[0]?.fen)).toBe(big);
    expect(fenFromDb(rows[1]?.fen)).toBe(10n);
    expect(typeof rows[0]?.doc).toBe('string');
    expect(fromJsonColumn(rows[0]?.doc)).toEqual({ k: '值' });
    const sum = (await db('amounts').where('id', '>', 1).sum({ s: 'fen' }).first()) as { s: unknown };
    expect(fenFromDb(sum.s)).toBe(30n);
    const all = (await db('amounts').sum({ s: 'fen' }).first()) as { s: unknown };
    expect(String(all.s)).toBe((big + 30n).toString());
  });
});
