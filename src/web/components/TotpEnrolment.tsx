// Binding an authenticator app (TOTP): fetch a secret with its QR code, then confirm with a code.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Steps, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import type { TotpSetup } from '../api/types';
import { useSession } from '../session/session';
import { applyFieldErrors, errorMessage } from './errors';

/** `mandatory` when a staff account may do nothing else until the second factor is bound. */
export function TotpEnrolment({ mandatory = false }: { mandatory?: boolean }) {
  const { refresh } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [loading, setLoading] = useState(false);
  const [enabling, setEnabling] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function startSetup() {
    setLoading(true);
    setError(null);
    try {
      const next = await api.post<TotpSetup>('/api/me/totp/setup');
      // The code form exists only once a QR code is shown; clear a code typed for the old secret.
      if (setup) form.resetFields();
      setSetup(next);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }

  async function enable({ code }: { code: string }) {
    setEnabling(true);
    setError(null);
    try {
      await api.post('/api/me/totp/enable', { code: code.trim() });
      message.success('两步验证已启用');
      setSetup(null);
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setEnabling(false);
    }
  }

  return (
    <Card title={mandatory ? '请先绑定两步验证' : undefined}>
      <Flex vertical gap={16}>
        {mandatory && (
          <Alert
            type="warning"
            showIcon
            title="工作人员账号须启用两步验证后才能使用平台"
            description="请在手机上安装身份验证器应用（如“腾讯身份验证器”“Google Authenticator”或“Microsoft Authenticator”），按以下步骤完成绑定。"
          />
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="totp-error" />}
        {!setup ? (
          <div>
            <Typography.Paragraph>
              启用后，每次登录除密码外还需输入身份验证器中显示的 6 位动态验证码，可有效防止密码泄露导致的账号被盗。
            </Typography.Paragraph>
            <Button type="primary" icon={<SafetyOutlined />} onClick={startSetup} loading={loading}>
              获取绑定二维码
            </Button>
          </div>
        ) : (
          <Row gutter={[24, 16]}>
            <Col xs={24} md={10}>
              <Flex vertical gap={8} align="flex-start">
                <img className="zp-qr" src={setup.qrDataUrl} alt="两步验证绑定二维码" data-testid="totp-qr" />
                <Typography.Text type="secondary">无法扫码时，可在应用中手动输入密钥：</Typography.Text>
                <Typography.Text code copyable className="zp-secret" data-testid="totp-secret">
                  {setup.secret}
                </Typography.Text>
              </Flex>
            </Col>
            <Col xs={24} md={14}>
              <Steps
                orientation="vertical"
                size="small"
                current={1}
                items={[
                  { title: '扫描二维码', content: '用身份验证器应用扫描左侧二维码，添加“职评”账号。' },
                  { title: '输入动态验证码', content: '输入应用中显示的 6 位数字，完成绑定。' },
                ]}
              />
              <Form form={form} name="totp" layout="vertical" onFinish={enable} requiredMark={false}>
                <Form.Item
                  label="动态验证码"
                  name="code"
                  rules={[
                    { required: true, message: '请输入 6 位动态验证码' },
                    { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
                  ]}
                >
                  <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200 }} />
                </Form.Item>
                <Flex gap={8} wrap>
                  <Button type="primary" htmlType="submit" loading={enabling}>
                    验证并启用
                  </Button>
                  <Button onClick={startSetup} loading={loading}>
                    重新生成二维码
                  </Button>
                </Flex>
              </Form>
            </Col>
          </Row>
        )}
      </Flex>
    </Card>
  );
}
