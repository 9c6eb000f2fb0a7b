import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Spin,
  Switch,
  Table,
  Tree,
  Typography,
  Upload,
  type FormInstance,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ALLOWED_PARENT, ORG_KIND_LABELS, ORG_KINDS, UNIT_KIND_LABELS, UNIT_KINDS, type OrgKind, type UnitKind } from '../../../domain/organisations';
import { api } from '../../api/client';
import type { Org, OrgImportResult } from '../../api/types';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { buildOrgTree, orgPath } from '../../components/orgTree';
import { PageTitle } from '../../components/PageTitle';

interface OrgValues {
  kind: OrgKind;
  name: string;
  code?: string | null;
  unitKind?: UnitKind | null;
  countyLevelOrBelow?: boolean;
  departmentId?: string | null;
}

/** Kinds that may be created directly under `parent` (null: a root). */
function childKinds(parent: Org | null): OrgKind[] {
  const parentKind = parent?.kind ?? null;
  return ORG_KINDS.filter((kind) => ALLOWED_PARENT[kind].includes(parentKind));
}

/** Editable fields from the form: unit-only fields are cleared for other kinds. */
function toBody(kind: OrgKind, values: OrgValues) {
  const isUnit = kind === 'unit';
  return {
    name: values.name.trim(),
    code: values.code?.trim() || null,
    unitKind: isUnit ? (values.unitKind ?? null) : null,
    countyLevelOrBelow: isUnit ? Boolean(values.countyLevelOrBelow) : false,
    departmentId: isUnit ? (values.departmentId ?? null) : null,
  };
}

function OrgFields({ form, kinds, orgs, kindLocked }: { form: FormInstance<OrgValues>; kinds: OrgKind[]; orgs: Org[]; kindLocked: boolean }) {
  const kind = Form.useWatch('kind', form);
  const departments = orgs.filter((o) => o.kind === 'department');
  return (
    <>
      <Form.Item label="机构类型" name="kind" rules={[{ required: true, message: '请选择机构类型' }]}>
        <Select disabled={kindLocked} options={kinds.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item
        label="机构名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请输入机构名称' },
          { max: 100, message: '机构名称不能超过 100 个字' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item label="机构代码" name="code" extra="选填，如统一社会信用代码或行政区划代码。" rules={[{ max: 40, message: '机构代码不能超过 40 个字符' }]}>
        <Input />
      </Form.Item>
      {kind === 'unit' && (
        <>
          <Form.Item label="单位性质" name="unitKind" rules={[{ required: true, message: '请选择单位性质' }]}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item label="县及县以下单位" name="countyLevelOrBelow" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
          <Form.Item label="行业主管部门" name="departmentId">
            <Select
              allowClear
              placeholder={departments.length ? '请选择' : '暂无行业主管部门'}
              showSearch={{ optionFilterProp: 'label' }}
              options={departments.map((d) => ({ value: d.id, label: orgPath(orgs, d.id) }))}
            />
          </Form.Item>
        </>
      )}
    </>
  );
}

function CreateOrgModal({
  parent,
  open,
  orgs,
  onClose,
  onCreated,
}: {
  parent: Org | null;
  open: boolean;
  orgs: Org[];
  onClose(): void;
  onCreated(org: Org): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgValues>();
  const [submitting, setSubmitting] = useState(false);
  const kinds = useMemo(() => childKinds(parent), [parent]);

  useEffect(() => {
    if (open) form.setFieldsValue({ kind: kinds[0], countyLevelOrBelow: parent?.kind === 'county' });
  }, [open, form, kinds, parent]);

  async function submit(values: OrgValues) {
    setSubmitting(true);
    try {
      const org = await api.post<Org>('/api/admin/orgs', { parentId: parent?.id ?? null, kind: values.kind, ...toBody(values.kind, values) });
      message.success(`已新增“${org.name}”`);
      onCreated(org);
    } catch (err) {
      message.error(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title={parent ? `在“${parent.name}”下新增机构` : '新增顶级机构'}
      open={open}
      onCancel={onClose}
      okText="保存"
      okButtonProps={{ loading: submitting, htmlType: 'submit', form: 'orgCreate' }}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form form={form} name="orgCreate" layout="vertical" onFinish={submit}>
        <OrgFields form={form} kinds={kinds} orgs={orgs} kindLocked={false} />
      </Form>
    </Modal>
  );
}

function OrgDetail({
  org,
  orgs,
  onChanged,
  onDeleted,
  onAddChild,
}: {
  org: Org;
  orgs: Org[];
  onChanged(): void;
  onDeleted(): void;
  onAddChild(): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({
      kind: org.kind,
      name: org.name,
      code: org.code,
      unitKind: org.unitKind,
      countyLevelOrBelow: org.countyLevelOrBelow,
      departmentId: org.departmentId,
    });
  }, [org, form]);

  async function save(values: OrgValues) {
    setSaving(true);
    try {
      await api.patch<Org>(`/api/admin/orgs/${encodeURIComponent(org.id)}`, toBody(org.kind, values));
      message.success('已保存');
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    try {
      await api.delete(`/api/admin/orgs/${encodeURIComponent(org.id)}`);
      message.success(`已删除“${org.name}”`);
      onDeleted();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const canAddChild = childKinds(org).length > 0;
  return (
    <Card
      title={orgPath(orgs, org.id)}
      extra={
        canAddChild && (
          <Button icon={<PlusOutlined />} onClick={onAddChild}>
            新增下级机构
          </Button>
        )
      }
    >
      <Form form={form} name="orgEdit" layout="vertical" onFinish={save} style={{ maxWidth: 520 }}>
        <OrgFields form={form} kinds={[org.kind]} orgs={orgs} kindLocked />
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
          <Popconfirm
            title="删除机构"
            description={`确定删除“${org.name}”吗？有下级机构或人员的机构不能删除。`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={remove}
          >
            <Button danger icon={<DeleteOutlined />}>
              删除
            </Button>
          </Popconfirm>
        </Flex>
      </Form>
    </Card>
  );
}

function ImportResultModal({ result, onClose }: { result: OrgImportResult | null; onClose(): void }) {
  return (
    <Modal title="导入结果" open={result !== null} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={640}>
      {result && (
        <Flex vertical gap={12}>
          <Alert
            type={result.errors.length ? 'warning' : 'success'}
            showIcon
            title={`新增 ${result.created} 个机构，更新 ${result.updated} 个机构${result.errors.length ? `，${result.errors.length} 行有错误` : ''}`}
          />
          {result.errors.length > 0 && (
            <Table
              rowKey={(row) => `${row.row}-${row.message}`}
              size="small"
              dataSource={result.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 80, render: (row: number) => (row > 0 ? row : '—') },
                { title: '错误', dataIndex: 'message' },
              ]}
              data-testid="import-errors"
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}

export default function OrgsPage() {
  const { message } = App.useApp();
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [createParent, setCreateParent] = useState<Org | null>(null);
  const [createOpen, setCreateOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importResult, setImportResult] = useState<OrgImportResult | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setOrgs(await api.get<Org[]>('/api/admin/orgs'));
    } catch (err) {
      setError(errorMessage(err));
      setOrgs([]);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const tree = useMemo(() => buildOrgTree(orgs ?? [], filter), [orgs, filter]);
  const defaultExpanded = useMemo(
    () => (orgs ?? []).filter((o) => o.kind === 'region' || o.kind === 'prefecture').map((o) => o.id),
    [orgs],
  );
  const selected = orgs?.find((o) => o.id === selectedId) ?? null;
  const hasRoot = (orgs ?? []).some((o) => o.parentId === null);

  function openCreate(parent: Org | null) {
    setCreateParent(parent);
    setCreateOpen(true);
  }

  async function importFile(file: File) {
    setImporting(true);
    const body = new FormData();
    body.append('file', file);
    try {
      setImportResult(await api.upload<OrgImportResult>('/api/admin/orgs/import', body));
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setImporting(false);
    }
  }

  return (
    <>
      <PageTitle
        title="组织机构"
        description="维护地州、县市、行业主管部门和用人单位。申报人注册时从用人单位中选择。"
        extra={
          <>
            <Button icon={<DownloadOutlined />} href="/api/admin/orgs/template.xlsx" download>
              下载导入模板
            </Button>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              beforeUpload={(file) => {
                void importFile(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importing}>
                导入 Excel
              </Button>
            </Upload>
            {!hasRoot && orgs !== null && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => openCreate(null)}>
                新增顶级机构
              </Button>
            )}
          </>
        }
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title="机构树">
            <Input.Search
              placeholder="按名称或代码筛选"
              allowClear
              aria-label="筛选机构"
              onChange={(e) => setFilter(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {orgs === null ? (
              <Spin />
            ) : tree.length === 0 ? (
              <Empty description={filter ? '没有匹配的机构' : '暂无机构，请新增或导入'} />
            ) : (
              <Tree
                key={filter ? `filter-${filter}` : 'all'}
                showIcon
                blockNode
                treeData={tree}
                defaultExpandAll={Boolean(filter)}
                defaultExpandedKeys={filter ? undefined : defaultExpanded}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId(keys.length ? String(keys[0]) : null)}
                data-testid="org-tree"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {selected && orgs ? (
            <OrgDetail
              org={selected}
              orgs={orgs}
              onChanged={() => void load()}
              onDeleted={() => {
                setSelectedId(null);
                void load();
              }}
              onAddChild={() => openCreate(selected)}
            />
          ) : (
            <Card>
              <Empty description="请在左侧选择一个机构查看和编辑" />
            </Card>
          )}
        </Col>
      </Row>
      <CreateOrgModal
        parent={createParent}
        open={createOpen}
        orgs={orgs ?? []}
        onClose={() => setCreateOpen(false)}
        onCreated={(org) => {
          setCreateOpen(false);
          setSelectedId(org.id);
          void load();
        }}
      />
      <ImportResultModal result={importResult} onClose={() => setImportResult(null)} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        导入说明：请先下载导入模板，按模板填写后上传（仅支持 .xlsx 文件）；导入完成后会列出新增、更新的数量和出错的行。
      </Typography.Paragraph>
    </>
  );
}
