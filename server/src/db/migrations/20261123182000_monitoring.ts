/**
 * Monitoring (双监控, money side): monthly spending entries (填写本月费用) and payment records
 * (支付记录) per project. Amounts in 分 (BIGINT) so SQL SUMs are exact. Payments keep the
 * fiscal year and month of their date, so "spent through month m" is one indexed SUM over both
 * tables. Never edit once landed: add a migration.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('spending', (t) => {
    t.increments('id').primary();
    t.integer('project_id').unsigned().notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('fiscal_year').notNullable();
    t.integer('month').notNullable(); // 1–12
    t.bigInteger('amount_fen').notNullable();
    t.string('memo', 500).nullable();
    t.string('created_by', 64).nullable();
    t.string('created_at', 24).notNullable();
    t.index(['project_id', 'month']);
    t.index(['fiscal_year', 'month']);
  });
  await knex.schema.createTable('payments', (t) => {
    t.increments('id').primary();
    t.integer('project_id').unsigned().notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.string('date', 10).notNullable(); // YYYY-MM-DD
    t.integer('fiscal_year').notNullable(); // year of `date`
    t.integer('month').notNullable(); // month of `date`
    t.bigInteger('amount_fen').notNullable();
    t.string('payee', 200).nullable();
    t.string('memo', 500).nullable();
    t.string('created_by', 64).nullable();
    t.string('created_at', 24).notNullable();
    t.index(['project_id', 'month']);
    t.index(['fiscal_year', 'month']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('payments');
  await knex.schema.dropTableIfExists('spending');
}
