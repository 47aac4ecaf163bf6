/**
 * 填写本月费用 of one project (监控管理 / 项目汇报(财务) in the seed): the money figures (申报金额,
 * 累计支出, 余额, 执行率, light), the 本月支出 form and its entries, the 支付记录 form and its
 * records. Every write reloads the lists and the figures from the server. Without
 * `spending.record` the page is read-only.
 */
import { Alert, Button, Divider, Space } from 'antd';
import { deletePayment, deleteSpending, getProjectMonitoring, listPayments, listSpending, type ProjectMonitoring } from '../api/monitoring';
import { href } from '../app/router';
import { useSession } from '../app/session';
import { Guard, PageCard, useLoad } from './common';
import { PaymentForm, SpendingForm } from './spending/EntryForms';
import { PaymentTable, SpendingTable } from './spending/EntryTables';
import { MonthTable, SummaryPanel } from './spending/SummaryPanel';

/** The month a new entry is for: this month in the current fiscal year, else the figures' month. */
function defaultMonth(m: ProjectMonitoring): number {
  const now = new Date();
  return m.project.fiscalYear === now.getFullYear() ? now.getMonth() + 1 : m.month;
}

export function SpendingPage({ id }: { id: number }) {
  const session = useSession();
  const canWrite = session.can('spending.record');
  const figures = useLoad(() => getProjectMonitoring(id), [id]);
  const spending = useLoad(() => listSpending(id), [id]);
  const payments = useLoad(() => listPayments(id), [id]);
  const reload = (): void => {
    figures.reload();
    spending.reload();
    payments.reload();
  };
  const removeSpending = async (entryId: number): Promise<void> => {
    try {
      await deleteSpending(id, entryId);
    } finally {
      reload();
    }
  };
  const removePayment = async (entryId: number): Promise<void> => {
    try {
      await deletePayment(id, entryId);
    } finally {
      reload();
    }
  };

  return (
    <Guard loaded={figures}>
      {(m) => (
        <>
          <PageCard
            title={
              <span>
                填写本月费用{' '}
                <small
                  style={{ fontWeight: 'normal', color: 'rgba(0,0,0,0.45)' }}
                  data-testid="spending-project"
                >{`${m.project.name}（${m.project.code}，${m.project.fiscalYear} 年）`}</small>
              </span>
            }
            extra={
              <Space>
                <Button href={href(`/projects/${id}`)} data-testid="spending-back">返回项目</Button>
              </Space>
            }
          >
            {canWrite ? null : (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message="您没有登记支出的权限（spending.record），本页只读" data-testid="spending-readonly" />
            )}
            <p className="jx-section-desc">单位：元。累计支出 = 本月支出登记 + 支付记录；余额 = 调整后预算 − 累计支出。</p>
            <SummaryPanel m={m} />
          </PageCard>
          <PageCard title="本月支出">
            {canWrite ? <SpendingForm projectId={id} fiscalYear={m.project.fiscalYear} defaultMonth={defaultMonth(m)} onSaved={reload} /> : null}
            {canWrite ? <Divider style={{ margin: '12px 0' }} /> : null}
            <Guard loaded={spending}>{(list) => <SpendingTable list={list} {...(canWrite ? { onDelete: removeSpending } : {})} />}</Guard>
          </PageCard>
          <PageCard title="支付记录">
            {canWrite ? <PaymentForm projectId={id} fiscalYear={m.project.fiscalYear} defaultMonth={defaultMonth(m)} onSaved={reload} /> : null}
            {canWrite ? <Divider style={{ margin: '12px 0' }} /> : null}
            <Guard loaded={payments}>{(list) => <PaymentTable list={list} {...(canWrite ? { onDelete: removePayment } : {})} />}</Guard>
          </PageCard>
          <PageCard title="各月支出">
            <MonthTable months={m.months} />
          </PageCard>
        </>
      )}
    </Guard>
  );
}
