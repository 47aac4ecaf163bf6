/**
 * One form (declaration, monitoring or self-evaluation): fill it (autosaved drafts, submit with
 * server validation), view it, or review it (approve / return with a comment). Self-evaluations
 * show the live total score and grade computed by the engine.
 */
import { Alert, Button, Input, Space, Spin, Timeline, message } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../api/client';
import {
  getSubmission,
  getTemplateVersion,
  reportUrl,
  reviewSubmission,
  saveSubmission,
  submitSubmission,
  type Submission,
  type TemplateVersion,
} from '../api/endpoints';
import type { FieldIssue } from '../form/engine-adapter';
import { TemplateForm, type FormValues } from '../form/TemplateForm';
import { ErrorBox, KIND_LABELS, PageCard, StatusTag, useLoad } from './common';

interface Loaded {
  submission: Submission;
  version: TemplateVersion;
}

async function load(id: number): Promise<Loaded> {
  const submission = await getSubmission(id);
  const version = await getTemplateVersion(submission.templateId, submission.version);
  return { submission, version };
}

export function SubmissionPage({ id }: { id: number }) {
  const loaded = useLoad(() => load(id), [id]);
  if (loaded.loading && loaded.data === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (loaded.error !== undefined) return <PageCard><ErrorBox error={loaded.error} /></PageCard>;
  if (loaded.data === undefined) return null;
  return <SubmissionView key={`${id}:${loaded.data.submission.rowVersion}:${loaded.data.submission.status}`} data={loaded.data} reload={loaded.reload} />;
}

function SubmissionView({ data, reload }: { data: Loaded; reload: () => void }) {
  const { submission, version } = data;
  const rowVersion = useRef(submission.rowVersion);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState(false);
  const editable = (submission.status === 'draft' || submission.status === 'returned') && submission.can?.edit !== false;
  const reviewable = submission.status === 'submitted' && submission.can?.review === true;

  const handleError = (e: unknown): never => {
    if (e instanceof ApiError && e.status === 409) setConflict(true);
    if (e instanceof ApiError && e.status === 422) setServerIssues(e.fieldIssues());
    if (e instanceof ApiError) void message.error(e.message);
    throw e;
  };

  const save = async (values: FormValues): Promise<void> => {
    try {
      const saved = await saveSubmission(submission.id, values, rowVersion.current);
      rowVersion.current = saved.rowVersion;
    } catch (e) {
      handleError(e);
    }
  };

  const submit = async (values: FormValues): Promise<void> => {
    try {
      await submitSubmission(submission.id, values, rowVersion.current);
      void message.success('已提交');
      reload();
    } catch (e) {
      handleError(e);
    }
  };

  return (
    <>
      <PageCard
        title={
          <Space>
            <span>{KIND_LABELS[submission.kind] ?? submission.kind}</span>
            <span style={{ fontWeight: 'normal' }}>{submission.projectName}</span>
            <StatusTag status={submission.status} />
          </Space>
        }
        extra={
          <span style={{ color: '#888' }}>
            {version.title} · {version.version}
          </span>
        }
      >
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="此表单已被他人修改，您的修改未保存"
            action={<Button onClick={reload}>重新加载</Button>}
          />
        ) : null}
        <TemplateForm
          template={version.template}
          department={submission.department}
          initialValues={submission.data}
          readOnly={!editable}
          onAutosave={editable ? save : undefined}
          onSubmit={editable ? submit : undefined}
          submitText={submission.status === 'returned' ? '重新提交' : '提交'}
          serverIssues={serverIssues}
        />
      </PageCard>
      {reviewable ? <ReviewPanel submission={submission} onDone={reload} /> : null}
      {submission.history !== undefined && submission.history.length > 0 ? (
        <PageCard title="审核记录">
          <Timeline>
            {submission.history.map((h, i) => (
              <Timeline.Item key={i} color={h.action === 'return' ? 'red' : h.action === 'approve' ? 'green' : 'blue'}>
                {h.at} {h.by} {({ submit: '提交', resubmit: '重新提交', approve: '审核通过', return: '退回' } as const)[h.action]}
                {h.comment ? `：${h.comment}` : ''}
              </Timeline.Item>
            ))}
          </Timeline>
        </PageCard>
      ) : null}
      {version.template.reports !== undefined ? (
        <PageCard title="报告">
          <Space>
            {Object.keys(version.template.reports).map((name) => (
              <Button key={name} href={reportUrl(submission.id, name)} target="_blank">
                打印 {name}
              </Button>
            ))}
          </Space>
        </PageCard>
      ) : null}
    </>
  );
}

function ReviewPanel({ submission, onDone }: { submission: Submission; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (action: 'approve' | 'return'): Promise<void> => {
    if (action === 'return' && comment.trim() === '') {
      void message.warning('退回时请填写审核意见');
      return;
    }
    setBusy(true);
    try {
      await reviewSubmission(submission.id, action, comment, submission.rowVersion);
      void message.success(action === 'approve' ? '已审核通过' : '已退回');
      onDone();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <PageCard title="审核">
      <Input.TextArea rows={3} placeholder="审核意见" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="review-comment" />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" loading={busy} onClick={() => void act('approve')} data-testid="review-approve">
          审核通过
        </Button>
        <Button danger loading={busy} onClick={() => void act('return')} data-testid="review-return">
          退回
        </Button>
      </Space>
    </PageCard>
  );
}
