/** Departments, roles, users, sessions and login attempts. Never edit once landed: add a migration. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('departments', (t) => {
    t.increments('id').primary();
    t.string('code', 64).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('parent_code', 64).nullable().index();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
  await knex.schema.createTable('roles', (t) => {
    t.increments('id').primary();
    t.string('code', 64).notNullable().unique();
    t.string('name', 200).notNullable();
    t.text('permissions').notNullable(); // JSON array of permission strings
    t.boolean('builtin').notNullable().defaultTo(false);
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.string('username', 64).notNullable().unique();
    t.string('display_name', 200).notNullable();
    t.string('password_hash', 255).notNullable();
    t.string('department_code', 64).notNullable().index();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
  await knex.schema.createTable('user_roles', (t) => {
    t.integer('user_id').unsigned().notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('role_code', 64).notNullable();
    t.primary(['user_id', 'role_code']);
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('id', 64).primary(); // sha256 of the cookie token, hex
    t.integer('user_id').unsigned().notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('created_at', 24).notNullable();
    t.string('expires_at', 24).notNullable().index();
    t.string('ip', 64).nullable();
    t.string('user_agent', 255).nullable();
  });
  await knex.schema.createTable('login_attempts', (t) => {
    t.increments('id').primary();
    t.string('username', 64).notNullable();
    t.string('ip', 64).notNullable();
    t.string('at', 24).notNullable();
    t.index(['username', 'ip', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('login_attempts');
  await knex.schema.dropTableIfExists('sessions');
  await knex.schema.dropTableIfExists('user_roles');
  await knex.schema.dropTableIfExists('users');
  await knex.schema.dropTableIfExists('roles');
  await knex.schema.dropTableIfExists('departments');
}
