// 缴纳评审费 (B21-14, A24-16), from 已接收材料 on: the amount, the 缴费编号 to write in the transfer's
// note, whom to pay (account and payment code), the deadline, the receipt upload and what finance
// decided — with the reason when it rejected the receipt. Laid out for a 375 px phone.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { ApplicantFee } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { PageLoading } from '../../../components/PageLoading';
import { FEE_STATUS_COLORS, yuan } from '../finance/fees';
import { fileContentUrl } from './ArchiveFiles';
import { FileCard } from './FileCard';
import { acceptOf } from './materials';
import { useIsPhone } from './useIsPhone';

export function FeePanel({ applicationId }: { applicationId: string }) {
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [fee, setFee] = useState<ApplicantFee | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const base = `/api/me/applications/${encodeURIComponent(applicationId)}/fee`;

  const load = useCallback(async () => {
    try {
      setFee(await api.get<ApplicantFee>(base));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [base]);

  useEffect(() => {
    void load();
  }, [load]);

  async function upload(file: File) {
    setUploading(true);
    setUploadError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      setFee(await api.upload<ApplicantFee>(`${base}/receipt`, form));
      message.success('缴费凭证已上传，请等待财务确认');
    } catch (err) {
      setUploadError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  }

  if (error) {
    return (
      <Card size="small" title="缴纳评审费">
        <Alert type="error" showIcon title={`缴费信息未能载入：${error}`} />
      </Card>
    );
  }
  if (!fee) return <PageLoading />;
  const { order, payee } = fee;

  return (
    <Card size="small" title="缴纳评审费" data-testid="fee-panel" extra={<Tag>{fee.ruleId}</Tag>}>
      <Flex vertical gap={12}>
        {order && (
          <Flex gap={8} align="center" wrap>
            <Typography.Text>缴费状态</Typography.Text>
            <Tag color={FEE_STATUS_COLORS[order.status]} data-testid="fee-status">
              {order.statusLabel}
            </Tag>
          </Flex>
        )}
        {order?.status === 'rejected' && order.rejectReason && (
          <Alert type="error" showIcon title="财务退回了缴费凭证" description={<span data-testid="fee-reject-reason">退回原因：{order.rejectReason}</span>} />
        )}
        {order && (
          <Descriptions
            size="small"
            bordered
            column={1}
            layout={phone ? 'vertical' : 'horizontal'}
            items={[
              { key: 'amount', label: '应缴金额', children: <Typography.Text strong>{yuan(order.amountYuan)}</Typography.Text> },
              {
                key: 'reference',
                label: '缴费编号',
                children: (
                  <Flex vertical gap={2}>
                    <Typography.Text strong copyable={{ tooltips: ['复制缴费编号', '已复制'] }} data-testid="fee-reference">
                      {order.reference}
                    </Typography.Text>
                    <Typography.Text type="secondary" className="zp-small">
                      转账时请在附言（备注）中填写此编号，便于财务核对
                    </Typography.Text>
                  </Flex>
                ),
              },
              ...(payee
                ? [
                    { key: 'payee', label: '收款单位', children: <span className="zp-break">{payee.payeeName}</span> },
                    { key: 'bank', label: '开户银行', children: <span className="zp-break">{payee.bankName}</span> },
                    {
                      key: 'account',
                      label: '银行账号',
                      children: (
                        <Typography.Text copyable={{ tooltips: ['复制账号', '已复制'] }} className="zp-break">
                          {payee.accountNumber}
                        </Typography.Text>
                      ),
                    },
                  ]
                : []),
              { key: 'deadline', label: '缴费截止', children: fee.deadline ? `${fee.deadline}（北京时间）` : '评审通知未规定缴费截止时间' },
            ]}
          />
        )}
        {order && !payee && <Alert type="warning" showIcon title="评委会办公室尚未设置收款信息，请稍后再来查看" />}
        {fee.payment && order?.status !== 'confirmed' && fee.payment.steps.length > 0 && (
          <div data-testid="fee-steps">
            <Typography.Text strong>缴费步骤（{fee.payment.providerName}）</Typography.Text>
            <ol className="zp-fee-steps">
              {fee.payment.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </div>
        )}
        {payee?.hasQr && (
          <Flex vertical gap={4} align={phone ? 'center' : 'flex-start'}>
            <img src={`${base}/qr`} alt="收款二维码" className="zp-receipt-qr" />
            <Typography.Text type="secondary" className="zp-small">
              扫码转账，附言（备注）中请填写缴费编号
            </Typography.Text>
          </Flex>
        )}
        {order?.receipt && (
          <div>
            <Typography.Text strong>已上传的缴费凭证</Typography.Text>
            <div className="zp-gap-top">
              <FileCard file={order.receipt} contentUrl={fileContentUrl(order.receipt.id)} />
            </div>
          </div>
        )}
        {fee.payable ? (
          <Upload
            accept={acceptOf(['jpg', 'png', 'pdf'])}
            showUploadList={false}
            fileList={[]}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
            className={phone ? 'zp-upload-block' : undefined}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={uploading} block={phone}>
              {order?.status === 'rejected' ? '重新上传缴费凭证' : '上传缴费凭证'}
            </Button>
          </Upload>
        ) : (
          fee.notPayableReason && order?.status !== 'confirmed' && <Alert type="info" showIcon title={fee.notPayableReason} data-testid="fee-not-payable" />
        )}
        {uploadError && <Alert type="error" showIcon title={uploadError} />}
      </Flex>
    </Card>
  );
}
