/**
 * 部门管理 (org.manage): the department tree of the user's scope — add a department under the
 * selected one, rename it, move it under another department, change its order, disable or enable
 * it. The server refuses what is not allowed (a move under its own descendant: DEPARTMENT_CYCLE; a
 * taken code; outside the scope) and its message is shown. The session's department list is read
 * again after each change, so the department switcher and every page show the new names.
 */
import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Switch, Tag, Tree, message } from 'antd';
import type { DataNode } from 'antd/lib/tree';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { createDepartment, updateDepartment, type DepartmentChange } from '../api/departments';
import type { Department } from '../api/endpoints';
import { useSession } from '../app/session';
import { PageCard } from './common';
import { validValues } from './valid-values';


/** The departments as antd tree nodes: roots are those whose parent is not in the list. */
function treeOf(departments: readonly Department[]): DataNode[] {
  const codes = new Set(departments.map((d) => d.code));
  const children = new Map<string | null, Department[]>();
  for (const d of departments) {
    const parent = d.parent !== null && codes.has(d.parent) ? d.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const build = (parent: string | null, seen: Set<string>): DataNode[] =>
    (children.get(parent) ?? [])
      .filter((d) => !seen.has(d.code))
      .map((d) => ({
        key: d.code,
        title: (
          <span data-testid={`dept-node-${d.code}`}>
            {d.name} <span style={{ color: '#999' }}>{d.code}</span> {d.enabled === false ? <Tag>停用</Tag> : null}
          </span>
        ),
        children: build(d.code, new Set([...seen, d.code])),
      }));
  return build(null, new Set());
}

/** Everything below `code` (to keep a department from being moved under its own descendants). */
function below(departments: readonly Department[], code: string): Set<string> {
  const out = new Set<string>();
  let frontier = [code];
  while (frontier.length > 0) {
    const next = departments.filter((d) => d.parent !== null && frontier.includes(d.parent) && !out.has(d.code)).map((d) => d.code);
    next.forEach((c) => out.add(c));
    frontier = next;
  }
  return out;
}

function DepartmentForm({ department, departments, onSaved }: { department: Department; departments: readonly Department[]; onSaved: () => Promise<void> }) {
  const [form] = Form.useForm<DepartmentChange>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    form.setFieldsValue({ name: department.name, parent: department.parent, sortOrder: department.sortOrder ?? 0, enabled: department.enabled !== false });
    setProblem(null);
  }, [form, department]);
  const excluded = below(departments, department.code).add(department.code);

  const save = async (): Promise<void> => {
    const v = await validValues(form);
    if (v === undefined) return;
    const change: DepartmentChange = {};
    if (v.name !== department.name) change.name = v.name;
    if ((v.parent ?? null) !== department.parent) change.parent = v.parent ?? null;
    if (v.sortOrder !== (department.sortOrder ?? 0)) change.sortOrder = v.sortOrder;
    if (v.enabled !== (department.enabled !== false)) change.enabled = v.enabled;
    if (Object.keys(change).length === 0) return;
    setSaving(true);
    setProblem(null);
    try {
      await updateDepartment(department.code, change);
      void message.success('已保存');
      await onSaved();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" className="jx-department-form">
      {problem !== null ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="department-error" /> : null}
      <Form.Item label="编码">
        <Input value={department.code} disabled />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="parent" label="上级部门">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="（无：顶级部门）"
          dropdownClassName="jx-department-parent-options"
          options={departments.filter((d) => !excluded.has(d.code)).map((d) => ({ value: d.code, label: d.name }))}
          data-testid="department-parent"
        />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序（小的在前）">
        <InputNumber min={0} precision={0} />
      </Form.Item>
      <Form.Item name="enabled" label="启用" valuePropName="checked">
        <Switch data-testid="department-enabled" />
      </Form.Item>
      <Button type="primary" loading={saving} onClick={() => void save()} data-testid="department-save">
        保存
      </Button>
    </Form>
  );
}

function NewDepartment({ parent, onCreated, onClose }: { parent: Department; onCreated: (code: string) => Promise<void>; onClose: () => void }) {
  const [form] = Form.useForm<{ code: string; name: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const create = async (): Promise<void> => {
    const v = await validValues(form);
    if (v === undefined) return;
    setSaving(true);
    try {
      await createDepartment({ code: v.code.trim(), name: v.name.trim(), parent: parent.code });
      void message.success('已新建部门');
      await onCreated(v.code.trim());
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal visible title={`在“${parent.name}”下新建部门`} okText="新建" cancelText="取消" confirmLoading={saving} onOk={() => void create()} onCancel={onClose} className="jx-department-new">
      {problem !== null ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="code" label="编码" rules={[{ required: true, whitespace: true, message: '请输入编码' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DepartmentsPage() {
  const session = useSession();
  const [selected, setSelected] = useState<string>(session.department);
  const [adding, setAdding] = useState(false);
  const departments = session.departments;
  const current = departments.find((d) => d.code === selected);
  return (
    <PageCard title="部门管理">
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title="部门" data-testid="department-tree">
            <Tree treeData={treeOf(departments)} defaultExpandAll selectedKeys={[selected]} onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))} />
          </Card>
        </Col>
        <Col span={14}>
          {current === undefined ? (
            <Alert type="info" message="从左侧选择一个部门" />
          ) : (
            <Card
              size="small"
              title={current.name}
              extra={
                <Button size="small" onClick={() => setAdding(true)} data-testid="department-add">
                  新建下级部门
                </Button>
              }
            >
              <DepartmentForm department={current} departments={departments} onSaved={session.reloadDepartments} />
            </Card>
          )}
        </Col>
      </Row>
      {adding && current !== undefined ? (
        <NewDepartment
          parent={current}
          onClose={() => setAdding(false)}
          onCreated={async (code) => {
            setAdding(false);
            await session.reloadDepartments();
            setSelected(code);
          }}
        />
      ) : null}
    </PageCard>
  );
}
