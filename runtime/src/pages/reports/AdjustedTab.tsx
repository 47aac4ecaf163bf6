/** 已调整项目: projects whose 调整数 is not zero. */
import { reportXlsxUrl, type AdjustedRow } from '../../api/reports';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { Guard } from '../common';
import { moneyCol, textCol } from './columns';
import { AllYearsFilter, BudgetTypeFilter, DepartmentFilter, ExportButton, FilterBar, projectListCaption, ReportGrid, useReportBudgetType, useReportDepartment } from './parts';
import { useReport } from './use-report';
import type { UrlQuery } from '../../app/url-query';

const COLUMNS = [
  textCol<AdjustedRow>('项目编码', (r) => r.project.code),
  textCol<AdjustedRow>('项目名称', (r) => <a href={href(`/projects/${r.project.id}`)}>{r.project.name}</a>),
  textCol<AdjustedRow>('所属科室', (r) => r.department.name),
  textCol<AdjustedRow>('年份', (r) => `${r.year}年`),
  moneyCol<AdjustedRow>('本年度申请资金', (r) => r.requested),
  moneyCol<AdjustedRow>('调整数', (r) => r.adjustment),
  moneyCol<AdjustedRow>('调整后预算数', (r) => r.adjusted),
];

export function AdjustedTab({ q }: { q: UrlQuery }) {
  const session = useSession();
  const query = { department: useReportDepartment(q), budgetType: useReportBudgetType(q), year: q.get('years') === 'all' ? undefined : session.year };
  const data = useReport('adjusted', query);
  return (
    <>
      <FilterBar extra={<ExportButton href={reportXlsxUrl('adjusted', query)} />}>
        <DepartmentFilter q={q} />
        <BudgetTypeFilter q={q} />
        <AllYearsFilter q={q} />
      </FilterBar>
      <Guard loaded={data}>
        {(d) => (
          <ReportGrid
            testId="report-table-adjusted"
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
