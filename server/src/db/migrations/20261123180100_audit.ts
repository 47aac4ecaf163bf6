/** The audit log: one row per write, in the write's transaction. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.string('at', 24).notNullable().index();
    t.integer('user_id').unsigned().nullable();
    t.string('username', 64).nullable().index();
    t.string('entity_type', 64).notNullable();
    t.string('entity_id', 200).notNullable();
    t.string('action', 64).notNullable();
    t.text('before_json', 'longtext').nullable();
    t.text('after_json', 'longtext').nullable();
    t.string('ip', 64).nullable();
    t.index(['entity_type', 'entity_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_log');
}
