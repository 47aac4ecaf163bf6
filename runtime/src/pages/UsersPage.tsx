/**
 * 用户管理 (user.manage): the accounts of the departments in scope — create one for a unit's staff
 * with its department and roles, change name, department and roles, reset the password, disable
 * or enable. The server decides what is allowed (scope, ROLE_ESCALATION, SELF_DISABLE …) and its
 * message is shown on the field it names, or above the form.
 */
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { createUser, listRoles, listUsers, setPassword, updateUser, type NewUser, type Role, type UserAccount } from '../api/users';
import { departmentName, useSession } from '../app/session';
import { Guard, PageCard, useLoad } from './common';
import { showProblems, validValues } from './valid-values';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserAccount } | { mode: 'password'; user: UserAccount };

function UserForm({ editing, roles, onDone, onClose }: { editing: Editing; roles: Role[]; onDone: () => void; onClose: () => void }) {
  const session = useSession();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fields = editing.mode === 'create' ? ['username', 'displayName', 'department', 'roles', 'password'] : editing.mode === 'edit' ? ['displayName', 'department', 'roles'] : ['password'];
  const initial = editing.mode === 'create' ? { department: session.department, roles: [] } : editing.mode === 'edit' ? editing.user : {};
  const title = editing.mode === 'create' ? '新建用户' : editing.mode === 'edit' ? `编辑用户 ${editing.user.username}` : `重置密码 ${editing.user.username}`;

  const submit = async (): Promise<void> => {
    const v = (await validValues(form)) as NewUser | undefined;
    if (v === undefined) return;
    setSaving(true);
    setProblem(null);
    try {
      if (editing.mode === 'create') await createUser({ ...v, roles: v.roles ?? [] });
      else if (editing.mode === 'edit') await updateUser(editing.user.id, { displayName: v.displayName ?? '', department: v.department, roles: v.roles });
      else await setPassword(editing.user.id, v.password);
      void message.success(editing.mode === 'password' ? '密码已重置，该用户需重新登录' : '已保存');
      onDone();
    } catch (e) {
      setProblem(showProblems(form, e, fields, { code: 'USERNAME_TAKEN', field: 'username' }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal visible title={title} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} className="jx-user-form">
      {problem !== null ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="user-form-error" /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        {editing.mode === 'create' ? (
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }, { pattern: /^[A-Za-z0-9_.-]{2,64}$/, message: '2–64 位字母、数字或 _ . -' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        ) : null}
        {editing.mode !== 'password' ? (
          <>
            <Form.Item name="displayName" label="姓名">
              <Input />
            </Form.Item>
            <Form.Item name="department" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
              <Select showSearch optionFilterProp="label" options={session.departments.map((d) => ({ value: d.code, label: d.name }))} />
            </Form.Item>
            <Form.Item name="roles" label="角色">
              <Select mode="multiple" optionFilterProp="label" options={roles.map((r) => ({ value: r.code, label: r.name }))} />
            </Form.Item>
          </>
        ) : null}
        {editing.mode !== 'edit' ? (
          <Form.Item name="password" label={editing.mode === 'create' ? '初始密码' : '新密码'} rules={[{ required: true, message: '请输入密码' }, { min: 6, message: '密码至少 6 位' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const session = useSession();
  const loaded = useLoad(async () => {
    const [users, roles] = await Promise.all([listUsers(), listRoles()]);
    return { users: users.items, roles: roles.items };
  }, []);
  const [editing, setEditing] = useState<Editing | null>(null);

  const toggle = async (u: UserAccount): Promise<void> => {
    try {
      await updateUser(u.id, { enabled: !u.enabled });
      void message.success(u.enabled ? '已停用，该用户的登录已失效' : '已启用');
      loaded.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <PageCard
      title="用户管理"
      extra={
        <Button type="primary" onClick={() => setEditing({ mode: 'create' })} data-testid="user-create">
          新建用户
        </Button>
      }
    >
      <Guard loaded={loaded}>
        {({ users, roles }) => (
          <>
            <Table<UserAccount>
              rowKey="id"
              size="middle"
              dataSource={users}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="users-table"
              onRow={(u) => ({ 'data-username': u.username }) as object}
              columns={[
                { title: '用户名', dataIndex: 'username', width: 140 },
                { title: '姓名', dataIndex: 'displayName' },
                { title: '部门', dataIndex: 'department', render: (d: string) => departmentName(session, d) },
                {
                  title: '角色',
                  dataIndex: 'roles',
                  render: (codes: string[]) => codes.map((c) => <Tag key={c}>{roles.find((r) => r.code === c)?.name ?? c}</Tag>),
                },
                { title: '状态', dataIndex: 'enabled', width: 80, render: (on: boolean) => (on ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
                {
                  title: '操作',
                  key: 'actions',
                  width: 240,
                  render: (_: unknown, u) => (
                    <Space size={4}>
                      <Button size="small" type="link" onClick={() => setEditing({ mode: 'edit', user: u })} data-testid="user-edit">
                        编辑
                      </Button>
                      <Button size="small" type="link" onClick={() => setEditing({ mode: 'password', user: u })} data-testid="user-password">
                        重置密码
                      </Button>
                      <Popconfirm title={u.enabled ? '停用后该用户不能登录，确定吗？' : '启用该用户？'} okText="确定" cancelText="取消" onConfirm={() => void toggle(u)}>
                        <Button size="small" type="link" danger={u.enabled} data-testid="user-toggle">
                          {u.enabled ? '停用' : '启用'}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]}
            />
            {editing !== null ? (
              <UserForm
                editing={editing}
                roles={roles}
                onClose={() => setEditing(null)}
                onDone={() => {
                  setEditing(null);
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
