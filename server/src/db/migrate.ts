/** Running migrations (on start, in tests, and latest → rollback → latest in the migration test). */
import type { Knex } from 'knex';
import { ListMigrationSource } from './migrations';

export const migrationConfig = (): Knex.MigratorConfig => ({
  migrationSource: new ListMigrationSource(),
  tableName: 'knex_migrations',
});

/** Brings the schema to the latest migration; returns the names applied now. */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migrationConfig())) as [number, string[]];
  return applied;
}

/** Rolls back every migration (all batches). */
export async function rollbackAll(db: Knex): Promise<string[]> {
  const [, rolled] = (await db.migrate.rollback(migrationConfig(), true)) as [number, string[]];
  return rolled;
}
