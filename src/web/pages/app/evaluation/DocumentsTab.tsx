// 文件与证书: after the results are confirmed, the qualification document (任职资格文件: number
// and date → generated PDF → marked filed), then the electronic certificates (SM2-signed PDFs) of
// every candidate who passed, and revocation — with the reason, and when it was fraud a finding
// that bars the person for the campaign's ban years (B21-10). Revocation asks for the
// certificate number to be typed.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileProtectOutlined, InboxOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { toBeijingDateTime } from '../../../../domain/campaign/dates';
import { api } from '../../../api/client';
import { officeCommitteeUrl, type OfficeCertificate, type QualificationDocument } from '../../../api/evaluation';
import { BeijingDatePicker } from '../../../components/BeijingPickers';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorMessage } from '../../../components/errors';
import { beijingDateTime } from '../declare/time';
import { useRun, type CommitteeTabProps } from './committeeKit';
import { revokeConfirmed } from './certificates';

function DateControl(props: { id?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  return <BeijingDatePicker id={props.id} value={props.value} onChange={(v) => props.onChange?.(v)} placeholder="YYYY-MM-DD" />;
}

interface RevokeValues {
  reason: string;
  fraud: boolean;
  typedNumber: string;
}

function RevokeDialog({ target, onClose, onDone }: { target: OfficeCertificate | null; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<RevokeValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const typed = Form.useWatch('typedNumber', form);
  const fraud = Form.useWatch('fraud', form);

  async function submit(values: RevokeValues) {
    if (!target) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/office/certificates/${encodeURIComponent(target.id)}/revoke`, { reason: values.reason.trim(), fraud: Boolean(values.fraud) });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={target ? `撤销 ${target.name} 的电子职称证书` : ''}
      open={target !== null}
      onCancel={onClose}
      okText="撤销证书"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: saving, htmlType: 'submit', form: 'certificate-revoke', disabled: !target || !revokeConfirmed(target.number, typed) }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon className="zp-gap-bottom" title="撤销不可恢复：公开核验将显示“已撤销”，证书 PDF 随即失效。" />
      <Form form={form} name="certificate-revoke" layout="vertical" onFinish={submit} initialValues={{ fraud: false }}>
        <Form.Item name="reason" label="撤销原因" rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }, { max: 1000, message: '不超过 1000 个字' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="例如：经查实申报业绩材料系伪造" />
        </Form.Item>
        <Form.Item name="fraud" valuePropName="checked">
          <Checkbox data-testid="revoke-fraud">属于弄虚作假（记入诚信记录，按评审通知规定的年限不得申报）</Checkbox>
        </Form.Item>
        {fraud && <Alert type="error" showIcon className="zp-gap-bottom" title="将记录弄虚作假情形：资格自查和申报将在禁止年限内拒绝该人员。" />}
        <Form.Item name="typedNumber" label={target ? `请输入证书编号 ${target.number} 以确认` : '证书编号'} rules={[{ required: true, message: '请输入证书编号' }]}>
          <Input autoComplete="off" data-testid="revoke-number" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

export function DocumentsTab({ committee, reload }: CommitteeTabProps) {
  const { busy, run, confirmRun } = useRun(reload);
  const [form] = Form.useForm<{ documentNumber: string; issuedOn: string }>();
  const [document, setDocument] = useState<QualificationDocument | null>(null);
  const [certificates, setCertificates] = useState<OfficeCertificate[] | null>(null);
  const [certError, setCertError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<OfficeCertificate | null>(null);
  const confirmed = committee.status === 'confirmed';
  const base = officeCommitteeUrl(committee.id);

  const loadCertificates = useCallback(async () => {
    try {
      setCertificates(await api.get<OfficeCertificate[]>(`${base}/certificates`));
      setCertError(null);
    } catch (err) {
      setCertError(errorMessage(err));
    }
  }, [base]);

  useEffect(() => {
    void loadCertificates();
  }, [loadCertificates]);

  // The document on record (null before it is issued); a server without this read leaves what the POST answered.
  useEffect(() => {
    let current = true;
    api
      .get<QualificationDocument | null>(`${base}/qualification-document`)
      .then((doc) => current && doc && setDocument(doc))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [base, committee.status]);

  const passed = committee.candidates.filter((c) => c.result === 'passed').length;

  return (
    <Flex vertical gap={16}>
      {!confirmed && <Alert type="info" showIcon title="评审结果确认后，才能印发任职资格文件和颁发电子职称证书。" />}
      <Card size="small" title="任职资格文件">
        <Flex vertical gap={12}>
          {document && (
            <Descriptions
              size="small"
              bordered
              column={1}
              data-testid="document-facts"
              items={[
                { key: 'number', label: '文号', children: document.documentNumber },
                { key: 'issued', label: '印发日期', children: document.issuedOn },
                { key: 'filed', label: '归档', children: document.filedAt ? <Tag color="success">已于 {beijingDateTime(document.filedAt)} 归档</Tag> : <Tag>未归档</Tag> },
              ]}
            />
          )}
          {!document && (
            <Form
              form={form}
              name="qualification-document"
              layout="inline"
              initialValues={{ issuedOn: toBeijingDateTime(Date.now()).slice(0, 10) }}
              onFinish={(values) =>
                void run(
                  'document',
                  async () => {
                    const doc = await api.post<QualificationDocument>(`${base}/qualification-document`, { documentNumber: values.documentNumber.trim(), issuedOn: values.issuedOn });
                    setDocument(doc);
                    return doc;
                  },
                  (doc) => `已生成任职资格文件 ${doc.documentNumber}`,
                )
              }
            >
              <Form.Item name="documentNumber" label="文号" rules={[{ required: true, whitespace: true, message: '请填写文号' }, { max: 100, message: '不超过 100 个字' }]}>
                <Input placeholder="例如：巴州职改〔2026〕12号" maxLength={100} disabled={!confirmed} data-testid="document-number" />
              </Form.Item>
              <Form.Item name="issuedOn" label="印发日期" rules={[{ required: true, message: '请选择印发日期' }]}>
                <DateControl />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<FileProtectOutlined />} disabled={!confirmed} loading={busy === 'document'} data-testid="document-generate">
                  生成任职资格文件
                </Button>
              </Form.Item>
            </Form>
          )}
          <Flex gap={8} wrap>
            <DownloadButton url={`${base}/qualification-document.pdf`} filename={`${committee.name}任职资格文件.pdf`} icon={<FilePdfOutlined />} disabled={!confirmed} data-testid="document-pdf">
              下载任职资格文件
            </DownloadButton>
            <Button
              icon={<InboxOutlined />}
              disabled={!confirmed || Boolean(document?.filedAt)}
              loading={busy === 'filed'}
              data-testid="document-filed"
              onClick={() =>
                confirmRun(
                  { title: '标记已归档', content: '确认任职资格文件已印发并归档？归档后方可颁发电子职称证书。', okText: '确认归档' },
                  'filed',
                  async () => {
                    await api.post(`${base}/qualification-document/filed`);
                    setDocument((d) => (d ? { ...d, filedAt: new Date().toISOString() } : d));
                  },
                  '已标记归档',
                )
              }
            >
              标记已归档
            </Button>
          </Flex>
        </Flex>
      </Card>
      <Card
        size="small"
        title={`电子职称证书（${certificates?.length ?? 0}）`}
        extra={
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            disabled={!confirmed}
            loading={busy === 'issue'}
            data-testid="issue-certificates"
            onClick={() =>
              confirmRun(
                { title: '颁发电子职称证书', content: `为评审通过的 ${passed} 名人员生成带 SM2 签名的电子职称证书（已颁发的不重复生成）。需已归档任职资格文件。`, okText: '确认颁发' },
                'issue',
                async () => {
                  const r = await api.post<{ issued: number }>(`${base}/certificates`);
                  await loadCertificates();
                  return r;
                },
                (r) => `已颁发 ${r.issued} 份电子职称证书`,
              )
            }
          >
            颁发电子证书
          </Button>
        }
      >
        {certError && <Alert type="error" showIcon title={certError} className="zp-gap-bottom" />}
        <Table<OfficeCertificate>
          size="small"
          rowKey="id"
          data-testid="certificates-table"
          loading={certificates === null && !certError}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 860 }}
          dataSource={certificates ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未颁发" /> }}
          columns={[
            { title: '证书编号', dataIndex: 'number', width: 190, render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '职称', dataIndex: 'titleName', width: 120 },
            { title: '颁发时间', dataIndex: 'issuedAt', width: 150, render: (v: string) => beijingDateTime(v) },
            {
              title: '状态',
              key: 'status',
              render: (_: unknown, c) =>
                c.revokedAt ? (
                  <Flex vertical gap={2}>
                    <Tag color="error" className="zp-self-start">
                      已撤销
                    </Tag>
                    <Typography.Text type="secondary" className="zp-small">
                      {beijingDateTime(c.revokedAt)}：{c.revokeReason}
                    </Typography.Text>
                  </Flex>
                ) : (
                  <Tag color="success">有效</Tag>
                ),
            },
            {
              title: '操作',
              key: 'revoke',
              width: 90,
              fixed: 'right',
              render: (_: unknown, c) =>
                c.revokedAt ? null : (
                  <Button size="small" danger icon={<StopOutlined />} onClick={() => setRevoking(c)} aria-label={`撤销 ${c.name} 的证书`}>
                    撤销
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <RevokeDialog
        target={revoking}
        onClose={() => setRevoking(null)}
        onDone={() => {
          setRevoking(null);
          void loadCertificates();
          void reload();
        }}
      />
    </Flex>
  );
}
