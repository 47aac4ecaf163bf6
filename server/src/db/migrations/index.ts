/**
 * Every migration, in order. Migrations are listed here (not discovered from the folder) so that
 * the same list runs from TypeScript under jest and from dist/ in production.
 * To add one: create `YYYYMMDDHHMMSS_name.ts` exporting `up`/`down` (schema builder only), import it
 * below and append it to MIGRATIONS. Never edit or reorder a migration that has landed.
 */
import type { Knex } from 'knex';
import * as orgAuth from './20261123180000_org_auth';
import * as audit from './20261123180100_audit';
import * as templates from './20261123180200_templates';
import * as projects from './20261123181000_projects';
import * as submissions from './20261123181100_submissions_files';
import * as monitoring from './20261123182000_monitoring';
import * as templateReports from './20261123182100_template_reports';
import * as packs from './20261123190000_packs';
import * as spendingMonthly from './20261123211000_spending_monthly';
import * as submissionEventPatches from './20261123213000_submission_event_patches';
import * as spendingMonthlyBudgetType from './20261123233000_spending_monthly_budget_type';

export interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['20261123180000_org_auth', orgAuth],
  ['20261123180100_audit', audit],
  ['20261123180200_templates', templates],
  ['20261123181000_projects', projects],
  ['20261123181100_submissions_files', submissions],
  ['20261123182000_monitoring', monitoring],
  ['20261123182100_template_reports', templateReports],
  ['20261123190000_packs', packs],
  ['20261123211000_spending_monthly', spendingMonthly],
  ['20261123213000_submission_event_patches', submissionEventPatches],
  ['20261123233000_spending_monthly_budget_type', spendingMonthlyBudgetType],
];

/** knex MigrationSource over MIGRATIONS. */
export class ListMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly list: ReadonlyArray<readonly [string, Migration]> = MIGRATIONS) {}
  async getMigrations(): Promise<string[]> {
    return this.list.map(([name]) => name);
  }
  getMigrationName(name: string): string {
    return name;
  }
  async getMigration(name: string): Promise<Knex.Migration> {
    const found = this.list.find(([n]) => n === name);
    if (!found) throw new Error(`unknown migration ${name}`);
    return found[1];
  }
}
