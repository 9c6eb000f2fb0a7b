// 评审结果公示 (A24-4), public: the results publicities running today for one prefecture
// (/portal/<code>/results; without a code, every prefecture's) — only the minimum fields: name,
// unit, series, specialty, level and result — and, for a logged-in real-name user, an objection
// against an entry while its publicity runs (others get a link to log in). Read on phones first.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import { BankOutlined, MessageOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, toQuery } from '../../api/client';
import type { PublicResultsPublicity } from '../../api/evaluation';
import type { Prefecture } from '../../api/types';
import { errorMessage } from '../../components/errors';
import { NavButton } from '../../components/NavButton';
import { NotFound } from '../../components/NotFound';
import { PublicLayout } from '../../layouts/PublicLayout';
import { useSession } from '../../session/session';
import { useIsPhone } from '../app/declare/useIsPhone';
import { loginPathFor, MAX_OBJECTION_LENGTH, resultColor, toObjection } from './results';

type Row = PublicResultsPublicity['rows'][number];

function ObjectionDialog({ target, onClose }: { target: Row | null; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ content: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ content }: { content: string }) {
    if (!target) return;
    const checked = toObjection(content);
    if ('problem' in checked) {
      setError(checked.problem);
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.post(`/api/results/${encodeURIComponent(target.entryId)}/objections`, checked.request);
      message.success('异议已提交，评委会办公室将调查核实');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      title={target ? `对 ${target.name} 的评审结果提出异议` : ''}
      open={target !== null}
      onCancel={onClose}
      okText="提交异议"
      cancelText="取消"
      okButtonProps={{ loading: sending, htmlType: 'submit', form: 'objection' }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">请实名提出，写明具体事实和依据。评委会办公室将调查核实，不受理匿名或无具体事实的异议。</Typography.Paragraph>
      <Form form={form} name="objection" layout="vertical" onFinish={submit}>
        <Form.Item name="content" label="异议内容" rules={[{ required: true, whitespace: true, message: '请填写异议内容' }]}>
          <Input.TextArea rows={5} maxLength={MAX_OBJECTION_LENGTH} showCount data-testid="objection-content" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

function ObjectionAction({ row, onObject }: { row: Row; onObject(row: Row): void }) {
  const { me } = useSession();
  const location = useLocation();
  if (!me) {
    return (
      <Link to={loginPathFor(location.pathname + location.search)} className="zp-nowrap">
        登录后提出异议
      </Link>
    );
  }
  // Objections are real-name: filed from a registered person's (applicant) account, never a staff one.
  if (!me.abilities.includes('results.object')) return null;
  return (
    <Button size="small" icon={<MessageOutlined />} onClick={() => onObject(row)} aria-label={`对 ${row.name} 提出异议`} data-testid={`object-${row.entryId}`}>
      提出异议
    </Button>
  );
}

function PublicityCard({ publicity, onObject }: { publicity: PublicResultsPublicity; onObject(row: Row): void }) {
  const phone = useIsPhone();
  return (
    <Card title={<span className="zp-wrap-title">{publicity.title}</span>} data-testid={`results-${publicity.committeeId}`}>
      <Flex vertical gap={12}>
        <Flex vertical gap={4} align="flex-start">
          <Typography.Text type="secondary" className="zp-break">
            {publicity.campaignTitle}
          </Typography.Text>
          <Tag color="blue" data-testid="results-period">
            公示期 {publicity.startsOn} 至 {publicity.endsOn}
          </Tag>
        </Flex>
        {phone ? (
          <Flex vertical gap={8}>
            {publicity.rows.map((r) => (
              <Card size="small" key={r.entryId} data-testid={`result-row-${r.entryId}`}>
                <Flex vertical gap={4}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <Tag color={resultColor(r.result)} className="zp-no-margin-end">
                      {r.result}
                    </Tag>
                  </Flex>
                  <Typography.Text type="secondary" className="zp-break">
                    {r.unitName}
                  </Typography.Text>
                  <Typography.Text className="zp-small">
                    {r.seriesName} · {r.specialtyName} · {r.level}
                  </Typography.Text>
                  <ObjectionAction row={r} onObject={onObject} />
                </Flex>
              </Card>
            ))}
          </Flex>
        ) : (
          <Table<Row>
            size="small"
            rowKey="entryId"
            pagination={false}
            dataSource={publicity.rows}
            data-testid="results-table"
            columns={[
              { title: '姓名', dataIndex: 'name', width: 100 },
              { title: '工作单位', dataIndex: 'unitName' },
              { title: '系列', dataIndex: 'seriesName', width: 90 },
              { title: '专业', dataIndex: 'specialtyName', width: 100 },
              { title: '级别', dataIndex: 'level', width: 70 },
              { title: '评审结果', dataIndex: 'result', width: 100, render: (v: string) => <Tag color={resultColor(v)}>{v}</Tag> },
              { title: '异议', key: 'object', width: 130, render: (_: unknown, r) => <ObjectionAction row={r} onObject={onObject} /> },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

interface Section {
  prefecture: Prefecture;
  publicities: PublicResultsPublicity[];
}

export default function ResultsPage() {
  const { code } = useParams();
  const [sections, setSections] = useState<Section[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [objecting, setObjecting] = useState<Row | null>(null);

  useEffect(() => {
    let current = true;
    setSections(null);
    setMissing(false);
    setError(null);
    (async () => {
      const prefectures = await api.get<Prefecture[]>('/api/public/prefectures', { allowUnauthenticated: true });
      const shown = code ? prefectures.filter((p) => p.portal === code) : prefectures;
      if (code && shown.length === 0) {
        if (current) setMissing(true);
        return;
      }
      const loaded = await Promise.all(
        shown.map(async (prefecture) => ({
          prefecture,
          publicities: await api.get<PublicResultsPublicity[]>(`/api/public/results${toQuery({ prefectureId: prefecture.id })}`, { allowUnauthenticated: true }),
        })),
      );
      if (current) setSections(loaded);
    })().catch((err: unknown) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [code]);

  if (missing) {
    return (
      <PublicLayout>
        <NotFound standalone />
      </PublicLayout>
    );
  }

  const single = code && sections?.length === 1 ? sections[0].prefecture : null;
  const total = sections?.reduce((n, s) => n + s.publicities.length, 0) ?? 0;

  return (
    <PublicLayout>
      <section className="zp-portal-hero">
        <Flex align="center" gap={12} justify="center" wrap>
          <BankOutlined className="zp-portal-icon" />
          <h1>{single ? `${single.name}职称评审结果公示` : '职称评审结果公示'}</h1>
        </Flex>
        <p>公示期内对公示对象有异议的，可实名在线提出</p>
        {single?.portal && (
          <Flex gap={8} justify="center" wrap>
            <NavButton to={`/portal/${encodeURIComponent(single.portal)}`}>返回评审通知</NavButton>
          </Flex>
        )}
      </section>
      <div className="zp-container" data-testid="public-results">
        {error && <Alert type="error" showIcon title="公示加载失败" description={error} />}
        {!error && sections === null && <Skeleton active />}
        {sections && total === 0 && (
          <Card>
            <Empty description="目前没有正在公示的评审结果" />
          </Card>
        )}
        {sections && total > 0 && (
          <Flex vertical gap={16}>
            {sections
              .filter((s) => s.publicities.length > 0)
              .map((s) => (
                <Flex vertical gap={12} key={s.prefecture.id}>
                  {!single && (
                    <Typography.Title level={4} className="zp-no-margin">
                      {s.prefecture.name}
                    </Typography.Title>
                  )}
                  {s.publicities.map((p) => (
                    <PublicityCard key={p.committeeId} publicity={p} onObject={setObjecting} />
                  ))}
                </Flex>
              ))}
          </Flex>
        )}
      </div>
      <ObjectionDialog target={objecting} onClose={() => setObjecting(null)} />
    </PublicLayout>
  );
}
