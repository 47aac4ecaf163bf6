/** antd Layout: top bar (brand, department switcher, year, user, logout) and the left menu. */
import { ApartmentOutlined, AppstoreAddOutlined, BarChartOutlined, AuditOutlined, FileTextOutlined, HistoryOutlined, LinkOutlined, LogoutOutlined, ProjectOutlined, SafetyOutlined, ScheduleOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { navigate } from './router';
import { useSession } from './session';

/** The left menu; an entry with a permission is shown only to users who have it (the server checks it anyway). */
const MENU: Array<{ key: string; icon: ReactNode; label: string; permission?: string }> = [
  { key: '/tasks', icon: <ScheduleOutlined />, label: '我的任务' },
  { key: '/projects', icon: <ProjectOutlined />, label: '项目' },
  { key: '/reviews', icon: <AuditOutlined />, label: '审核', permission: 'submission.review' },
  { key: '/dashboard', icon: <BarChartOutlined />, label: '看板', permission: 'report.view' },
  { key: '/reports', icon: <FileTextOutlined />, label: '报表', permission: 'report.view' },
  { key: '/bindings', icon: <LinkOutlined />, label: '关联模板', permission: 'template.bind' },
  { key: '/packs', icon: <AppstoreAddOutlined />, label: '模板包', permission: 'pack.import' },
  { key: '/users', icon: <TeamOutlined />, label: '用户管理', permission: 'user.manage' },
  { key: '/departments', icon: <ApartmentOutlined />, label: '部门管理', permission: 'org.manage' },
  { key: '/roles', icon: <SafetyOutlined />, label: '角色权限', permission: 'role.manage' },
  { key: '/audit', icon: <HistoryOutlined />, label: '审计日志', permission: 'audit.view' },
];

function selectedKey(path: string): string {
  if (path === '/') return '/tasks';
  return MENU.find((m) => path === m.key || path.startsWith(`${m.key}/`))?.key ?? (path.startsWith('/submissions') ? '/projects' : '');
}

export function Shell({ path, children }: { path: string; children: ReactNode }) {
  const s = useSession();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 11 }, (_, i) => thisYear + 1 - i);
  if (!years.includes(s.year)) years.push(s.year);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="jx-header">
        <span className="jx-brand">预算绩效管理系统</span>
        <Space className="jx-user">
          <Select
            value={s.department}
            onChange={s.setDepartment}
            style={{ minWidth: 200 }}
            showSearch
            optionFilterProp="label"
            options={s.departments.map((d) => ({ value: d.code, label: d.name }))}
            data-testid="dept-switcher"
          />
          <Select value={s.year} onChange={s.setYear} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
          <span data-testid="current-user">
            <UserOutlined /> {s.me.user.displayName}
          </span>
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void s.logout()} data-testid="logout">
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light">
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(path)]}
            items={MENU.filter((m) => m.permission === undefined || s.can(m.permission)).map(({ key, icon, label }) => ({ key, icon, label }))}
            onClick={(e) => navigate(e.key)}
            style={{ height: '100%' }}
          />
        </Layout.Sider>
        <Layout.Content className="jx-page">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
