import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Divider, Flex, Form, Modal, Popconfirm, Select, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { checkRoleCombination, ROLE_LABELS, ROLE_SCOPE_KIND, ROLES, type Role } from '../../../domain/roles';
import { ORG_KIND_LABELS } from '../../../domain/organisations';
import { api } from '../../api/client';
import type { Org, SecurityUser } from '../../api/types';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { buildOrgTree, type OrgTreeNode } from '../../components/orgTree';
import { PageTitle } from '../../components/PageTitle';
import { AccountTable } from '../../components/AccountTable';
import { usePagedList } from '../../components/usePagedList';
import { isLocked, UserStatusTag } from '../../components/UserStatusTag';

interface GrantValues {
  role: Role;
  orgId?: string;
}

function useSecurityOrgs() {
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Org[]>('/api/security/orgs')
      .then(setOrgs)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);
  return { orgs, error };
}

function roleText(grant: SecurityUser['roles'][number]): string {
  return grant.orgName ? `${ROLE_LABELS[grant.role]}（${grant.orgName}）` : ROLE_LABELS[grant.role];
}

function RoleModal({ user, orgs, onClose, onChanged }: { user: SecurityUser | null; orgs: Org[]; onClose(): void; onChanged(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const role = Form.useWatch('role', form);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scopeKind = role ? ROLE_SCOPE_KIND[role] : null;
  // Only organisations of the kind the role is granted for can be picked; the rest stay visible
  // as the path to them.
  const treeData = useMemo(() => {
    const mark = (nodes: OrgTreeNode[]): (OrgTreeNode & { disabled: boolean })[] =>
      nodes.map((n) => ({ ...n, disabled: n.org.kind !== scopeKind, children: mark(n.children) }));
    return mark(buildOrgTree(orgs));
  }, [orgs, scopeKind]);

  const held = user?.roles.map((g) => g.role) ?? [];
  const combination = role ? checkRoleCombination(held, role) : null;

  async function grant(values: GrantValues) {
    if (!user) return;
    setSubmitting(true);
    setError(null);
    try {
      await api.post('/api/security/role-assignments', { userId: user.id, role: values.role, orgId: ROLE_SCOPE_KIND[values.role] ? (values.orgId ?? null) : null });
      message.success(`已授予“${ROLE_LABELS[values.role]}”角色`);
      form.resetFields();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  async function revoke(grantId: string, label: string) {
    try {
      await api.delete(`/api/security/role-assignments/${encodeURIComponent(grantId)}`);
      message.success(`已撤销“${label}”`);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Modal
      title={user ? `角色授权：${user.name}` : ''}
      open={user !== null}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      forceRender
      width={600}
    >
      <Typography.Title level={5}>已有角色</Typography.Title>
      {user && user.roles.length > 0 ? (
        <Flex vertical gap={8} data-testid="held-roles">
          {user.roles.map((g) => (
            <Flex key={g.id} justify="space-between" align="center" gap={8}>
              <Tag color="blue">{roleText(g)}</Tag>
              <Popconfirm
                title="撤销角色"
                description={`确定撤销 ${user.name} 的“${roleText(g)}”角色吗？`}
                okText="撤销"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => revoke(g.id, roleText(g))}
              >
                <Button danger size="small">
                  撤销
                </Button>
              </Popconfirm>
            </Flex>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">暂无角色</Typography.Text>
      )}
      <Divider />
      <Typography.Title level={5}>授予新角色</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="grant-error" />}
      <Form form={form} name="grant" layout="vertical" onFinish={grant}>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select placeholder="请选择" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        {combination && !combination.ok && (
          <Alert type="warning" showIcon title={combination.reason} style={{ marginBottom: 16 }} />
        )}
        {scopeKind ? (
          <Form.Item
            label="所属机构"
            name="orgId"
            rules={[{ required: true, message: `请选择${ORG_KIND_LABELS[scopeKind]}` }]}
            extra={`${ROLE_LABELS[role!]}须授予到一个${ORG_KIND_LABELS[scopeKind]}。`}
          >
            <TreeSelect
              allowClear
              showSearch
              placeholder="请选择"
              treeData={treeData}
              treeNodeFilterProp="label"
              treeNodeLabelProp="label"
              treeDefaultExpandAll={orgs.length <= 50}
              popupMatchSelectWidth
            />
          </Form.Item>
        ) : (
          role && <Typography.Paragraph type="secondary">{ROLE_LABELS[role]}面向全平台，无需选择机构。</Typography.Paragraph>
        )}
        <Button type="primary" htmlType="submit" loading={submitting} disabled={combination?.ok === false}>
          授予角色
        </Button>
      </Form>
    </Modal>
  );
}

export default function RolesPage() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [managingId, setManagingId] = useState<string | null>(null);
  const { data, loading, error, reload } = usePagedList<SecurityUser>('/api/security/users', { q, page });
  const { orgs, error: orgsError } = useSecurityOrgs();
  const managing = data.items.find((u) => u.id === managingId) ?? null;

  async function unlock(user: SecurityUser) {
    try {
      await api.post(`/api/security/users/${encodeURIComponent(user.id)}/unlock`);
      message.success(`已解锁 ${user.name} 的账号`);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const columns: ColumnsType<SecurityUser> = [
    { title: '用户名', dataIndex: 'username', width: 140, render: (value: string | null) => value ?? '—' },
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '手机号', dataIndex: 'phoneMasked', width: 130, render: (value: string | null) => value ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: SecurityUser['roles']) =>
        roles.length ? roles.map((g) => <Tag key={g.id}>{roleText(g)}</Tag>) : <Typography.Text type="secondary">未授权</Typography.Text>,
    },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_: unknown, user) => <UserStatusTag lockedUntil={user.lockedUntil} disabled={user.disabled} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, user) => (
        <Flex gap={8}>
          <Button size="small" type="primary" onClick={() => setManagingId(user.id)} data-testid={`manage-roles-${user.id}`}>
            授权
          </Button>
          {isLocked(user.lockedUntil) && (
            <Popconfirm
              title="解锁账号"
              description={`确定解锁 ${user.name} 的账号吗？`}
              okText="解锁"
              cancelText="取消"
              onConfirm={() => unlock(user)}
            >
              <Button size="small" data-testid={`unlock-${user.id}`}>
                解锁
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="角色授权" description="为账号授予或撤销角色；系统、安全、审计管理员三员分立，互不兼任。" />
      <AccountTable
        columns={columns}
        items={data.items}
        total={data.total}
        loading={loading}
        error={error ?? orgsError}
        q={q}
        page={page}
        scrollX={860}
        onSearch={(value) => {
          setQ(value);
          setPage(1);
        }}
        onPage={setPage}
      />
      <RoleModal user={managing} orgs={orgs} onClose={() => setManagingId(null)} onChanged={reload} />
    </>
  );
}
