/**
 * 新建监控 for one project: monitoring forms are monthly, so the unit picks the month it reports
 * on (a late October report is started in November). Months that already have a form open that
 * form instead of failing with SUBMISSION_EXISTS. The new form takes 月份 and 以前月份累计支出
 * from the period (x-project periodMonth / spentBefore).
 */
import { Button, Modal, Select } from 'antd';
import { useState } from 'react';
import type { SubmissionSummary } from '../../api/endpoints';
import { navigate } from '../../app/router';
import { defaultReportMonth, monthlyPeriod, newSubmissionPath } from '../common';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function MonitoringStart({ projectId, fiscalYear, forms }: { projectId: number; fiscalYear: number; forms: readonly SubmissionSummary[] }) {
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState(() => defaultReportMonth(fiscalYear));
  const existing = new Map(forms.filter((s) => s.kind === 'monitoring' && s.period !== null).map((s) => [s.period as string, s.id]));
  const chosen = existing.get(monthlyPeriod(fiscalYear, month));
  const go = (): void => {
    setOpen(false);
    navigate(chosen !== undefined ? `/submissions/${chosen}` : newSubmissionPath(projectId, 'monitoring', fiscalYear, month));
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="new-monitoring">
        新建监控
      </Button>
      {open ? (
        <Modal visible title="新建监控（按月填报）" okText={chosen !== undefined ? '打开已有表单' : '开始填报'} cancelText="取消" onOk={go} onCancel={() => setOpen(false)} className="jx-monitoring-start">
          <span style={{ marginRight: 8 }}>填报月份</span>
          <Select
            value={month}
            onChange={setMonth}
            style={{ width: 200 }}
            data-testid="monitoring-month"
            options={MONTHS.map((m) => ({ value: m, label: `${fiscalYear} 年 ${m} 月${existing.has(monthlyPeriod(fiscalYear, m)) ? '（已有表单）' : ''}` }))}
          />
          <p style={{ marginTop: 12, color: '#888' }}>新表单的月份与以前月份累计支出按所选月份自动带入。</p>
        </Modal>
      ) : null}
    </>
  );
}
