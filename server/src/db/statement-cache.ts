/**
 * Prepared statements reused per SQLite connection.
 *
 * knex's better-sqlite3 dialect calls `connection.prepare(sql)` for every query, so SQLite parses
 * and plans the same SQL text again on each request (≈ 9% of a submission save's CPU time, see
 * BENCHMARKS.md). Queries built by knex keep their values in bindings, so the texts repeat; this
 * wraps `prepare` with a small LRU keyed by the SQL text.
 *
 * Why reuse is safe here: knex runs a statement to completion (`all()` / `run()`, synchronous
 * in better-sqlite3) before it prepares the next one, and the pool has one connection, so a
 * cached statement is never busy when it is handed out again. SQLite re-prepares a statement
 * itself when the schema changed since (SQLITE_SCHEMA), so migrations need no invalidation.
 * Per-statement modes that knex may set (`safeIntegers`) are reset to the connection's default on
 * every hand-out, so one query's option never leaks into the next.
 */

/** The part of a better-sqlite3 statement this module touches. */
interface Statement {
  safeIntegers(on?: boolean): unknown;
}

/** The part of a better-sqlite3 connection this module touches. */
export interface PreparingConnection {
  prepare(sql: string): unknown;
}

export const STATEMENT_CACHE_SIZE = 256;

/**
 * Makes `conn.prepare` return a cached statement for SQL it prepared before (at most `size`
 * texts, least recently used dropped). `safeIntegers`: the connection's default integer mode.
 */
export function cachePreparedStatements(conn: PreparingConnection, safeIntegers: boolean, size = STATEMENT_CACHE_SIZE): void {
  const prepare = conn.prepare.bind(conn) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  conn.prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (cache.size >= size) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
    } else {
      cache.delete(sql); // re-inserted below: most recently used last
      statement.safeIntegers(safeIntegers);
    }
    cache.set(sql, statement);
    return statement;
  };
}
