// 评审表 (B21-6) for the applicant, once the committee office has accepted the materials: the PDF
// to print on A4 (both sides), sign and hand in through the unit with the paper materials.
import { Card, Flex, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { DownloadButton } from '../../../components/DownloadButton';
import { useIsPhone } from './useIsPhone';

export function ReviewFormCard({ applicationId }: { applicationId: string }) {
  const phone = useIsPhone();
  return (
    <Card size="small" title="评审表">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          请下载评审表，用 A4 纸双面打印，本人签字、单位盖章后按通知要求报送纸质材料。每页印有评审表编号和验证码，可在本平台“评审表查验”页面核验真伪。
        </Typography.Text>
        <DownloadButton
          url={`/api/me/applications/${encodeURIComponent(applicationId)}/review-form.pdf`}
          filename="评审表.pdf"
          icon={<FilePdfOutlined />}
          type="primary"
          block={phone}
          className="zp-self-start"
        >
          下载评审表
        </DownloadButton>
      </Flex>
    </Card>
  );
}
