// 评审表查验 (B21-6), public: anyone holding a printed 评审表 types the verification code from its
// footer or watermark (or scans the printed address, /verify/7KQ2-M9XF) and learns whether the
// platform issued it — its number, campaign, series and level — or that no such form exists.
// 电子职称证书核验, public: the certificate's code (typed, or read from its QR code, which points to
// /verify?certificate=<code>) says 真实有效, 已撤销 or 未找到 with the minimum fields; a certificate
// PDF can be checked too (signature and recorded hash: genuine, revoked, tampered or unknown).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Spin, Tabs, Typography, Upload, type FormInstance } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { parseVerificationCode } from '../../domain/review-form';
import { api, ApiError } from '../api/client';
import type { CertificateFacts, CertificatePdfVerification, CertificateVerification } from '../api/evaluation';
import type { ReviewFormVerification } from '../api/types';
import { errorMessage } from '../components/errors';
import { PublicLayout } from '../layouts/PublicLayout';
import { beijingDateTime } from './app/declare/time';
import { useIsPhone } from './app/declare/useIsPhone';
import { certificateCodeFromLocation, certificateVerifyPathFor, formatCertificateCode, parseCertificateCode, verifyPathFor } from './verify';

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

/** A code typed by hand (or read from the paper): checked for its format, then opened at its verification address. */
function CodeLookupForm(props: {
  form: FormInstance<{ code: string }>;
  name: string;
  label: string;
  requiredMessage: string;
  formatMessage: string;
  placeholder: string;
  maxLength: number;
  submitText: string;
  pathFor(typed: string): string | null;
  testIds?: { input: string; submit: string };
}) {
  const navigate = useNavigate();
  return (
    <Card>
      <Form
        form={props.form}
        name={props.name}
        layout="vertical"
        onFinish={({ code: typed }) => {
          const path = props.pathFor(typed);
          if (path) navigate(path);
        }}
      >
        <Form.Item
          name="code"
          label={props.label}
          rules={[
            { required: true, whitespace: true, message: props.requiredMessage },
            {
              validator: async (_, value: string | undefined) => {
                if (value?.trim() && !props.pathFor(value)) throw new Error(props.formatMessage);
              },
            },
          ]}
        >
          <Input
            className="zp-verify-code"
            maxLength={props.maxLength}
            autoComplete="off"
            autoCapitalize="characters"
            placeholder={props.placeholder}
            data-testid={props.testIds?.input}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block data-testid={props.testIds?.submit}>
          {props.submitText}
        </Button>
      </Form>
    </Card>
  );
}

function ReviewFormSection() {
  const { code: routeCode } = useParams();
  const [form] = Form.useForm<{ code: string }>();
  const code = routeCode ? parseVerificationCode(routeCode) : null;
  const outcome = useVerification(code);

  useEffect(() => {
    form.setFieldsValue({ code: routeCode ?? '' });
  }, [form, routeCode]);

  return (
    <>
    <Typography.Paragraph type="secondary">输入评审表页脚或水印中的验证码（8 位字母和数字，例如 7KQ2-M9XF），核验评审表是否由本平台生成。</Typography.Paragraph>
    <CodeLookupForm
      form={form}
      name="verify"
      label="验证码"
      requiredMessage="请输入验证码"
      formatMessage="验证码为 8 位，由数字 2–9 和字母组成（不含 O、I）"
      placeholder="例如 7KQ2-M9XF"
      maxLength={12}
      submitText="查验"
      pathFor={verifyPathFor}
    />
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
    </>
  );
}

// --- 电子职称证书核验 ------------------------------------------------------------------------------

type CertificateOutcome = { kind: 'done'; result: CertificateVerification } | { kind: 'error'; message: string };

function useCertificateVerification(code: string | null) {
  const [outcome, setOutcome] = useState<CertificateOutcome | null>(null);
  useEffect(() => {
    setOutcome(null);
    if (!code) return;
    let current = true;
    api
      .get<CertificateVerification>(`/api/public/certificates/verify?code=${encodeURIComponent(code)}`, { allowUnauthenticated: true })
      .then((result) => current && setOutcome({ kind: 'done', result }))
      .catch((err: unknown) => {
        if (!current) return;
        setOutcome(err instanceof ApiError && err.status === 404 ? { kind: 'done', result: { status: 'unknown', certificate: null } } : { kind: 'error', message: errorMessage(err) });
      });
    return () => {
      current = false;
    };
  }, [code]);
  return outcome;
}

function CertificateFactsTable({ certificate }: { certificate: CertificateFacts }) {
  const phone = useIsPhone();
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      layout={phone ? 'vertical' : 'horizontal'}
      items={[
        { key: 'number', label: '证书编号', children: <span data-testid="certificate-number">{certificate.number}</span> },
        { key: 'name', label: '姓名', children: <span data-testid="certificate-name">{certificate.name}</span> },
        { key: 'unit', label: '工作单位', children: certificate.unitName },
        { key: 'series', label: '系列', children: certificate.seriesName },
        { key: 'level', label: '级别', children: certificate.level },
        { key: 'title', label: '职称名称', children: certificate.titleName },
        { key: 'date', label: '资格取得时间', children: certificate.qualificationDate },
        ...(certificate.revokedAt ? [{ key: 'revoked', label: '撤销时间', children: beijingDateTime(certificate.revokedAt) }] : []),
      ]}
    />
  );
}

/** 真实有效 / 已撤销 / 已被篡改 / 未找到, with the certificate's minimum fields when known. */
function CertificateVerdict({ status, certificate, source }: { status: CertificatePdfVerification['status']; certificate: CertificateFacts | null; source: 'code' | 'pdf' }) {
  const prefix = source === 'pdf' ? 'certificate-pdf' : 'certificate';
  if (status === 'genuine') {
    return (
      <Card data-testid={`${prefix}-genuine`}>
        <Result status="success" title="真实有效" subTitle="此电子职称证书由本平台签发，现行有效。以下信息应与证书一致。" className="zp-verify-result" />
        {certificate && <CertificateFactsTable certificate={certificate} />}
      </Card>
    );
  }
  if (status === 'revoked') {
    return (
      <Card data-testid={`${prefix}-revoked`}>
        <Result status="error" title="已撤销" subTitle="此电子职称证书已被发证机关撤销，不再有效。" className="zp-verify-result" />
        {certificate && <CertificateFactsTable certificate={certificate} />}
      </Card>
    );
  }
  if (status === 'tampered') {
    return (
      <Card data-testid={`${prefix}-tampered`}>
        <Result status="error" title="证书文件已被篡改" subTitle="该 PDF 的签名或内容与本平台签发的证书不一致，请勿采信。可输入证书上的验证码再次核验。" className="zp-verify-result" />
      </Card>
    );
  }
  return (
    <Card data-testid={`${prefix}-unknown`}>
      <Result
        status="warning"
        title="未找到"
        subTitle={source === 'pdf' ? '该文件不是本平台签发的电子职称证书。' : '没有与此验证码对应的电子职称证书。请核对验证码后重新输入；如有疑问，请联系发证机关。'}
        className="zp-verify-result"
      />
    </Card>
  );
}

function CertificatePdfCheck() {
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<CertificatePdfVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check(file: File) {
    setChecking(true);
    setError(null);
    setResult(null);
    try {
      const form = new FormData();
      form.append('file', file);
      setResult(await api.upload<CertificatePdfVerification>('/api/public/certificates/verify-pdf', form, { allowUnauthenticated: true }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setChecking(false);
    }
  }

  return (
    <Card title="核验证书 PDF 文件" size="small">
      <Upload.Dragger
        accept=".pdf,application/pdf"
        showUploadList={false}
        fileList={[]}
        disabled={checking}
        beforeUpload={(file) => {
          void check(file);
          return false;
        }}
        data-testid="certificate-pdf-upload"
      >
        <p className="ant-upload-drag-icon">
          <FilePdfOutlined />
        </p>
        <p className="ant-upload-text">{checking ? '正在核验…' : '点击或拖入电子职称证书 PDF'}</p>
        <p className="ant-upload-hint">核验文件内的 SM2 签名和平台登记的文件摘要，文件不会被保存。</p>
      </Upload.Dragger>
      <div className="zp-gap-top">
        {checking && <Spin />}
        {error && <Alert type="error" showIcon title={error} />}
        {result && <CertificateVerdict status={result.status} certificate={result.certificate} source="pdf" />}
      </div>
    </Card>
  );
}

function CertificateSection({ asked }: { asked: string | null }) {
  const [form] = Form.useForm<{ code: string }>();
  const code = asked ? parseCertificateCode(asked) : null;
  const outcome = useCertificateVerification(code);

  useEffect(() => {
    form.setFieldsValue({ code: code ? formatCertificateCode(code) : (asked ?? '') });
  }, [form, asked, code]);

  return (
    <>
      <Typography.Paragraph type="secondary">输入电子职称证书上的验证码（12 位字母和数字，例如 ABCD-2345-WXYZ），或用手机扫描证书上的二维码，核验证书是否真实有效。</Typography.Paragraph>
      <CodeLookupForm
        form={form}
        name="certificate-verify"
        label="证书验证码"
        requiredMessage="请输入证书验证码"
        formatMessage="证书验证码为 12 位，由数字 2–9 和字母组成（不含 O、I）"
        placeholder="例如 ABCD-2345-WXYZ"
        maxLength={20}
        submitText="核验证书"
        pathFor={certificateVerifyPathFor}
        testIds={{ input: 'certificate-code', submit: 'certificate-submit' }}
      />
      <div className="zp-gap-top">
        {asked !== null && asked !== '' && !code && <Alert type="error" showIcon title="证书验证码格式不正确，请核对后重新输入" />}
        {code && !outcome && <Spin />}
        {outcome?.kind === 'done' && <CertificateVerdict status={outcome.result.status} certificate={outcome.result.certificate} source="code" />}
        {outcome?.kind === 'error' && <Alert type="error" showIcon title={outcome.message} />}
      </div>
      <div className="zp-gap-top">
        <CertificatePdfCheck />
      </div>
    </>
  );
}

type VerifyTab = 'review-form' | 'certificate';

export default function VerifyPage() {
  const { code: routeCode } = useParams();
  const [search] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const asked = certificateCodeFromLocation(routeCode, search);
  const [chosen, setChosen] = useState<VerifyTab | null>(null);
  // The address decides (a QR code or a printed form's address); a click on a tab decides until the address changes.
  const fromAddress: VerifyTab = asked !== null ? 'certificate' : 'review-form';
  const [chosenFor, setChosenFor] = useState(pathname + search.toString());
  if (chosenFor !== pathname + search.toString()) {
    setChosenFor(pathname + search.toString());
    setChosen(null);
  }
  const tab = chosen ?? fromAddress;

  return (
    <PublicLayout>
      <div className="zp-narrow">
        <Typography.Title level={3}>
          <SafetyCertificateOutlined /> {tab === 'certificate' ? '电子职称证书核验' : '评审表查验'}
        </Typography.Title>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            // Leaving a result's address for the other kind starts that kind blank.
            if (key === 'certificate' && routeCode && asked === null) navigate('/verify?certificate=');
            else if (key === 'review-form' && asked !== null) navigate('/verify');
            else setChosen(key as VerifyTab);
          }}
          items={[
            { key: 'review-form', label: <span data-testid="verify-tab-review-form">评审表查验</span> },
            { key: 'certificate', label: <span data-testid="verify-tab-certificate">电子职称证书核验</span> },
          ]}
        />
        {tab === 'certificate' ? <CertificateSection asked={asked} /> : <ReviewFormSection />}
      </div>
    </PublicLayout>
  );
}
