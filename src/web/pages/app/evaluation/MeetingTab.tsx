// 评审会议 (N40-MEETING): attendance (the meeting is valid with at least two thirds of the members
// present), opening the meeting once scoring is closed, the live count of ballots cast per
// candidate — never a choice: no route returns one —, closing the ballot, and then the results
// with their tallies, rank and, at a capped level (A24-17), the pass rate and the decision of ties
// at the cap. The minutes are a PDF after the ballot closed. Closing is refused while ballots are
// outstanding (409 VOTES_OUTSTANDING, the count only): the office waits, or closes early with a
// reason that the minutes record.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Form, Input, InputNumber, Modal, Radio, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckSquareOutlined, FilePdfOutlined, PlayCircleOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../api/client';
import { officeCommitteeUrl, type AttendanceResult, type OfficeCandidate } from '../../../api/evaluation';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorMessage } from '../../../components/errors';
import { useRun, type CommitteeTabProps } from './committeeKit';
import { initialAttendance, pendingTies, resultsOrder, votedText } from './progress';
import { quorumState, quorumText, reached, RESULT_COLORS, scoreText } from './status';

/** Seconds between refreshes of the live ballot count. */
const LIVE_REFRESH_MS = 5000;

function TieDialog({ target, committeeId, onClose, onDone }: { target: OfficeCandidate | null; committeeId: string; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ passed: boolean; reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { passed: boolean; reason: string }) {
    if (!target) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(officeCommitteeUrl(committeeId, `/candidates/${encodeURIComponent(target.applicationId)}/tie-decision`), { passed: values.passed, reason: values.reason.trim() });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={target ? `${target.code} 并列处理` : ''}
      open={target !== null}
      onCancel={onClose}
      okText="保存决定"
      cancelText="取消"
      okButtonProps={{ loading: saving, htmlType: 'submit', form: 'tie-decision' }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">该评审对象与他人同票同分，处于通过率限额边界。按评委会决定确定是否通过，通过人数不得超过限额。</Typography.Paragraph>
      <Form form={form} name="tie-decision" layout="vertical" onFinish={submit}>
        <Form.Item name="passed" label="决定" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group
            options={[
              { value: true, label: '通过' },
              { value: false, label: '不通过' },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label="依据" rules={[{ required: true, whitespace: true, message: '请填写决定依据' }, { max: 500, message: '不超过 500 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：经评委会主任委员主持复议，按代表作质量排序" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

/** After a 409 VOTES_OUTSTANDING: the server's message (how many ballots are missing), and closing early with a required reason. */
function EarlyCloseDialog({ outstanding, committeeId, onClose, onDone }: { outstanding: string | null; committeeId: string; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { reason: string }) {
    setSaving(true);
    setError(null);
    try {
      await api.post(officeCommitteeUrl(committeeId, '/close-ballot'), { closeEarly: true, reason: values.reason.trim() });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title="尚有选票未投"
      open={outstanding !== null}
      onCancel={onClose}
      okText="提前结束投票"
      cancelText="继续等待投票"
      okButtonProps={{ danger: true, loading: saving, htmlType: 'submit', form: 'early-close', ...({ 'data-testid': 'early-close-submit' } as object) }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="early-close-dialog">
        <Alert type="warning" showIcon title={outstanding} />
        <Typography.Paragraph type="secondary" className="zp-no-margin">
          提前结束投票后，未投票的委员不能再投票，未投票按未同意计。提前结束的理由和未投票人次记入审计日志和评审会议纪要。
        </Typography.Paragraph>
        <Form form={form} name="early-close" layout="vertical" onFinish={submit}>
          <Form.Item name="reason" label="提前结束投票的理由" rules={[{ required: true, whitespace: true, message: '请填写提前结束投票的理由' }, { max: 1000, message: '不超过 1000 个字' }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder="例如：一名委员突发疾病离会，经主任委员同意结束投票" data-testid="early-close-reason" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      </Flex>
    </Modal>
  );
}

function PassRateCard({ committee, reload }: CommitteeTabProps) {
  const { busy, run } = useRun(reload);
  const [rate, setRate] = useState<number | null>(committee.passRatePercent);
  if (committee.passRatePolicy !== 'capped') return null;
  const locked = reached(committee.status, 'ballot_closed');
  return (
    <Card size="small" title="通过率（A24-17）">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">本级别实行通过率限额：通过人数不超过评审对象人数 × 通过率（向下取整）。结束投票前须设定。</Typography.Text>
        <Flex gap={8} align="center" wrap>
          <InputNumber aria-label="通过率" min={1} max={100} precision={1} suffix="%" value={rate} onChange={(v) => setRate(v)} disabled={locked} data-testid="pass-rate" />
          <Button
            icon={<SaveOutlined />}
            disabled={locked || rate === null || rate === committee.passRatePercent}
            loading={busy === 'rate'}
            onClick={() => void run('rate', () => api.patch(officeCommitteeUrl(committee.id), { passRatePercent: rate }), '已设定通过率')}
            data-testid="pass-rate-save"
          >
            保存通过率
          </Button>
          {committee.passRatePercent === null && <Tag color="warning">尚未设定</Tag>}
        </Flex>
      </Flex>
    </Card>
  );
}

/** The results table's columns before the tie decision (widths add up to RESULT_COLUMNS_WIDTH). */
const resultColumns: ColumnsType<OfficeCandidate> = [
  { title: '排名', dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
  { title: '编号', dataIndex: 'code', width: 110 },
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '单位', dataIndex: 'unitName', width: 180 },
  { title: '应投', key: 'voters', width: 60, render: (_: unknown, c) => c.tally?.voters ?? '—' },
  { title: '同意', key: 'agree', width: 60, render: (_: unknown, c) => c.tally?.agree ?? '—' },
  { title: '不同意', key: 'disagree', width: 70, render: (_: unknown, c) => c.tally?.disagree ?? '—' },
  { title: '弃权', key: 'abstain', width: 60, render: (_: unknown, c) => c.tally?.abstain ?? '—' },
  { title: '评审平均分', dataIndex: 'reviewAverage', width: 100, render: (v: number | null) => scoreText(v) },
  {
    title: '结果',
    key: 'result',
    width: 190,
    render: (_: unknown, c) =>
      c.result ? (
        // The long labels (同意票达到三分之二，但超出通过率未通过) wrap inside the column.
        <Tag color={RESULT_COLORS[c.result]} data-testid={`result-${c.code}`} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
          {c.resultLabel ?? c.result}
        </Tag>
      ) : (
        '—'
      ),
  },
];
const RESULT_COLUMNS_WIDTH = 980;
const TIE_COLUMN_WIDTH = 100;

export function MeetingTab({ committee, reload }: CommitteeTabProps) {
  const { busy, run, confirmRun } = useRun(reload);
  const { message } = App.useApp();
  const [outstanding, setOutstanding] = useState<string | null>(null);
  const recorded = useMemo(() => initialAttendance(committee.members), [committee.members]);
  const [present, setPresent] = useState<string[]>(recorded);
  const [saved, setSaved] = useState<AttendanceResult | null>(null);
  const [tie, setTie] = useState<OfficeCandidate | null>(null);
  const status = committee.status;
  const attendanceOpen = status === 'formed' || status === 'scoring_closed';
  const dirty = [...present].sort().join(',') !== [...recorded].sort().join(',');
  const members = committee.members.length;
  const quorate = quorumState(present.length, members);
  const presentRecorded = committee.members.filter((m) => m.present === true).length;

  // While the meeting is open the count of ballots cast is refreshed; never a choice.
  useEffect(() => {
    if (status !== 'meeting_open') return;
    const timer = window.setInterval(() => void reload(), LIVE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [status, reload]);

  const ranked = resultsOrder(committee.candidates);
  const ties = pendingTies(committee.candidates);
  const tieColumn = ties > 0 && status === 'ballot_closed';

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="出席情况">
        <Flex vertical gap={12}>
          <Checkbox.Group value={present} onChange={(v) => setPresent(v as string[])} disabled={!attendanceOpen} data-testid="attendance">
            <Flex gap={12} wrap>
              {committee.members.map((m) => (
                <Checkbox key={m.expertId} value={m.expertId} data-testid={`attendance-${m.expertId}`}>
                  {m.name}
                  {m.isChair ? '（主任委员）' : ''}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong data-testid="quorum-text">
              {quorumText(present.length, members, committee.quorumNeeded)}
            </Typography.Text>
            {quorate ? <Tag color="success">符合到会人数要求</Tag> : <Tag color="error">不足三分之二</Tag>}
          </Flex>
          {attendanceOpen && (
            <Flex gap={8} wrap>
              <Button icon={<CheckSquareOutlined />} onClick={() => setPresent(committee.members.map((m) => m.expertId))} data-testid="attendance-all">
                全部出席
              </Button>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                disabled={!dirty && recorded.length > 0}
                loading={busy === 'attendance'}
                data-testid="attendance-save"
                onClick={() =>
                  void run(
                    'attendance',
                    async () => {
                      const result = await api.put<AttendanceResult>(officeCommitteeUrl(committee.id, '/attendance'), { presentExpertIds: present });
                      setSaved(result);
                      return result;
                    },
                    (r) => `已保存出席情况：${quorumText(r.present, r.members, r.quorumNeeded)}`,
                  )
                }
              >
                保存出席情况
              </Button>
            </Flex>
          )}
          {saved && !dirty && attendanceOpen && (
            <Alert
              type={saved.quorate ? 'success' : 'warning'}
              showIcon
              title={`${quorumText(saved.present, saved.members, saved.quorumNeeded)}${saved.quorate ? '，可以开始评审会议' : '，不足三分之二，不能开始评审会议'}`}
              data-testid="attendance-saved"
            />
          )}
        </Flex>
      </Card>

      <PassRateCard committee={committee} reload={reload} />

      <Card size="small" title="评审会议与无记名投票">
        <Flex vertical gap={12}>
          {status === 'formed' && <Alert type="info" showIcon title="专家评分截止后才能开始评审会议（见“评分进度”）。" />}
          {dirty && attendanceOpen && <Alert type="warning" showIcon title="出席情况有未保存的修改，请先保存。" />}
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              disabled={status !== 'scoring_closed' || dirty}
              loading={busy === 'open'}
              data-testid="open-meeting"
              onClick={() =>
                confirmRun(
                  { title: '开始评审会议', content: `${quorumText(presentRecorded, members, committee.quorumNeeded)}。开始后出席的委员即可对评审对象无记名投票，出席情况不能再修改。`, okText: '确认开始' },
                  'open',
                  () => api.post(officeCommitteeUrl(committee.id, '/open-meeting')),
                  '评审会议已开始，委员可以投票',
                )
              }
            >
              开始评审会议
            </Button>
            <Button
              danger
              type="primary"
              icon={<StopOutlined />}
              disabled={status !== 'meeting_open'}
              loading={busy === 'close'}
              data-testid="close-ballot"
              onClick={() =>
                confirmRun(
                  {
                    title: '结束投票',
                    content: '结束后委员不能再投票，系统按同意票数（不少于出席委员的三分之二）和通过率计算评审结果。确认结束投票？',
                    okText: '确认结束投票',
                    danger: true,
                  },
                  'close',
                  async () => {
                    try {
                      await api.post(officeCommitteeUrl(committee.id, '/close-ballot'));
                      message.success('投票已结束，评审结果已计算');
                    } catch (err) {
                      // Ballots outstanding: say how many, and offer to wait or to close early with a reason.
                      if (err instanceof ApiError && err.code === 'VOTES_OUTSTANDING') setOutstanding(err.message);
                      else throw err;
                    }
                  },
                )
              }
            >
              结束投票
            </Button>
            {reached(status, 'ballot_closed') && (
              <DownloadButton url={officeCommitteeUrl(committee.id, '/minutes.pdf')} filename={`${committee.name}评审会议纪要.pdf`} icon={<FilePdfOutlined />} data-testid="minutes-pdf">
                下载会议纪要
              </DownloadButton>
            )}
          </Flex>
          {status === 'meeting_open' && (
            <>
              <Typography.Text type="secondary">投票进行中，每 5 秒刷新一次已投票数。系统不记录也不显示任何委员的具体选择。</Typography.Text>
              <Table<OfficeCandidate>
                size="small"
                rowKey="applicationId"
                data-testid="ballot-live"
                pagination={false}
                dataSource={committee.candidates}
                columns={[
                  { title: '编号', dataIndex: 'code', width: 120 },
                  { title: '专业', dataIndex: 'specialtyName', width: 120 },
                  { title: '评审平均分', dataIndex: 'reviewAverage', width: 110, render: (v: number | null) => scoreText(v) },
                  {
                    title: '已投票',
                    dataIndex: 'voted',
                    render: (v: number, c) => <span data-testid={`voted-${c.code}`}>{votedText(v, presentRecorded)}</span>,
                  },
                ]}
              />
            </>
          )}
        </Flex>
      </Card>

      {reached(status, 'ballot_closed') && (
        <Card size="small" title="评审结果">
          <Flex vertical gap={12}>
            {ties > 0 && <Alert type="warning" showIcon title={`有 ${ties} 名评审对象在通过率限额处并列，请逐一作出决定。`} />}
            <Table<OfficeCandidate>
              size="small"
              rowKey="applicationId"
              data-testid="results-table"
              pagination={false}
              scroll={{ x: RESULT_COLUMNS_WIDTH + (tieColumn ? TIE_COLUMN_WIDTH : 0) }}
              dataSource={ranked}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                ...resultColumns,
                // Only while a tie at the cap waits for the committee: otherwise an empty fixed column would cover the results.
                ...(tieColumn
                  ? [
                      {
                        title: '操作',
                        key: 'tie',
                        width: TIE_COLUMN_WIDTH,
                        fixed: 'right' as const,
                        render: (_: unknown, c: OfficeCandidate) =>
                          c.result === 'tied_at_cap' ? (
                            <Button size="small" type="primary" onClick={() => setTie(c)} aria-label={`处理 ${c.code} 的并列`}>
                              并列处理
                            </Button>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
          </Flex>
        </Card>
      )}
      <EarlyCloseDialog
        outstanding={outstanding}
        committeeId={committee.id}
        onClose={() => setOutstanding(null)}
        onDone={() => {
          setOutstanding(null);
          message.success('投票已提前结束，评审结果已计算');
          void reload();
        }}
      />
      <TieDialog
        target={tie}
        committeeId={committee.id}
        onClose={() => setTie(null)}
        onDone={() => {
          setTie(null);
          void reload();
        }}
      />
    </Flex>
  );
}
