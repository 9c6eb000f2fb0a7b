// 申报资格自查: the applicant picks what they would apply for and states the facts of their archive;
// the server runs the eligibility engine of the published campaign and answers every rule with
// ✓/✗, its rule id, the Chinese explanation and what would fix it. Nothing is stored.
import { useEffect, useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Checkbox, Col, DatePicker, Divider, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ASSESSMENT_GRADES, EDUCATION_LEVELS, LEVELS, MANDARIN_LEVELS, SANCTION_KINDS, type Level } from '../../../domain/campaign/vocabulary';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../domain/organisations';
import { api } from '../../api/client';
import type { EligibilityVerdict, PublicCampaignDetail } from '../../api/types';
import { errorMessage } from '../../components/errors';
import { RuleResultList } from '../../components/RuleResultList';

interface CeRow {
  year: number;
  professionalHours: number;
  publicHours: number;
  exemptionApproved: boolean;
}

interface Values {
  campaignId: string;
  seriesId: string;
  specialtyId: string;
  level: Level;
  path: string;
  sex: 'male' | 'female';
  birthDate: Dayjs;
  civilServant: boolean;
  retired: boolean;
  retiredOn?: Dayjs;
  unitKind: UnitKind;
  countyLevelOrBelow: boolean;
  countyName?: string;
  post?: string;
  workStartedOn: Dayjs;
  educationLevel: (typeof EDUCATION_LEVELS)[number];
  graduatedOn: Dayjs;
  verification: 'verified' | 'unverifiable' | 'pending';
  fallbackUploaded: boolean;
  hasTitle: boolean;
  titleLevel?: Level;
  titleName?: string;
  titleObtainedOn?: Dayjs;
  continuingEducation: CeRow[];
  assessments: { year: number; grade: (typeof ASSESSMENT_GRADES)[number] | 'none' }[];
  mandarin: (typeof MANDARIN_LEVELS)[number] | 'none';
  representativeWorksCount: number;
  hasSanction: boolean;
  sanctionKind?: (typeof SANCTION_KINDS)[number];
  sanctionFrom?: Dayjs;
  sanctionMonths?: number;
  otherPathThisYear: boolean;
}

const POSTS = ['记者', '编辑', '播音员', '主持人', '汉语播音员', '汉语主持人', '作家', '出版编辑'].map((value) => ({ value }));
const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** Annual-assessment years the campaign's material slots list (B21-5: 2018–2020). */
function assessmentYears(campaign: PublicCampaignDetail | undefined): number[] {
  return [...new Set((campaign?.materials ?? []).filter((m) => m.kind === 'annualAssessment').flatMap((m) => m.years ?? []))].sort();
}

/** The years the campaign checks (B21-9: 2015–2021, A24-15: 2021–2024); the last four if it names none. */
function continuingEducationYears(campaign: PublicCampaignDetail): number[] {
  const range = campaign.continuingEducationYears ?? { from: campaign.year - 3, to: campaign.year };
  return Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
}

/** Example values, so the form can be tried at once; the applicant replaces them with their own. */
function example(campaign: PublicCampaignDetail): Partial<Values> {
  const series = campaign.series[0];
  const specialty = series?.specialties[0];
  const level = series?.levels[Math.min(1, series.levels.length - 1)]?.level ?? '初级';
  const below = LEVELS[Math.max(0, LEVELS.indexOf(level) - 1)];
  const y = campaign.year;
  return {
    campaignId: campaign.id,
    seriesId: series?.id,
    specialtyId: specialty?.id,
    level,
    path: campaign.paths[0]?.id,
    sex: 'male',
    birthDate: dayjs('1988-05-01'),
    civilServant: false,
    retired: false,
    unitKind: 'public_institution',
    countyLevelOrBelow: false,
    post: '记者',
    workStartedOn: dayjs(`${y - 12}-07-01`),
    educationLevel: '本科',
    graduatedOn: dayjs(`${y - 12}-06-30`),
    verification: 'verified',
    fallbackUploaded: false,
    hasTitle: level !== '初级',
    titleLevel: level !== '初级' ? below : undefined,
    titleName: level !== '初级' ? (specialty?.titles[below] ?? '') : undefined,
    titleObtainedOn: level !== '初级' ? dayjs(`${y - 6}-07-01`) : undefined,
    continuingEducation: continuingEducationYears(campaign).map((year) => ({ year, professionalHours: 70, publicHours: 30, exemptionApproved: false })),
    assessments: assessmentYears(campaign).map((year) => ({ year, grade: '合格' as const })),
    mandarin: '二级甲等',
    representativeWorksCount: 2,
    hasSanction: false,
    otherPathThisYear: false,
  };
}

function toRequest(values: Values, campaign: PublicCampaignDetail) {
  const path = campaign.paths.find((p) => p.id === values.path);
  return {
    seriesId: values.seriesId,
    specialtyId: values.specialtyId,
    level: values.level,
    path: values.path,
    archive: {
      sex: values.sex,
      birthDate: day(values.birthDate),
      retiredOn: values.retired && values.retiredOn ? day(values.retiredOn) : null,
      civilServant: values.civilServant,
      unit: { kind: values.unitKind, countyLevelOrBelow: values.countyLevelOrBelow, countyName: values.countyName?.trim() || null },
      post: values.post?.trim() || null,
      workStartedOn: day(values.workStartedOn),
      sanctions:
        values.hasSanction && values.sanctionKind && values.sanctionFrom
          ? [{ kind: values.sanctionKind, effectiveFrom: day(values.sanctionFrom), termMonths: values.sanctionMonths ?? null }]
          : [],
      education: [{ level: values.educationLevel, graduatedOn: day(values.graduatedOn), verification: values.verification, fallbackUploaded: Boolean(values.fallbackUploaded) }],
      currentTitle:
        values.hasTitle && values.titleLevel && values.titleObtainedOn
          ? { level: values.titleLevel, name: values.titleName?.trim() || values.titleLevel, obtainedOn: day(values.titleObtainedOn) }
          : null,
      continuingEducation: (values.continuingEducation ?? []).map((r) => ({
        year: r.year,
        professionalHours: r.professionalHours ?? 0,
        publicHours: r.publicHours ?? 0,
        exemptionApproved: Boolean(r.exemptionApproved),
      })),
      annualAssessments: (values.assessments ?? []).filter((a) => a.grade !== 'none').map((a) => ({ year: a.year, grade: a.grade as (typeof ASSESSMENT_GRADES)[number] })),
      mandarin: values.mandarin === 'none' ? null : values.mandarin,
      representativeWorksCount: values.representativeWorksCount ?? 0,
      grassRootsService: [],
    },
    priorApplications:
      values.otherPathThisYear && path
        ? [
            {
              campaignId: campaign.id,
              year: campaign.year,
              seriesId: values.seriesId,
              level: values.level,
              pathKind: path.kind === 'prefecture' ? 'recommended' : 'prefecture',
              withdrawn: false,
            },
          ]
        : [],
  };
}

function Verdict({ verdict }: { verdict: EligibilityVerdict }) {
  const failed = verdict.results.filter((r) => !r.passed);
  return (
    <Flex vertical gap={12} data-testid="self-check-results">
      <Alert
        type={verdict.eligible ? 'success' : 'error'}
        showIcon
        title={verdict.eligible ? '符合本次评审的申报条件' : `暂不符合申报条件：${failed.length} 项未通过`}
        description={`按 ${verdict.today} 计算，依据已发布的第 ${verdict.version} 版评审配置；仅供自查，以审核结果为准。`}
      />
      <RuleResultList results={verdict.results} />
    </Flex>
  );
}

export function SelfCheckPanel({ campaigns }: { campaigns: PublicCampaignDetail[] }) {
  const [form] = Form.useForm<Values>();
  const [verdict, setVerdict] = useState<EligibilityVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const campaignId = Form.useWatch('campaignId', form);
  const seriesId = Form.useWatch('seriesId', form);
  const specialtyId = Form.useWatch('specialtyId', form);
  const retired = Form.useWatch('retired', form);
  const hasTitle = Form.useWatch('hasTitle', form);
  const hasSanction = Form.useWatch('hasSanction', form);
  const verification = Form.useWatch('verification', form);
  const ceRows = Form.useWatch('continuingEducation', form) as CeRow[] | undefined;
  const campaign = campaigns.find((c) => c.id === campaignId) ?? campaigns[0];
  const series = campaign.series.find((s) => s.id === seriesId);
  const specialty = series?.specialties.find((s) => s.id === specialtyId);

  const initial = useMemo(() => example(campaigns[0]), [campaigns]);
  useEffect(() => setVerdict(null), [campaignId]);

  function changeCampaign(id: string) {
    const next = campaigns.find((c) => c.id === id);
    if (next) form.setFieldsValue(example(next));
  }

  async function check(values: Values) {
    setChecking(true);
    setError(null);
    try {
      const result = await api.post<EligibilityVerdict>(`/api/public/campaigns/${encodeURIComponent(campaign.id)}/eligibility`, toRequest(values, campaign));
      setVerdict(result);
      setTimeout(() => document.getElementById('self-check-verdict')?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
    } catch (err) {
      setVerdict(null);
      setError(errorMessage(err));
    } finally {
      setChecking(false);
    }
  }

  const required = (message: string) => [{ required: true, message }];
  const years = assessmentYears(campaign);

  return (
    <Card id="self-check" title="申报资格自查" data-testid="self-check">
      <Typography.Paragraph type="secondary">
        选择拟申报的系列、专业、级别和途径，按本人人事档案填写下列情况，系统按本次评审的规则逐条说明是否符合、不符合时如何解决。不保存任何个人信息。
      </Typography.Paragraph>
      <Alert type="info" showIcon className="zp-gap-bottom" title="表中已填入示例数据，请改为本人的实际情况后再自查。" />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={check} onValuesChange={() => setVerdict(null)} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="评审活动" name="campaignId" rules={required('请选择评审活动')}>
              <Select options={campaigns.map((c) => ({ value: c.id, label: c.title }))} onChange={changeCampaign} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="申报途径" name="path" rules={required('请选择申报途径')}>
              <Select options={campaign.paths.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="申报系列" name="seriesId" rules={required('请选择系列')}>
              <Select
                options={campaign.series.map((s) => ({ value: s.id, label: `${s.name}系列` }))}
                onChange={(id: string) => {
                  const s = campaign.series.find((x) => x.id === id);
                  form.setFieldsValue({ specialtyId: s?.specialties[0]?.id, level: s?.levels[0]?.level });
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="申报专业" name="specialtyId" rules={required('请选择专业')}>
              <Select options={(series?.specialties ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="申报级别" name="level" rules={required('请选择级别')}>
              <Select options={(series?.levels ?? []).map((l) => ({ value: l.level, label: `${l.level}${specialty?.titles[l.level] ? `（${specialty.titles[l.level]}）` : ''}` }))} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">基本情况</Divider>
        <Row gutter={16}>
          <Col xs={12} sm={8}>
            <Form.Item label="性别" name="sex">
              <Radio.Group
                options={[
                  { value: 'male', label: '男' },
                  { value: 'female', label: '女' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="出生日期" name="birthDate" rules={required('请选择出生日期')}>
              <DatePicker className="zp-full-width" inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="参加工作时间" name="workStartedOn" rules={required('请选择参加工作时间')}>
              <DatePicker className="zp-full-width" inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="单位性质" name="unitKind">
              <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="县及县以下单位" name="countyLevelOrBelow" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="所在县（市）" name="countyName">
              <Input placeholder="如 库车市" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="岗位" name="post" extra="普通话等级要求按岗位确定">
              <AutoComplete options={POSTS} placeholder="如 记者、播音员" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="公务员" name="civilServant" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="已办理离退休" name="retired" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          {retired && (
            <Col xs={24} sm={8}>
              <Form.Item label="离退休日期" name="retiredOn" rules={required('请选择离退休日期')}>
                <DatePicker className="zp-full-width" inputReadOnly />
              </Form.Item>
            </Col>
          )}
        </Row>

        <Divider titlePlacement="start">学历</Divider>
        <Row gutter={16}>
          <Col xs={12} sm={6}>
            <Form.Item label="最高学历" name="educationLevel">
              <Select options={EDUCATION_LEVELS.map((l) => ({ value: l, label: l }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item label="毕业时间" name="graduatedOn" rules={required('请选择毕业时间')}>
              <DatePicker className="zp-full-width" inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="学信网验证" name="verification">
              <Select
                options={[
                  { value: 'verified', label: '已取得学信网验证报告' },
                  { value: 'unverifiable', label: '学信网无法查询' },
                  { value: 'pending', label: '尚未办理' },
                ]}
              />
            </Form.Item>
          </Col>
          {verification === 'unverifiable' && (
            <Col xs={24}>
              <Form.Item name="fallbackUploaded" valuePropName="checked">
                <Checkbox>已准备替代材料（学历证书原件或《毕业生登记表》）</Checkbox>
              </Form.Item>
            </Col>
          )}
        </Row>

        <Divider titlePlacement="start">现职称</Divider>
        <Row gutter={16}>
          <Col xs={24} sm={6}>
            <Form.Item label="已取得职称" name="hasTitle" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          {hasTitle && (
            <>
              <Col xs={12} sm={6}>
                <Form.Item label="现职称级别" name="titleLevel" rules={required('请选择现职称级别')}>
                  <Select options={LEVELS.map((l) => ({ value: l, label: l }))} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item label="现职称名称" name="titleName">
                  <Input placeholder="如 助理记者" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={6}>
                <Form.Item label="取得时间" name="titleObtainedOn" rules={required('请选择取得时间')}>
                  <DatePicker className="zp-full-width" inputReadOnly />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>

        <Divider titlePlacement="start">继续教育（每年）</Divider>
        <Typography.Paragraph type="secondary" className="zp-hint">
          按通知要求的年度逐年填写；参加工作之前的年度不要求。有经批准的免学审批表的年度请勾选“免学”。
        </Typography.Paragraph>
        <Form.List name="continuingEducation">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => {
                const year = ceRows?.[index]?.year ?? '';
                return (
                  <div key={field.key} className="zp-ce-row" data-testid={`ce-row-${year}`}>
                    <Form.Item label="年度" name={[field.name, 'year']} rules={required('请输入年度')} className="zp-ce-year">
                      <InputNumber min={1950} max={2100} precision={0} aria-label={`第 ${index + 1} 行年度`} />
                    </Form.Item>
                    <Form.Item label="专业科目" name={[field.name, 'professionalHours']}>
                      <InputNumber min={0} max={10000} suffix="学时" aria-label={`${year} 年专业科目学时`} />
                    </Form.Item>
                    <Form.Item label="公需科目" name={[field.name, 'publicHours']}>
                      <InputNumber min={0} max={10000} suffix="学时" aria-label={`${year} 年公需科目学时`} />
                    </Form.Item>
                    <Form.Item label="免学" name={[field.name, 'exemptionApproved']} valuePropName="checked">
                      <Checkbox aria-label={`${year} 年免学`}>免学</Checkbox>
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${year} 年`} onClick={() => remove(field.name)} />
                  </div>
                );
              })}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const first = Math.min(...(ceRows ?? []).map((r) => r.year).filter(Number.isFinite), campaign.year + 1);
                    add({ year: first - 1, professionalHours: 0, publicHours: 0, exemptionApproved: false }, 0);
                  }}
                >
                  增加更早年度
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>

        <Divider titlePlacement="start">年度考核</Divider>
        {years.length === 0 ? (
          <Typography.Paragraph type="secondary">本次评审未要求上传指定年度的年度考核表。</Typography.Paragraph>
        ) : (
          <Form.List name="assessments">
            {(fields) => (
              <Row gutter={16}>
                {fields.map((field, index) => (
                  <Col xs={12} sm={6} key={field.key}>
                    <Form.Item name={[field.name, 'year']} hidden>
                      <InputNumber />
                    </Form.Item>
                    <Form.Item label={`${years[index]} 年度考核`} name={[field.name, 'grade']}>
                      <Select options={[...ASSESSMENT_GRADES.map((g) => ({ value: g, label: g })), { value: 'none', label: '无考核表' }]} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            )}
          </Form.List>
        )}

        <Divider titlePlacement="start">其他</Divider>
        <Row gutter={16}>
          <Col xs={12} sm={8}>
            <Form.Item label="普通话等级" name="mandarin">
              <Select options={[...MANDARIN_LEVELS.map((l) => ({ value: l, label: l })).reverse(), { value: 'none', label: '无证书' }]} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="代表作品（篇）" name="representativeWorksCount">
              <InputNumber min={0} max={1000} precision={0} className="zp-full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="受处分且可能在处分期内" name="hasSanction" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          {hasSanction && (
            <>
              <Col xs={24} sm={8}>
                <Form.Item label="处分种类" name="sanctionKind" rules={required('请选择处分种类')}>
                  <Select options={SANCTION_KINDS.map((k) => ({ value: k, label: k }))} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item label="处分生效日期" name="sanctionFrom" rules={required('请选择处分生效日期')}>
                  <DatePicker className="zp-full-width" inputReadOnly />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item label="处分期（月）" name="sanctionMonths">
                  <InputNumber min={0} max={1200} precision={0} className="zp-full-width" placeholder="不明" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24}>
            <Form.Item name="otherPathThisYear" valuePropName="checked">
              <Checkbox>本年度已通过其他途径申报同一系列、同一级别</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={checking} block>
          开始自查
        </Button>
      </Form>
      <div id="self-check-verdict" className="zp-gap-top">
        {error && <Alert type="error" showIcon title="自查失败" description={error} />}
        {verdict && <Verdict verdict={verdict} />}
      </div>
    </Card>
  );
}
