// 工作日历 of the system administrator: one region's year as month calendars — national holidays
// and 调休 working days, Xinjiang's 肉孜节 / 古尔邦节, and the entries made here — with the
// coverage of the data, and the entries for a year beyond it (future years are announced late).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Calendar, Card, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Radio, Segmented, Spin, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { CalendarDayKind, CalendarRegion, CalendarYear } from '../../api/types';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { PageTitle } from '../../components/PageTitle';

const REGION_LABELS: Record<CalendarRegion, string> = { national: '全国', xinjiang: '新疆维吾尔自治区' };
const KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '节假日（休息）', workday: '工作日（调休上班）' };
const CERTAINTY_LABELS = { announced: '已公布', reported: '据报道', estimated: '预估' } as const;
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

type DayMark = { kind: CalendarDayKind; name: string; source: 'national' | 'xinjiang' | 'admin' };

/** Beijing "this year" (the page opens on it). */
function beijingYear(): number {
  return Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
}

function markTag(mark: DayMark) {
  if (mark.source === 'admin') return <Tag color="blue">{mark.kind === 'holiday' ? '休' : '班'} {mark.name}</Tag>;
  if (mark.kind === 'workday') return <Tag color="orange">班 {mark.name}</Tag>;
  return <Tag color={mark.source === 'xinjiang' ? 'green' : 'red'}>休 {mark.name}</Tag>;
}

interface DayValues {
  region: CalendarRegion;
  kind: CalendarDayKind;
  name: string;
}

function DayModal({ date, data, onClose, onChanged }: { date: string | null; data: CalendarYear; onClose(): void; onChanged(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DayValues>();
  const [saving, setSaving] = useState(false);
  const builtIn = data.builtIn.filter((b) => b.date === date);
  const overlays = data.overlays.filter((o) => o.date === date);
  const exception = data.exceptions.find((e) => e.date === date);
  const weekday = date ? dayjs(date).day() : 0;
  const working = exception ? exception.working : weekday !== 0 && weekday !== 6;

  useEffect(() => {
    if (!date) return;
    const own = overlays.find((o) => o.region === data.region) ?? overlays[0];
    form.setFieldsValue(own ? { region: own.region, kind: own.kind, name: own.name } : { region: data.region, kind: weekday === 0 || weekday === 6 ? 'workday' : 'holiday', name: '' });
  }, [date]);

  async function save(values: DayValues) {
    if (!date) return;
    setSaving(true);
    try {
      await api.put(`/api/admin/calendar/days/${date}`, { region: values.region, kind: values.kind, name: values.name.trim() });
      message.success(`已设置 ${date} 为${KIND_LABELS[values.kind]}`);
      onChanged();
      onClose();
    } catch (err) {
      message.error(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSaving(false);
    }
  }

  async function remove(region: CalendarRegion) {
    if (!date) return;
    try {
      await api.delete(`/api/admin/calendar/days/${date}?region=${region}`);
      message.success(`已删除 ${date} 的维护记录`);
      onChanged();
      onClose();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Modal
      title={date ? `${date} ${WEEKDAYS[weekday]}` : ''}
      open={date !== null}
      onCancel={onClose}
      okText="保存"
      okButtonProps={{ loading: saving, htmlType: 'submit', form: 'calendarDay' }}
      forceRender
      afterClose={() => form.resetFields()}
    >
      <Flex vertical gap={12}>
        {data.covered && (
          <Typography.Text data-testid="day-status">
            当前为<Typography.Text strong>{working ? '工作日' : '休息日'}</Typography.Text>（{REGION_LABELS[data.region]}日历）
          </Typography.Text>
        )}
        {builtIn.length > 0 && (
          <div>
            <Typography.Text type="secondary">内置数据：</Typography.Text>
            {builtIn.map((b, i) => (
              <Tag key={i} color={b.kind === 'workday' ? 'orange' : b.layer === 'xinjiang' ? 'green' : 'red'}>
                {b.layer === 'xinjiang' ? '新疆' : '全国'} · {b.kind === 'holiday' ? '休' : '班'} {b.name}
                {b.certainty ? `（${CERTAINTY_LABELS[b.certainty]}）` : ''}
              </Tag>
            ))}
          </div>
        )}
        {overlays.map((o) => (
          <Alert
            key={o.region}
            type="info"
            showIcon
            title={`维护记录（${REGION_LABELS[o.region]}）：${KIND_LABELS[o.kind]} ${o.name}`}
            description={`${o.createdBy?.name ?? '系统'} 于 ${new Date(o.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 录入；维护记录优先于内置数据。`}
            action={
              <Popconfirm title="删除该维护记录，恢复内置数据？" onConfirm={() => remove(o.region)}>
                <Button size="small" danger>
                  删除
                </Button>
              </Popconfirm>
            }
          />
        ))}
        <Form form={form} name="calendarDay" layout="vertical" onFinish={save}>
          <Form.Item label="适用地区" name="region" rules={[{ required: true }]}>
            <Radio.Group
              options={(data.region === 'national' ? (['national'] as const) : (['national', 'xinjiang'] as const)).map((r) => ({ value: r, label: REGION_LABELS[r] }))}
            />
          </Form.Item>
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
            <Radio.Group options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称，如 春节、古尔邦节' }, { max: 50 }]}>
            <Input placeholder="如 春节、古尔邦节" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}

export default function CalendarPage() {
  const { message } = App.useApp();
  const [region, setRegion] = useState<CalendarRegion>('xinjiang');
  const [month, setMonth] = useState<Dayjs>(() => dayjs(`${beijingYear()}-01-01`));
  const year = month.year();
  const [data, setData] = useState<CalendarYear | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api.get<CalendarYear>(`/api/admin/calendar?region=${region}&year=${year}`));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [region, year]);

  useEffect(() => {
    void load();
  }, [load]);

  const marks = useMemo(() => {
    const byDate = new Map<string, DayMark[]>();
    const add = (date: string, mark: DayMark) => byDate.set(date, [...(byDate.get(date) ?? []), mark]);
    if (data) {
      for (const b of data.builtIn) add(b.date, { kind: b.kind, name: b.name, source: b.layer });
      for (const o of data.overlays) add(o.date, { kind: o.kind, name: o.name, source: 'admin' });
    }
    return byDate;
  }, [data]);
  const exceptions = useMemo(() => new Map((data?.exceptions ?? []).map((e) => [e.date, e.working])), [data]);

  async function markComplete() {
    try {
      await api.post(`/api/admin/calendar/years/${year}/complete`, { region });
      message.success(`已标记 ${year} 年${REGION_LABELS[region]}节假日已全部录入`);
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const current = data && data.year === year && data.region === region ? data : null;
  const holidays = current ? current.exceptions.filter((e) => !e.working).length : 0;
  const makeUp = current ? current.exceptions.filter((e) => e.working).length : 0;

  return (
    <>
      <PageTitle title="工作日历" description="公示期等“不少于 N 个工作日”的规则按此日历计算。内置国家法定节假日、调休工作日和新疆肉孜节、古尔邦节；以后年度公布后在此录入。" />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={16} wrap align="center">
            <Segmented<CalendarRegion>
              aria-label="地区"
              value={region}
              onChange={setRegion}
              options={[
                { value: 'national', label: '全国' },
                { value: 'xinjiang', label: '新疆' },
              ]}
            />
            <Flex gap={8} align="center">
              <label htmlFor="calendar-year">年度</label>
              <InputNumber
                id="calendar-year"
                min={2000}
                max={2100}
                precision={0}
                value={year}
                onChange={(v) => typeof v === 'number' && v >= 2000 && v <= 2100 && setMonth(month.year(v))}
              />
            </Flex>
            {loading && <Spin size="small" />}
          </Flex>
        </Card>
        {error && <Alert type="error" showIcon title="日历加载失败" description={error} />}
        {current && (
          <Card size="small" title={`${year} 年 · ${REGION_LABELS[region]}`}>
            {!current.covered && (
              <Alert
                type="warning"
                showIcon
                className="zp-gap-bottom"
                data-testid="calendar-not-covered"
                title={current.notCoveredMessage}
                description={`该年度不在内置数据范围内，任何“工作日”计算都会被拒绝，而不是按周一至周五推算。请逐日录入 ${year} 年的节假日和调休工作日${region === 'xinjiang' ? '（含肉孜节、古尔邦节）' : ''}，全部录入后标记为完整。`}
                action={
                  <Popconfirm title={`确认 ${year} 年的节假日和调休工作日已全部录入？`} onConfirm={markComplete}>
                    <Button>标记 {year} 年已全部录入</Button>
                  </Popconfirm>
                }
              />
            )}
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 4 }}
              items={[
                {
                  key: 'coverage',
                  label: '内置数据覆盖',
                  children: `${current.coverage.firstYear}–${current.coverage.lastYear} 年`,
                },
                {
                  key: 'complete',
                  label: '管理员标记完整的年度',
                  children: current.completeYears.length > 0 ? current.completeYears.join('、') : '无',
                },
                {
                  key: 'working',
                  label: '全年工作日',
                  children: <span data-testid="calendar-working-days">{current.workingDays === null ? '未覆盖，无法计算' : `${current.workingDays} 天`}</span>,
                },
                { key: 'exceptions', label: '非周末休息日 / 周末上班日', children: current.covered ? `${holidays} 天 / ${makeUp} 天` : '—' },
              ]}
            />
            <Flex gap={8} wrap className="zp-gap-top">
              <Tag color="red">休 全国节假日</Tag>
              <Tag color="orange">班 调休工作日</Tag>
              {region === 'xinjiang' && <Tag color="green">休 新疆节日</Tag>}
              <Tag color="blue">管理员维护</Tag>
              <Typography.Text type="secondary">点击日期可新增、修改或删除维护记录。</Typography.Text>
            </Flex>
          </Card>
        )}
        {current ? (
          <Card size="small">
            <Calendar
              className="zp-calendar"
              value={month}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d, info) => {
                if (info.source === 'date' || info.source === 'customize') setSelected(d.format('YYYY-MM-DD'));
                if (d.month() !== month.month() || d.year() !== month.year()) setMonth(d);
              }}
              headerRender={({ value }) => (
                <Flex justify="space-between" align="center" className="zp-gap-bottom">
                  <Button icon={<LeftOutlined />} aria-label="上个月" onClick={() => setMonth(value.subtract(1, 'month'))} />
                  <Typography.Title level={4} className="zp-no-margin" data-testid="calendar-month">
                    {value.year()} 年 {value.month() + 1} 月
                  </Typography.Title>
                  <Button icon={<RightOutlined />} aria-label="下个月" onClick={() => setMonth(value.add(1, 'month'))} />
                </Flex>
              )}
              fullCellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const date = d.format('YYYY-MM-DD');
                const inMonth = d.month() === month.month();
                const weekend = d.day() === 0 || d.day() === 6;
                const exception = exceptions.get(date);
                const off = exception === undefined ? weekend : !exception;
                const classes = ['zp-cal-cell', off ? 'zp-cal-off' : '', !inMonth ? 'zp-cal-outside' : '', date === selected ? 'zp-cal-selected' : ''].join(' ');
                return (
                  <div className={classes} data-testid={`day-${date}`} aria-label={`${date}${off ? ' 休息日' : ' 工作日'}`}>
                    <div className="zp-cal-date">{d.date()}</div>
                    {inMonth && <div className="zp-cal-marks">{(marks.get(date) ?? []).map((m, i) => <span key={i}>{markTag(m)}</span>)}</div>}
                  </div>
                );
              }}
            />
          </Card>
        ) : (
          !error && <Card>{loading ? <Spin /> : <Empty />}</Card>
        )}
      </Flex>
      {current && <DayModal date={selected} data={current} onClose={() => setSelected(null)} onChanged={() => void load()} />}
    </>
  );
}
