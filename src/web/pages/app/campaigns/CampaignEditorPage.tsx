// The campaign editor of the committee office: structured tabs for the common parts, the whole
// configuration as JSON for the rest, checked with parseCampaign while typing (the same check the
// server runs), saved as a new version against the version it started from, published by version.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Drawer, Flex, Form, Input, Modal, Result, Space, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, HistoryOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { parseCampaign } from '../../../../domain/campaign/load';
import { api, ApiError } from '../../../api/client';
import type { CampaignVersionOrigin, OfficeCampaign } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { orderCampaignKeys } from '../../../campaign/order';
import { setIn, type Json, type Path } from '../../../campaign/paths';
import { BasicSection, SeriesSection } from './BasicSection';
import { EditorProvider, type EditorError } from './editorKit';
import { ErrorList, focusField, TAB_LABELS, tabOf, type EditorTab } from './ErrorList';
import { FeesSection } from './FeesSection';
import { RulesSection } from './RulesSection';
import { CampaignStatusTags } from './status';
import { WindowsSection } from './WindowsSection';

const ORIGIN_LABELS: Record<CampaignVersionOrigin, string> = {
  created: '新建',
  cloned: '复制',
  edited: '修改',
  imported: '导入',
  seeded: '初始配置',
};

const stringify = (value: Json) => JSON.stringify(value, null, 2);

/** 'Unexpected token … at position 123' → '第 5 行第 3 列附近'. */
function syntaxMessage(text: string, error: unknown): string {
  const position = /position (\d+)/.exec(String((error as Error)?.message ?? ''));
  if (!position) return 'JSON 格式错误，无法读取';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `JSON 格式错误：第 ${line} 行第 ${Number(position[1]) - before.lastIndexOf('\n')} 列附近`;
}

export function downloadJson(name: string, value: Json) {
  const url = URL.createObjectURL(new Blob([`${stringify(value)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function VersionsDrawer({
  campaign,
  open,
  onClose,
  onLoad,
}: {
  campaign: OfficeCampaign;
  open: boolean;
  onClose(): void;
  onLoad(config: Json, version: number): void;
}) {
  const { message } = App.useApp();
  const [viewing, setViewing] = useState<OfficeCampaign | null>(null);
  async function view(version: number) {
    try {
      const shown = await api.get<OfficeCampaign>(`/api/office/campaigns/${encodeURIComponent(campaign.id)}?version=${version}`);
      setViewing({ ...shown, config: orderCampaignKeys(shown.config) });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }
  return (
    <Drawer title="版本记录" open={open} onClose={onClose} size={420}>
      <Typography.Paragraph type="secondary">每次保存生成一个新版本，旧版本不会被修改。公众和申报人看到的是已发布的版本。</Typography.Paragraph>
      <Timeline
        items={campaign.versions.map((v) => ({
          key: v.version,
          color: v.published ? 'green' : v.version === campaign.currentVersion ? 'blue' : 'gray',
          content: (
            <Flex vertical gap={2} data-testid={`version-${v.version}`}>
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong>第 {v.version} 版</Typography.Text>
                <Tag>{ORIGIN_LABELS[v.origin] ?? v.origin}</Tag>
                {v.published && <Tag color="success">已发布</Tag>}
                {v.version === campaign.currentVersion && <Tag color="processing">最新</Tag>}
              </Flex>
              <Typography.Text type="secondary">
                {dateTime(v.createdAt)} · {v.createdBy?.name ?? '系统'}
              </Typography.Text>
              <div>
                <Button size="small" onClick={() => view(v.version)}>
                  查看
                </Button>
              </div>
            </Flex>
          ),
        }))}
      />
      <Modal
        title={viewing ? `第 ${viewing.version} 版配置` : ''}
        open={viewing !== null}
        onCancel={() => setViewing(null)}
        width={800}
        footer={
          viewing && (
            <Space wrap>
              <Button icon={<DownloadOutlined />} onClick={() => downloadJson(`${viewing.id}-v${viewing.version}`, viewing.config)}>
                下载 JSON
              </Button>
              <Button
                type="primary"
                icon={<RollbackOutlined />}
                onClick={() => {
                  onLoad(viewing.config, viewing.version);
                  setViewing(null);
                  onClose();
                }}
              >
                载入到编辑器
              </Button>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary">载入后保存，即以该版本的内容生成新的版本（恢复旧版本）。</Typography.Paragraph>
        <pre className="zp-code zp-code-view">{viewing ? stringify(viewing.config) : ''}</pre>
      </Modal>
    </Drawer>
  );
}

export default function CampaignEditorPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [campaign, setCampaign] = useState<OfficeCampaign | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Json>(null);
  /** The JSON tab's text while the user edits it there; null: the draft, formatted. */
  const [jsonEdit, setJsonEdit] = useState<string | null>(null);
  const [jsonSyntax, setJsonSyntax] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<EditorError[]>([]);
  const [tab, setTab] = useState<EditorTab>('basic');
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const pendingFocus = useRef<Path | null>(null);

  const accept = useCallback((received: OfficeCampaign) => {
    const loaded = { ...received, config: orderCampaignKeys(received.config) };
    setCampaign(loaded);
    setDraft(loaded.config);
    setJsonEdit(null);
    setJsonSyntax(null);
    setServerErrors([]);
  }, []);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      accept(await api.get<OfficeCampaign>(`/api/office/campaigns/${encodeURIComponent(id)}`));
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, [id, accept]);

  useEffect(() => {
    void load();
  }, [load]);

  const savedText = useMemo(() => (campaign ? JSON.stringify(campaign.config) : ''), [campaign]);
  const dirty = campaign !== null && (jsonSyntax !== null || JSON.stringify(draft) !== savedText);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const clientErrors = useMemo<EditorError[]>(() => {
    if (draft === null) return [];
    const parsed = parseCampaign(draft);
    return parsed.ok ? [] : parsed.errors;
  }, [draft]);
  const errors = useMemo(() => [...clientErrors, ...serverErrors.filter((s) => !clientErrors.some((c) => c.path === s.path && c.message === s.message))], [clientErrors, serverErrors]);

  const formatted = useMemo(() => stringify(draft), [draft]);
  const jsonText = jsonEdit ?? formatted;

  const set = useCallback((path: Path, value: Json) => {
    setDraft((current: Json) => setIn(current, path, value));
    setJsonEdit(null);
    setJsonSyntax(null);
    setServerErrors([]);
  }, []);

  function changeJson(text: string) {
    setJsonEdit(text);
    setServerErrors([]);
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        setJsonSyntax('完整配置应为一个 JSON 对象（以 { 开头）');
        return;
      }
      setDraft(parsed);
      setJsonSyntax(null);
    } catch (err) {
      setJsonSyntax(syntaxMessage(text, err));
    }
  }

  function openError(target: EditorTab, path: Path) {
    pendingFocus.current = path;
    setTab(target);
  }

  useEffect(() => {
    const path = pendingFocus.current;
    if (!path) return;
    pendingFocus.current = null;
    const timer = setTimeout(() => focusField(path), 50);
    return () => clearTimeout(timer);
  }, [tab]);

  function conflictDialog(err: ApiError) {
    modal.confirm({
      title: '他人已保存了新的版本',
      content: `${err.message}。重新加载将放弃您尚未保存的修改；如需保留，请先“下载 JSON”。`,
      okText: '重新加载',
      cancelText: '继续编辑',
      onOk: () => load(),
    });
  }

  async function save() {
    if (!campaign) return;
    if (jsonSyntax) {
      message.error(jsonSyntax);
      setTab('json');
      return;
    }
    if (clientErrors.length > 0) {
      message.error(`配置有 ${clientErrors.length} 处错误，请先修正`);
      return;
    }
    setSaving(true);
    try {
      const saved = await api.put<OfficeCampaign>(`/api/office/campaigns/${encodeURIComponent(campaign.id)}`, { config: draft, baseVersion: campaign.currentVersion });
      accept(saved);
      message.success(`已保存为第 ${saved.currentVersion} 版${saved.publishedVersion ? '（发布后对外生效）' : ''}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'CAMPAIGN_VERSION_CONFLICT') conflictDialog(err);
      else {
        message.error(errorMessage(err));
        if (err instanceof ApiError && err.fields.length > 0) setServerErrors(err.fields.map((f) => ({ ...f, server: true })));
      }
    } finally {
      setSaving(false);
    }
  }

  function publish() {
    if (!campaign) return;
    const version = campaign.currentVersion;
    modal.confirm({
      title: `发布第 ${version} 版？`,
      content: (
        <Typography.Paragraph>
          发布后，“{String((campaign.config as { title?: unknown }).title ?? campaign.title)}”第 {version} 版的时间安排、评审费和规则即对公众和申报人生效
          {campaign.publishedVersion ? `，替换当前已发布的第 ${campaign.publishedVersion} 版` : ''}。
        </Typography.Paragraph>
      ),
      okText: `发布第 ${version} 版`,
      cancelText: '取消',
      onOk: async () => {
        setPublishing(true);
        try {
          accept(await api.post<OfficeCampaign>(`/api/office/campaigns/${encodeURIComponent(campaign.id)}/publish`, { version }));
          message.success(`已发布第 ${version} 版`);
        } catch (err) {
          if (err instanceof ApiError && err.status === 409 && err.code === 'CAMPAIGN_VERSION_CONFLICT') conflictDialog(err);
          else message.error(errorMessage(err));
        } finally {
          setPublishing(false);
        }
      },
    });
  }

  if (loadError) {
    return (
      <Result
        status="warning"
        title="无法打开该评审活动"
        subTitle={loadError}
        extra={<Button onClick={() => navigate('/app/office/campaigns')}>返回评审活动列表</Button>}
      />
    );
  }
  if (!campaign || draft === null) return <PageLoading />;

  const readOnly = campaign.status === 'archived';
  const published = campaign.publishedVersion === campaign.currentVersion;
  const publishBlocked = dirty ? '请先保存修改，再发布' : published ? `第 ${campaign.currentVersion} 版已发布` : null;
  const errorCount = (t: EditorTab) => errors.filter((e) => tabOf(e.path) === t).length;
  const tabLabel = (t: EditorTab) => (
    <Badge count={errorCount(t)} size="small" offset={[8, -2]}>
      <span>{TAB_LABELS[t]}</span>
    </Badge>
  );
  const title = typeof (draft as { title?: unknown }).title === 'string' ? (draft as { title: string }).title : campaign.title;

  return (
    <EditorProvider value={{ draft, readOnly, set, errors }}>
      <PageTitle
        title={title || '（未命名）'}
        description={
          <Flex gap={8} wrap align="center" component="span">
            <Typography.Text code>{campaign.id}</Typography.Text>
            <CampaignStatusTags campaign={campaign} />
            <span data-testid="editor-version">当前第 {campaign.currentVersion} 版</span>
            {dirty && <Tag color="warning">有未保存的修改</Tag>}
          </Flex>
        }
        extra={
          <>
            <Button onClick={() => navigate('/app/office/campaigns')}>返回列表</Button>
            <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
              版本记录
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => downloadJson(campaign.id, draft)}>
              下载 JSON
            </Button>
            {!readOnly && (
              <>
                <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={saving} disabled={!dirty}>
                  保存
                </Button>
                <Tooltip title={publishBlocked}>
                  <Button icon={<CloudUploadOutlined />} onClick={publish} loading={publishing} disabled={publishBlocked !== null} data-testid="publish">
                    发布第 {campaign.currentVersion} 版
                  </Button>
                </Tooltip>
              </>
            )}
          </>
        }
      />
      <Flex vertical gap={12}>
        {readOnly && <Alert type="info" showIcon title="该评审活动已归档，只能查看。" />}
        {campaign.hasUnpublishedChanges && !dirty && (
          <Alert type="warning" showIcon title={`第 ${campaign.currentVersion} 版尚未发布：公众和申报人看到的仍是第 ${campaign.publishedVersion} 版。`} />
        )}
        {jsonSyntax && <Alert type="error" showIcon title={jsonSyntax} description="在“高级：完整配置（JSON）”中修正后，其他标签页才会显示最新内容。" />}
        <ErrorList errors={errors} onOpen={openError} />
        <Form layout="vertical" component="div" className="zp-campaign-form">
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as EditorTab)}
            items={[
              { key: 'basic', label: tabLabel('basic'), children: <BasicSection isNew={false} /> },
              { key: 'windows', label: tabLabel('windows'), children: <WindowsSection /> },
              { key: 'fees', label: tabLabel('fees'), children: <FeesSection /> },
              { key: 'rules', label: tabLabel('rules'), children: <RulesSection /> },
              { key: 'series', label: tabLabel('series'), children: <SeriesSection /> },
              {
                key: 'json',
                label: tabLabel('json'),
                children: (
                  <Flex vertical gap={8}>
                    <Typography.Text type="secondary">
                      完整配置，格式同 campaigns/*.json。修改后立即校验，错误按路径列在上方；申报途径、材料栏目、不得申报情形、普通话、答辩、学历资历条件等在此修改。
                    </Typography.Text>
                    <Form.Item label="完整配置（JSON）" htmlFor="campaign-json" validateStatus={jsonSyntax ? 'error' : undefined} help={jsonSyntax ?? undefined}>
                      <Input.TextArea
                        id="campaign-json"
                        className="zp-code"
                        spellCheck={false}
                        rows={30}
                        value={jsonText}
                        onChange={(e) => changeJson(e.target.value)}
                        disabled={readOnly}
                      />
                    </Form.Item>
                  </Flex>
                ),
              },
            ]}
          />
        </Form>
      </Flex>
      <VersionsDrawer
        campaign={campaign}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        onLoad={(config, version) => {
          set([], config);
          message.info(`已载入第 ${version} 版的内容，保存后生成新版本`);
        }}
      />
    </EditorProvider>
  );
}
