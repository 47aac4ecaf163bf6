/**
 * One form (declaration, monitoring or self-evaluation): fill it (autosaved drafts, submit with
 * server validation), view it, or review it (approve / return with a comment). The template is
 * the pinned version resolved for the submission's department (GET /api/submissions/:id/template).
 * Self-evaluations show the live total score and grade computed by the engine. A returned form
 * shows the reviewer's comment on top; the history lists every action and compares versions;
 * `#/submissions/:id?print=1` is the read-only print view (the router's query, read here so the
 * route table stays as it is).
 */
import { Alert, Button, Input, Space, Spin, message } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import {
  getProject,
  getSubmission,
  getSubmissionTemplate,
  reportUrl,
  reviewSubmission,
  saveSubmission,
  submitSubmission,
  type Project,
  type Submission,
  type SubmissionTemplate,
} from '../api/endpoints';
import { projectIndicatorSource } from '../api/indicators';
import { getHistory, type HistoryItem } from '../api/submissions-history';
import { href, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { AttachmentPanel } from '../form/attachments/AttachmentPanel';
import { AttachmentsProvider } from '../form/attachments/context';
import type { FieldIssue } from '../form/engine-adapter';
import type { SchemaNode } from '../form/template-types';
import { TemplateForm, type FormValues } from '../form/TemplateForm';
import { ErrorBox, KIND_LABELS, PageCard, StatusTag, useLoad } from './common';
import { HistoryPanel } from './submission/HistoryPanel';
import { DiffView } from './submission/DiffView';
import { formatTime } from '../api/time';
import { lastResubmission, pendingReturn } from './submission/history-model';
import { PrintView } from './submission/PrintView';
import { ProjectDataNotice } from './submission/ProjectDataNotice';
import { useSubmissionHistory } from './submission/use-history';

interface Loaded {
  submission: Submission;
  template: SubmissionTemplate;
  project: Project | null;
  history: HistoryItem[];
}

async function load(id: number): Promise<Loaded> {
  const [submission, template, history] = await Promise.all([getSubmission(id), getSubmissionTemplate(id), getHistory(id)]);
  // A project the user may not read (a reviewer above its department) only loses its name.
  const project = await getProject(submission.projectId).catch(() => null);
  return { submission, template, project, history: history.items };
}

export function SubmissionPage({ id }: { id: number }) {
  const loaded = useLoad(() => load(id), [id]);
  const print = useLocation().query.get('print') === '1';
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
  if (print) return <PrintView submission={s} template={loaded.data.template.template} project={loaded.data.project} />;
  // A reload that finds a newer stored version (project data applied, 重新加载 after a conflict)
  // remounts the form: TemplateForm reads its initial values once.
  return <SubmissionView key={`${s.id}:${s.status}:${s.rowVersion}`} data={loaded.data} reload={loaded.reload} />;
}

function SubmissionView({ data, reload }: { data: Loaded; reload: () => void }) {
  const { submission, template, project } = data;
  const session = useSession();
  // refreshed after each answered save, so the 处理记录 lists it without a reload
  const { items: history, refresh: refreshHistory } = useSubmissionHistory(submission.id, data.history);
  const rowVersion = useRef(submission.rowVersion);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState(false);
  const indicatorSource = useMemo(() => projectIndicatorSource(submission.projectId), [submission.projectId]);
  const editable = (submission.status === 'draft' || submission.status === 'returned') && session.can('submission.fill');
  // Reviewers review the departments below their own (the server answers 403 REVIEW_OWN_DEPARTMENT).
  const ownDepartment = !session.me.scope.all && submission.department === session.me.department?.code;
  const reviewable = submission.status === 'submitted' && session.can('submission.review') && !ownDepartment;

  const report = (e: unknown): never => {
    if (e instanceof ApiError && e.status === 409) setConflict(true);
    if (e instanceof ApiError && e.status === 422) setServerIssues(e.fieldIssues());
    void message.error(errorMessage(e));
    throw e;
  };

  const save = async (values: FormValues): Promise<void> => {
    try {
      rowVersion.current = (await saveSubmission(submission.id, values, rowVersion.current)).rowVersion;
      refreshHistory();
    } catch (e) {
      report(e);
    }
  };

  /**
   * Rows of a table were moved or removed and shifted rows with attachments: save now, with where
   * the rows were, so the attachments move with them. A failed save shows why and reloads what
   * is stored (the form and the attachments must not disagree).
   */
  const saveMovedRows = async (table: string, origins: Array<number | null>, values: Record<string, unknown>): Promise<void> => {
    try {
      rowVersion.current = (await saveSubmission(submission.id, values, rowVersion.current, { [table]: origins })).rowVersion;
      refreshHistory();
    } catch (e) {
      void message.error(`行的调整未能保存：${errorMessage(e)}`);
      reload();
      throw e;
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

  // One attachment list for the 附件 card and the indicator rows' 附件 column.
  return (
    <AttachmentsProvider submissionId={submission.id} editable={editable} {...(editable ? { onRowsMoved: saveMovedRows } : {})}>
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
          <Space>
            <span style={{ color: '#888' }}>
              {template.template.title} · {template.version}
            </span>
            <Button href={href(`/submissions/${submission.id}?print=1`)} data-testid="open-print">
              打印预览
            </Button>
          </Space>
        }
      >
        <ReturnNotice history={history} status={submission.status} />
        {editable ? <ProjectDataNotice submissionId={submission.id} schema={template.template.schema as SchemaNode} onApplied={reload} /> : null}
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
          indicatorSource={indicatorSource}
          attachments={{ submissionId: submission.id, editable }}
        />
      </PageCard>
      <PageCard title="附件">
        <AttachmentPanel field={null} testId="form-attachments" />
      </PageCard>
      {reviewable ? <ReviewPanel submission={submission} schema={template.template.schema} history={history} onDone={reload} /> : null}
      {history.length > 0 ? (
        <PageCard title="处理记录">
          <HistoryPanel submissionId={submission.id} schema={template.template.schema} items={history} />
        </PageCard>
      ) : null}
      {template.template.reports !== undefined && Object.keys(template.template.reports).length > 0 ? (
        <PageCard title="报告">
          <Space>
            {Object.keys(template.template.reports).map((name) => (
              <Button key={name} href={reportUrl(submission.id, name)} target="_blank">
                {submission.kind === 'self-evaluation' ? '自评报告' : '报告'}（{name}）
              </Button>
            ))}
          </Space>
        </PageCard>
      ) : null}
    </AttachmentsProvider>
  );
}

interface ReviewPanelProps {
  submission: Submission;
  schema: SchemaNode;
  history: HistoryItem[];
  onDone: () => void;
}

/** Approve or return; a resubmitted form shows at once what the unit changed since the last submission. */
function ReviewPanel({ submission, schema, history, onDone }: ReviewPanelProps) {
  const resubmission = lastResubmission(history);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (action: 'approve' | 'return'): Promise<void> => {
    if (action === 'return' && comment.trim() === '') {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      await reviewSubmission(submission.id, action, comment, submission.rowVersion);
      void message.success(action === 'approve' ? '已审核通过' : '已退回');
      onDone();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PageCard title="审核">
      {resubmission !== null ? (
        <div className="jx-review-changes" data-testid="review-changes" style={{ marginBottom: 16 }}>
          <h3>退回后重新提交的修改（与上次提交比较）</h3>
          <DiffView submissionId={submission.id} schema={schema} from={resubmission.from} to={resubmission.to} />
        </div>
      ) : null}
      <Input.TextArea
        rows={3}
        maxLength={2000}
        showCount
        status={missing ? 'error' : undefined}
        placeholder="审核意见（退回时必填，将显示给填报单位）"
        value={comment}
        onChange={(e) => {
          setComment(e.target.value);
          if (e.target.value.trim() !== '') setMissing(false);
        }}
        data-testid="review-comment"
      />
      {missing ? (
        <div className="ant-form-item-explain-error" data-testid="review-comment-error">
          退回时必须填写审核意见
        </div>
      ) : null}
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

/** The reviewer's comment on a returned form, on top where the unit cannot miss it. */
function ReturnNotice({ history, status }: { history: HistoryItem[]; status: Submission['status'] }) {
  const r = pendingReturn(history, status);
  if (r === null) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="jx-return-notice"
      style={{ marginBottom: 12 }}
      data-testid="return-notice"
      message="审核退回，请按审核意见修改后重新提交"
      description={
        <>
          <div className="jx-return-comment" data-testid="return-comment" style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>
            {r.comment ?? ''}
          </div>
          <div style={{ color: '#888', marginTop: 4 }}>
            {r.actor ?? ''} · {formatTime(r.at)}
          </div>
        </>
      }
    />
  );
}
