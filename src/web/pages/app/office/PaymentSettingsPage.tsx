// 收款设置 (B21-14, A24-16): who applicants of the office's prefecture pay the evaluation fee to —
// payee, bank and account — and the payee's payment code (收款码) for paying by scanning. The code
// can be uploaded once the payee is saved, since applicants read the two together.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Tag, Typography, Upload } from 'antd';
import { QrcodeOutlined, SaveOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { Payee, PaymentSettings } from '../../../api/types';
import { applyFieldErrors, errorMessage } from '../../../components/errors';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';

type PayeeForm = Omit<Payee, 'hasQr'>;

const URL_BASE = '/api/office/payment-settings';

function QrCard({ settings, onUploaded }: { settings: PaymentSettings | null; onUploaded(settings: PaymentSettings): void }) {
  const { message } = App.useApp();
  const [preview, setPreview] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The picked image is shown from memory; its object URL is freed when replaced or on leaving.
  useEffect(() => {
    if (!preview) return;
    return () => URL.revokeObjectURL(preview);
  }, [preview]);

  // Right after an upload the picked file is shown: the browser may still hold the old code under the same address.
  const qrSrc = preview ?? (settings?.hasQr ? `${URL_BASE}/qr` : null);

  async function upload(file: File) {
    setUploading(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const saved = await api.upload<PaymentSettings>(`${URL_BASE}/qr`, form);
      setPreview(URL.createObjectURL(file));
      onUploaded(saved);
      message.success('收款码已上传');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Card title="收款码" size="small">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">上传收款单位的收款二维码（JPG 或 PNG），申报人在缴费页面扫码转账。重新上传即替换原收款码。</Typography.Text>
        {settings?.hasQr ? <Tag color="success" className="zp-self-start">已上传收款码</Tag> : <Tag className="zp-self-start">未上传收款码</Tag>}
        {qrSrc && <img src={qrSrc} alt="收款码预览" className="zp-receipt-qr" />}
        {!settings && <Alert type="info" showIcon title="请先保存收款单位、开户银行和账号，再上传收款码" />}
        <Upload
          accept="image/jpeg,image/png,.jpg,.jpeg,.png"
          showUploadList={false}
          fileList={[]}
          disabled={!settings}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<QrcodeOutlined />} loading={uploading} disabled={!settings}>
            {settings?.hasQr ? '更换收款码' : '上传收款码'}
          </Button>
        </Upload>
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Card>
  );
}

export default function PaymentSettingsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<PayeeForm>();
  const [settings, setSettings] = useState<PaymentSettings | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<PaymentSettings | null>(URL_BASE)
      .then((loaded) => setSettings(loaded ?? null))
      .catch((err: unknown) => setLoadError(errorMessage(err)));
  }, []);

  async function save(values: PayeeForm) {
    setSaving(true);
    setSaveError(null);
    try {
      const body = { payeeName: values.payeeName.trim(), bankName: values.bankName.trim(), accountNumber: values.accountNumber.trim() };
      setSettings(await api.put<PaymentSettings>(URL_BASE, body));
      message.success('收款信息已保存');
    } catch (err) {
      setSaveError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSaving(false);
    }
  }

  if (loadError) return <Alert type="error" showIcon title={loadError} />;
  if (settings === undefined) return <PageLoading />;

  return (
    <>
      <PageTitle title="收款设置" description="申报材料被接收后，申报人按这里的收款信息缴纳评审费，并在转账附言中填写缴费编号。修改账号会记入审计日志。" />
      <Flex vertical gap={16} className="zp-form-narrow">
        <Card title="收款账户" size="small">
          <Form form={form} name="payee" layout="vertical" onFinish={save} initialValues={settings ?? undefined}>
            <Form.Item name="payeeName" label="收款单位（户名）" rules={[{ required: true, whitespace: true, message: '请填写收款单位' }, { max: 100, message: '不超过 100 个字' }]}>
              <Input maxLength={100} placeholder="例如：巴音郭楞蒙古自治州人力资源和社会保障局" />
            </Form.Item>
            <Form.Item name="bankName" label="开户银行" rules={[{ required: true, whitespace: true, message: '请填写开户银行' }, { max: 100, message: '不超过 100 个字' }]}>
              <Input maxLength={100} placeholder="例如：中国工商银行库尔勒分行" />
            </Form.Item>
            <Form.Item name="accountNumber" label="银行账号" rules={[
                { required: true, whitespace: true, message: '请填写银行账号' },
                { pattern: /^\s*\d[\d ]{4,38}\d\s*$/, message: '银行账号应为 6 至 40 位数字（可用空格分组）' },
              ]}>
              <Input maxLength={40} inputMode="numeric" autoComplete="off" placeholder="6 至 40 位数字，可用空格分组" />
            </Form.Item>
            {saveError && <Alert type="error" showIcon title={saveError} className="zp-gap-bottom" />}
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
              保存收款信息
            </Button>
          </Form>
        </Card>
        <QrCard settings={settings} onUploaded={setSettings} />
      </Flex>
    </>
  );
}
