/**
 * The database connection: one knex instance from a DATABASE_URL.
 *
 * - `sqlite:./data/jixiao.db` (relative to the working directory; the folder is created) or
 *   `sqlite:/abs/path.db`; WAL journal, foreign keys on, busy timeout so that several processes
 *   can share the file.
 * - `mysql://user:pass@host:port/db` (also `mariadb://`) through mysql2.
 *
 * Both drivers are made to return the same shapes (see `normaliseRow`): integers are JS numbers
 * while they are safe, and decimal strings beyond 2^53 (so BIGINT money never loses a fen);
 * JSON columns come back as strings and are parsed by `db/json.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { knex, type Knex } from 'knex';
import { cachePreparedStatements, type PreparingConnection } from './statement-cache';

export type Dialect = 'sqlite' | 'mysql';
export type Db = Knex;

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

export interface ParsedDatabaseUrl {
  dialect: Dialect;
  /** sqlite: the file (or ':memory:'). */
  filename?: string;
  /** mysql: connection parts. */
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
}

export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('sqlite:')) {
    let file = url.slice('sqlite:'.length);
    if (file.startsWith('//')) file = file.slice(2); // sqlite:///abs/path → /abs/path
    if (file === '') throw new DatabaseUrlError(`DATABASE_URL has no file name: ${url}`);
    return { dialect: 'sqlite', filename: file === ':memory:' ? file : path.resolve(file) };
  }
  if (url.startsWith('mysql:') || url.startsWith('mariadb:')) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL is not a valid URL: ${url}`);
    }
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!database) throw new DatabaseUrlError(`DATABASE_URL names no database: ${url}`);
    return {
      dialect: 'mysql',
      host: u.hostname || '127.0.0.1',
      port: u.port ? Number(u.port) : 3306,
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password),
      database,
    };
  }
  throw new DatabaseUrlError(`DATABASE_URL must start with sqlite: or mysql:, got: ${url}`);
}

/** A safe integer as a number, a larger one as its decimal text. */
function normaliseValue(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  }
  return v;
}

/** A result row. (Prototype checks are avoided: native drivers build rows in another realm under jest.) */
function isPlainRow(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date) && Object.prototype.toString.call(v) === '[object Object]';
}

/** Applied by knex to every result: rows (or arrays of rows, or scalars) with bigints normalised. */
export function normaliseRow(result: unknown): unknown {
  if (Array.isArray(result)) return result.map(normaliseRow);
  if (isPlainRow(result)) {
    for (const key of Object.keys(result)) result[key] = normaliseValue(result[key]);
    return result;
  }
  return normaliseValue(result);
}

/** SQLite integers come back as bigints (normalised by `normaliseRow`), so money beyond 2^53 stays exact. */
const SAFE_INTEGERS = true;

/** knex configuration for a parsed URL (exported for tools that need a second connection). */
export function knexConfig(parsed: ParsedDatabaseUrl): Knex.Config {
  if (parsed.dialect === 'sqlite') {
    const filename = parsed.filename as string;
    if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true });
    return {
      client: 'better-sqlite3',
      connection: { filename, options: { safeIntegers: SAFE_INTEGERS } } as Knex.Sqlite3ConnectionConfig,
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: unknown, done: (err: Error | null, conn: unknown) => void) {
          const c = conn as PreparingConnection & { pragma(sql: string): unknown };
          try {
            if (filename !== ':memory:') c.pragma('journal_mode = WAL');
            c.pragma('foreign_keys = ON');
            c.pragma('busy_timeout = 5000');
            cachePreparedStatements(c, SAFE_INTEGERS);
            done(null, conn);
          } catch (err) {
            done(err instanceof Error ? err : new Error(String(err)), conn);
          }
        },
      },
      postProcessResponse: normaliseRow,
    };
  }
  return {
    client: 'mysql2',
    connection: {
      host: parsed.host,
      port: parsed.port,
      user: parsed.user,
      password: parsed.password,
      database: parsed.database,
      charset: 'utf8mb4',
      supportBigNumbers: true,
      bigNumberStrings: true,
      jsonStrings: true,
      dateStrings: true,
      timezone: 'Z',
    } as Knex.MySql2ConnectionConfig,
    pool: { min: 0, max: 10 },
    postProcessResponse: normaliseRow,
  };
}

/** Opens (lazily) the database named by the URL. Call `db.destroy()` when done. */
export function createDb(databaseUrl: string): Db {
  return knex(knexConfig(parseDatabaseUrl(databaseUrl)));
}

export function dialectOf(db: Db): Dialect {
  const client: unknown = db.client.config.client;
  return client === 'mysql2' || client === 'mysql' ? 'mysql' : 'sqlite';
}
