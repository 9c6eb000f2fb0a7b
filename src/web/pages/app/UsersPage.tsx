import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { validatePhone, validateUsername } from '../../../domain/identifiers';
import { ROLE_LABELS } from '../../../domain/roles';
import { api } from '../../api/client';
import type { AdminUser } from '../../api/types';
import { domainRule } from '../../components/domainRule';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { PageTitle } from '../../components/PageTitle';
import { passwordPolicyRule } from '../../components/passwordRules';
import { randomPassword } from '../../components/randomPassword';
import { AccountTable } from '../../components/AccountTable';
import { usePagedList } from '../../components/usePagedList';
import { UserStatusTag } from '../../components/UserStatusTag';

interface CreateValues {
  username: string;
  name: string;
  phone?: string;
  initialPassword: string;
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const { modal } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const context = () => ({
    username: form.getFieldValue('username') as string | undefined,
    phone: form.getFieldValue('phone') as string | undefined,
  });

  async function submit(values: CreateValues) {
    const username = validateUsername(values.username);
    const phone = values.phone?.trim() ? validatePhone(values.phone) : null;
    if (!username.ok || (phone && !phone.ok)) return;
    setSubmitting(true);
    setError(null);
    try {
      await api.post('/api/admin/users', {
        username: username.value,
        name: values.name.trim(),
        ...(phone ? { phone: phone.value } : {}),
        initialPassword: values.initialPassword,
      });
      onCreated();
      modal.success({
        title: '账号已创建',
        content: (
          <Flex vertical gap={8}>
            <span>用户名：{username.value}</span>
            <span>
              初始密码：<Typography.Text code copyable>{values.initialPassword}</Typography.Text>
            </span>
            <Typography.Text type="secondary">请通过安全渠道告知本人；角色由安全管理员授予，首次登录须绑定两步验证。</Typography.Text>
          </Flex>
        ),
      });
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title="新增工作人员账号"
      open={open}
      onCancel={onClose}
      okText="创建"
      okButtonProps={{ loading: submitting, htmlType: 'submit', form: 'userCreate' }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="userCreate" layout="vertical" onFinish={submit}>
        <Form.Item
          label="用户名"
          name="username"
          validateFirst
          rules={[
            { required: true, message: '请输入用户名' },
            domainRule(validateUsername),
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 30, message: '姓名不能超过 30 个字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="手机号"
          name="phone"
          extra="选填"
          rules={[domainRule(validatePhone, true)]}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item label="初始密码" required htmlFor="userCreate_initialPassword">
          <Flex gap={8}>
            <Form.Item
              name="initialPassword"
              noStyle
              dependencies={['username', 'phone']}
              rules={[{ required: true, message: '请输入或生成初始密码' }, passwordPolicyRule(context)]}
            >
              <Input autoComplete="new-password" />
            </Form.Item>
            <Button
              onClick={() => {
                form.setFieldValue('initialPassword', randomPassword(context()));
                void form.validateFields(['initialPassword']);
              }}
            >
              随机生成
            </Button>
          </Flex>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const { data, loading, error, reload } = usePagedList<AdminUser>('/api/admin/users', { q, page });

  const columns: ColumnsType<AdminUser> = [
    { title: '用户名', dataIndex: 'username', width: 150, render: (value: string | null) => value ?? '—' },
    { title: '姓名', dataIndex: 'name', width: 120 },
    { title: '手机号', dataIndex: 'phoneMasked', width: 140, render: (value: string | null) => value ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: AdminUser['roles']) =>
        roles.length ? roles.map((role) => <Tag key={role}>{ROLE_LABELS[role]}</Tag>) : <Typography.Text type="secondary">未授权</Typography.Text>,
    },
    {
      title: '状态',
      key: 'status',
      width: 160,
      render: (_: unknown, user) => <UserStatusTag lockedUntil={user.lockedUntil} disabled={user.disabled} />,
    },
  ];

  return (
    <>
      <PageTitle
        title="账号管理"
        description="开设工作人员账号。申报人账号由本人注册；角色由安全管理员授予。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增账号
          </Button>
        }
      />
      <AccountTable
        columns={columns}
        items={data.items}
        total={data.total}
        loading={loading}
        error={error}
        q={q}
        page={page}
        scrollX={760}
        onSearch={(value) => {
          setQ(value);
          setPage(1);
        }}
        onPage={setPage}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          reload();
        }}
      />
    </>
  );
}
