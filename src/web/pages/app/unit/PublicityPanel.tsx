// 单位内部公示 (B21-10, A24-11): the unit starts the publicity on a date it picks (today or later;
// the server counts the working days on the campaign's calendar), records the objections raised
// meanwhile and how each was resolved, and recommends once the period is over. Afterwards the
// period, the objections and the recommendation opinion stay on the page, read-only, with the
// publicity paperwork to download and its sealed copies to upload.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../../api/client';
import type { PublicityPeriod } from '../../../api/types';
import { applyFieldErrors, errorMessage } from '../../../components/errors';
import type { DeskContext } from '../review/DeskApplication';
import { beijingToday, publicityText, recommendBlockedReason } from '../review/publicity';
import { ObjectionItem, ReviewFactsCard } from '../review/ReviewFacts';
import { PublicityDocuments } from './PublicityDocuments';

interface TextDialogTarget {
  title: string;
  label: string;
  placeholder: string;
  url: string;
  field: 'content' | 'resolution';
  done: string;
}

/** 记录异议 and 处理: one text (up to 2000 characters) posted to `url`. */
function TextDialog({ target, onClose, onDone }: { target: TextDialogTarget | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ text }: { text: string }) {
    if (!target) return;
    setSubmitting(true);
    setError(null);
    try {
      await api.post(target.url, { [target.field]: text.trim() });
      message.success(target.done);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title={target?.title}
      open={target !== null}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: submitting, htmlType: 'submit', form: 'publicity-text' }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Form form={form} name="publicity-text" layout="vertical" onFinish={submit}>
        <Form.Item
          name="text"
          label={target?.label}
          rules={[
            { required: true, whitespace: true, message: `请填写${target?.label ?? ''}` },
            { max: 2000, message: '不超过 2000 个字' },
          ]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder={target?.placeholder} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

function StartPublicity({ ctx, onStarted }: { ctx: DeskContext; onStarted(period: PublicityPeriod): void }) {
  const [form] = Form.useForm<{ startsOn: dayjs.Dayjs }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = beijingToday();

  async function start({ startsOn }: { startsOn: dayjs.Dayjs }) {
    setSubmitting(true);
    setError(null);
    try {
      const period = await api.post<PublicityPeriod>(`${ctx.base}/publicity`, { startsOn: startsOn.format('YYYY-MM-DD') });
      onStarted(period);
      await ctx.reload();
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Card size="small" title="单位内部公示">
      <Typography.Paragraph type="secondary">
        审核无误后，在单位内部公示申报材料。公示期按本次评审活动的工作日历计算（节假日不计），公示期满且异议处理完毕后方可推荐上报。
      </Typography.Paragraph>
      <Form form={form} name="publicity" layout={ctx.phone ? 'vertical' : 'inline'} onFinish={start} initialValues={{ startsOn: dayjs(today) }}>
        <Form.Item name="startsOn" label="公示开始日期" rules={[{ required: true, message: '请选择公示开始日期' }]}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') < today} className="zp-picker" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} block={ctx.phone}>
            开始公示
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} className="zp-gap-top" />}
    </Card>
  );
}

function RunningPublicity({ ctx, started }: { ctx: DeskContext; started: PublicityPeriod | null }) {
  const { message } = App.useApp();
  const { review } = ctx.view;
  const [dialog, setDialog] = useState<TextDialogTarget | null>(null);
  const [recommending, setRecommending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = recommendBlockedReason(review.publicity, beijingToday());
  const open = review.objections.filter((o) => !o.resolvedAt).length;

  async function recommend() {
    setRecommending(true);
    setError(null);
    try {
      const result = await api.post<{ status: string; opinion: string }>(`${ctx.base}/recommend`);
      message.success(`已推荐上报，推荐意见：${result.opinion}`);
      await ctx.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRecommending(false);
    }
  }

  return (
    <Card size="small" title="单位内部公示">
      <Flex vertical gap={12}>
        {started && <Alert type="success" showIcon title={`已开始公示，公示期 ${publicityText(started)}`} />}
        {review.publicity && (
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[{ key: 'period', label: '公示期', children: <span data-testid="publicity-period">{publicityText(review.publicity)}</span> }]}
          />
        )}
        <div>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong>公示期间收到的异议（{review.objections.length} 条）</Typography.Text>
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                setDialog({
                  title: '记录异议',
                  label: '异议内容',
                  placeholder: '写明异议的来源、时间和具体内容',
                  url: `${ctx.base}/objections`,
                  field: 'content',
                  done: '已记录异议',
                })
              }
            >
              记录异议
            </Button>
          </Flex>
          {review.objections.length === 0 && <Typography.Paragraph type="secondary" className="zp-no-margin zp-gap-top">公示期间暂未收到异议。</Typography.Paragraph>}
          {review.objections.map((o, i) => (
            <ObjectionItem
              key={o.id}
              objection={o}
              index={i}
              extra={
                !o.resolvedAt && (
                  <Button
                    size="small"
                    className="zp-self-start"
                    aria-label={`处理异议 ${i + 1}`}
                    onClick={() =>
                      setDialog({
                        title: `处理异议 ${i + 1}`,
                        label: '处理结果',
                        placeholder: '写明核实情况和处理结论',
                        url: `/api/unit/objections/${encodeURIComponent(o.id)}/resolve`,
                        field: 'resolution',
                        done: '已登记处理结果',
                      })
                    }
                  >
                    处理
                  </Button>
                )
              }
            />
          ))}
        </div>
        <Flex vertical gap={4}>
          <Popconfirm
            title="推荐上报"
            description="推荐后申报将报送上级审核，不能撤回。确定推荐？"
            okText="确定推荐"
            cancelText="取消"
            onConfirm={() => void recommend()}
            disabled={blocked !== null}
          >
            <Button type="primary" icon={<SendOutlined />} disabled={blocked !== null} loading={recommending} block={ctx.phone} className="zp-self-start">
              推荐上报
            </Button>
          </Popconfirm>
          {blocked && (
            <Typography.Text type="secondary" data-testid="recommend-blocked">
              {blocked}
            </Typography.Text>
          )}
          {!blocked && open > 0 && <Typography.Text type="warning">还有 {open} 条异议未处理，处理完毕后方可推荐。</Typography.Text>}
          {error && <Alert type="error" showIcon title={error} data-testid="recommend-error" />}
        </Flex>
      </Flex>
      <TextDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          void ctx.reload();
        }}
      />
    </Card>
  );
}

export function PublicityPanel({ ctx }: { ctx: DeskContext }) {
  const [started, setStarted] = useState<PublicityPeriod | null>(null);
  if (ctx.view.status === 'unit_review') return <StartPublicity ctx={ctx} onStarted={setStarted} />;
  return (
    <>
      {ctx.view.status === 'unit_publicity' ? <RunningPublicity ctx={ctx} started={started} /> : <ReviewFactsCard review={ctx.view.review} title="单位公示与推荐" />}
      <PublicityDocuments ctx={ctx} />
    </>
  );
}
