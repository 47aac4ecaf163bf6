/**
 * 模板包: the imported template packs, and (with `pack.import`) importing a bundle file built by
 * `jixiao pack build` — the same check and import as `jixiao pack import`. The answer is shown
 * above the table: 已导入 / 未变化 with the template versions published and the indicator rows
 * written, or every problem of a refused pack (nothing is written then).
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { importPack, listPacks, packProblems, shortHash, type PackImportResult, type PackProblem, type PackRecord } from '../api/packs';
import { formatTime } from '../api/time';
import { useSession } from '../app/session';
import { Guard, PageCard, useLoad } from './common';

type Outcome = { ok: true; file: string; result: PackImportResult } | { ok: false; file: string; message: string; problems: PackProblem[] };

/** A file that is not JSON at all never reaches the server. */
class NotJsonError extends Error {}

async function readBundle(file: File): Promise<unknown> {
  const text = await file.text();
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new NotJsonError('不是有效的 JSON 文件，请选择由 jixiao pack build 生成的模板包文件（.json）');
  }
}

function Versions({ label, items, testId }: { label: string; items: string[]; testId: string }) {
  return (
    <div data-testid={testId}>
      {label}：{items.length === 0 ? '无' : items.map((v) => <Tag key={v}>{v}</Tag>)}
    </div>
  );
}

function OutcomeAlert({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  if (!outcome.ok) {
    return (
      <Alert
        type="error"
        showIcon
        closable
        onClose={onClose}
        style={{ marginBottom: 12 }}
        data-testid="pack-import-error"
        message={`${outcome.file} 未导入：${outcome.message}`}
        description={
          outcome.problems.length === 0 ? undefined : (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {outcome.problems.map((p, i) => (
                <li key={i} data-testid="pack-problem">
                  {p.path !== '' ? <Typography.Text code>{p.path}</Typography.Text> : null}
                  {p.path !== '' ? '：' : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          )
        }
      />
    );
  }
  const r = outcome.result;
  return (
    <Alert
      type={r.status === 'imported' ? 'success' : 'info'}
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 12 }}
      data-testid="pack-import-result"
      message={r.status === 'imported' ? `已导入 ${r.name} ${r.version}` : `未变化：${r.name} ${r.version} 已导入过，内容相同`}
      description={
        r.status === 'imported' ? (
          <Space direction="vertical" size={4}>
            <Versions label="发布的模板版本" items={r.published} testId="pack-published" />
            {r.existing.length > 0 ? <Versions label="已有的模板版本（内容相同，未重复发布）" items={r.existing} testId="pack-existing" /> : null}
            <div data-testid="pack-indicators">指标库：{r.indicators > 0 ? `写入 ${r.indicators} 条指标` : '未更新（已有更新的版本）'}</div>
          </Space>
        ) : undefined
      }
    />
  );
}

export function PacksPage() {
  const session = useSession();
  const loaded = useLoad(() => listPacks(), []);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const canImport = session.can('pack.import');

  const submit = async (file: File): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await importPack(await readBundle(file));
      setOutcome({ ok: true, file: file.name, result });
      loaded.reload();
    } catch (e) {
      setOutcome({ ok: false, file: file.name, message: e instanceof NotJsonError ? e.message : errorMessage(e), problems: packProblems(e) });
    } finally {
      setBusy(false);
    }
  };

  const upload = canImport ? (
    <span data-testid="pack-upload">
      <Upload
        accept=".json,application/json"
        showUploadList={false}
        multiple={false}
        disabled={busy}
        beforeUpload={(file) => {
          void submit(file);
          return false;
        }}
      >
        <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="pack-import">
          导入模板包
        </Button>
      </Upload>
    </span>
  ) : undefined;

  return (
    <PageCard title="模板包" extra={upload}>
      {canImport ? (
        <Typography.Paragraph type="secondary">选择由 jixiao pack build 生成的模板包文件（.json）导入：先完整校验，通过后发布其中的模板版本并更新指标库；未通过时不写入任何内容。</Typography.Paragraph>
      ) : null}
      {outcome !== null ? <OutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} /> : null}
      <Guard loaded={loaded}>
        {(d) => (
          <Table<PackRecord>
            rowKey={(p) => `${p.name}@${p.version}`}
            size="middle"
            pagination={false}
            dataSource={d.items}
            data-testid="packs-table"
            loading={loaded.loading}
            locale={{ emptyText: '尚未导入模板包' }}
            onRow={(p) => ({ 'data-pack': `${p.name}@${p.version}` }) as object}
            columns={[
              { title: '名称', dataIndex: 'name', width: 140 },
              { title: '版本', dataIndex: 'version', width: 90 },
              { title: '标题', dataIndex: 'title' },
              { title: '地区', dataIndex: 'region', width: 120 },
              { title: '导入人', dataIndex: 'importedBy', width: 110, render: (u: string | null) => u ?? '—' },
              { title: '导入时间', dataIndex: 'importedAt', width: 150, render: (at: string) => formatTime(at) },
              {
                title: '内容 hash',
                dataIndex: 'hash',
                width: 140,
                render: (h: string) => (
                  <Typography.Text code title={h}>
                    {shortHash(h)}
                  </Typography.Text>
                ),
              },
            ]}
          />
        )}
      </Guard>
    </PageCard>
  );
}
