// 结果公示 (A24-4): publishing the results publicity (from the day after the meeting, N working days
// of the campaign's calendar), the objections, review requests and complaints filed about this
// committee's candidates with the office's decision on each, and 确认评审结果 once the publicity is
// over and no objection is open.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Drawer, Empty, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, NotificationOutlined } from '@ant-design/icons';
import { api, toQuery } from '../../../api/client';
import { officeCommitteeUrl, type OfficeCase, type PublicityPeriod, type PublicResultsPublicity } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { beijingDateTime } from '../declare/time';
import { useIsPhone } from '../declare/useIsPhone';
import { useMe } from '../../../session/session';
import { officePrefectureId } from './office';
import { useRun, type CommitteeTabProps } from './committeeKit';
import { casesOfCommittee, CASE_DECISION_OPTIONS, caseStatusColor, fraudApplies, toCaseDecision, type CaseDecisionValues } from './cases';
import { reached } from './status';

function DecisionDrawer({ target, onClose, onDone }: { target: OfficeCase | null; onClose(): void; onDone(): void }) {
  const phone = useIsPhone();
  const [form] = Form.useForm<CaseDecisionValues>();
  const status = Form.useWatch('status', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upholdingObjection = target !== null && fraudApplies(target.kind, status);

  useEffect(() => {
    if (!target) return;
    form.setFieldsValue({
      status: target.status === 'upheld' ? 'upheld' : target.status === 'dismissed' ? 'dismissed' : 'investigating',
      investigation: target.investigation ?? '',
      outcome: target.outcome ?? '',
      fraud: false,
    });
    setError(null);
  }, [target, form]);

  async function submit(values: CaseDecisionValues) {
    if (!target) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/office/cases/${encodeURIComponent(target.id)}/decision`, toCaseDecision(target.kind, values));
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      title={target ? `${target.kindLabel}：${target.code} ${target.name}` : ''}
      open={target !== null}
      onClose={onClose}
      size={phone ? '100%' : 560}
      forceRender
      extra={
        <Button type="primary" htmlType="submit" form="case-decision" loading={saving} data-testid="case-save">
          保存
        </Button>
      }
    >
      {target && (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="zp-gap-bottom"
          items={[
            { key: 'by', label: '提出人', children: target.filedByName },
            { key: 'at', label: '提出时间', children: beijingDateTime(target.createdAt) },
            { key: 'content', label: '内容', children: <span className="zp-pre">{target.content}</span> },
          ]}
        />
      )}
      <Form form={form} name="case-decision" layout="vertical" onFinish={submit}>
        <Form.Item name="status" label="处理状态" rules={[{ required: true, message: '请选择处理状态' }]}>
          <Select options={CASE_DECISION_OPTIONS} />
        </Form.Item>
        <Form.Item name="investigation" label="调查核实情况" rules={[{ required: true, whitespace: true, message: '请填写调查核实情况' }, { max: 5000, message: '不超过 5000 个字' }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="outcome" label="处理结果" extra="办结（属实或不属实）时填写，提出人可见" rules={[{ max: 2000, message: '不超过 2000 个字' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {upholdingObjection && target.status !== 'upheld' && (
          <>
            <Alert
              type="warning"
              showIcon
              className="zp-gap-bottom"
              data-testid="case-overturn-notice"
              title="公示异议查实后，该人员的评审结果不予确认"
              description="评审结果改为“异议查实，评审结果不予确认”，不列入任职资格文件，不签发电子证书；申报人将收到通知。"
            />
            <Form.Item name="fraud" valuePropName="checked" extra="勾选后记录弄虚作假认定，按评审活动规定的年限不得申报职称（B21-10）">
              <Checkbox data-testid="case-fraud">查实弄虚作假</Checkbox>
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Drawer>
  );
}

/** The dates of this committee's running publicity, from the public list (the contract has no office read of them). */
function usePublicPublicity(committeeId: string, prefectureId: string | null, version: string) {
  const [found, setFound] = useState<PublicResultsPublicity | null>(null);
  useEffect(() => {
    let current = true;
    api
      .get<PublicResultsPublicity[]>(`/api/public/results${toQuery({ prefectureId })}`, { allowUnauthenticated: true })
      .then((list) => current && setFound(list.find((p) => p.committeeId === committeeId) ?? null))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [committeeId, prefectureId, version]);
  return found;
}

export function PublicityTab({ committee, reload }: CommitteeTabProps) {
  const me = useMe();
  const { busy, confirmRun } = useRun(reload);
  const [published, setPublished] = useState<PublicityPeriod | null>(committee.publicity ?? null);
  const [cases, setCases] = useState<OfficeCase[] | null>(null);
  const [casesError, setCasesError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<OfficeCase | null>(null);
  const running = usePublicPublicity(committee.id, officePrefectureId(me), committee.status);
  const period = published ?? (running ? { startsOn: running.startsOn, endsOn: running.endsOn, workingDays: null } : null);

  const loadCases = useCallback(async () => {
    try {
      const all = await api.get<OfficeCase[]>(`/api/office/cases${toQuery({ campaignId: committee.campaignId })}`);
      setCases(casesOfCommittee(all, committee.candidates));
      setCasesError(null);
    } catch (err) {
      setCasesError(errorMessage(err));
    }
  }, [committee.campaignId, committee.candidates]);

  useEffect(() => {
    void loadCases();
  }, [loadCases]);

  const status = committee.status;
  const openCases = (cases ?? []).filter((c) => c.status !== 'upheld' && c.status !== 'dismissed').length;

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="评审结果公示">
        <Flex vertical gap={12}>
          {!reached(status, 'ballot_closed') && <Alert type="info" showIcon title="投票结束后才能发布评审结果公示。" />}
          {period && (
            <Alert
              type="info"
              showIcon
              data-testid="publicity-dates"
              title={`公示期：${period.startsOn} 至 ${period.endsOn}${period.workingDays ? `（${period.workingDays} 个工作日）` : ''}`}
              description="公示期间，公众可在地州门户的“评审结果公示”页查看并在线提出异议。"
            />
          )}
          {status === 'results_publicised' && !period && <Tag color="cyan">结果公示已发布</Tag>}
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<NotificationOutlined />}
              disabled={status !== 'ballot_closed'}
              loading={busy === 'publish'}
              data-testid="publish-results"
              onClick={() =>
                confirmRun(
                  { title: '发布评审结果公示', content: '公示自评审会议次日起，按评审活动规定的工作日数计算。发布后公示名单对公众可见。确认发布？', okText: '确认发布' },
                  'publish',
                  async () => {
                    const p = await api.post<PublicityPeriod>(officeCommitteeUrl(committee.id, '/results-publicity'));
                    setPublished(p);
                    return p;
                  },
                  (p) => `已发布公示：${p.startsOn} 至 ${p.endsOn}`,
                )
              }
            >
              发布结果公示
            </Button>
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={status !== 'results_publicised'}
              loading={busy === 'confirm'}
              data-testid="confirm-results"
              onClick={() =>
                confirmRun(
                  {
                    title: '确认评审结果',
                    content: `公示期满且无未处理的异议后方可确认。${openCases > 0 ? `目前仍有 ${openCases} 件未办结。` : ''}确认后评审结果不再变更，可印发任职资格文件。`,
                    okText: '确认评审结果',
                  },
                  'confirm',
                  () => api.post(officeCommitteeUrl(committee.id, '/confirm')),
                  '评审结果已确认',
                )
              }
            >
              确认评审结果
            </Button>
          </Flex>
        </Flex>
      </Card>
      <Card size="small" title={`异议、复查与投诉（${cases?.length ?? 0}）`}>
        {casesError && <Alert type="error" showIcon title={casesError} className="zp-gap-bottom" />}
        <Table<OfficeCase>
          size="small"
          rowKey="id"
          data-testid="cases-table"
          loading={cases === null && !casesError}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          dataSource={cases ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" /> }}
          columns={[
            { title: '类别', dataIndex: 'kindLabel', width: 90 },
            { title: '评审对象', key: 'who', width: 150, render: (_: unknown, c) => `${c.code} ${c.name}` },
            { title: '内容', dataIndex: 'content', render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} className="zp-no-margin">{v}</Typography.Paragraph> },
            { title: '提出人', dataIndex: 'filedByName', width: 90 },
            { title: '提出时间', dataIndex: 'createdAt', width: 140, render: (v: string) => beijingDateTime(v) },
            { title: '状态', dataIndex: 'statusLabel', width: 100, render: (v: string, c) => <Tag color={caseStatusColor(c.status)}>{v}</Tag> },
            {
              title: '操作',
              key: 'decide',
              width: 80,
              fixed: 'right',
              render: (_: unknown, c) => (
                <Button size="small" onClick={() => setDeciding(c)} aria-label={`处理 ${c.code} 的${c.kindLabel}`}>
                  处理
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <DecisionDrawer
        target={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          void loadCases();
          void reload();
        }}
      />
    </Flex>
  );
}
