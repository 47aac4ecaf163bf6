/**
 * History events of autosaves store a patch against the previous snapshot (`data_patch_json`,
 * submissions/patch.ts) instead of another copy of the whole inputs: a form saved every few
 * seconds otherwise writes its full data to the history each time. Full snapshots stay in
 * `data_json` (creation, submit, and every few saves, to bound the replay). Existing events are
 * all full snapshots and need no backfill.
 *
 * Never edit once landed: add a migration.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submission_events', (t) => {
    t.text('data_patch_json', 'longtext').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submission_events', (t) => {
    t.dropColumn('data_patch_json');
  });
}
