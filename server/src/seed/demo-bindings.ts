/**
 * Seed hook: bind the demo street office's templates (申报 / 监控 / 自评 of the demo-street pack)
 * to its root department for every fiscal year of the demo projects and for the current year, so
 * that a newcomer who logs in as a demo unit user can fill forms right after the first start.
 * Runs after the pack import; a department+kind+year that already has a binding is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SeedContext, SeedHook } from '../db/seed';
import { SYSTEM_ACTOR } from '../modules/audit/service';
import * as orgRepo from '../modules/org/repo';
import * as templates from '../modules/templates/service';

const BOUND_KINDS = ['declaration', 'monitoring', 'self-evaluation'] as const;

interface PackTemplateHead {
  id: string;
  kind: string;
  version: string;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** id/kind/version of each template file in the pack folder. */
function templateHeads(packDir: string): PackTemplateHead[] {
  const dir = path.join(packDir, 'templates');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(path.join(dir, f)))
    .filter(isRecord)
    .filter((t) => typeof t.id === 'string' && typeof t.kind === 'string' && typeof t.version === 'string')
    .map((t) => ({ id: t.id as string, kind: t.kind as string, version: t.version as string }));
}

function demoYears(packDir: string, currentYear: number): number[] {
  const file = path.join(packDir, 'projects.json');
  const years = new Set<number>([currentYear]);
  if (fs.existsSync(file)) {
    const list = readJson(file);
    if (Array.isArray(list)) {
      for (const p of list) if (isRecord(p) && typeof p.fiscalYear === 'number') years.add(p.fiscalYear);
    }
  }
  return [...years].sort();
}

function rootDepartment(packDir: string): string | undefined {
  const file = path.join(packDir, 'departments.json');
  if (!fs.existsSync(file)) return undefined;
  const list = readJson(file);
  if (!Array.isArray(list)) return undefined;
  const root = list.find((d) => isRecord(d) && (d.parent === null || d.parent === undefined));
  return isRecord(root) && typeof root.code === 'string' ? root.code : undefined;
}

export const seedDemoBindings: SeedHook = async ({ db, config, log }: SeedContext) => {
  if (!config.seedDemo) return;
  const packDir = path.join(config.repoRoot, 'templates', 'demo-street');
  const department = rootDepartment(packDir);
  if (!department || !(await orgRepo.getDepartment(db, department))) return;
  const heads = templateHeads(packDir).filter((t) => (BOUND_KINDS as readonly string[]).includes(t.kind));
  const nodes = await orgRepo.listDepartmentNodes(db);
  const scope = { all: true, codes: new Set(nodes.map((n) => n.code)) };
  let bound = 0;
  for (const year of demoYears(packDir, new Date().getFullYear())) {
    const existing = await templates.listBindings(db, scope, { department, year });
    for (const t of heads) {
      if (existing.some((b) => b.kind === t.kind)) continue;
      if (!(await templates.getVersion(db, t.id, t.version).catch(() => undefined))) continue; // pack not imported
      await templates.setBinding(db, SYSTEM_ACTOR, scope, { department, kind: t.kind, year, templateId: t.id, version: t.version });
      bound++;
    }
  }
  if (bound > 0) log.info(`已为演示部门 ${department} 关联 ${bound} 个模板 / demo bindings created`);
};
