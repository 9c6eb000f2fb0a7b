// One application at the committee office: the formal check ends with 退回修改 or 已接收材料 (the
// fee becomes payable); afterwards the office prints the 评审表 (full and blind versions) and
// registers the signed paper copy when it arrives.
import { useState } from 'react';
import { App, Button, Popconfirm, Tag } from 'antd';
import { CheckOutlined, FilePdfOutlined, InboxOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorMessage } from '../../../components/errors';
import { beijingDateTime } from '../declare/time';
import { DeskApplication, type DeskContext } from '../review/DeskApplication';
import { ReviewFactsCard } from '../review/ReviewFacts';
import { afterAcceptance, paperReceivedAt } from '../review/stages';

function OfficeActions({ ctx }: { ctx: DeskContext }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { view, base, phone } = ctx;

  async function post(path: string, done: string) {
    setBusy(true);
    try {
      await api.post(`${base}/${path}`);
      message.success(done);
      await ctx.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (view.status === 'office_review') {
    return (
      <Popconfirm
        title="已接收材料"
        description="确认形式审查通过、接收该申报的材料？接收后申报人即可缴纳评审费。"
        okText="确认接收"
        cancelText="取消"
        onConfirm={() => post('accept', '已接收材料，申报人会收到缴费通知')}
      >
        <Button type="primary" icon={<CheckOutlined />} loading={busy} block={phone}>
          已接收材料
        </Button>
      </Popconfirm>
    );
  }
  if (!afterAcceptance(view.status, view.review.acceptedAt)) return null;
  const paperAt = paperReceivedAt(view.timeline);
  return (
    <>
      <DownloadButton url={`${base}/review-form.pdf`} filename="评审表.pdf" icon={<FilePdfOutlined />} block={phone}>
        下载评审表
      </DownloadButton>
      <DownloadButton url={`${base}/review-form-blind.pdf`} filename="评审表（盲评版）.pdf" icon={<FilePdfOutlined />} block={phone}>
        下载盲评版评审表
      </DownloadButton>
      {paperAt && (
        <Tag color="success" className="zp-self-start" data-testid="paper-received">
          已于 {beijingDateTime(paperAt)} 登记收到纸质材料
        </Tag>
      )}
      {!paperAt && view.status === 'accepted' && (
        <Popconfirm
          title="登记收到纸质材料"
          description="确认已收到申报人签字、单位盖章的纸质评审表及材料？"
          okText="确认登记"
          cancelText="取消"
          onConfirm={() => post('paper-received', '已登记收到纸质材料')}
        >
          <Button icon={<InboxOutlined />} loading={busy} block={phone}>
            登记收到纸质材料
          </Button>
        </Popconfirm>
      )}
    </>
  );
}

export default function OfficeApplicationPage() {
  const { id = '' } = useParams();
  return (
    <DeskApplication
      desk="office"
      id={id}
      queuePath="/app/office/applications"
      queueLabel="评委会办公室审核"
      actions={(ctx) => <OfficeActions ctx={ctx} />}
      panels={({ view }) => <ReviewFactsCard review={view.review} />}
    />
  );
}
