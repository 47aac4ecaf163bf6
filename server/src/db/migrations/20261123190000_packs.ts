/** Imported template packs (one row per name + version) and the indicator library (指标库). */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('packs', (t) => {
    t.increments('id').primary();
    t.string('name', 100).notNullable();
    t.string('version', 64).notNullable();
    t.string('hash', 80).notNullable();
    t.string('title', 300).notNullable();
    t.string('region', 100).notNullable();
    t.json('manifest').notNullable();
    t.string('imported_by', 64).nullable();
    t.string('imported_at', 24).notNullable();
    t.unique(['name', 'version']);
  });
  await knex.schema.createTable('indicators', (t) => {
    t.increments('id').primary();
    t.string('pack', 100).notNullable();
    t.string('code', 100).notNullable();
    t.integer('row_no').notNullable();
    t.string('category', 100).nullable();
    t.string('type', 100).nullable();
    t.string('fund_use', 200).nullable();
    t.string('level1', 200).notNullable();
    t.string('level2', 200).notNullable();
    t.string('level3', 300).notNullable();
    t.string('unit', 50).nullable();
    t.string('direction', 20).notNullable();
    t.string('target', 500).nullable(); // number as decimal text, or the qualitative text
    t.string('weight', 40).nullable(); // decimal text
    t.text('content').nullable();
    t.text('standard').nullable();
    t.string('source', 500).nullable();
    t.text('keywords').nullable(); // joined with "；"
    t.unique(['pack', 'code']);
    t.index(['pack', 'row_no']);
    t.index(['category', 'type']);
    t.index(['level1', 'level2']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('indicators');
  await knex.schema.dropTableIfExists('packs');
}
