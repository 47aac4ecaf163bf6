/**
 * Submissions (填报: declaration / monitoring / self-evaluation), their history events, and
 * attachments. Never edit once landed: add a migration.
 *
 * - `period` is '' when the kind has none (declarations, self-evaluations), so the unique key
 *   (project, kind, period) holds on both databases (NULLs never collide).
 * - `total_e4` is the total score as a fixed-scale integer: total × 10⁴ (SQL can SUM/AVG it).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('submissions', (t) => {
    t.increments('id').primary();
    t.integer('project_id').unsigned().notNullable().references('id').inTable('projects');
    t.string('department_code', 64).notNullable();
    t.string('kind', 32).notNullable();
    t.integer('fiscal_year').notNullable();
    t.string('period', 16).notNullable().defaultTo('');
    t.string('template_id', 100).notNullable();
    t.string('template_version', 64).notNullable();
    t.string('status', 16).notNullable();
    t.text('data_json', 'longtext').notNullable();
    t.text('values_json', 'longtext').nullable();
    t.text('scores_json', 'longtext').nullable();
    t.bigInteger('total_e4').nullable();
    t.string('grade', 32).nullable();
    t.text('trace_json', 'longtext').nullable();
    t.integer('row_version').notNullable().defaultTo(1);
    t.string('created_by', 64).nullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.string('submitted_at', 24).nullable();
    t.string('approved_at', 24).nullable();
    t.unique(['project_id', 'kind', 'period']);
    t.index(['department_code', 'fiscal_year']);
    t.index(['kind', 'status']);
  });
  await knex.schema.createTable('submission_events', (t) => {
    t.bigIncrements('id').primary();
    t.integer('submission_id').unsigned().notNullable().references('id').inTable('submissions').onDelete('CASCADE');
    t.string('action', 32).notNullable(); // create / save / submit / return / approve
    t.string('from_status', 16).nullable();
    t.string('to_status', 16).notNullable();
    t.text('comment').nullable();
    t.integer('row_version').notNullable(); // the submission's row version after this action
    t.text('data_json', 'longtext').nullable(); // snapshot of the inputs after this action
    t.bigInteger('total_e4').nullable();
    t.string('grade', 32).nullable();
    t.integer('actor_id').unsigned().nullable();
    t.string('actor', 64).nullable();
    t.string('at', 24).notNullable();
    t.index(['submission_id', 'row_version']);
  });
  await knex.schema.createTable('attachments', (t) => {
    t.increments('id').primary();
    t.integer('submission_id').unsigned().notNullable().references('id').inTable('submissions').onDelete('CASCADE');
    t.string('field', 300).notNullable().defaultTo(''); // data path of the indicator row / field, '' for the whole submission
    t.string('department_code', 64).notNullable();
    t.string('original_name', 255).notNullable();
    t.string('stored_name', 80).notNullable().unique();
    t.string('ext', 16).notNullable();
    t.string('mime', 100).notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('uploaded_by', 64).nullable();
    t.string('created_at', 24).notNullable();
    t.index(['submission_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('attachments');
  await knex.schema.dropTableIfExists('submission_events');
  await knex.schema.dropTableIfExists('submissions');
}
