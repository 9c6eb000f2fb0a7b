// Turns schema-validation issues into Chinese messages that name the field a user sees.
import type { FieldError } from './errors.js';

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  smsCode: '短信验证码',
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  identifier: '账号',
  totpCode: '动态验证码',
  code: '验证码',
  unitId: '工作单位',
  reason: '理由',
  parentId: '上级机构',
  kind: '机构类型',
  unitKind: '单位性质',
  countyLevelOrBelow: '县级及以下',
  departmentId: '行业主管部门',
  userId: '账号',
  role: '角色',
  orgId: '机构',
  initialPassword: '初始密码',
  purpose: '用途',
  page: '页码',
  pageSize: '每页条数',
  from: '开始时间',
  to: '结束时间',
  id: '编号',
  status: '状态',
  recordKind: '档案类型',
  data: '档案内容',
  fileIds: '扫描件',
  fileId: '扫描件',
  degrees: '旋转角度',
  campaignId: '评审活动',
  seriesId: '申报系列',
  specialtyId: '申报专业',
  level: '申报级别',
  pathId: '申报途径',
  sectionId: '申报栏目',
  slotId: '材料栏目',
  materialId: '材料',
  version: '版本号',
  values: '填写内容',
  items: '遮盖项目',
  acknowledgeLeaks: '确认遮盖提示',
  reasons: '退回原因',
  startsAt: '答辩时间',
  place: '地点',
  videoLink: '视频答辩链接',
  panelExpertIds: '答辩评议组',
  applicationIds: '申报人员',
  presentExpertIds: '出席委员',
  passed: '是否通过',
  content: '内容',
  investigation: '调查核实情况',
  outcome: '处理结果',
  documentNumber: '文号',
  issuedOn: '印发日期',
  fraud: '是否弄虚作假',
  by: '分组',
  entryId: '公示对象',
  prefectureId: '地州',
  votes: '投票',
  choice: '表决意见',
  comment: '评审意见',
  persons: '回避人员',
  chairExpertId: '评委会主任',
  passRatePercent: '通过率',
  meetingPlace: '会议地点',
  meetingDate: '评审会议日期',
  seed: '抽取种子',
  size: '委员人数',
  requiredSpecialtyIds: '须覆盖的专业',
  expertId: '专家',
  held: '是否暂缓',
  titleName: '职称名称',
  unitName: '工作单位',
  termStart: '聘期开始',
  termEnd: '聘期结束',
  specialtyIds: '评审专业',
  active: '是否在库',
  note: '说明',
};

export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

function labelOf(path: string): string {
  const last = path.split('/').filter(Boolean).pop() ?? '';
  return FIELD_LABELS[last] ?? (last || '请求内容');
}

function describe(issue: ValidationIssue): string {
  const label = labelOf(issue.instancePath);
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'invalid_type':
      // Zod reports no input value here; its message ends with what it received ("… undefined").
      return /(undefined|null)$/.test(issue.message ?? '') ? `${label}不能为空` : `${label}的格式不正确`;
    case 'too_small':
      return p.origin === 'string' ? `${label}至少 ${String(p.minimum)} 个字符` : `${label}不能小于 ${String(p.minimum)}`;
    case 'too_big':
      return p.origin === 'string' ? `${label}最多 ${String(p.maximum)} 个字符` : `${label}不能大于 ${String(p.maximum)}`;
    case 'unrecognized_keys':
      return `请求中有不认识的字段：${(p.keys as string[] | undefined)?.join('、') ?? ''}`;
    case 'invalid_value':
      return `${label}的取值不在允许范围内`;
    case 'invalid_format':
      return `${label}的格式不正确`;
    case 'custom':
      return issue.message ? (issue.message.includes(label) ? issue.message : `${label}${issue.message}`) : `${label}不正确`;
    default:
      return `${label}不正确`;
  }
}

export function describeValidationIssues(issues: ValidationIssue[], part: string): { message: string; fields: FieldError[] } {
  const fields = issues.map((issue) => ({
    path: issue.instancePath.split('/').filter(Boolean).join('.') || part,
    message: describe(issue),
  }));
  return { message: fields.map((f) => f.message).join('；'), fields };
}
