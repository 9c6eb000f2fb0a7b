// 新建申报: 评审活动 → 系列 → 专业 → 级别 → 申报途径, each narrowed by the one before, with the
// title name and the fee shown before the application is created.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Select, Steps } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Level } from '../../../../domain/campaign/vocabulary';
import { api } from '../../../api/client';
import type { ApplicationView, PublicCampaign, PublicCampaignDetail } from '../../../api/types';
import { applyFieldErrors, errorMessage } from '../../../components/errors';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { feeOf, levelsOf, openForDeclaration } from './choice';
import { useIsPhone } from './useIsPhone';

interface Choice {
  campaignId?: string;
  seriesId?: string;
  specialtyId?: string;
  level?: Level;
  pathId?: string;
}

const STEP_TITLES = ['评审活动', '系列', '专业', '级别', '申报途径'];

export default function NewApplicationPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [form] = Form.useForm<Choice>();
  const [campaigns, setCampaigns] = useState<PublicCampaign[] | null>(null);
  const [detail, setDetail] = useState<PublicCampaignDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const choice = Form.useWatch([], form) ?? {};

  useEffect(() => {
    api
      .get<PublicCampaign[]>('/api/me/campaigns')
      .then((list) => {
        const open = openForDeclaration(list, Date.now());
        setCampaigns(open);
        if (open.length === 1) form.setFieldsValue({ campaignId: open[0].id });
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [form]);

  useEffect(() => {
    setDetail(null);
    if (!choice.campaignId) return;
    let current = true;
    api
      .get<PublicCampaignDetail>(`/api/public/campaigns/${encodeURIComponent(choice.campaignId)}`)
      .then((d) => {
        if (!current) return;
        setDetail(d);
        // A single offer needs no choosing.
        if (d.series.length === 1) form.setFieldValue('seriesId', d.series[0].id);
        if (d.paths.length === 1) form.setFieldValue('pathId', d.paths[0].id);
      })
      .catch((err: unknown) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [choice.campaignId, form]);

  const series = detail?.series.find((s) => s.id === choice.seriesId);
  const specialty = series?.specialties.find((s) => s.id === choice.specialtyId);
  const levels = useMemo(() => (series && specialty ? levelsOf(series, specialty) : []), [series, specialty]);
  const path = detail?.paths.find((p) => p.id === choice.pathId);
  const titleName = specialty && choice.level ? specialty.titles[choice.level] : undefined;
  const fee = detail && choice.level ? feeOf(detail, choice.level) : null;
  const done = [choice.campaignId, choice.seriesId, choice.specialtyId, choice.level, choice.pathId].filter(Boolean).length;

  async function create(values: Choice) {
    setCreating(true);
    setError(null);
    try {
      const created = await api.post<ApplicationView>('/api/me/applications', values);
      message.success('申报已创建，请逐项填写');
      navigate(`/app/applications/${created.id}`);
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setCreating(false);
    }
  }

  if (campaigns === null && !error) return <PageLoading />;
  return (
    <>
      <PageTitle title="新建申报" description="依次选择评审活动、系列、专业、级别和申报途径。" />
      <Card>
        <Steps
          orientation={phone ? 'vertical' : 'horizontal'}
          size="small"
          current={Math.min(done, STEP_TITLES.length - 1)}
          items={STEP_TITLES.map((title) => ({ title }))}
          className="zp-gap-bottom"
        />
        {campaigns?.length === 0 ? (
          <Empty description="目前没有正在接受网上申报的评审活动" />
        ) : (
          <Form
            form={form}
            layout="vertical"
            onFinish={create}
            onValuesChange={(changed: Choice) => {
              // A new choice invalidates the choices after it.
              if ('campaignId' in changed) form.setFieldsValue({ seriesId: undefined, specialtyId: undefined, level: undefined, pathId: undefined });
              if ('seriesId' in changed) form.setFieldsValue({ specialtyId: undefined, level: undefined });
              if ('specialtyId' in changed) form.setFieldsValue({ level: undefined });
            }}
          >
            <Form.Item name="campaignId" label="评审活动" rules={[{ required: true, message: '请选择评审活动' }]}>
              <Select placeholder="请选择" options={campaigns?.map((c) => ({ value: c.id, label: c.title }))} optionRender={(o) => <span className="zp-wrap-title">{o.label}</span>} />
            </Form.Item>
            <Form.Item name="seriesId" label="系列" rules={[{ required: true, message: '请选择系列' }]}>
              <Select placeholder="请选择" disabled={!detail} options={detail?.series.map((s) => ({ value: s.id, label: `${s.name}系列` }))} />
            </Form.Item>
            <Form.Item name="specialtyId" label="专业" rules={[{ required: true, message: '请选择专业' }]}>
              <Select placeholder="请选择" disabled={!series} options={series?.specialties.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]}>
              <Select placeholder="请选择" disabled={levels.length === 0} options={levels.map((l) => ({ value: l, label: `${l}（${specialty?.titles[l]}）` }))} />
            </Form.Item>
            <Form.Item name="pathId" label="申报途径" rules={[{ required: true, message: '请选择申报途径' }]} extra={path ? `评审机构：${path.evaluatedBy}（${path.ruleId}）` : undefined}>
              <Select placeholder="请选择" disabled={!detail} options={detail?.paths.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
            {titleName && (
              <Descriptions
                column={1}
                size="small"
                bordered
                className="zp-gap-bottom"
                items={[
                  { key: 'title', label: '职称名称', children: titleName },
                  { key: 'fee', label: '评审费', children: fee === null ? '以通知为准' : `${fee} 元（${detail?.fees.ruleId}）` },
                ]}
              />
            )}
            {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
            <Button type="primary" htmlType="submit" loading={creating} block={phone}>
              创建申报
            </Button>
          </Form>
        )}
      </Card>
    </>
  );
}
