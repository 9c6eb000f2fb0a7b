import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { api } from '../../api/client';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { PageTitle } from '../../components/PageTitle';
import { ProfileDescriptions } from '../../components/ProfileDescriptions';
import { TotpEnrolment } from '../../components/TotpEnrolment';
import { confirmPasswordRule, passwordPolicyRule } from '../../components/passwordRules';
import { useMe, useSession } from '../../session/session';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

function ChangePassword() {
  const me = useMe();
  const { signedOut } = useSession();
  const [form] = Form.useForm<PasswordValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: PasswordValues) {
    setSubmitting(true);
    setError(null);
    try {
      await api.post('/api/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      // The server ended every session of this account, this one included.
      signedOut('密码已修改，请重新登录');
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
      setSubmitting(false);
    }
  }

  const context = () => ({
    idNumber: me.idNumber ?? undefined,
    phone: me.phone ?? undefined,
    username: me.username ?? undefined,
  });

  return (
    <Form form={form} name="password" layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类。"
        rules={[{ required: true, message: '请输入新密码' }, passwordPolicyRule(context)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[{ required: true, message: '请再次输入新密码' }, confirmPasswordRule(form, 'newPassword')]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Typography.Paragraph type="secondary">修改成功后，您在所有设备上的登录都将失效，需要重新登录。</Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={submitting}>
        修改密码
      </Button>
    </Form>
  );
}

export default function AccountPage() {
  const me = useMe();
  return (
    <>
      <PageTitle title="个人中心" description="查看个人信息，修改密码和设置两步验证。" />
      <Flex vertical gap={16}>
        <Card title="个人信息">
          <ProfileDescriptions me={me} />
        </Card>
        <Card title="修改密码">
          <ChangePassword />
        </Card>
        <div>
          <Typography.Title level={4}>两步验证</Typography.Title>
          {me.totpEnabled ? (
            <Card>
              <Flex align="center" gap={8} data-testid="totp-enabled">
                <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} />
                <Typography.Text>两步验证已启用，登录时需输入身份验证器中的动态验证码。</Typography.Text>
              </Flex>
            </Card>
          ) : (
            <TotpEnrolment />
          )}
        </div>
      </Flex>
    </>
  );
}
