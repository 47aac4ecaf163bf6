/**
 * 打印: a submission read-only, for paper — every section and indicator row as plain text tables
 * (no inputs), with the server's computed values, total score and grade. Rendered from the
 * template schema and `submission.values` (inputs plus every computed field, as stored), so what
 * is printed is what the server holds. While mounted, the body carries `jx-printing`: the print
 * stylesheet hides the shell (menu, top bar) and every `.jx-no-print` element.
 */
import { Button, Space } from 'antd';
import { useEffect } from 'react';
import { reportUrl, type Project, type Submission } from '../../api/endpoints';
import { href } from '../../app/router';
import { departmentName, useSession } from '../../app/session';
import { displayDecimals, isRecord, type SchemaNode, type TemplateDoc } from '../../form/template-types';
import { formatScalar } from '../../form/engine-adapter';
import { orderedProperties } from '../../form/to-formily';
import { KIND_LABELS, STATUS_LABELS } from '../common';
import { formatScalarValue } from './field-labels';
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
      <PrintSections schema={template.schema} values={submission.values} />
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

const isObjectNode = (n: SchemaNode): boolean => n.type === 'object' || n.properties !== undefined;
const isRowTable = (n: SchemaNode): boolean => n.type === 'array' && n.items !== undefined && isObjectNode(n.items);

/** Consecutive scalars share one key-value table; objects and row tables are their own sections. */
function PrintSections({ schema, values, prefix = '', level = 2 }: { schema: SchemaNode; values: unknown; prefix?: string; level?: number }) {
  const record = isRecord(values) ? values : {};
  const groups: Array<{ kind: 'fields'; entries: Entry[] } | { kind: 'section'; entry: Entry }> = [];
  for (const entry of orderedProperties(schema)) {
    const [, node] = entry;
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
              <RowTable node={node} rows={record[key]} path={path} />
            ) : (
              <PrintSections schema={node} values={record[key]} prefix={path} level={level + 1} />
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

/** Indicator rows and other lists of objects; columns blank in every row are left out to fit the page. */
function RowTable({ node, rows, path }: { node: SchemaNode; rows: unknown; path: string }) {
  const items = node.items ?? {};
  const list = Array.isArray(rows) ? rows.filter(isRecord) : [];
  if (list.length === 0) return <p className="jx-print-empty">（无）</p>;
  const columns = orderedProperties(items).filter(([key]) => list.some((r) => formatScalarValue(items.properties?.[key], r[key]) !== ''));
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
                {valueText(col, row[key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
