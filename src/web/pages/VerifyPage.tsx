// 评审表查验 (B21-6), public: anyone holding a printed 评审表 types the verification code from its
// footer or watermark (or scans the printed address, /verify/7KQ2-M9XF) and learns whether the
// platform issued it — its number, campaign, series and level — or that no such form exists.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Spin, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { parseVerificationCode } from '../../domain/review-form';
import { api, ApiError } from '../api/client';
import type { ReviewFormVerification } from '../api/types';
import { errorMessage } from '../components/errors';
import { PublicLayout } from '../layouts/PublicLayout';
import { beijingDateTime } from './app/declare/time';
import { useIsPhone } from './app/declare/useIsPhone';
import { verifyPathFor } from './verify';

type Outcome = { kind: 'found'; form: ReviewFormVerification } | { kind: 'notFound' } | { kind: 'error'; message: string };

function useVerification(code: string | null) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    setOutcome(null);
    if (!code) return;
    let current = true;
    api
      .get<ReviewFormVerification>(`/api/public/review-forms/${encodeURIComponent(code)}`, { allowUnauthenticated: true })
      .then((form) => current && setOutcome({ kind: 'found', form }))
      .catch((err: unknown) => {
        if (!current) return;
        setOutcome(err instanceof ApiError && err.status === 404 ? { kind: 'notFound' } : { kind: 'error', message: errorMessage(err) });
      });
    return () => {
      current = false;
    };
  }, [code]);
  return outcome;
}

function Found({ form }: { form: ReviewFormVerification }) {
  const phone = useIsPhone();
  return (
    <Card data-testid="verify-genuine">
      <Result status="success" title="真实有效" subTitle="此评审表由本平台生成，以下信息应与纸质评审表一致。" className="zp-verify-result" />
      <Descriptions
        size="small"
        bordered
        column={1}
        layout={phone ? 'vertical' : 'horizontal'}
        items={[
          { key: 'number', label: '评审表编号', children: <span data-testid="verify-number">{form.number}</span> },
          { key: 'campaign', label: '评审活动', children: form.campaignTitle },
          { key: 'series', label: '系列', children: form.seriesName },
          { key: 'level', label: '级别', children: form.level },
          { key: 'generated', label: '生成时间', children: beijingDateTime(form.generatedAt) },
        ]}
      />
    </Card>
  );
}

export default function VerifyPage() {
  const { code: routeCode } = useParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  const code = routeCode ? parseVerificationCode(routeCode) : null;
  const outcome = useVerification(code);

  useEffect(() => {
    form.setFieldsValue({ code: routeCode ?? '' });
  }, [form, routeCode]);

  return (
    <PublicLayout>
      <div className="zp-narrow">
        <Typography.Title level={3}>
          <SafetyCertificateOutlined /> 评审表查验
        </Typography.Title>
        <Typography.Paragraph type="secondary">输入评审表页脚或水印中的验证码（8 位字母和数字，例如 7KQ2-M9XF），核验评审表是否由本平台生成。</Typography.Paragraph>
        <Card>
          <Form
            form={form}
            name="verify"
            layout="vertical"
            onFinish={({ code: typed }) => {
              const path = verifyPathFor(typed);
              if (path) navigate(path);
            }}
          >
            <Form.Item
              name="code"
              label="验证码"
              rules={[
                { required: true, whitespace: true, message: '请输入验证码' },
                {
                  validator: async (_, value: string | undefined) => {
                    if (value?.trim() && !verifyPathFor(value)) throw new Error('验证码为 8 位，由数字 2–9 和字母组成（不含 O、I）');
                  },
                },
              ]}
            >
              <Input className="zp-verify-code" maxLength={12} autoComplete="off" autoCapitalize="characters" placeholder="例如 7KQ2-M9XF" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              查验
            </Button>
          </Form>
        </Card>
        <div className="zp-gap-top">
          {routeCode && !code && <Alert type="error" showIcon title="验证码格式不正确，请核对后重新输入" />}
          {code && !outcome && <Spin />}
          {outcome?.kind === 'found' && <Found form={outcome.form} />}
          {outcome?.kind === 'notFound' && (
            <Card data-testid="verify-not-found">
              <Result
                status="warning"
                title="未找到该评审表"
                subTitle="没有与此验证码对应的评审表。请核对验证码后重新输入；如仍无法查验，请联系评委会办公室。"
                className="zp-verify-result"
              />
            </Card>
          )}
          {outcome?.kind === 'error' && <Alert type="error" showIcon title={outcome.message} />}
        </div>
      </div>
    </PublicLayout>
  );
}
