/**
 * Seed hook: the demo street office's projects (templates/demo-street/projects.json, format in
 * that folder's README) with their payment records, so that the home dashboard shows seed 000's
 * figures right after the first start. Idempotent: a project whose (fiscal year, code) exists is
 * left alone, with its records. Skipped when demo seeding is off or the file is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { SeedContext, SeedHook } from '../db/seed';
import { fenToDb, yuanToFen } from '../db/money';
import { toJsonColumn } from '../db/json';
import { now, toInt } from '../db/time';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit/service';
import { moveProject } from '../modules/monitoring/summary';

export class DemoProjectsError extends Error {
  override name = 'DemoProjectsError';
}

export interface DemoEntry {
  month: number;
  amount: string;
  date?: string;
  memo?: string;
  payee?: string;
}

export interface DemoProject {
  code: string;
  name: string;
  department: string;
  fiscalYear: number;
  budgetType: string;
  projectType?: string;
  category?: string;
  fundUse?: string;
  attribute?: string;
  requested: string;
  initialBudget: string;
  adjustment: string;
  sources: { source: string; amount: string }[];
  spending: DemoEntry[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads and checks projects.json (throws DemoProjectsError naming the bad entry). */
export function parseDemoProjects(text: string): DemoProject[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new DemoProjectsError('projects.json: expected an array');
  return data.map((p: unknown, i): DemoProject => {
    const where = `projects.json[${i}]`;
    if (!isRecord(p)) throw new DemoProjectsError(`${where}: expected an object`);
    for (const k of ['code', 'name', 'department', 'budgetType', 'requested', 'initialBudget', 'adjustment']) {
      if (typeof p[k] !== 'string') throw new DemoProjectsError(`${where}.${k}: expected text`);
    }
    if (typeof p.fiscalYear !== 'number' || !Number.isInteger(p.fiscalYear)) throw new DemoProjectsError(`${where}.fiscalYear: expected a year`);
    const sources = Array.isArray(p.sources) ? p.sources : [];
    const spending = Array.isArray(p.spending) ? p.spending : [];
    return {
      code: p.code as string,
      name: p.name as string,
      department: p.department as string,
      fiscalYear: p.fiscalYear,
      budgetType: p.budgetType as string,
      projectType: optString(p.projectType),
      category: optString(p.category),
      fundUse: optString(p.fundUse),
      attribute: optString(p.attribute),
      requested: p.requested as string,
      initialBudget: p.initialBudget as string,
      adjustment: p.adjustment as string,
      sources: sources.map((s: unknown, j) => {
        if (!isRecord(s) || typeof s.source !== 'string' || typeof s.amount !== 'string') throw new DemoProjectsError(`${where}.sources[${j}]: expected {source, amount}`);
        return { source: s.source, amount: s.amount };
      }),
      spending: spending.map((e: unknown, j) => {
        if (!isRecord(e) || typeof e.month !== 'number' || !Number.isInteger(e.month) || e.month < 1 || e.month > 12 || typeof e.amount !== 'string') {
          throw new DemoProjectsError(`${where}.spending[${j}]: expected {month 1–12, amount}`);
        }
        return { month: e.month, amount: e.amount, date: optString(e.date), memo: optString(e.memo), payee: optString(e.payee) };
      }),
    };
  });
}

/**
 * Inserts the projects that are missing, with their records: entries with a date become payment
 * records (支付记录), entries without one monthly spending entries. Returns how many projects were added.
 */
export async function loadDemoProjects(db: Knex, projects: readonly DemoProject[]): Promise<number> {
  return db.transaction(async (trx) => {
    const departments = new Set(((await trx('departments').select('code')) as { code: string }[]).map((d) => d.code));
    let added = 0;
    for (const p of projects) {
      if (!departments.has(p.department)) continue;
      if (await trx('projects').where({ fiscal_year: p.fiscalYear, code: p.code }).first()) continue;
      const at = now();
      const requested = yuanToFen(p.requested);
      const adjustment = yuanToFen(p.adjustment);
      const [rawId] = await trx('projects').insert({
        code: p.code,
        name: p.name,
        department_code: p.department,
        fiscal_year: p.fiscalYear,
        budget_type: p.budgetType,
        project_type: p.projectType ?? null,
        category: p.category ?? null,
        fund_use: p.fundUse ?? null,
        attribute: p.attribute ?? null,
        requested_fen: fenToDb(requested),
        initial_budget_fen: fenToDb(yuanToFen(p.initialBudget)),
        adjustment_fen: fenToDb(adjustment),
        adjusted_fen: fenToDb(requested + adjustment),
        sources: toJsonColumn(p.sources.map((s) => ({ source: s.source, amountFen: fenToDb(yuanToFen(s.amount)) }))),
        status: 'active',
        row_version: 1,
        created_by: 'system',
        created_at: at,
        updated_at: at,
      });
      const id = toInt(rawId);
      for (const e of p.spending) {
        const amount = fenToDb(yuanToFen(e.amount));
        if (e.date) {
          const [y, m] = e.date.split('-').map(Number) as [number, number];
          await trx('payments').insert({ project_id: id, date: e.date, fiscal_year: y, month: m, amount_fen: amount, payee: e.payee ?? null, memo: e.memo ?? null, created_by: 'system', created_at: at });
        } else {
          await trx('spending').insert({ project_id: id, fiscal_year: p.fiscalYear, month: e.month, amount_fen: amount, memo: e.memo ?? null, created_by: 'system', created_at: at });
        }
      }
      await moveProject(trx, id, null, { department: p.department, fiscalYear: p.fiscalYear, budgetType: p.budgetType }); // the dashboard summary
      await recordAudit(trx, SYSTEM_ACTOR, { entityType: 'project', entityId: id, action: 'seed', after: { code: p.code, name: p.name, department: p.department, fiscalYear: p.fiscalYear } });
      added++;
    }
    return added;
  });
}

/** The seed hook (registered in db/seed.ts `seedHooks`). */
export const seedDemoProjects: SeedHook = async ({ db, config, log }: SeedContext) => {
  if (!config.seedDemo) return;
  const file = path.join(config.repoRoot, 'templates', 'demo-street', 'projects.json');
  if (!fs.existsSync(file)) return;
  let projects: DemoProject[];
  try {
    projects = parseDemoProjects(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    log.warn(`无法读取演示项目 ${file} / cannot read the demo projects: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const added = await loadDemoProjects(db, projects);
  if (added > 0) log.info(`已导入演示项目 ${added} 个 / demo projects: ${added}`);
};
