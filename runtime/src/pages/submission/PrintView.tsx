/**
 * 打印: a submission read-only, for paper — every section and indicator row as plain text tables
 * (no inputs), with the server's computed values, total score and grade, then the form's 附件.
 * Rendered from the template schema and `submission.values` (inputs plus every computed field, as
 * stored), so what is printed is what the server holds. What the template hides (`x-visible`
 * FALSE, as the engine evaluates it on the stored inputs) is not printed: no label row for a
 * hidden field or section, a blank cell for a hidden cell, no column hidden in every row. While
 * mounted, the body carries `jx-printing`: the print stylesheet hides the shell (menu, top bar)
 * and every `.jx-no-print` element.
 */
import { Button, Space } from 'antd';
import { useEffect, useMemo } from 'react';
import { reportUrl, type Project, type Submission } from '../../api/endpoints';
import { attachmentDownloadUrl, formatSize } from '../../api/files';
import { href } from '../../app/router';
import { departmentName, useSession } from '../../app/session';
import { displayDecimals, isRecord, type SchemaNode, type TemplateDoc } from '../../form/template-types';
import { AttachmentsProvider, useAttachments } from '../../form/attachments/context';
import { createFormEngine, formatScalar } from '../../form/engine-adapter';
import { orderedProperties } from '../../form/to-formily';
import { ErrorBox, KIND_LABELS, STATUS_LABELS } from '../common';
import { formatScalarValue, labelOf } from './field-labels';
import { formatTime } from '../../api/time';
import './print.css';

export interface PrintViewProps {
  submission: Submission;
  template: TemplateDoc;
  project: Project | null;
}

/** Landscape pages: indicator tables are wide. Rendered only while the print view is mounted. */
const PAGE_STYLE = '@page { size: A4 landscape; margin: 12mm; }';

export function PrintView({ submission, template, project }: PrintViewProps) {
  useEffect(() => {
    document.body.classList.add('jx-printing');
    return () => document.body.classList.remove('jx-printing');
  }, []);
  const reports = Object.keys(template.reports ?? {});
  // the same evaluation the form runs (engine-adapter), on the stored inputs
  const hidden = useMemo(() => hiddenPaths(template, submission.data), [template, submission.data]);
  return (
    <div className="jx-print-view" data-testid="print-view">
      <style>{PAGE_STYLE}</style>
      <Space className="jx-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()} data-testid="print-button">
          打印
        </Button>
        <Button href={href(`/submissions/${submission.id}`)}>返回表单</Button>
        {reports.map((name) => (
          <Button key={name} href={reportUrl(submission.id, name)} target="_blank" data-testid="report-link">
            自评报告（{name}）
          </Button>
        ))}
      </Space>
      <h1 className="jx-print-title">{template.title}</h1>
      <PrintHeader submission={submission} template={template} project={project} />
      <PrintSections schema={template.schema} values={submission.values} hidden={hidden} />
      <AttachmentsProvider submissionId={submission.id} editable={false}>
        <PrintAttachments schema={template.schema} />
      </AttachmentsProvider>
    </div>
  );
}

function PrintHeader({ submission, template, project }: PrintViewProps) {
  const session = useSession();
  const cells: Array<[string, string]> = [
    ['项目', project !== null ? `${project.name}（${project.code}）` : `项目 #${submission.projectId}`],
    ['单位', departmentName(session, submission.department)],
    ['类型', KIND_LABELS[submission.kind] ?? submission.kind],
    ['年度', `${submission.fiscalYear}${submission.period !== null ? ` · ${submission.period}` : ''}`],
    ['状态', STATUS_LABELS[submission.status]?.text ?? submission.status],
    ['模板版本', `${template.id} ${submission.templateVersion}`],
  ];
  if (submission.total !== null) cells.push(['总分', formatScalar(submission.total, { decimals: 2 })]);
  if (submission.grade !== null) cells.push(['评价等级', submission.grade]);
  return (
    <div className="jx-print-meta" data-testid="print-meta">
      {cells.map(([k, v]) => (
        <span key={k} data-label={k}>
          <b>{k}：</b>
          {v}
        </span>
      ))}
    </div>
  );
}

type Entry = [string, SchemaNode];

/** Whether the template hides a data path (`annualIndicators[1].target`) for these inputs. */
type HiddenPaths = (path: string) => boolean;

/**
 * Whether a data path is hidden: itself or a section or row table above it. A template the engine
 * cannot evaluate hides nothing (the form shows why; the print shows what is stored).
 */
function hiddenPaths(template: TemplateDoc, data: Record<string, unknown>): HiddenPaths {
  const hidden = createFormEngine(template).evaluate(data).hiddenData;
  if (hidden.size === 0) return () => false;
  return (path) => {
    for (let i = 0; i < path.length; i++) {
      if ((path[i] === '.' || path[i] === '[') && hidden.has(path.slice(0, i))) return true;
    }
    return hidden.has(path);
  };
}

const isObjectNode = (n: SchemaNode): boolean => n.type === 'object' || n.properties !== undefined;
const isRowTable = (n: SchemaNode): boolean => n.type === 'array' && n.items !== undefined && isObjectNode(n.items);

/** Consecutive scalars share one key-value table; objects and row tables are their own sections. */
function PrintSections({ schema, values, hidden, prefix = '', level = 2 }: { schema: SchemaNode; values: unknown; hidden: HiddenPaths; prefix?: string; level?: number }) {
  const record = isRecord(values) ? values : {};
  const groups: Array<{ kind: 'fields'; entries: Entry[] } | { kind: 'section'; entry: Entry }> = [];
  for (const entry of orderedProperties(schema)) {
    const [key, node] = entry;
    if (hidden(prefix === '' ? key : `${prefix}.${key}`)) continue;
    if (isObjectNode(node) || isRowTable(node)) {
      groups.push({ kind: 'section', entry });
      continue;
    }
    const last = groups[groups.length - 1];
    if (last?.kind === 'fields') last.entries.push(entry);
    else groups.push({ kind: 'fields', entries: [entry] });
  }
  return (
    <>
      {groups.map((g) => {
        if (g.kind === 'fields') return <FieldTable key={`f:${g.entries[0]?.[0] ?? ''}`} entries={g.entries} values={record} prefix={prefix} />;
        const [key, node] = g.entry;
        const path = prefix === '' ? key : `${prefix}.${key}`;
        const Heading = level <= 2 ? 'h2' : 'h3';
        return (
          <section key={key} className="jx-print-section" data-path={path}>
            <Heading>{node.title ?? key}</Heading>
            {isRowTable(node) ? (
              <RowTable node={node} rows={record[key]} path={path} hidden={hidden} />
            ) : (
              <PrintSections schema={node} values={record[key]} hidden={hidden} prefix={path} level={level + 1} />
            )}
          </section>
        );
      })}
    </>
  );
}

/** A scalar (or a list of scalars) as printed text, with the field's unit. */
function valueText(node: SchemaNode, v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => valueText(node.items ?? {}, x)).join('、');
  const text = formatScalarValue(node, v);
  const unit = node['x-unit'];
  return text !== '' && typeof unit === 'string' && unit !== '' ? `${text} ${unit}` : text;
}

function FieldTable({ entries, values, prefix }: { entries: Entry[]; values: Record<string, unknown>; prefix: string }) {
  return (
    <table className="jx-print-fields">
      <tbody>
        {entries.map(([key, node]) => {
          const path = prefix === '' ? key : `${prefix}.${key}`;
          const numeric = node.type === 'number' || node.type === 'integer';
          return (
            <tr key={key}>
              <th>{node.title ?? key}</th>
              <td data-path={path} className={numeric ? 'jx-print-num' : undefined}>
                {valueText(node, values[key])}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Indicator rows and other lists of objects; columns blank or hidden in every row are left out to
 * fit the page, a cell hidden in its row is blank.
 */
function RowTable({ node, rows, path, hidden }: { node: SchemaNode; rows: unknown; path: string; hidden: HiddenPaths }) {
  const items = node.items ?? {};
  const list = Array.isArray(rows) ? rows.filter(isRecord) : [];
  if (list.length === 0) return <p className="jx-print-empty">（无）</p>;
  const shown = (i: number, key: string): boolean => !hidden(`${path}[${i}].${key}`);
  const columns = orderedProperties(items).filter(([key]) => list.some((r, i) => shown(i, key) && formatScalarValue(items.properties?.[key], r[key]) !== ''));
  return (
    <table className="jx-print-rows" data-path={path}>
      <thead>
        <tr>
          <th>序号</th>
          {columns.map(([key, col]) => (
            <th key={key}>{col.title ?? key}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {list.map((row, i) => (
          <tr key={i}>
            <td className="jx-print-num">{i + 1}</td>
            {columns.map(([key, col]) => (
              <td key={key} data-path={`${path}[${i}].${key}`} className={displayDecimals(col) !== undefined || col.type === 'number' ? 'jx-print-num' : undefined}>
                {shown(i, key) ? valueText(col, row[key]) : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 附件: the form's files and each row's, as listed by the server (the 附件 card's list). Names link
 * to the download on screen; on paper they are plain text.
 */
function PrintAttachments({ schema }: { schema: SchemaNode }) {
  const ctx = useAttachments();
  if (ctx === null) return null;
  const body = (() => {
    if (ctx.error !== undefined) return <ErrorBox error={ctx.error} />;
    if (!ctx.loaded) return <p className="jx-print-empty">加载中…</p>;
    if (ctx.items.length === 0) return <p className="jx-print-empty">（无）</p>;
    return (
      <table className="jx-print-rows" data-testid="print-attachments-table">
        <thead>
          <tr>
            <th>序号</th>
            <th>文件名</th>
            <th>大小</th>
            <th>所属</th>
            <th>上传人</th>
            <th>上传时间</th>
          </tr>
        </thead>
        <tbody>
          {ctx.items.map((a, i) => (
            <tr key={a.id} data-attachment-id={a.id} data-field={a.field ?? ''}>
              <td className="jx-print-num">{i + 1}</td>
              <td className="jx-print-file">
                <a href={attachmentDownloadUrl(a.id)} download={a.name}>
                  {a.name}
                </a>
              </td>
              <td className="jx-print-num">{formatSize(a.size)}</td>
              <td className="jx-print-owner">{a.field === null ? '整表' : labelOf(schema, a.field)}</td>
              <td>{a.uploadedBy ?? ''}</td>
              <td>{formatTime(a.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  })();
  return (
    <section className="jx-print-section" data-testid="print-attachments">
      <h2>附件</h2>
      {body}
    </section>
  );
}
