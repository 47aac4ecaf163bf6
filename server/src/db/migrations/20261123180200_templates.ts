/** Template drafts, immutable published versions, and bindings (关联模板). */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('template_drafts', (t) => {
    t.increments('id').primary();
    t.string('template_id', 100).notNullable().unique();
    t.string('kind', 32).notNullable();
    t.string('title', 300).notNullable();
    t.json('body').notNullable();
    t.integer('row_version').notNullable().defaultTo(1);
    t.string('created_by', 64).nullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
  await knex.schema.createTable('template_versions', (t) => {
    t.increments('id').primary();
    t.string('template_id', 100).notNullable();
    t.string('version', 64).notNullable();
    t.string('kind', 32).notNullable();
    t.string('title', 300).notNullable();
    t.json('body').notNullable();
    t.string('source', 200).nullable(); // e.g. "pack:mof-2020@1.0.0" or "designer"
    t.string('published_by', 64).nullable();
    t.string('published_at', 24).notNullable();
    t.unique(['template_id', 'version']);
    t.index(['kind']);
  });
  await knex.schema.createTable('template_bindings', (t) => {
    t.increments('id').primary();
    t.string('department_code', 64).notNullable();
    t.string('kind', 32).notNullable();
    t.integer('fiscal_year').notNullable();
    t.string('template_id', 100).notNullable();
    t.string('template_version', 64).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.unique(['department_code', 'kind', 'fiscal_year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('template_bindings');
  await knex.schema.dropTableIfExists('template_versions');
  await knex.schema.dropTableIfExists('template_drafts');
}
