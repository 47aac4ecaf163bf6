/** template_reports: the Handlebars sources stored with a published template version (knex only). */
import type { Knex } from 'knex';
import { now } from '../../db/time';

export interface TemplateReport {
  templateId: string;
  version: string;
  name: string;
  file: string | null;
  source: string;
}

const toReport = (r: Record<string, unknown>): TemplateReport => ({
  templateId: String(r.template_id),
  version: String(r.version),
  name: String(r.name),
  file: r.file === null || r.file === undefined ? null : String(r.file),
  source: String(r.source),
});

export async function getTemplateReport(db: Knex, templateId: string, version: string, name: string): Promise<TemplateReport | undefined> {
  const row = (await db('template_reports').where({ template_id: templateId, version, name }).first()) as Record<string, unknown> | undefined;
  return row ? toReport(row) : undefined;
}

export async function listTemplateReports(db: Knex, templateId: string, version: string): Promise<TemplateReport[]> {
  const rows = (await db('template_reports').where({ template_id: templateId, version }).orderBy('name')) as Record<string, unknown>[];
  return rows.map(toReport);
}

/**
 * Stores the report sources of a published template version (pack import calls this right after
 * publishing the version). A version is immutable: an existing (template, version, name) is kept
 * as it is; returns the names inserted now.
 */
export async function saveTemplateReports(db: Knex, templateId: string, version: string, reports: readonly { name: string; file?: string | null; source: string }[]): Promise<string[]> {
  const added: string[] = [];
  for (const r of reports) {
    if (await getTemplateReport(db, templateId, version, r.name)) continue;
    await db('template_reports').insert({ template_id: templateId, version, name: r.name, file: r.file ?? null, source: r.source, created_at: now() });
    added.push(r.name);
  }
  return added;
}

/**
 * For pack import: stores the report sources a pack template names in its `reports` entry
 * (`{"self-eval": "reports/self-eval.hbs"}`), taking each source from the pack's loaded reports
 * (matched by file path, else by name). Call it in the import transaction after publishing the
 * template version. Returns the names stored now.
 */
export async function saveReportsOfPackTemplate(
  db: Knex,
  packReports: readonly { name: string; file: string; source: string }[],
  template: { id: string; version: string; reports?: Record<string, string> },
): Promise<string[]> {
  const wanted = Object.entries(template.reports ?? {});
  const found: { name: string; file: string; source: string }[] = [];
  for (const [name, file] of wanted) {
    const norm = file.replace(/^\.\//, '');
    const r = packReports.find((x) => x.file.replace(/^\.\//, '') === norm) ?? packReports.find((x) => x.name === name);
    if (r) found.push({ name, file: r.file, source: r.source });
  }
  return saveTemplateReports(db, template.id, template.version, found);
}
