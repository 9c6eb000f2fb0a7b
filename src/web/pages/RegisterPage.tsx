import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { validateIdNumber } from '../../domain/id-number';
import { validatePhone, validateUsername } from '../../domain/identifiers';
import { api } from '../api/client';
import type { Me, Prefecture, PublicUnit, SmsCodeResult } from '../api/types';
import { applyFieldErrors, errorMessage } from '../components/errors';
import { domainRule } from '../components/domainRule';
import { confirmPasswordRule, passwordPolicyRule } from '../components/passwordRules';
import { PublicLayout } from '../layouts/PublicLayout';
import { useSession } from '../session/session';

interface RegisterValues {
  name: string;
  idNumber: string;
  phone: string;
  smsCode: string;
  username?: string;
  password: string;
  confirmPassword: string;
  prefectureId: string;
  unitId: string;
}

const SMS_COOLDOWN_SECONDS = 60;

function usePrefectures() {
  const [prefectures, setPrefectures] = useState<Prefecture[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Prefecture[]>('/api/public/prefectures')
      .then(setPrefectures)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);
  return { prefectures, error };
}

function useUnits(prefectureId: string | undefined) {
  const [units, setUnits] = useState<PublicUnit[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setUnits([]);
    setError(null);
    if (!prefectureId) return;
    let current = true;
    setLoading(true);
    api
      .get<PublicUnit[]>(`/api/public/prefectures/${encodeURIComponent(prefectureId)}/units`)
      .then((list) => current && setUnits(list))
      .catch((err: unknown) => current && setError(errorMessage(err)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [prefectureId]);
  return { units, loading, error };
}

function useCountdown() {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (seconds <= 0) return;
    const timer = window.setTimeout(() => setSeconds(seconds - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [seconds]);
  return { seconds, start: () => setSeconds(SMS_COOLDOWN_SECONDS) };
}

export default function RegisterPage() {
  const [form] = Form.useForm<RegisterValues>();
  const { message } = App.useApp();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const { prefectures, error: prefecturesError } = usePrefectures();
  const prefectureId = Form.useWatch('prefectureId', form);
  const { units, loading: unitsLoading, error: unitsError } = useUnits(prefectureId);
  const countdown = useCountdown();
  const [sending, setSending] = useState(false);
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A portal card on the home page links here with ?prefecture=<id>.
  useEffect(() => {
    const wanted = searchParams.get('prefecture');
    if (wanted && prefectures.some((p) => p.id === wanted) && !form.getFieldValue('prefectureId')) {
      form.setFieldValue('prefectureId', wanted);
    }
  }, [prefectures, searchParams, form]);

  async function sendSmsCode() {
    try {
      await form.validateFields(['phone']);
    } catch {
      return;
    }
    const phone = validatePhone(form.getFieldValue('phone') as string);
    if (!phone.ok) return;
    setSending(true);
    try {
      const result = await api.post<SmsCodeResult>('/api/auth/sms-code', { phone: phone.value, purpose: 'register' });
      countdown.start();
      setDemoCode(result.demoCode ?? null);
      message.success('验证码已发送，请注意查收短信');
    } catch (err) {
      message.error(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSending(false);
    }
  }

  async function submit(values: RegisterValues) {
    const idNumber = validateIdNumber(values.idNumber);
    const phone = validatePhone(values.phone);
    const username = values.username?.trim() ? validateUsername(values.username) : null;
    if (!idNumber.ok || !phone.ok || (username && !username.ok)) return;
    setSubmitting(true);
    setError(null);
    try {
      const me = await api.post<Me>('/api/auth/register', {
        name: values.name.trim(),
        idNumber: idNumber.value,
        phone: phone.value,
        smsCode: values.smsCode.trim(),
        ...(username ? { username: username.value } : {}),
        password: values.password,
        unitId: values.unitId,
      });
      setMe(me);
      message.success('注册成功，请等待所在单位确认');
      navigate('/app', { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  const passwordContext = () => ({
    idNumber: form.getFieldValue('idNumber') as string | undefined,
    phone: form.getFieldValue('phone') as string | undefined,
    username: form.getFieldValue('username') as string | undefined,
  });

  return (
    <PublicLayout>
      <div className="zp-narrow">
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            申报人注册
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            请使用本人身份证号和手机号实名注册。注册后需由所在单位确认身份，方可提交职称申报。
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="register-error" />}
          <Form form={form} name="register" layout="vertical" onFinish={submit} scrollToFirstError>
            <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 30, message: '姓名不能超过 30 个字' }]}>
              <Input autoComplete="name" />
            </Form.Item>
            <Form.Item label="身份证号" name="idNumber" validateFirst rules={[{ required: true, message: '请输入身份证号码' }, domainRule(validateIdNumber)]}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            <Form.Item label="手机号" name="phone" validateFirst rules={[{ required: true, message: '请输入手机号码' }, domainRule(validatePhone)]}>
              <Input inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item label="短信验证码" htmlFor="register_smsCode" required>
              <Flex gap={8}>
                <Form.Item
                  name="smsCode"
                  noStyle
                  rules={[{ required: true, whitespace: true, message: '请输入短信验证码' }]}
                >
                  <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
                </Form.Item>
                <Button onClick={sendSmsCode} loading={sending} disabled={countdown.seconds > 0} data-testid="sms-send">
                  {countdown.seconds > 0 ? `${countdown.seconds} 秒后重新获取` : '获取验证码'}
                </Button>
              </Flex>
            </Form.Item>
            {demoCode && (
              <Alert type="warning" showIcon title={`演示模式验证码：${demoCode}`} style={{ marginBottom: 16 }} data-testid="demo-code" />
            )}
            <Form.Item label="用户名" name="username" extra="选填。设置后可用用户名登录，须以字母开头。" rules={[domainRule(validateUsername, true)]}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item
              label="密码"
              name="password"
              dependencies={['idNumber', 'phone', 'username']}
              extra="至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类。"
              rules={[{ required: true, message: '请输入密码' }, passwordPolicyRule(passwordContext)]}
            >
              <Input.Password autoComplete="new-password" data-testid="password" />
            </Form.Item>
            <Form.Item
              label="确认密码"
              name="confirmPassword"
              dependencies={['password']}
              rules={[{ required: true, message: '请再次输入密码' }, confirmPasswordRule(form, 'password')]}
            >
              <Input.Password autoComplete="new-password" data-testid="confirm-password" />
            </Form.Item>
            {prefecturesError && <Alert type="error" showIcon title={prefecturesError} style={{ marginBottom: 16 }} />}
            <Form.Item label="所在地州" name="prefectureId" rules={[{ required: true, message: '请选择所在地州' }]}>
              <Select
                placeholder="请选择"
                options={prefectures.map((p) => ({ value: p.id, label: p.name }))}
                onChange={() => form.setFieldValue('unitId', undefined)}
              />
            </Form.Item>
            {unitsError && <Alert type="error" showIcon title={unitsError} style={{ marginBottom: 16 }} />}
            <Form.Item label="工作单位" name="unitId" rules={[{ required: true, message: '请选择工作单位' }]}>
              <Select
                placeholder={prefectureId ? '输入单位名称搜索' : '请先选择所在地州'}
                disabled={!prefectureId}
                loading={unitsLoading}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={unitsLoading ? '加载中…' : '没有匹配的单位'}
                options={units.map((u) => ({ value: u.id, label: u.countyName ? `${u.name}（${u.countyName}）` : u.name }))}
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
                注册
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary">
            已有账号？<Link to="/login">直接登录</Link>
          </Typography.Text>
        </Card>
      </div>
    </PublicLayout>
  );
}
