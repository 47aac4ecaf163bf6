/** 项目情况: each project's declaration status, money and warning light, with filters. */
import { reportXlsxUrl, type DeclarationStatus, type ProjectStatusRow, type WarningFilter as Warning } from '../../api/reports';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { Guard } from '../common';
import { moneyCol, pctCol, textCol } from './columns';
import { AllYearsFilter, BudgetTypeFilter, DepartmentFilter, ExportButton, FilterBar, MonthFilter, NameFilter, projectListCaption, ReportGrid, StatusFilter, useReportBudgetType, useReportDepartment, WarningBadge, WarningFilter } from './parts';
import { useReport } from './use-report';
import type { UrlQuery } from '../../app/url-query';

const COLUMNS = [
  textCol<ProjectStatusRow>('序号', (r) => r.index, { align: 'right' }),
  textCol<ProjectStatusRow>('项目编码', (r) => r.project.code),
  textCol<ProjectStatusRow>('项目名称', (r) => <a href={href(`/projects/${r.project.id}`)}>{r.project.name}</a>),
  textCol<ProjectStatusRow>('所属科室', (r) => r.department.name),
  textCol<ProjectStatusRow>('年份', (r) => `${r.year}年`),
  textCol<ProjectStatusRow>('状态', (r) => r.statusText),
  moneyCol<ProjectStatusRow>('年初预算', (r) => r.initialBudget),
  moneyCol<ProjectStatusRow>('年中调整', (r) => r.adjustment),
  moneyCol<ProjectStatusRow>('调整后预算数', (r) => r.adjusted),
  moneyCol<ProjectStatusRow>('支出', (r) => r.spent),
  moneyCol<ProjectStatusRow>('余额', (r) => r.balance),
  pctCol<ProjectStatusRow>('支出进度', (r) => r.progress),
  textCol<ProjectStatusRow>('预警', (r) => <WarningBadge w={r.warning} />),
];

export function ProjectsTab({ q }: { q: UrlQuery }) {
  const session = useSession();
  const query = {
    department: useReportDepartment(q),
    budgetType: useReportBudgetType(q),
    year: q.get('years') === 'all' ? undefined : session.year,
    month: q.int('month'),
    name: q.get('name'),
    status: q.get('status') as DeclarationStatus | undefined,
    warning: q.get('warning') as Warning | undefined,
  };
  const data = useReport('projects', query);
  return (
    <>
      <FilterBar extra={<ExportButton href={reportXlsxUrl('projects', query)} />}>
        <DepartmentFilter q={q} />
        <BudgetTypeFilter q={q} />
        <AllYearsFilter q={q} />
        <MonthFilter q={q} />
        <StatusFilter q={q} />
        <WarningFilter q={q} />
        <NameFilter q={q} />
      </FilterBar>
      <Guard loaded={data}>
        {(d) => (
          <ReportGrid
            testId="report-table-projects"
            loading={data.loading}
            caption={projectListCaption(d.department.name, query.year, d.items.length)}
            rows={d.items}
            rowKey={(r) => String(r.project.id)}
            columns={COLUMNS}
          />
        )}
      </Guard>
    </>
  );
}
