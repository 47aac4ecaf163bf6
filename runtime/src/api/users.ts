/** 用户管理 and 角色权限: the accounts of the departments in the admin's scope, and the roles they can hold. */
import { api } from './client';

export interface UserAccount {
  id: number;
  username: string;
  displayName: string;
  department: string;
  roles: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Role {
  code: string;
  name: string;
  permissions: string[];
  builtin: boolean;
}

export interface NewUser {
  username: string;
  password: string;
  department: string;
  displayName?: string;
  roles: string[];
}

export type UserChange = Partial<Pick<UserAccount, 'displayName' | 'department' | 'roles' | 'enabled'>>;

/** EXISTS: GET /api/users → {items} (user.manage; in scope). */
export const listUsers = () => api.get<{ items: UserAccount[] }>('/api/users');
/** EXISTS: POST /api/users → 201 user; 409 USERNAME_TAKEN, 422 field problems, 403 ROLE_ESCALATION. */
export const createUser = (u: NewUser) => api.post<UserAccount>('/api/users', u);
/** EXISTS: PATCH /api/users/:id → user (disabling ends the user's sessions). */
export const updateUser = (id: number, change: UserChange) => api.patch<UserAccount>(`/api/users/${id}`, change);
/** EXISTS: POST /api/users/:id/password {password} → 204 (the user's sessions end). */
export const setPassword = (id: number, password: string) => api.post<void>(`/api/users/${id}/password`, { password });
/** EXISTS: GET /api/roles → {items}. */
export const listRoles = () => api.get<{ items: Role[] }>('/api/roles');

export interface Permission {
  code: string;
  label: string;
}

/** EXISTS: GET /api/permissions → {items} (every permission a role can carry, with its zh-CN label). */
export const listPermissions = () => api.get<{ items: Permission[] }>('/api/permissions');
/** EXISTS: POST /api/roles {code, name, permissions} → 201 role; 409 ROLE_EXISTS, 403 ROLE_ESCALATION. */
export const createRole = (r: Pick<Role, 'code' | 'name' | 'permissions'>) => api.post<Role>('/api/roles', r);
/** EXISTS: PATCH /api/roles/:code {name?, permissions?} → role; 422 ROLE_LOCKED (the admin role's permissions). */
export const updateRole = (code: string, change: Partial<Pick<Role, 'name' | 'permissions'>>) => api.patch<Role>(`/api/roles/${encodeURIComponent(code)}`, change);
