// 基本信息 and 系列与专业: the notice itself (title, year, dates, issuer, full text) and what it
// offers (series, their levels, specialties with the title name per level).
import { Button, Card, Checkbox, Col, Descriptions, Flex, Input, InputNumber, Popconfirm, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { LEVELS, type Level } from '../../../../domain/campaign/vocabulary';
import { BeijingDatePicker } from '../../../components/BeijingPickers';
import { Field, RuleIdField, SectionErrors, num, str, useEditor } from './editorKit';

export function BasicSection({ isNew }: { isNew: boolean }) {
  const { get, set, readOnly } = useEditor();
  const text = (path: (string | number)[], label: string, extra?: string) => (
    <Field label={label} path={path} extra={extra}>
      {(p) => <Input {...p} value={str(get(path))} onChange={(e) => set(path, e.target.value)} disabled={readOnly} />}
    </Field>
  );
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="评审活动">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Field label="活动标识" path={['id']} extra={isNew ? '小写字母、数字和连字符，如 aksu-2025-news；保存后不能修改。' : '标识不能修改；如需新标识，请复制该活动。'}>
              {(p) => <Input {...p} value={str(get(['id']))} onChange={(e) => set(['id'], e.target.value)} disabled={readOnly || !isNew} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field label="评审年度" path={['year']}>
              {(p) => (
                <InputNumber
                  {...p}
                  className="zp-full-width"
                  min={2000}
                  max={2100}
                  precision={0}
                  value={num(get(['year']))}
                  onChange={(v) => set(['year'], typeof v === 'number' ? v : undefined)}
                  disabled={readOnly}
                />
              )}
            </Field>
          </Col>
          <Col xs={24}>{text(['title'], '活动名称')}</Col>
          <Col xs={24} md={12}>
            <Field label="通知日期" path={['noticeDate']}>
              {(p) => <BeijingDatePicker {...p} value={str(get(['noticeDate']))} onChange={(v) => set(['noticeDate'], v ?? '')} disabled={readOnly} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>{text(['issuer', 'name'], '发文单位')}</Col>
          <Col xs={24} md={12}>
            <Field label="工作日历地区" path={['prefecture', 'calendarRegion']} extra="公示期等“工作日”按此地区的日历计算。">
              {(p) => (
                <Select
                  {...p}
                  value={str(get(['prefecture', 'calendarRegion'])) || undefined}
                  onChange={(v) => set(['prefecture', 'calendarRegion'], v)}
                  disabled={readOnly}
                  options={[
                    { value: 'xinjiang', label: '新疆（含肉孜节、古尔邦节）' },
                    { value: 'national', label: '全国' },
                  ]}
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <RuleIdField path={['scope']} label="评审范围规则编号" />
          </Col>
        </Row>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'name', label: '地州', children: str(get(['prefecture', 'name'])) },
            { key: 'code', label: '门户代码', children: str(get(['prefecture', 'code'])) },
            { key: 'host', label: '申报网址', children: str(get(['prefecture', 'portalHost'])) },
          ]}
        />
      </Card>
      <Card size="small" title="通知全文">
        <Field label="通知全文（公开页面显示）" path={['noticeText']}>
          {(p) => (
            <Input.TextArea {...p} className="zp-notice-input" rows={14} value={str(get(['noticeText']))} onChange={(e) => set(['noticeText'], e.target.value)} disabled={readOnly} />
          )}
        </Field>
      </Card>
    </Flex>
  );
}

type SeriesValue = { id?: unknown; name?: unknown; levels?: unknown; specialties?: unknown };
type SpecialtyValue = { id?: unknown; name?: unknown; titles?: unknown };

function asLevels(v: unknown): Level[] {
  return Array.isArray(v) ? LEVELS.filter((l) => v.includes(l)) : [];
}

function SpecialtyRow({ si, pi, levels }: { si: number; pi: number; levels: Level[] }) {
  const { get, set, readOnly } = useEditor();
  const path = ['series', si, 'specialties', pi];
  const specialty = (get(path) ?? {}) as SpecialtyValue;
  const titles = (specialty.titles && typeof specialty.titles === 'object' ? specialty.titles : {}) as Record<string, unknown>;
  const specialties = get(['series', si, 'specialties']) as unknown[];
  return (
    <Card size="small" type="inner" title={`专业 ${pi + 1}：${str(specialty.name) || '（未命名）'}`} extra={
      !readOnly && (
        <Popconfirm title="删除该专业？" onConfirm={() => set(['series', si, 'specialties', pi], undefined)} disabled={specialties.length <= 1}>
          <Button size="small" danger icon={<DeleteOutlined />} disabled={specialties.length <= 1} aria-label={`删除专业 ${pi + 1}`} />
        </Popconfirm>
      )
    }>
      <Row gutter={12}>
        <Col xs={12} md={8} xl={4}>
          <Field label="专业标识" path={[...path, 'id']}>
            {(p) => <Input {...p} value={str(specialty.id)} onChange={(e) => set([...path, 'id'], e.target.value)} disabled={readOnly} />}
          </Field>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Field label="专业名称" path={[...path, 'name']}>
            {(p) => <Input {...p} value={str(specialty.name)} onChange={(e) => set([...path, 'name'], e.target.value)} disabled={readOnly} />}
          </Field>
        </Col>
        {levels.map((level) => (
          <Col xs={12} md={8} xl={4} key={level}>
            <Field label={`${level}职称名称`} path={[...path, 'titles', level]}>
              {(p) => (
                <Input {...p} value={str(titles[level])} onChange={(e) => set([...path, 'titles', level], e.target.value === '' ? undefined : e.target.value)} disabled={readOnly} />
              )}
            </Field>
          </Col>
        ))}
      </Row>
      <SectionErrors path={[...path, 'titles']} />
    </Card>
  );
}

function SeriesCard({ index, count }: { index: number; count: number }) {
  const { get, set, readOnly } = useEditor();
  const path = ['series', index];
  const series = (get(path) ?? {}) as SeriesValue;
  const levels = asLevels(series.levels);
  const specialties = Array.isArray(series.specialties) ? (series.specialties as SpecialtyValue[]) : [];
  const changeLevels = (next: Level[]) => {
    // Title names of a level no longer offered go with it.
    const trimmed = specialties.map((sp) => {
      const titles = { ...((sp.titles as Record<string, unknown>) ?? {}) };
      for (const l of LEVELS) if (!next.includes(l)) delete titles[l];
      return { ...sp, titles };
    });
    set(path, { ...series, levels: LEVELS.filter((l) => next.includes(l)), specialties: trimmed });
  };
  return (
    <Card
      size="small"
      title={`系列 ${index + 1}：${str(series.name) || '（未命名）'}`}
      extra={
        !readOnly && (
          <Popconfirm title="删除该系列及其全部专业？" onConfirm={() => set(path, undefined)} disabled={count <= 1}>
            <Button size="small" danger icon={<DeleteOutlined />} disabled={count <= 1}>
              删除系列
            </Button>
          </Popconfirm>
        )
      }
    >
      <SectionErrors path={path} />
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Field label="系列标识" path={[...path, 'id']}>
            {(p) => <Input {...p} value={str(series.id)} onChange={(e) => set([...path, 'id'], e.target.value)} disabled={readOnly} />}
          </Field>
        </Col>
        <Col xs={12} md={6}>
          <Field label="系列名称" path={[...path, 'name']}>
            {(p) => <Input {...p} value={str(series.name)} onChange={(e) => set([...path, 'name'], e.target.value)} disabled={readOnly} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field label="开设级别" path={[...path, 'levels']}>
            {() => <Checkbox.Group aria-label={`系列 ${index + 1} 开设级别`} options={[...LEVELS]} value={levels} onChange={(v) => changeLevels(v as Level[])} disabled={readOnly} />}
          </Field>
        </Col>
      </Row>
      <Flex vertical gap={8}>
        {specialties.map((_, pi) => (
          <SpecialtyRow key={pi} si={index} pi={pi} levels={levels} />
        ))}
        {!readOnly && (
          <Button icon={<PlusOutlined />} onClick={() => set([...path, 'specialties'], [...specialties, { id: '', name: '', titles: {} }])}>
            新增专业
          </Button>
        )}
      </Flex>
    </Card>
  );
}

export function SeriesSection() {
  const { get, set, readOnly } = useEditor();
  const series = get(['series']);
  const list = Array.isArray(series) ? series : [];
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        开设的系列、级别和专业；每个专业须为本系列开设的每个级别填写职称名称。开设的每个级别都须在“评审费与通过率”中设置评审费。申报途径、材料栏目和评审条件在“高级：完整配置（JSON）”中修改。
      </Typography.Text>
      <SectionErrors path={['series']} />
      {list.map((_, i) => (
        <SeriesCard key={i} index={i} count={list.length} />
      ))}
      {!readOnly && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => set(['series'], [...list, { id: '', name: '', levels: ['初级'], specialties: [{ id: '', name: '', titles: {} }] }])}>
            新增系列
          </Button>
        </div>
      )}
    </Flex>
  );
}
