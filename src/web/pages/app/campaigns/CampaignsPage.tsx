// 评审活动 of the committee office: its prefecture's campaigns, and three ways to start a new one —
// copy last year's, import a campaign file, or start from the minimal template.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Select, Table, Tabs, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CopyOutlined, InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../../api/client';
import type { OfficeCampaign, OfficeCampaignSummary, Prefecture } from '../../../api/types';
import { chinesePath } from '../../../campaign/paths';
import { campaignTemplate, prefectureFor, ruleFamilyOf, type TemplatePrefecture } from '../../../campaign/template';
import { applyFieldErrors, errorMessage } from '../../../components/errors';
import { PageTitle } from '../../../components/PageTitle';
import { useMe } from '../../../session/session';
import { CampaignStatusTags } from './status';

const editorPath = (id: string) => `/app/office/campaigns/${encodeURIComponent(id)}`;
const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** '阿克苏地区 2024 年度…' with 2024 → 2025; ids alike ('aksu-2024-news' → 'aksu-2025-news'). */
function withYear(text: string, from: number, to: number): string {
  return text.includes(String(from)) ? text.replaceAll(String(from), String(to)) : text;
}

function FieldErrorList({ error }: { error: unknown }) {
  if (!(error instanceof ApiError)) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error.message}
      description={
        error.fields.length > 0 && (
          <ul className="zp-plain-list" data-testid="import-errors">
            {error.fields.map((f, i) => (
              <li key={i}>
                {chinesePath(f.path)} <Typography.Text code>{f.path}</Typography.Text>：{f.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}

interface CloneValues {
  sourceId: string;
  id: string;
  title: string;
  year: number;
}

function CloneModal({ open, campaigns, onClose }: { open: boolean; campaigns: OfficeCampaignSummary[]; onClose(): void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CloneValues>();
  const [submitting, setSubmitting] = useState(false);

  const suggest = (sourceId: string | undefined, year: number | undefined) => {
    const source = campaigns.find((c) => c.id === sourceId);
    if (!source || !year) return;
    form.setFieldsValue({ id: withYear(source.id, source.year, year), title: withYear(source.title, source.year, year) });
  };

  useEffect(() => {
    if (!open || campaigns.length === 0) return;
    const source = campaigns[0];
    form.setFieldsValue({ sourceId: source.id, year: source.year + 1 });
    suggest(source.id, source.year + 1);
  }, [open]);

  async function submit(values: CloneValues) {
    setSubmitting(true);
    try {
      const created = await api.post<OfficeCampaign>(`/api/office/campaigns/${encodeURIComponent(values.sourceId)}/clone`, {
        id: values.id.trim(),
        title: values.title.trim(),
        year: values.year,
      });
      message.success(`已复制为草稿“${created.title}”，请修改时间安排等内容后发布`);
      onClose();
      navigate(editorPath(created.id));
    } catch (err) {
      message.error(errorMessage(err));
      if (err instanceof ApiError && err.code === 'CAMPAIGN_ID_TAKEN') form.setFields([{ name: 'id', errors: [err.message] }]);
      else applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title="复制评审活动"
      open={open}
      onCancel={onClose}
      okText="复制"
      okButtonProps={{ loading: submitting, htmlType: 'submit', form: 'campaignClone' }}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Typography.Paragraph type="secondary">以已有活动（如上一年度）的全部配置为基础，生成新的草稿；时间安排、评审费等保存前可逐项修改。</Typography.Paragraph>
      <Form
        form={form}
        name="campaignClone"
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<CloneValues>, all: CloneValues) => {
          if ('sourceId' in changed || 'year' in changed) suggest(all.sourceId, all.year);
        }}
      >
        <Form.Item label="复制自" name="sourceId" rules={[{ required: true, message: '请选择要复制的活动' }]}>
          <Select options={campaigns.map((c) => ({ value: c.id, label: `${c.title}（${c.year}）` }))} />
        </Form.Item>
        <Form.Item label="评审年度" name="year" rules={[{ required: true, message: '请输入评审年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} className="zp-full-width" />
        </Form.Item>
        <Form.Item
          label="新活动标识"
          name="id"
          extra="小写字母、数字和连字符，如 aksu-2025-news-literature-publishing；创建后不能修改。"
          rules={[
            { required: true, whitespace: true, message: '请输入新活动标识' },
            { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, message: '只能由小写字母、数字和连字符组成' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="新活动名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入新活动名称' }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface TemplateValues {
  id: string;
  title: string;
  year: number;
  issuer: string;
}

function CreateModal({ open, campaigns, onClose }: { open: boolean; campaigns: OfficeCampaignSummary[]; onClose(): void }) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<TemplateValues>();
  const [submitting, setSubmitting] = useState(false);
  const [importError, setImportError] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);
  const [base, setBase] = useState<{ prefecture: TemplatePrefecture; issuer: string; family: 'A24' | 'B21' } | null>(null);

  // The prefecture block and rule ids come from the office's newest campaign, or from its prefecture.
  useEffect(() => {
    if (!open) return;
    let current = true;
    (async () => {
      if (campaigns.length > 0) {
        const latest = await api.get<OfficeCampaign>(`/api/office/campaigns/${encodeURIComponent(campaigns[0].id)}`);
        const config = latest.config as { prefecture?: TemplatePrefecture; issuer?: { name?: string }; scope?: { ruleId?: string } };
        if (config.prefecture) return { prefecture: config.prefecture, issuer: config.issuer?.name ?? '', family: ruleFamilyOf(config.scope?.ruleId) };
      }
      const office = me.roles.find((r) => r.role === 'office_staff' && r.orgId);
      const prefectures = await api.get<Prefecture[]>('/api/public/prefectures');
      const mine = prefectures.find((p) => p.id === office?.orgId);
      if (!mine) throw new ApiError(403, 'NO_PREFECTURE', '您的账号未关联地州评委会办公室');
      return { prefecture: prefectureFor(mine.name, mine.portal), issuer: `${mine.name}职称评审委员会办公室`, family: 'A24' as const };
    })()
      .then((b) => {
        if (!current) return;
        setBase(b);
        const year = new Date().getFullYear() + 1;
        form.setFieldsValue({ year, issuer: b.issuer, id: `${b.prefecture.code}-${year}-news`, title: `${b.prefecture.name} ${year} 年度新闻系列职称评审` });
      })
      .catch((err: unknown) => current && message.error(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [open, campaigns, me, form, message]);

  async function created(campaign: OfficeCampaign, how: string) {
    message.success(`已${how}草稿“${campaign.title}”`);
    onClose();
    navigate(editorPath(campaign.id));
  }

  async function submit(values: TemplateValues) {
    if (!base) return;
    setSubmitting(true);
    try {
      const config = campaignTemplate({ id: values.id.trim(), title: values.title.trim(), year: values.year, issuer: values.issuer.trim(), prefecture: base.prefecture, family: base.family });
      await created(await api.post<OfficeCampaign>('/api/office/campaigns', { config }), '新建');
    } catch (err) {
      message.error(errorMessage(err));
      if (err instanceof ApiError && err.code === 'CAMPAIGN_ID_TAKEN') form.setFields([{ name: 'id', errors: [err.message] }]);
      else applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  async function upload(file: File) {
    setImportError(null);
    setImporting(true);
    try {
      const body = new FormData();
      body.append('file', file);
      await created(await api.upload<OfficeCampaign>('/api/office/campaigns/import', body), '导入');
    } catch (err) {
      setImportError(err);
    } finally {
      setImporting(false);
    }
  }

  return (
    <Modal title="新建评审活动" open={open} onCancel={onClose} footer={null} afterClose={() => setImportError(null)} forceRender width={640}>
      <Tabs
        items={[
          {
            key: 'template',
            label: '从模板新建',
            children: (
              <Form form={form} name="campaignCreate" layout="vertical" onFinish={submit}>
                <Typography.Paragraph type="secondary">
                  生成一个最小的有效配置（一个系列、一个专业、网上申报时间、评审费等），创建后在编辑页补充完整。
                </Typography.Paragraph>
                <Form.Item label="评审年度" name="year" rules={[{ required: true, message: '请输入评审年度' }]}>
                  <InputNumber min={2000} max={2100} precision={0} className="zp-full-width" />
                </Form.Item>
                <Form.Item
                  label="活动标识"
                  name="id"
                  rules={[
                    { required: true, whitespace: true, message: '请输入活动标识' },
                    { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, message: '只能由小写字母、数字和连字符组成' },
                  ]}
                >
                  <Input />
                </Form.Item>
                <Form.Item label="活动名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入活动名称' }]}>
                  <Input />
                </Form.Item>
                <Form.Item label="发文单位" name="issuer" rules={[{ required: true, whitespace: true, message: '请输入发文单位' }]}>
                  <Input />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={submitting} disabled={!base}>
                  创建草稿
                </Button>
              </Form>
            ),
          },
          {
            key: 'import',
            label: '导入配置文件',
            children: (
              <Flex vertical gap={12}>
                <Typography.Paragraph type="secondary" className="zp-hint">
                  上传 campaigns/*.json 格式的完整配置（UTF-8，不超过 1 MB）。文件有任何错误时不会保存，并逐条列出错误位置。
                </Typography.Paragraph>
                <Upload.Dragger
                  accept=".json,application/json"
                  showUploadList={false}
                  disabled={importing}
                  beforeUpload={(file) => {
                    void upload(file);
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{importing ? '正在导入…' : '点击或拖拽 .json 文件到此处'}</p>
                </Upload.Dragger>
                <FieldErrorList error={importError} />
              </Flex>
            ),
          },
        ]}
      />
    </Modal>
  );
}

export default function CampaignsPage() {
  const { message } = App.useApp();
  const [campaigns, setCampaigns] = useState<OfficeCampaignSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cloneOpen, setCloneOpen] = useState(false);
  const [createOpen, setCreateOpen] = useState(false);

  const load = useCallback(() => {
    api
      .get<OfficeCampaignSummary[]>('/api/office/campaigns')
      .then((list) => {
        setCampaigns(list);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);
  useEffect(load, [load]);

  const columns: ColumnsType<OfficeCampaignSummary> = [
    {
      title: '评审活动',
      key: 'title',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Link to={editorPath(c.id)}>{c.title}</Link>
          <Typography.Text type="secondary" className="zp-small">
            {c.id}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '年度', dataIndex: 'year', key: 'year', width: 80 },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, c) => (
        <Flex gap={4} wrap>
          <CampaignStatusTags campaign={c} />
        </Flex>
      ),
    },
    {
      title: '版本',
      key: 'version',
      width: 170,
      render: (_, c) => (
        <span>
          当前第 {c.currentVersion} 版
          {c.publishedVersion !== null && (
            <Typography.Text type="secondary" className="zp-small">
              <br />
              已发布第 {c.publishedVersion} 版
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 180, render: (v: string) => dateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, c) => <Link to={editorPath(c.id)}>编辑</Link>,
    },
  ];

  return (
    <>
      <PageTitle
        title="评审活动"
        description="每个评审活动对应一份评审通知：时间安排、评审费、级别、申报途径、材料和规则。保存生成新版本，发布后对公众和申报人生效。"
        extra={
          <>
            <Button icon={<CopyOutlined />} onClick={() => (campaigns?.length ? setCloneOpen(true) : message.info('暂无可复制的评审活动'))}>
              复制活动
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
              新建活动
            </Button>
          </>
        }
      />
      {error && <Alert type="error" showIcon title="评审活动加载失败" description={error} className="zp-gap-bottom" />}
      <Table<OfficeCampaignSummary>
        rowKey="id"
        columns={columns}
        dataSource={campaigns ?? []}
        loading={campaigns === null && !error}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: '暂无评审活动，可新建或导入' }}
      />
      <CloneModal open={cloneOpen} campaigns={campaigns ?? []} onClose={() => setCloneOpen(false)} />
      <CreateModal open={createOpen} campaigns={campaigns ?? []} onClose={() => setCreateOpen(false)} />
    </>
  );
}
