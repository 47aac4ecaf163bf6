/**
 * Projects (项目库): the budget projects every submission belongs to. Money in 分 (BIGINT) so SQL
 * can SUM exactly; `adjusted_fen` = requested + adjustment is stored for aggregation.
 * Never edit once landed: add a migration.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('projects', (t) => {
    t.increments('id').primary();
    t.string('code', 64).notNullable();
    t.string('name', 300).notNullable();
    t.string('department_code', 64).notNullable().index();
    t.integer('fiscal_year').notNullable().index();
    t.string('budget_type', 32).notNullable(); // 一般公共预算 / 政府性基金预算 / 国有资本经营预算 / 社会保险基金预算
    t.string('project_type', 100).nullable();
    t.string('category', 100).nullable(); // 分类
    t.string('fund_use', 200).nullable(); // 资金用途
    t.string('attribute', 16).nullable(); // 新增 / 延续
    t.string('period_start', 10).nullable(); // YYYY-MM-DD
    t.string('period_end', 10).nullable();
    t.bigInteger('requested_fen').notNullable().defaultTo(0); // 本年度申请资金
    t.bigInteger('initial_budget_fen').notNullable().defaultTo(0); // 年初预算数
    t.bigInteger('adjustment_fen').notNullable().defaultTo(0); // 调整数
    t.bigInteger('adjusted_fen').notNullable().defaultTo(0); // 调整后预算数 = requested + adjustment
    t.json('sources').nullable(); // [{source, amountFen}]
    t.string('status', 32).notNullable().defaultTo('active');
    t.integer('row_version').notNullable().defaultTo(1);
    t.string('created_by', 64).nullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.unique(['fiscal_year', 'code']);
    t.index(['fiscal_year', 'department_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('projects');
}
