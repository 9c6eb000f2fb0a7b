// Where an application stands and what may happen next. Pure.

export const APPLICATION_STATUSES = [
  'draft',
  'unit_review',
  'unit_publicity',
  'dept_review',
  'office_review',
  'accepted',
  'returned',
  'lapsed',
  'not_accepted',
  'withdrawn',
  'unpaid',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '填写中',
  unit_review: '单位审核中',
  unit_publicity: '单位公示中',
  dept_review: '主管部门审核中',
  office_review: '评委会办公室审核中',
  accepted: '评委会办公室已接收材料',
  returned: '已退回，待修改后重新提交',
  lapsed: '退回后逾期未提交，已失效',
  not_accepted: '提交次数已满仍不符合要求，当年不再受理',
  withdrawn: '已撤回',
  unpaid: '逾期未缴纳评审费，不参加本次评审',
};

/** The applicant may change the form and the materials only before submitting and after a return. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Where a submitted application waits; a return from there sends the resubmission back there. */
export type ReviewStage = 'unit' | 'dept' | 'office';
export const STAGE_STATUS: Record<ReviewStage, ApplicationStatus> = { unit: 'unit_review', dept: 'dept_review', office: 'office_review' };
export const STAGE_OF_STATUS: Partial<Record<ApplicationStatus, ReviewStage>> = {
  unit_review: 'unit',
  unit_publicity: 'unit',
  dept_review: 'dept',
  office_review: 'office',
};

/** Applications that still hold the applicant's one path of the year (A24-3). */
export function holdsPath(status: ApplicationStatus): boolean {
  return status !== 'withdrawn';
}

/** The timeline's actions, with their Chinese labels. */
export const EVENT_LABELS = {
  created: '创建申报',
  submitted: '提交申报',
  resubmitted: '修改后重新提交',
  returned: '退回修改',
  lapsed: '逾期未重新提交，申报失效',
  notAccepted: '第 3 次提交后仍不符合要求，当年不再受理',
  withdrawn: '撤回申报',
  commitmentSigned: '签署个人承诺书',
  publicityStarted: '单位开始公示',
  objectionRecorded: '公示期间收到异议',
  objectionResolved: '异议已处理',
  recommended: '单位审核通过，同意推荐',
  forwarded: '主管部门审核通过，报送评委会办公室',
  accepted: '评委会办公室已接收材料',
  receiptUploaded: '上传缴费凭证',
  feeConfirmed: '财务确认已缴费',
  feeRejected: '财务退回缴费凭证',
  paperReceived: '评委会办公室收到纸质评审表',
  unpaid: '逾期未缴费，不参加本次评审',
  enrolled: '列入评审委员会评审',
  defenceScheduled: '安排答辩',
  resultsPublicised: '评审结果公示',
  resultOverturned: '异议查实，评审结果不予确认',
  certificateIssued: '电子职称证书签发',
  certificateRevoked: '职称及电子证书被撤销',
} as const;
export type EventAction = keyof typeof EVENT_LABELS;

/** Who acted, by role, never by name (experts stay anonymous). */
export const ACTOR_ROLE_LABELS: Record<string, string> = {
  applicant: '申报人',
  unit_reviewer: '所在单位',
  dept_reviewer: '主管部门',
  office_staff: '评委会办公室',
  finance: '财务',
  system: '系统',
  committee: '评审委员会',
};
