/**
 * First-start seeding (idempotent).
 * - Built-in roles: inserted when missing, on every start (existing roles are never changed).
 * - Only when the users table is empty: the demo departments (templates/demo-street/
 *   departments.json when present, else the built-in list below), the `admin` user (password
 *   from JIXIAO_ADMIN_PASSWORD, default admin123, with a warning to change it), one demo user per
 *   role (password demo123) unless seedDemo is off, then every function in `seedHooks`.
 * Later code (pack seeding) appends to `seedHooks`; each hook must itself be idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { ServerConfig } from '../config';
import type { Logger } from '../http/types';
import { now } from './time';
import { BUILTIN_ROLES } from '../modules/auth/permissions';
import { hashPassword } from '../modules/auth/password';
import { recordAudit, SYSTEM_ACTOR } from '../modules/audit/service';
import * as orgRepo from '../modules/org/repo';
import { seedDemoProjects } from '../seed/demo-projects';
import { seedDemoBindings } from '../seed/demo-bindings';
import { seedDemoPacks } from '../modules/packs/seed';

export interface SeedContext {
  db: Knex;
  config: ServerConfig;
  log: Logger;
}

export type SeedHook = (ctx: SeedContext) => Promise<void>;

/** Run, in order, after the first-start seed (users table was empty). Append; don't replace. */
// Packs first (templates, indicator libraries), then the bindings that point at them, then data.
export const seedHooks: SeedHook[] = [seedDemoPacks, seedDemoBindings, seedDemoProjects];

export interface SeedDepartment {
  code: string;
  name: string;
  parent: string | null;
}

export const BUILTIN_DEPARTMENTS: readonly SeedDepartment[] = [
  { code: 'JDB', name: '街道办事处', parent: null },
  { code: 'DQZX', name: '党群中心', parent: 'JDB' },
  { code: 'JDBJ', name: '街道本级', parent: 'JDB' },
  { code: 'HWZX', name: '环卫中心', parent: 'JDB' },
  { code: 'AJB', name: '安监办', parent: 'JDB' },
  { code: 'CL', name: '残联', parent: 'JDB' },
  { code: 'CGB', name: '城管办', parent: 'JDB' },
  { code: 'JJJCB', name: '纪检监察办', parent: 'JDB' },
  { code: 'RDB', name: '人大办', parent: 'JDB' },
  { code: 'GGB', name: '公共办', parent: 'JDB' },
  { code: 'YJB', name: '应急办', parent: 'JDB' },
  { code: 'WHZ', name: '文化站', parent: 'JDB' },
  { code: 'ZHZX', name: '指挥中心', parent: 'JDB' },
];

export const DEMO_PASSWORD = 'demo123';

export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; role: string; department: string }> = [
  { username: 'leader', displayName: '领导（演示）', role: 'leader', department: 'JDB' },
  { username: 'finance', displayName: '财务（演示）', role: 'finance', department: 'JDB' },
  { username: 'reviewer', displayName: '主管部门审核（演示）', role: 'reviewer', department: 'JDB' },
  { username: 'spender', displayName: '日常支出管理（演示）', role: 'spending', department: 'HWZX' },
  { username: 'unit', displayName: '党群中心填报（演示）', role: 'unit', department: 'DQZX' },
  { username: 'hwzx', displayName: '环卫中心填报（演示）', role: 'unit', department: 'HWZX' },
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The demo departments: the demo-street pack's departments.json, else the built-in list. */
export function demoDepartments(config: ServerConfig, log: Logger): SeedDepartment[] {
  const file = path.join(config.repoRoot, 'templates', 'demo-street', 'departments.json');
  if (!fs.existsSync(file)) return [...BUILTIN_DEPARTMENTS];
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const list = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.departments) ? parsed.departments : null;
    if (!list) throw new Error('expected an array of departments');
    const out: SeedDepartment[] = [];
    for (const d of list) {
      if (!isRecord(d) || typeof d.code !== 'string' || typeof d.name !== 'string') throw new Error('each department needs code and name');
      const parent = typeof d.parent === 'string' ? d.parent : typeof d.parentCode === 'string' ? d.parentCode : null;
      out.push({ code: d.code, name: d.name, parent });
    }
    return out;
  } catch (err) {
    log.warn(`无法读取 ${file}，改用内置部门列表 / cannot read ${file}, using the built-in departments: ${err instanceof Error ? err.message : String(err)}`);
    return [...BUILTIN_DEPARTMENTS];
  }
}

async function seedRoles(db: Knex): Promise<void> {
  const at = now();
  for (const role of BUILTIN_ROLES) {
    if (!(await orgRepo.getRole(db, role.code))) {
      await orgRepo.insertRole(db, { code: role.code, name: role.name, permissions: [...role.permissions], builtin: true }, at);
    }
  }
}

/** Parents before children, whatever order the list came in. */
function parentsFirst(list: SeedDepartment[]): SeedDepartment[] {
  const codes = new Set(list.map((d) => d.code));
  const out: SeedDepartment[] = [];
  const placed = new Set<string>();
  let pending = list;
  while (pending.length > 0) {
    const next: SeedDepartment[] = [];
    for (const d of pending) {
      if (d.parent === null || !codes.has(d.parent) || placed.has(d.parent)) {
        out.push(d.parent !== null && !codes.has(d.parent) ? { ...d, parent: null } : d);
        placed.add(d.code);
      } else next.push(d);
    }
    if (next.length === pending.length) {
      out.push(...next.map((d) => ({ ...d, parent: null }))); // a cycle in the file: break it
      break;
    }
    pending = next;
  }
  return out;
}

/** Seeds what is missing; returns true when this was the first start (users were empty). */
export async function seedIfEmpty(db: Knex, config: ServerConfig, log: Logger): Promise<boolean> {
  await db.transaction((trx) => seedRoles(trx));
  if ((await orgRepo.countUsers(db)) > 0) return false;

  const departments = parentsFirst(demoDepartments(config, log));
  const root = departments.find((d) => d.parent === null)?.code ?? 'JDB';
  const demo = config.seedDemo ? DEMO_USERS.filter((u) => departments.some((d) => d.code === u.department)) : [];
  const [adminHash, demoHash] = await Promise.all([hashPassword(config.adminPassword), hashPassword(DEMO_PASSWORD)]);

  const seeded = await db.transaction(async (trx) => {
    if ((await orgRepo.countUsers(trx)) > 0) return false; // another process got here first
    const at = now();
    for (const d of departments) {
      if (!(await orgRepo.getDepartment(trx, d.code))) {
        await orgRepo.insertDepartment(trx, { code: d.code, name: d.name, parentCode: d.parent, enabled: true, sortOrder: 0 }, at);
        await recordAudit(trx, SYSTEM_ACTOR, { entityType: 'department', entityId: d.code, action: 'seed', after: d });
      }
    }
    const users = [{ username: 'admin', displayName: '系统管理员', role: 'admin', department: root, hash: adminHash }, ...demo.map((u) => ({ ...u, hash: demoHash }))];
    for (const u of users) {
      const id = await orgRepo.insertUser(trx, { username: u.username, displayName: u.displayName, departmentCode: u.department, enabled: true, passwordHash: u.hash }, at);
      await orgRepo.setUserRoles(trx, id, [u.role]);
      await recordAudit(trx, SYSTEM_ACTOR, { entityType: 'user', entityId: id, action: 'seed', after: { username: u.username, department: u.department, roles: [u.role] } });
    }
    return true;
  });
  if (!seeded) return false;

  if (config.adminPasswordIsDefault) {
    log.warn(
      `警告：已创建管理员账号 admin，默认密码为 ${config.adminPassword}，请登录后立即修改（或启动前设置 JIXIAO_ADMIN_PASSWORD）。\n` +
        `WARNING: created the admin account with the default password ${config.adminPassword}; change it after signing in (or set JIXIAO_ADMIN_PASSWORD before the first start).`,
    );
  } else {
    log.warn(
      '警告：已创建管理员账号 admin，密码取自 JIXIAO_ADMIN_PASSWORD，请登录后修改。\n' +
        'WARNING: created the admin account with the password from JIXIAO_ADMIN_PASSWORD; change it after signing in.',
    );
  }
  if (demo.length > 0) {
    log.info(`已创建演示账号 / demo accounts: ${demo.map((u) => u.username).join(', ')}（密码 / password ${DEMO_PASSWORD}）`);
  }
  for (const hook of seedHooks) await hook({ db, config, log });
  return true;
}
