/**
 * 角色权限 (role.manage): the roles with what each may do — add a role, rename one, change its
 * permissions. The admin role keeps every permission (ROLE_LOCKED), and nobody grants a permission
 * they do not hold themselves (ROLE_ESCALATION): the server's message is shown.
 */
import { Alert, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { createRole, listPermissions, listRoles, updateRole, type Permission, type Role } from '../api/users';
import { Guard, PageCard, useLoad } from './common';
import { validValues } from './valid-values';

/** The built-in role whose permissions are fixed. */
const ADMIN_ROLE = 'admin';


function RoleForm({ role, permissions, onDone, onClose }: { role: Role | null; permissions: Permission[]; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<{ code: string; name: string; permissions: string[] }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const locked = role?.code === ADMIN_ROLE;
  const save = async (): Promise<void> => {
    const v = await validValues(form);
    if (v === undefined) return;
    setSaving(true);
    setProblem(null);
    try {
      if (role === null) await createRole({ code: v.code.trim(), name: v.name.trim(), permissions: v.permissions ?? [] });
      else await updateRole(role.code, locked ? { name: v.name.trim() } : { name: v.name.trim(), permissions: v.permissions ?? [] });
      void message.success('已保存');
      onDone();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal visible width={640} title={role === null ? '新建角色' : `编辑角色 ${role.name}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={onClose} className="jx-role-form">
      {problem !== null ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="role-form-error" /> : null}
      <Form form={form} layout="vertical" initialValues={role ?? { permissions: [] }}>
        {role === null ? (
          <Form.Item name="code" label="编码" rules={[{ required: true, whitespace: true, message: '请输入编码' }]}>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="permissions" label={locked ? '权限（系统管理员拥有全部权限，不能修改）' : '权限'}>
          <Checkbox.Group disabled={locked} style={{ width: '100%' }}>
            <Space direction="vertical">
              {permissions.map((p) => (
                <Checkbox key={p.code} value={p.code} data-testid={`permission-${p.code}`}>
                  {p.label}（{p.code}）
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RolesPage() {
  const loaded = useLoad(async () => {
    const [roles, permissions] = await Promise.all([listRoles(), listPermissions()]);
    return { roles: roles.items, permissions: permissions.items };
  }, []);
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);
  return (
    <PageCard
      title="角色权限"
      extra={
        <Button type="primary" onClick={() => setEditing(null)} data-testid="role-create">
          新建角色
        </Button>
      }
    >
      <Guard loaded={loaded}>
        {({ roles, permissions }) => (
          <>
            <Table<Role>
              rowKey="code"
              size="middle"
              pagination={false}
              dataSource={roles}
              data-testid="roles-table"
              onRow={(r) => ({ 'data-role': r.code }) as object}
              columns={[
                { title: '角色', dataIndex: 'name', width: 160, render: (name: string, r) => (r.builtin ? <Space>{name}<Tag>内置</Tag></Space> : name) },
                { title: '编码', dataIndex: 'code', width: 120 },
                {
                  title: '权限',
                  dataIndex: 'permissions',
                  render: (codes: string[]) => codes.map((c) => <Tag key={c}>{permissions.find((p) => p.code === c)?.label ?? c}</Tag>),
                },
                {
                  title: '操作',
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, r) => (
                    <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="role-edit">
                      编辑
                    </Button>
                  ),
                },
              ]}
            />
            {editing !== undefined ? (
              <RoleForm
                role={editing}
                permissions={permissions}
                onClose={() => setEditing(undefined)}
                onDone={() => {
                  setEditing(undefined);
                  loaded.reload();
                }}
              />
            ) : null}
          </>
        )}
      </Guard>
    </PageCard>
  );
}
