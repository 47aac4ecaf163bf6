/** Database: connection, migrations, seeding, JSON columns, money, timestamps. */
import type { Knex } from 'knex';
import type { ServerConfig } from '../config';
import type { Logger } from '../http/types';
import { makeConfig } from '../config';
import { consoleLogger } from '../http/middleware';
import { migrateLatest } from './migrate';
import { seedIfEmpty } from './seed';

export { createDb, dialectOf, parseDatabaseUrl, knexConfig, DatabaseUrlError, type Db, type Dialect } from './knex';
export { migrateLatest, rollbackAll, migrationConfig } from './migrate';
export { MIGRATIONS, ListMigrationSource } from './migrations';
export { seedIfEmpty, seedHooks, BUILTIN_DEPARTMENTS, DEMO_USERS, DEMO_PASSWORD, type SeedHook, type SeedContext } from './seed';
export { toJsonColumn, fromJsonColumn } from './json';
export { yuanToFen, fenToYuan, fenToYuanText, fenFromDb, fenToDb, MoneyError } from './money';
export { now, toInt, toBool } from './time';

/** Migrates to the latest schema and seeds a fresh database (what `jixiao serve` does on start). */
export async function prepareDatabase(db: Knex, config: ServerConfig = makeConfig(), log: Logger = consoleLogger): Promise<void> {
  await migrateLatest(db);
  await seedIfEmpty(db, config, log);
}
