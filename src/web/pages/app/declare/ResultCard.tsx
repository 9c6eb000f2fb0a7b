// 评审结果 for the applicant, from the committee stage on: where the evaluation stands, the result
// and its publicity dates, the electronic certificate (number, verification code, PDF; a notice
// when it was revoked), and the applicant's own 复查 requests and complaints with a form to file
// one. Laid out for a 375 px phone. Nothing is shown before the application reaches the committee.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { FilePdfOutlined, SendOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../api/client';
import type { ApplicationResult, CaseRequest } from '../../../api/evaluation';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorMessage } from '../../../components/errors';
import { CASE_KIND_OPTIONS, caseStatusColor, MAX_CASE_LENGTH, toCaseRequest } from '../evaluation/cases';
import { formatCertificateCode } from '../../verify';
import { beijingDateTime } from './time';
import { useIsPhone } from './useIsPhone';

// 'overturned': an objection in the publicity was upheld, the result is not confirmed (A24-4).
const RESULT_COLORS: Record<string, string> = { passed: 'success', failed: 'error', failed_cap: 'error', tied_at_cap: 'warning', overturned: 'error' };

function CaseForm({ applicationId, onFiled }: { applicationId: string; onFiled(): void }) {
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm<{ kind: CaseRequest['kind']; content: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { kind: CaseRequest['kind']; content: string }) {
    const checked = toCaseRequest(values.kind, values.content);
    if ('problem' in checked) {
      setError(checked.problem);
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.post(`/api/me/applications/${encodeURIComponent(applicationId)}/cases`, checked.request);
      message.success(checked.request.kind === 'complaint' ? '投诉已提交，评委会办公室将调查核实' : '复查申请已提交，评委会办公室将调查核实');
      form.resetFields();
      onFiled();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  }

  return (
    <Form form={form} name="result-case" layout="vertical" onFinish={submit} initialValues={{ kind: 'review_request' }}>
      <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={CASE_KIND_OPTIONS} data-testid="case-kind" />
      </Form.Item>
      <Form.Item name="content" label="具体事实和理由" rules={[{ required: true, whitespace: true, message: '请填写具体事实和理由' }]}>
        <Input.TextArea rows={4} maxLength={MAX_CASE_LENGTH} showCount placeholder="请写明对评审结果或评审过程的具体意见和依据" data-testid="case-content" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={sending} block={phone} data-testid="case-submit">
        提交
      </Button>
    </Form>
  );
}

export function ResultCard({ applicationId }: { applicationId: string }) {
  const phone = useIsPhone();
  const [result, setResult] = useState<ApplicationResult | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const base = `/api/me/applications/${encodeURIComponent(applicationId)}`;

  const load = useCallback(async () => {
    try {
      setResult(await api.get<ApplicationResult>(`${base}/result`));
      setError(null);
    } catch (err) {
      // Not yet at the committee: nothing to show.
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) setResult(null);
      else setError(errorMessage(err));
    }
  }, [base]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) {
    return (
      <Card size="small" title="评审结果">
        <Alert type="error" showIcon title={`评审结果未能载入：${error}`} />
      </Card>
    );
  }
  // Before the application is enrolled in a committee there is nothing to show yet.
  if (!result || (result.stage === 'not_in_evaluation' && result.cases.length === 0)) return null;
  const { certificate, publicity } = result;

  return (
    <Card size="small" title="评审结果" data-testid="result-card">
      <Flex vertical gap={12}>
        <Descriptions
          size="small"
          bordered
          column={1}
          layout={phone ? 'vertical' : 'horizontal'}
          items={[
            { key: 'stage', label: '评审进度', children: <Tag color="processing" data-testid="result-stage">{result.stageLabel}</Tag> },
            {
              key: 'result',
              label: '评审结果',
              children: result.resultLabel ? (
                <Tag color={RESULT_COLORS[result.result ?? ''] ?? 'default'} data-testid="result-label">
                  {result.resultLabel}
                </Tag>
              ) : (
                <Typography.Text type="secondary">尚未产生</Typography.Text>
              ),
            },
            ...(publicity ? [{ key: 'publicity', label: '结果公示', children: <span data-testid="result-publicity">{`${publicity.startsOn} 至 ${publicity.endsOn}`}</span> }] : []),
          ]}
        />
        {certificate && (
          <Card size="small" type="inner" title="电子职称证书" data-testid="result-certificate">
            <Flex vertical gap={12}>
              {certificate.revoked && (
                <Alert type="error" showIcon title="该证书已被撤销，不再有效" description={certificate.revokeReason ? `撤销原因：${certificate.revokeReason}` : undefined} data-testid="result-certificate-revoked" />
              )}
              <Descriptions
                size="small"
                bordered
                column={1}
                layout={phone ? 'vertical' : 'horizontal'}
                items={[
                  { key: 'number', label: '证书编号', children: <Typography.Text copyable className="zp-break" data-testid="result-certificate-number">{certificate.number}</Typography.Text> },
                  {
                    key: 'code',
                    label: '验证码',
                    children: (
                      <Typography.Text copyable={{ text: formatCertificateCode(certificate.verificationCode) }} data-testid="result-certificate-code">
                        {formatCertificateCode(certificate.verificationCode)}
                      </Typography.Text>
                    ),
                  },
                  { key: 'issued', label: '颁发时间', children: beijingDateTime(certificate.issuedAt) },
                ]}
              />
              {!certificate.revoked && (
                <Typography.Text type="secondary" className="zp-small">
                  任何人可在本平台“电子职称证书核验”页面输入验证码或扫描证书二维码核验真伪。
                </Typography.Text>
              )}
              <DownloadButton url={`${base}/certificate.pdf`} filename={`电子职称证书${certificate.number}.pdf`} icon={<FilePdfOutlined />} type="primary" block={phone} className="zp-self-start" disabled={certificate.revoked} data-testid="result-certificate-pdf">
                下载电子职称证书
              </DownloadButton>
            </Flex>
          </Card>
        )}
        <div>
          <Typography.Text strong>复查申请与投诉</Typography.Text>
          {result.cases.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />
          ) : (
            <Flex vertical gap={8} className="zp-gap-top" data-testid="result-cases">
              {result.cases.map((c) => (
                <Card size="small" key={c.id}>
                  <Flex vertical gap={4}>
                    <Flex gap={6} wrap>
                      <Tag>{c.kindLabel}</Tag>
                      <Tag color={caseStatusColor(c.status)}>{c.statusLabel}</Tag>
                    </Flex>
                    <Typography.Paragraph className="zp-no-margin zp-pre">{c.content}</Typography.Paragraph>
                    {c.outcome && <Alert type="info" title={`处理结果：${c.outcome}`} />}
                  </Flex>
                </Card>
              ))}
            </Flex>
          )}
        </div>
        {filing ? (
          <CaseForm
            applicationId={applicationId}
            onFiled={() => {
              setFiling(false);
              void load();
            }}
          />
        ) : (
          <Button onClick={() => setFiling(true)} block={phone} className="zp-self-start" data-testid="case-open">
            申请复查或投诉
          </Button>
        )}
      </Flex>
    </Card>
  );
}
