/**
 * 报表: one tab per report (进度排名, 项目看板, 趋势图, 项目情况, 数据明细, 已调整项目) and the
 * 绩效自评结果 list. The tab and the filters live in the URL (`#/reports?tab=trend&department=DQZX`);
 * the fiscal year is the one picked in the top bar.
 */
import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useSession } from '../app/session';
import { PageCard } from './common';
import { AdjustedTab } from './reports/AdjustedTab';
import { BoardTab } from './reports/BoardTab';
import { DetailsTab } from './reports/DetailsTab';
import { ProjectsTab } from './reports/ProjectsTab';
import { RankingTab } from './reports/RankingTab';
import { SelfEvalTab } from './reports/SelfEvalTab';
import { TrendTab } from './reports/TrendTab';
import { useUrlQuery, type UrlQuery } from '../app/url-query';

interface Tab {
  key: string;
  label: string;
  render: (q: UrlQuery) => ReactNode;
}

export const REPORT_TABS: readonly Tab[] = [
  { key: 'ranking', label: '进度排名', render: (q) => <RankingTab q={q} /> },
  { key: 'board', label: '项目看板', render: (q) => <BoardTab q={q} /> },
  { key: 'trend', label: '趋势图', render: (q) => <TrendTab q={q} /> },
  { key: 'projects', label: '项目情况', render: (q) => <ProjectsTab q={q} /> },
  { key: 'details', label: '数据明细', render: (q) => <DetailsTab q={q} /> },
  { key: 'adjusted', label: '已调整项目', render: (q) => <AdjustedTab q={q} /> },
  { key: 'self-eval', label: '绩效自评结果', render: (q) => <SelfEvalTab q={q} /> },
];

export function ReportsPage() {
  const session = useSession();
  const q = useUrlQuery();
  const asked = q.get('tab');
  const tab = REPORT_TABS.find((t) => t.key === asked) ?? (REPORT_TABS[0] as Tab);
  return (
    <PageCard title={`报表（${session.year} 年度）`}>
      <Tabs activeKey={tab.key} onChange={(k) => q.update({ tab: k })} destroyInactiveTabPane>
        {REPORT_TABS.map((t) => (
          <Tabs.TabPane key={t.key} tab={<span data-testid={`report-tab-${t.key}`}>{t.label}</span>}>
            {t.key === tab.key ? t.render(q) : null}
          </Tabs.TabPane>
        ))}
      </Tabs>
    </PageCard>
  );
}
