/**
 * One form (declaration, monitoring or self-evaluation): fill it (autosaved drafts, submit with
 * server validation), view it, or review it (approve / return with a comment). The template is
 * the pinned version resolved for the submission's department (GET /api/submissions/:id/template).
 * Self-evaluations show the live total score and grade computed by the engine.
 */
import { Alert, Button, Input, Space, Spin, Timeline, message } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../api/client';
import {
  getProject,
  getSubmission,
  getSubmissionTemplate,
  reportUrl,
  reviewSubmission,
  saveSubmission,
  searchIndicators,
  submissionHistory,
  submitSubmission,
  type HistoryEntry,
  type Project,
  type Submission,
  type SubmissionTemplate,
} from '../api/endpoints';
import { useSession } from '../app/session';
import type { FieldIssue } from '../form/engine-adapter';
import { TemplateForm, type FormValues } from '../form/TemplateForm';
import { ErrorBox, KIND_LABELS, PageCard, StatusTag, useLoad } from './common';

interface Loaded {
  submission: Submission;
  template: SubmissionTemplate;
  project: Project | null;
  history: HistoryEntry[];
}

async function load(id: number): Promise<Loaded> {
  const [submission, template, history] = await Promise.all([getSubmission(id), getSubmissionTemplate(id), submissionHistory(id).then((h) => h.items, () => [])]);
  const project = await getProject(submission.projectId).catch(() => null);
  return { submission, template, project, history };
}

const ACTIONS: Record<string, string> = { create: '创建', save: '保存', submit: '提交', return: '退回', approve: '审核通过' };

export function SubmissionPage({ id }: { id: number }) {
  const loaded = useLoad(() => load(id), [id]);
  if (loaded.loading && loaded.data === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (loaded.error !== undefined) {
    return (
      <PageCard>
        <ErrorBox error={loaded.error} />
      </PageCard>
    );
  }
  if (loaded.data === undefined) return null;
  const s = loaded.data.submission;
  return <SubmissionView key={`${s.id}:${s.status}`} data={loaded.data} reload={loaded.reload} />;
}

function SubmissionView({ data, reload }: { data: Loaded; reload: () => void }) {
  const { submission, template, project, history } = data;
  const session = useSession();
  const rowVersion = useRef(submission.rowVersion);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState(false);
  const editable = (submission.status === 'draft' || submission.status === 'returned') && session.can('submission.fill');
  const reviewable = submission.status === 'submitted' && session.can('submission.review');

  const report = (e: unknown): never => {
    if (e instanceof ApiError && e.status === 409) setConflict(true);
    if (e instanceof ApiError && e.status === 422) setServerIssues(e.fieldIssues());
    void message.error(e instanceof ApiError ? e.message : '操作失败');
    throw e;
  };

  const save = async (values: FormValues): Promise<void> => {
    try {
      rowVersion.current = (await saveSubmission(submission.id, values, rowVersion.current)).rowVersion;
    } catch (e) {
      report(e);
    }
  };

  const submit = async (values: FormValues): Promise<void> => {
    try {
      await submitSubmission(submission.id, values, rowVersion.current);
      void message.success('已提交');
      reload();
    } catch (e) {
      report(e);
    }
  };

  return (
    <>
      <PageCard
        title={
          <Space>
            <span>{KIND_LABELS[submission.kind] ?? submission.kind}</span>
            <span style={{ fontWeight: 'normal' }}>{project?.name ?? `项目 #${submission.projectId}`}</span>
            {submission.period !== null ? <span style={{ fontWeight: 'normal' }}>{submission.period}</span> : null}
            <StatusTag status={submission.status} />
          </Space>
        }
        extra={
          <span style={{ color: '#888' }}>
            {template.template.title} · {template.version}
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
          template={template.template}
          initialValues={editable ? submission.data : submission.values}
          readOnly={!editable}
          onAutosave={editable ? save : undefined}
          onSubmit={editable ? submit : undefined}
          submitText={submission.status === 'returned' ? '重新提交' : '提交'}
          serverIssues={serverIssues}
          indicatorSearch={async (q) => (await searchIndicators(q)).items}
        />
      </PageCard>
      {reviewable ? <ReviewPanel submission={submission} onDone={reload} /> : null}
      {history.length > 0 ? (
        <PageCard title="处理记录">
          <Timeline>
            {history.map((h) => (
              <Timeline.Item key={h.id} color={h.action === 'return' ? 'red' : h.action === 'approve' ? 'green' : 'blue'}>
                {h.at.slice(0, 16).replace('T', ' ')} {h.actor ?? ''} {ACTIONS[h.action] ?? h.action}
                {h.comment ? `：${h.comment}` : ''}
              </Timeline.Item>
            ))}
          </Timeline>
        </PageCard>
      ) : null}
      {template.template.reports !== undefined && Object.keys(template.template.reports).length > 0 ? (
        <PageCard title="报告">
          <Space>
            {Object.keys(template.template.reports).map((name) => (
              <Button key={name} href={reportUrl(submission.id, name)} target="_blank">
                打印报告（{name}）
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
      <Input.TextArea rows={3} placeholder="审核意见（退回时必填）" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="review-comment" />
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
