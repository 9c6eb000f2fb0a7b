import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import type { Me } from '../api/types';
import { applyFieldErrors, errorMessage } from '../components/errors';
import { PublicLayout } from '../layouts/PublicLayout';
import { useSession } from '../session/session';

interface LoginValues {
  identifier: string;
  password: string;
  totpCode?: string;
}

/** Only same-site paths are followed after log-in. */
function safeNext(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  return '/app';
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [totpRequired, setTotpRequired] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: LoginValues) {
    setSubmitting(true);
    setError(null);
    try {
      const me = await api.post<Me>('/api/auth/login', {
        identifier: values.identifier.trim(),
        password: values.password,
        ...(totpRequired ? { totpCode: values.totpCode?.trim() } : {}),
      });
      setMe(me);
      navigate(safeNext(searchParams.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        if (totpRequired) {
          form.setFields([{ name: 'totpCode', errors: [err.message] }]);
        } else {
          setTotpRequired(true);
        }
      } else {
        setError(errorMessage(err));
        applyFieldErrors(form, err);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <PublicLayout>
      <div className="zp-narrow">
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            登录职评
          </Typography.Title>
          {notice && !error && <Alert type="success" showIcon title={notice} style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          {totpRequired && (
            <Alert
              type="info"
              showIcon
              title="请输入两步验证动态验证码"
              description="打开您绑定的身份验证器应用，输入其中显示的 6 位数字。"
              style={{ marginBottom: 16 }}
            />
          )}
          <Form form={form} name="login" layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              label="身份证号 / 手机号 / 用户名"
              name="identifier"
              rules={[{ required: true, whitespace: true, message: '请输入身份证号、手机号或用户名' }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" size="large" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            {totpRequired && (
              <Form.Item
                label="动态验证码"
                name="totpCode"
                rules={[
                  { required: true, message: '请输入 6 位动态验证码' },
                  { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
                ]}
              >
                <Input
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  size="large"
                  autoFocus
                />
              </Form.Item>
            )}
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
                登录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary">
            还没有账号？<Link to="/register">申报人注册</Link>
          </Typography.Text>
        </Card>
      </div>
    </PublicLayout>
  );
}
