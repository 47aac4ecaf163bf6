/** 审计日志: every write — who, when, which entity, before/after (audit.view, not scoped). */
import { api } from './client';

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  entityType: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditQuery {
  /** `project`, or one entity: `project:12`. */
  entity?: string;
  user?: string;
  /** YYYY-MM-DD (inclusive). */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** EXISTS: GET /api/audit?entity&user&from&to&page&pageSize → {items, total, page, pageSize}, newest first. */
export const listAudit = (q: AuditQuery) => api.get<{ items: AuditEntry[]; total: number; page: number; pageSize: number }>('/api/audit', { ...q });

export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  department: '部门',
  user: '用户',
  role: '角色',
  template: '模板',
  'template-draft': '模板草稿',
  binding: '关联模板',
  pack: '模板包',
  project: '项目',
  submission: '填报',
  spending: '本月支出',
  payment: '支付记录',
  attachment: '附件',
};

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  move: '移动',
  disable: '停用',
  publish: '发布',
  import: '导入',
  'import-create': '导入新建',
  'import-update': '导入更新',
  seed: '初始化',
  save: '保存',
  submit: '提交',
  resubmit: '重新提交',
  return: '退回',
  approve: '审核通过',
  upload: '上传',
  login: '登录',
  logout: '退出',
  'reset-password': '重置密码',
  'change-password': '修改密码',
  close: '关闭',
};
