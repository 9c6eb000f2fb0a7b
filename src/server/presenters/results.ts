// What leaves the server about the meeting, results, cases, certificates and statistics: labels in
// Chinese and the response schemas, field by field. No schema here has a place for an individual
// vote: the ballot's only outputs are counts, and those only once the ballot has closed.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { neutraliseCell } from '../documents/spreadsheet.js';

/** What the ballot decides. */
export type CandidateResult = 'passed' | 'failed' | 'failed_cap' | 'tied_at_cap';
/** A candidate's stored result: the ballot's, or 'overturned' — passed the vote, then an objection in the publicity was upheld (A24-4); not a pass. */
export type StoredResult = CandidateResult | 'overturned';

export const RESULT_LABELS: Record<StoredResult, string> = {
  passed: '通过',
  failed: '未通过',
  failed_cap: '未通过（超出通过率）',
  tied_at_cap: '并列于通过率线，待评审委员会决定',
  overturned: '异议查实，评审结果不予确认',
};

export const resultLabel = (result: string | null): string | null => (result ? (RESULT_LABELS[result as StoredResult] ?? result) : null);

export const CASE_KINDS = ['objection', 'review_request', 'complaint'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = { objection: '公示异议', review_request: '复查申请', complaint: '投诉' };

export const CASE_STATUSES = ['open', 'investigating', 'upheld', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { open: '待处理', investigating: '调查核实中', upheld: '情况属实，已处理', dismissed: '经核查不属实，不予支持' };

export const caseKindLabel = (kind: string) => CASE_KIND_LABELS[kind as CaseKind] ?? kind;
export const caseStatusLabel = (status: string) => CASE_STATUS_LABELS[status as CaseStatus] ?? status;

/** Where an applicant's evaluation stands, as the applicant's result page shows it. */
export const RESULT_STAGES = {
  not_in_evaluation: '尚未列入评审',
  evaluating: '评审中',
  awaiting_publicity: '评审会议已结束，评审结果待公示',
  publicity: '评审结果公示中',
  publicity_ended: '公示期已结束，评审结果待确认',
  confirmed: '评审结果已确认',
  certificate_issued: '电子职称证书已签发',
  certificate_revoked: '职称及电子证书已撤销',
} as const;
export type ResultStage = keyof typeof RESULT_STAGES;

// ---- schemas ----------------------------------------------------------------------------------

export const defenceSessionSchema = z.object({
  id: z.string(),
  startsAt: z.string(),
  place: z.string(),
  videoLink: z.string().nullable(),
  panel: z.array(z.object({ expertId: z.string(), name: z.string() })),
  candidates: z.array(z.object({ applicationId: z.string(), code: z.string(), name: z.string() })),
});

export const defenceScoreRowSchema = z.object({
  applicationId: z.string(),
  code: z.string(),
  name: z.string(),
  specialtyName: z.string(),
  defenceRequired: z.boolean(),
  defenceExemptReason: z.string().nullable(),
  defenceRuleId: z.string().nullable(),
  defenceSessionId: z.string().nullable(),
  sheets: z.number(),
  defenceAverage: z.number().nullable(),
  defenceScoreText: z.string().nullable(),
});

export const attendanceSchema = z.object({ members: z.number(), present: z.number(), quorumNeeded: z.number(), quorate: z.boolean() });

export const ballotResultSchema = z.object({
  applicationId: z.string(),
  code: z.string(),
  voters: z.number(),
  agree: z.number(),
  disagree: z.number(),
  abstain: z.number(),
  result: z.enum(['passed', 'failed', 'failed_cap', 'tied_at_cap']),
  resultLabel: z.string(),
  rank: z.number().nullable(),
});

export const publicityPeriodSchema = z.object({ startsOn: z.string(), endsOn: z.string(), workingDays: z.number() });

export const publicResultsSchema = z.array(
  z.object({
    committeeId: z.string(),
    title: z.string(),
    campaignTitle: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    rows: z.array(
      z.object({
        entryId: z.string(),
        name: z.string(),
        unitName: z.string(),
        seriesName: z.string(),
        specialtyName: z.string(),
        level: z.string(),
        result: z.string(),
      }),
    ),
  }),
);

export const officeCaseSchema = z.object({
  id: z.string(),
  kind: z.enum(CASE_KINDS),
  kindLabel: z.string(),
  applicationId: z.string(),
  code: z.string(),
  name: z.string(),
  content: z.string(),
  filedByName: z.string(),
  createdAt: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  investigation: z.string().nullable(),
  outcome: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const applicantResultSchema = z.object({
  stage: z.enum(Object.keys(RESULT_STAGES) as [ResultStage, ...ResultStage[]]),
  stageLabel: z.string(),
  result: z.string().nullable(),
  resultLabel: z.string().nullable(),
  publicity: z.object({ startsOn: z.string(), endsOn: z.string() }).nullable(),
  certificate: z
    .object({ number: z.string(), verificationCode: z.string(), issuedAt: z.string(), revoked: z.boolean(), revokeReason: z.string().nullable() })
    .nullable(),
  cases: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(CASE_KINDS),
      kindLabel: z.string(),
      content: z.string(),
      status: z.enum(CASE_STATUSES),
      statusLabel: z.string(),
      outcome: z.string().nullable(),
    }),
  ),
});

export const qualificationDocumentSchema = z.object({ documentNumber: z.string(), issuedOn: z.string(), filedAt: z.string().nullable() });

export const officeCertificateSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  number: z.string(),
  name: z.string(),
  titleName: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

export const publicCertificateSchema = z.object({
  number: z.string(),
  name: z.string(),
  unitName: z.string(),
  seriesName: z.string(),
  level: z.string(),
  titleName: z.string(),
  qualificationDate: z.string(),
  revokedAt: z.string().nullable(),
});

export const verifyCodeResultSchema = z.object({ status: z.enum(['genuine', 'revoked', 'unknown']), certificate: publicCertificateSchema.nullable() });
export const verifyPdfResultSchema = z.object({ status: z.enum(['genuine', 'revoked', 'tampered', 'unknown']), certificate: publicCertificateSchema.nullable() });

export const STATISTICS_GROUPINGS = ['series', 'level', 'county', 'unit'] as const;
export type StatisticsGrouping = (typeof STATISTICS_GROUPINGS)[number];
export const STATISTICS_GROUPING_LABELS: Record<StatisticsGrouping, string> = { series: '按系列', level: '按级别', county: '按县市', unit: '按单位' };

const statisticsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  declared: z.number(),
  returned: z.number(),
  accepted: z.number(),
  paid: z.number(),
  passed: z.number(),
  passRate: z.number().nullable(),
});
export type StatisticsRow = z.infer<typeof statisticsRowSchema>;
export const statisticsSchema = z.object({ rows: z.array(statisticsRowSchema), total: statisticsRowSchema });

// ---- statistics workbook -----------------------------------------------------------------------

const STATISTICS_HEADER = ['分组', '申报人数', '曾被退回', '已接收材料', '已缴费', '评审通过', '通过率（%）'];

/** One sheet per grouping; every text cell neutralised against formula injection. */
export async function statisticsWorkbook(title: string, sheets: { grouping: StatisticsGrouping; rows: StatisticsRow[]; total: StatisticsRow }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const { grouping, rows, total } of sheets) {
    const sheet = workbook.addWorksheet(STATISTICS_GROUPING_LABELS[grouping]);
    const add = (values: unknown[]) => sheet.addRow(values.map(neutraliseCell));
    add([`${title}（${STATISTICS_GROUPING_LABELS[grouping]}统计）`]);
    add(STATISTICS_HEADER);
    for (const r of [...rows, total]) add([r.label, r.declared, r.returned, r.accepted, r.paid, r.passed, r.passRate ?? '—']);
    sheet.getColumn(1).width = 32;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
