/**
 * Permission strings and the built-in roles. A role is a configurable set of permissions
 * (roles.permissions); these are the sets seeded on first start.
 */
export const PERMISSIONS = [
  'org.manage',
  'user.manage',
  'role.manage',
  'template.design',
  'template.publish',
  'template.bind',
  'pack.import',
  'project.manage',
  'submission.fill',
  'submission.review',
  'spending.record',
  'report.view',
  'audit.view',
  'scope.all',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const isPermission = (s: string): s is Permission => (PERMISSIONS as readonly string[]).includes(s);

export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  'org.manage': '管理部门',
  'user.manage': '管理用户',
  'role.manage': '管理角色与权限',
  'template.design': '设计模板（草稿）',
  'template.publish': '发布模板版本',
  'template.bind': '关联模板到部门',
  'pack.import': '导入模板包',
  'project.manage': '管理项目',
  'submission.fill': '填报',
  'submission.review': '审核填报',
  'spending.record': '登记日常支出',
  'report.view': '查看报表',
  'audit.view': '查看审计日志',
  'scope.all': '查看全部部门（不受部门范围限制）',
};

export interface BuiltinRole {
  code: string;
  name: string;
  permissions: readonly Permission[];
}

export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  { code: 'admin', name: '系统管理员', permissions: PERMISSIONS },
  { code: 'leader', name: '领导人员', permissions: ['report.view', 'submission.review'] },
  { code: 'spending', name: '日常支出管理人员', permissions: ['spending.record', 'report.view'] },
  { code: 'finance', name: '财务人员', permissions: ['project.manage', 'spending.record', 'template.bind', 'report.view'] },
  { code: 'reviewer', name: '主管部门审核', permissions: ['submission.review', 'report.view'] },
  { code: 'unit', name: '预算单位填报', permissions: ['submission.fill', 'report.view'] },
];
