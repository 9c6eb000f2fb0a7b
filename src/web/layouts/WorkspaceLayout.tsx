// Frame of the logged-in workspace: header with the user, a role-driven menu (a sider on wide
// screens, a drawer on phones) and the page outlet. Staff who must enrol TOTP see only that.
import { Suspense, useState, type ReactNode } from 'react';
import { App, Button, Drawer, Flex, Grid, Layout, Menu, Typography } from 'antd';
import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../domain/roles';
import { api, ApiError } from '../api/client';
import type { Ability, Me } from '../api/types';
import { Brand } from '../components/Brand';
import { errorMessage } from '../components/errors';
import { PageLoading } from '../components/PageLoading';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { useMe, useSession } from '../session/session';

interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  ability?: Ability;
}

const MENU: MenuEntry[] = [
  { path: '/app', label: '工作台', icon: <HomeOutlined /> },
  { path: '/app/archive', label: '我的档案', icon: <ProfileOutlined />, ability: 'application.declare' },
  { path: '/app/applications', label: '我的申报', icon: <FormOutlined />, ability: 'application.declare' },
  { path: '/app/unit/memberships', label: '成员确认', icon: <SolutionOutlined />, ability: 'membership.review' },
  { path: '/app/unit/applications', label: '申报审核', icon: <FileDoneOutlined />, ability: 'application.unit_review' },
  { path: '/app/dept/applications', label: '主管部门审核', icon: <ClusterOutlined />, ability: 'application.dept_review' },
  { path: '/app/office/applications', label: '评委会办公室审核', icon: <CheckSquareOutlined />, ability: 'application.office_review' },
  { path: '/app/office/payment-settings', label: '收款设置', icon: <BankOutlined />, ability: 'payment.manage' },
  { path: '/app/finance/fees', label: '评审费确认', icon: <AccountBookOutlined />, ability: 'fee.confirm' },
  { path: '/app/office/campaigns', label: '评审活动', icon: <FileTextOutlined />, ability: 'campaign.manage' },
  { path: '/app/office/experts', label: '专家库', icon: <IdcardOutlined />, ability: 'evaluation.manage' },
  { path: '/app/office/evaluation', label: '评审组织', icon: <TrophyOutlined />, ability: 'evaluation.manage' },
  { path: '/app/office/statistics', label: '评审统计', icon: <BarChartOutlined />, ability: 'evaluation.manage' },
  { path: '/app/expert', label: '我的评审', icon: <TrophyOutlined />, ability: 'evaluation.expert' },
  { path: '/app/admin/orgs', label: '组织机构', icon: <ApartmentOutlined />, ability: 'org.manage' },
  { path: '/app/admin/users', label: '账号管理', icon: <TeamOutlined />, ability: 'user.manage' },
  { path: '/app/admin/calendar', label: '工作日历', icon: <CalendarOutlined />, ability: 'calendar.manage' },
  { path: '/app/security/roles', label: '角色授权', icon: <SafetyCertificateOutlined />, ability: 'role.assign' },
  { path: '/app/audit', label: '审计日志', icon: <AuditOutlined />, ability: 'audit.read' },
  { path: '/app/account', label: '个人中心', icon: <UserOutlined /> },
];

function roleSummary(me: Me): string {
  const labels = [...new Set(me.roles.map((r) => ROLE_LABELS[r.role]))];
  return labels.join('、');
}

/** The menu entry whose path is the longest prefix of the current path. */
function selectedPath(entries: MenuEntry[], pathname: string): string {
  const matches = entries.filter((e) => pathname === e.path || pathname.startsWith(`${e.path}/`));
  matches.sort((a, b) => b.path.length - a.path.length);
  return matches[0]?.path ?? '/app';
}

function WorkspaceMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = MENU.filter((e) => !e.ability || me.abilities.includes(e.ability));
  return (
    <Menu
      mode="inline"
      aria-label="工作台菜单"
      selectedKeys={[selectedPath(entries, pathname)]}
      items={entries.map((e) => ({ key: e.path, label: e.label, icon: e.icon }))}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}

function UserBox({ me }: { me: Me }) {
  const { signedOut } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function logout() {
    setBusy(true);
    try {
      await api.post('/api/auth/logout', undefined, { allowUnauthenticated: true });
      signedOut('您已安全退出');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        signedOut('登录已失效，请重新登录');
      } else {
        message.error(errorMessage(err));
        setBusy(false);
      }
    }
  }

  const roles = roleSummary(me);
  return (
    <Flex align="center" gap={12}>
      <Flex vertical align="flex-end" style={{ lineHeight: 1.3 }}>
        <span className="zp-user-name" data-testid="user-name">
          {me.name}
        </span>
        {roles && (
          <Typography.Text type="secondary" className="zp-hide-xs" style={{ fontSize: 12 }} data-testid="user-roles">
            {roles}
          </Typography.Text>
        )}
      </Flex>
      <Button icon={<LogoutOutlined />} onClick={logout} loading={busy}>
        退出登录
      </Button>
    </Flex>
  );
}

export default function WorkspaceLayout() {
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.lg);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const header = (
    <Layout.Header className="zp-workspace-header">
      <Flex align="center" gap={8}>
        {!wide && !me.mustEnrolTotp && (
          <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} />
        )}
        <Brand subtitle={wide} />
      </Flex>
      <UserBox me={me} />
    </Layout.Header>
  );

  if (me.mustEnrolTotp) {
    return (
      <Layout style={{ minHeight: '100vh' }}>
        {header}
        <Layout.Content className="zp-workspace-content">
          <TotpEnrolment mandatory />
        </Layout.Content>
      </Layout>
    );
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {header}
      <Layout>
        {wide && (
          <Layout.Sider width={220} theme="light">
            <WorkspaceMenu me={me} />
          </Layout.Sider>
        )}
        <Layout.Content className="zp-workspace-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {!wide && (
        <Drawer title="菜单" placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={260}>
          <WorkspaceMenu me={me} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
