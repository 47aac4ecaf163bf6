/**
 * 导入Excel (project.manage): the workbook of projects and budgets (the import template's
 * columns). One transaction on the server: with any problem nothing is imported, and every
 * problem is listed with its Excel row and column.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { IMPORT_TEMPLATE_URL, importProblems, importProjects, type ImportProblem, type ImportResult } from '../../api/projects-admin';

export function ProjectImport({ onImported, onClose }: { onImported: () => void; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; problems: ImportProblem[] } | null>(null);

  const run = async (file: File): Promise<void> => {
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await importProjects(file));
      onImported();
    } catch (e) {
      setFailure(e instanceof ApiError ? { message: e.message, problems: importProblems(e.details) } : { message: '导入失败', problems: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal visible width={720} title="导入项目（Excel）" footer={null} onCancel={onClose} className="jx-project-import">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => (void run(file as unknown as File), false)}>
            <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="project-import-file">
              选择 .xlsx 文件
            </Button>
          </Upload>
          <a href={IMPORT_TEMPLATE_URL} download data-testid="project-import-template">
            下载导入模板
          </a>
        </Space>
        <span style={{ color: '#888' }}>年度 + 项目编码已存在的行更新该项目，其余新建；有任何错误则整表不导入。</span>
        {result !== null ? (
          <Alert type="success" showIcon message={`已导入 ${result.rows} 行：新建 ${result.created} 个、更新 ${result.updated} 个项目`} data-testid="project-import-result" />
        ) : null}
        {failure !== null ? (
          <>
            <Alert type="error" showIcon message={`${failure.message}（未导入任何数据）`} data-testid="project-import-error" />
            {failure.problems.length > 0 ? (
              <Table<ImportProblem>
                size="small"
                rowKey={(p, i) => `${p.row ?? ''}-${p.column ?? ''}-${i ?? 0}`}
                dataSource={failure.problems}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                data-testid="project-import-problems"
                columns={[
                  { title: '行', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            ) : null}
          </>
        ) : null}
      </Space>
    </Modal>
  );
}
