/**
 * Report templates (Handlebars sources) stored with a published template version: the template's
 * `reports` entry names them (`{"self-eval": "reports/self-eval.hbs"}`); the pack import stores
 * each source here under (template_id, version, name). Never edit once landed: add a migration.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('template_reports', (t) => {
    t.increments('id').primary();
    t.string('template_id', 100).notNullable();
    t.string('version', 64).notNullable();
    t.string('name', 100).notNullable();
    t.string('file', 300).nullable(); // path inside the pack, for messages
    t.text('source', 'longtext').notNullable();
    t.string('created_at', 24).notNullable();
    t.unique(['template_id', 'version', 'name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('template_reports');
}
