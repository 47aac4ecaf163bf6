/**
 * The attachments of the whole form (`field` null) or of one field / table row: a list (name as
 * download link, size, uploader, time), upload with progress, delete after confirmation. Only a
 * list when the submission is not editable. Server errors (413, 415 with the allowed types,
 * 409) show as a message and under the upload button.
 */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, Progress, Space, Table, Upload, message } from 'antd';
import type { ColumnsType } from 'antd/lib/table';
import type { UploadRequestOption } from 'rc-upload/lib/interface';
import { useState, type HTMLAttributes } from 'react';
import { errorMessage } from '../../api/client';
import { attachmentDownloadUrl, deleteAttachment, formatSize, uploadAttachment, type Attachment } from '../../api/files';
import { formatTime } from '../../api/time';
import { useAttachments, type AttachmentsState } from './context';


export function AttachmentPanel({ field, testId }: { field: string | null; testId: string }) {
  const ctx = useAttachments();
  if (ctx === null) return null;
  const items = ctx.items.filter((a) => a.field === field);
  return (
    <div className="jx-attachments" data-testid={testId} data-field={field ?? ''} data-editable={ctx.editable ? 'true' : 'false'}>
      {ctx.editable ? <UploadButton ctx={ctx} field={field} /> : null}
      <AttachmentTable ctx={ctx} items={items} />
    </div>
  );
}

function UploadButton({ ctx, field }: { ctx: AttachmentsState; field: string | null }) {
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (opts: UploadRequestOption): Promise<void> => {
    const file = opts.file as Blob & { name?: string };
    setError(null);
    setPercent(0);
    try {
      const a = await uploadAttachment(ctx.submissionId, file, field, setPercent);
      opts.onSuccess?.(a);
      void message.success(`已上传 ${a.name}`);
      await ctx.refresh();
    } catch (e) {
      setError(errorMessage(e));
      void message.error(errorMessage(e));
      opts.onError?.(e instanceof Error ? e : new Error(errorMessage(e)));
    } finally {
      setPercent(null);
    }
  };
  return (
    <div className="jx-attachment-upload">
      <Space>
        <Upload customRequest={(o) => void upload(o)} showUploadList={false} multiple={false} disabled={percent !== null}>
          <Button icon={<UploadOutlined />} loading={percent !== null} data-testid="attachment-upload">
            上传附件
          </Button>
        </Upload>
        {percent !== null ? <Progress percent={percent} size="small" style={{ width: 160 }} data-testid="attachment-progress" /> : null}
        <span className="jx-hint">支持 PDF、JPG/PNG 图片、Word、Excel、ZIP</span>
      </Space>
      {error !== null ? (
        <div className="ant-form-item-explain-error jx-attachment-error" data-testid="attachment-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}

function AttachmentTable({ ctx, items }: { ctx: AttachmentsState; items: Attachment[] }) {
  const remove = async (a: Attachment): Promise<void> => {
    try {
      await deleteAttachment(a.id);
      void message.success(`已删除 ${a.name}`);
    } catch (e) {
      void message.error(errorMessage(e));
    }
    await ctx.refresh();
  };
  const columns: ColumnsType<Attachment> = [
    {
      title: '文件名',
      dataIndex: 'name',
      render: (_: unknown, a: Attachment) => (
        <a href={attachmentDownloadUrl(a.id)} download={a.name} data-testid="attachment-link">
          <PaperClipOutlined /> {a.name}
        </a>
      ),
    },
    { title: '大小', dataIndex: 'size', width: 100, render: (_: unknown, a: Attachment) => <span data-testid="attachment-size">{formatSize(a.size)}</span> },
    { title: '上传人', dataIndex: 'uploadedBy', width: 110, render: (_: unknown, a: Attachment) => a.uploadedBy ?? '—' },
    { title: '上传时间', dataIndex: 'createdAt', width: 150, render: (_: unknown, a: Attachment) => formatTime(a.createdAt) },
  ];
  if (ctx.editable) {
    columns.push({
      title: '操作',
      key: 'ops',
      width: 80,
      render: (_: unknown, a: Attachment) => (
        <Popconfirm title={`删除附件“${a.name}”？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(a)}>
          <Button type="link" danger size="small" data-testid="attachment-delete">
            删除
          </Button>
        </Popconfirm>
      ),
    });
  }
  return (
    <Table<Attachment>
      size="small"
      rowKey="id"
      className="jx-attachment-list"
      columns={columns}
      dataSource={items}
      pagination={false}
      loading={ctx.loading && ctx.items.length === 0}
      onRow={(a) => ({ 'data-attachment-id': a.id, 'data-testid': 'attachment-item' }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ctx.error !== undefined ? `附件列表加载失败：${errorMessage(ctx.error)}` : '暂无附件'} /> }}
    />
  );
}
