import { Alert, Badge, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import {
  AccountBookOutlined,
  ApartmentOutlined,
  BankOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  AuditOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FormOutlined,
  IdcardOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Ability, Me, MembershipStatus, Notification } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { ProfileDescriptions } from '../../components/ProfileDescriptions';
import { useMe } from '../../session/session';
import { beijingDateTime } from './declare/time';

const MEMBERSHIP_VIEW: Record<MembershipStatus, { tag: string; color: string; alert: 'info' | 'success' | 'error' }> = {
  pending: { tag: '待单位确认', color: 'processing', alert: 'info' },
  confirmed: { tag: '已确认', color: 'success', alert: 'success' },
  rejected: { tag: '被退回', color: 'error', alert: 'error' },
};

const SHORTCUTS: { ability: Ability; path: string; title: string; text: string; icon: ReactNode }[] = [
  { ability: 'application.declare', path: '/app/archive', title: '我的档案', text: '登记学历、职称、工作经历、业绩和证书，申报时直接勾选。', icon: <ProfileOutlined /> },
  { ability: 'application.declare', path: '/app/applications', title: '我的申报', text: '新建职称申报，填写申报表、上传材料并提交；查看审核进度。', icon: <FormOutlined /> },
  { ability: 'application.unit_review', path: '/app/unit/applications', title: '申报审核', text: '审核本单位人员提交的职称申报，需要修改的逐条写明原因退回；单位内部公示期满后推荐上报。', icon: <FileDoneOutlined /> },
  { ability: 'application.dept_review', path: '/app/dept/applications', title: '主管部门审核', text: '审核所属单位推荐上报的申报，批量报送评委会办公室并下载花名册。', icon: <ClusterOutlined /> },
  { ability: 'application.office_review', path: '/app/office/applications', title: '评委会办公室审核', text: '形式审查报送的申报，确认已接收材料，下载评审表，登记收到纸质材料。', icon: <CheckSquareOutlined /> },
  { ability: 'payment.manage', path: '/app/office/payment-settings', title: '收款设置', text: '设置评审费收款单位、开户银行、账号和收款码。', icon: <BankOutlined /> },
  { ability: 'fee.confirm', path: '/app/finance/fees', title: '评审费确认', text: '核对缴费凭证，确认到账或退回；下载对账表，处理逾期未缴费的申报。', icon: <AccountBookOutlined /> },
  { ability: 'membership.review', path: '/app/unit/memberships', title: '成员确认', text: '确认或退回申报人的单位成员申请。', icon: <SolutionOutlined /> },
  { ability: 'campaign.manage', path: '/app/office/campaigns', title: '评审活动', text: '配置评审通知的时间安排、评审费和规则，复制上一年度并发布。', icon: <FileTextOutlined /> },
  { ability: 'evaluation.manage', path: '/app/office/experts', title: '专家库', text: '维护本地州评审专家的系列、专业、职称和聘期，关联登录账号，Excel 批量导入。', icon: <IdcardOutlined /> },
  { ability: 'evaluation.manage', path: '/app/office/evaluation', title: '评审组织', text: '抽取组建评审委员会，安排回避、专家评审、答辩和评审会议投票，公示结果，印发文件并颁发电子证书。', icon: <TrophyOutlined /> },
  { ability: 'evaluation.manage', path: '/app/office/statistics', title: '评审统计', text: '按系列、级别、县市或单位统计申报、受理、缴费和通过情况，导出 Excel。', icon: <BarChartOutlined /> },
  { ability: 'evaluation.expert', path: '/app/expert', title: '我的评审', text: '作出回避声明，查看盲评材料并评分，答辩评分，在评审会议上无记名投票。', icon: <TrophyOutlined /> },
  { ability: 'org.manage', path: '/app/admin/orgs', title: '组织机构', text: '维护地州、县市、主管部门和用人单位。', icon: <ApartmentOutlined /> },
  { ability: 'user.manage', path: '/app/admin/users', title: '账号管理', text: '开设工作人员账号。', icon: <TeamOutlined /> },
  { ability: 'calendar.manage', path: '/app/admin/calendar', title: '工作日历', text: '维护节假日、调休工作日和新疆节日，计算公示工作日。', icon: <CalendarOutlined /> },
  { ability: 'role.assign', path: '/app/security/roles', title: '角色授权', text: '为账号授予或撤销角色，解锁被锁定的账号。', icon: <SafetyCertificateOutlined /> },
  { ability: 'audit.read', path: '/app/audit', title: '审计日志', text: '查询、导出并校验审计日志。', icon: <AuditOutlined /> },
];

function MembershipCard({ membership }: { membership: NonNullable<Me['membership']> }) {
  const view = MEMBERSHIP_VIEW[membership.status];
  const description = {
    pending: `您的单位成员申请已提交至“${membership.unitName}”，请等待单位审核员确认。确认后即可进行职称申报。`,
    confirmed: `“${membership.unitName}”已确认您为本单位人员。`,
    rejected: `“${membership.unitName}”退回了您的单位成员申请。如有疑问，请联系单位人事部门。`,
  }[membership.status];
  return (
    <Card title="单位确认状态">
      <Flex vertical gap={12}>
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong>{membership.unitName}</Typography.Text>
          <Tag color={view.color} data-testid="membership-status">
            {view.tag}
          </Tag>
        </Flex>
        <Alert type={view.alert} showIcon title={description} />
        {membership.status === 'rejected' && (
          <Typography.Paragraph style={{ margin: 0 }} data-testid="membership-reason">
            退回原因：{membership.reason ?? '未填写'}
          </Typography.Paragraph>
        )}
      </Flex>
    </Card>
  );
}

function UnreadNotifications() {
  const [items, setItems] = useState<Notification[]>([]);
  useEffect(() => {
    let current = true;
    // Messages are a convenience here: the pages they are about show the same facts.
    api
      .get<Notification[]>('/api/me/notifications')
      .then((list) => current && setItems(list.filter((n) => !n.read)))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  if (items.length === 0) return null;
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          未读消息 <Badge count={items.length} />
        </Flex>
      }
      data-testid="notifications"
    >
      <Flex vertical gap={12}>
        {items.map((n) => (
          <div key={n.id} className="zp-notification">
            <Typography.Text strong>{n.title}</Typography.Text>
            <Typography.Paragraph className="zp-no-margin">{n.body}</Typography.Paragraph>
            <Typography.Text type="secondary" className="zp-small">
              {beijingDateTime(n.createdAt)}
            </Typography.Text>
          </div>
        ))}
      </Flex>
    </Card>
  );
}

export default function WorkspaceHome() {
  const me = useMe();
  const shortcuts = SHORTCUTS.filter((s) => me.abilities.includes(s.ability));
  return (
    <>
      <PageTitle title={`您好，${me.name}`} description="欢迎使用职评 · 职称申报评审平台" />
      <Flex vertical gap={16}>
        <UnreadNotifications />
        {me.membership && <MembershipCard membership={me.membership} />}
        {shortcuts.length > 0 && (
          <Row gutter={[16, 16]}>
            {shortcuts.map((s) => (
              <Col xs={24} sm={12} xl={8} key={s.path}>
                <Card style={{ height: '100%' }}>
                  <Flex gap={12} align="flex-start">
                    <span style={{ fontSize: 24, color: '#1f5fbf' }}>{s.icon}</span>
                    <div>
                      <Link to={s.path} style={{ fontWeight: 600 }}>
                        {s.title}
                      </Link>
                      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                        {s.text}
                      </Typography.Paragraph>
                    </div>
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        )}
        {!me.membership && shortcuts.length === 0 && (
          <Alert type="info" showIcon title="您的账号暂未分配工作角色" description="如需开通，请联系安全管理员授权。" />
        )}
        <Card title="个人信息">
          <ProfileDescriptions me={me} />
        </Card>
      </Flex>
    </>
  );
}
