/**
 * 新建项目 / 编辑项目 (project.manage): code, name, department, year, budget type, project type,
 * attribute and the three amounts in 元 (调整后预算数 = 申请资金 + 调整数 is the server's). The
 * server's field problems are shown on their fields; a stale edit (409) says so.
 */
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select, message } from 'antd';
import { useState } from 'react';
import type { Project } from '../../api/endpoints';
import { createProject, updateProject, type ProjectFields } from '../../api/projects-admin';
import { BUDGET_TYPES } from '../../api/reports';
import { useSession } from '../../app/session';
import { showProblems, validValues } from '../valid-values';

const FIELDS = ['code', 'name', 'department', 'fiscalYear', 'budgetType', 'projectType', 'attribute', 'requested', 'initialBudget', 'adjustment'];
const MONEY = /^-?\d{1,3}(,?\d{3})*(\.\d{1,2})?$|^-?\d+(\.\d{1,2})?$/;

export function ProjectForm({ project, onDone, onClose }: { project: Project | null; onDone: (p: Project) => void; onClose: () => void }) {
  const session = useSession();
  const [form] = Form.useForm<ProjectFields>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const initial: Partial<ProjectFields> = project ?? { department: session.department, fiscalYear: session.year, budgetType: BUDGET_TYPES[0], requested: '0.00', initialBudget: '0.00', adjustment: '0.00' };

  const save = async (): Promise<void> => {
    const v = await validValues(form);
    if (v === undefined) return;
    setSaving(true);
    setProblem(null);
    try {
      const saved = project === null ? await createProject(v) : await updateProject(project.id, project.rowVersion, v);
      void message.success(project === null ? '已新建项目' : '已保存');
      onDone(saved);
    } catch (e) {
      setProblem(showProblems(form, e, FIELDS, { code: 'PROJECT_CODE_TAKEN', field: 'code' }));
    } finally {
      setSaving(false);
    }
  };

  const money = (name: keyof ProjectFields, label: string) => (
    <Form.Item name={name} label={`${label}（元）`} rules={[{ pattern: MONEY, message: '请输入金额，最多两位小数' }]}>
      <Input style={{ textAlign: 'right' }} />
    </Form.Item>
  );

  return (
    <Modal visible width={720} title={project === null ? '新建项目' : `编辑项目 ${project.code}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={onClose} className="jx-project-form">
      {problem !== null ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="project-form-error" /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label="项目编码" rules={[{ required: true, whitespace: true, message: '请输入项目编码' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请输入项目名称' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="department" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
              <Select showSearch optionFilterProp="label" options={session.departments.map((d) => ({ value: d.code, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="fiscalYear" label="年度" rules={[{ required: true, message: '请输入年度' }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="budgetType" label="预算类型" rules={[{ required: true, message: '请选择预算类型' }]}>
              <Select options={BUDGET_TYPES.map((t) => ({ value: t, label: t }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="projectType" label="项目类型">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="attribute" label="项目属性">
              <Select allowClear options={['新增', '延续'].map((a) => ({ value: a, label: a }))} />
            </Form.Item>
          </Col>
          <Col span={8} />
          <Col span={8}>{money('requested', '本年度申请资金')}</Col>
          <Col span={8}>{money('initialBudget', '年初预算数')}</Col>
          <Col span={8}>{money('adjustment', '调整数')}</Col>
        </Row>
      </Form>
    </Modal>
  );
}
