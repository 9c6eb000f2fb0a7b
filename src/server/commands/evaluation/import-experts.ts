// Imports pool entries from an Excel sheet (the template from GET /api/office/experts/template.xlsx).
// Every row is checked as a single entry is (expert-rules.ts), and the rows against each other
// (one account, one entry). All or nothing: with any row in error nothing is saved and every error
// is reported with its row number.
//
// Series and specialties may be written by code (news, reporter) or by the name a published
// campaign of the prefecture gives them (新闻, 记者); the unit by its name in the prefecture's tree
// (else it is kept as text, an expert from outside the tree); the account by its user name.
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { experts, organisations, users } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { conflict, type FieldError } from '../../http/errors.js';
import { listPublishedCampaigns } from '../../queries/campaigns.js';
import { listUnitsOfPrefecture } from '../../queries/organisations.js';
import type { Services } from '../../services.js';
import { checkExpert, expertColumns, type ExpertValues } from './expert-rules.js';

export const EXPERT_IMPORT_COLUMNS = ['姓名', '评审系列', '专业', '职称级别', '职称名称', '工作单位', '手机号码', '聘期开始', '聘期结束', '专家账号（用户名）'] as const;
export const EXPERT_IMPORT_MAX_ROWS = 2000;

const FIELD_COLUMN: Record<string, string> = {
  name: '姓名',
  seriesId: '评审系列',
  specialtyIds: '专业',
  level: '职称级别',
  titleName: '职称名称',
  unitId: '工作单位',
  unitName: '工作单位',
  phone: '手机号码',
  termStart: '聘期开始',
  termEnd: '聘期结束',
  userId: '专家账号（用户名）',
};

export interface ExpertImportResult {
  created: number;
  errors: { row: number; message: string }[];
}

function cellText(row: ExcelJS.Row, column: number): string {
  const value = row.getCell(column).value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if (typeof value === 'object' && 'result' in value) return value.result instanceof Date ? value.result.toISOString().slice(0, 10) : String(value.result ?? '').trim();
  return String(value).trim();
}

/** A date typed as 2024/3/1 or 2024.03.01 is read as 2024-03-01; anything else is left for the check to refuse. */
function dateText(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : s;
}

function describe(problems: FieldError[]): string {
  return problems.map((p) => `${FIELD_COLUMN[p.path] ?? p.path}：${p.message}`).join('；');
}

/** A refused import answers 200 with its errors, so the error handler's audit fallback never sees it. */
async function refused(services: Services, ctx: RequestContext, prefectureId: string, errors: ExpertImportResult['errors']): Promise<ExpertImportResult> {
  await appendAudit(services.db, ctx, { action: 'expert.import', objectType: 'prefecture', objectId: prefectureId, outcome: 'failure', detail: { errors: errors.length } });
  return { created: 0, errors };
}

/** Series and specialty names the prefecture's published campaigns use, by name → code. */
async function vocabulary(services: Services, prefectureId: string) {
  const series = new Map<string, string>();
  const specialties = new Map<string, Map<string, string>>();
  const [prefecture] = await services.db.select({ portal: organisations.portal }).from(organisations).where(eq(organisations.id, prefectureId));
  const published = prefecture?.portal ? await listPublishedCampaigns(services.db, prefecture.portal) : [];
  for (const { campaign } of published) {
    for (const s of campaign.series) {
      series.set(s.name, s.id);
      const names = specialties.get(s.id) ?? new Map<string, string>();
      for (const sp of s.specialties) names.set(sp.name, sp.id);
      specialties.set(s.id, names);
    }
  }
  return { series, specialties };
}

export async function importExperts(services: Services, ctx: RequestContext, prefectureId: string, file: Buffer): Promise<ExpertImportResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return refused(services, ctx, prefectureId, [{ row: 0, message: '无法读取该文件，请上传由模板填写的 .xlsx 文件' }]);
  }
  const sheet = workbook.worksheets[0];
  const header = sheet ? EXPERT_IMPORT_COLUMNS.map((_, i) => cellText(sheet.getRow(1), i + 1)) : [];
  if (!sheet || header.join('|') !== EXPERT_IMPORT_COLUMNS.join('|')) {
    return refused(services, ctx, prefectureId, [{ row: 1, message: `表头应为：${EXPERT_IMPORT_COLUMNS.join('、')}` }]);
  }
  if (sheet.rowCount - 1 > EXPERT_IMPORT_MAX_ROWS) {
    return refused(services, ctx, prefectureId, [{ row: 0, message: `一次最多导入 ${EXPERT_IMPORT_MAX_ROWS} 名专家，请分批导入` }]);
  }

  const { series, specialties } = await vocabulary(services, prefectureId);
  const units = await listUnitsOfPrefecture(services.db, prefectureId);
  const unitsByName = new Map<string, string[]>();
  for (const u of units) unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), u.id]);

  const errors: ExpertImportResult['errors'] = [];
  const planned: ExpertValues[] = [];
  const accountRows = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const [name, seriesText, specialtyText, level, titleName, unitText, phone, termStart, termEnd, username] = EXPERT_IMPORT_COLUMNS.map((_, i) => cellText(row, i + 1));
    if ([name, seriesText, specialtyText, level, titleName, unitText, phone, termStart, termEnd, username].every((v) => v === '')) continue;
    const rowErrors: string[] = [];

    const seriesId = series.get(seriesText) ?? seriesText;
    const specialtyNames = specialties.get(seriesId);
    const specialtyIds = specialtyText
      .split(/[、，,;；\s]+/)
      .filter((s) => s !== '')
      .map((s) => specialtyNames?.get(s) ?? s);

    let unitId: string | null = null;
    const sameName = unitsByName.get(unitText) ?? [];
    if (sameName.length === 1) unitId = sameName[0];
    else if (sameName.length > 1) rowErrors.push(`工作单位：本地州有多个名为“${unitText}”的单位，请导入后在专家库中逐个选择`);

    let userId: string | null = null;
    if (username !== '') {
      const [account] = await services.db.select({ id: users.id }).from(users).where(eq(users.username, username.toLowerCase()));
      if (!account) rowErrors.push(`专家账号（用户名）：找不到账号“${username}”`);
      else {
        userId = account.id;
        const earlier = accountRows.get(userId);
        if (earlier !== undefined) rowErrors.push(`专家账号（用户名）：账号“${username}”已在第 ${earlier} 行使用，一个账号只能关联一名专家`);
        else accountRows.set(userId, r);
      }
    }

    const checked = await checkExpert(services.db, prefectureId, {
      name,
      seriesId,
      specialtyIds,
      level,
      titleName,
      unitId,
      unitName: unitText,
      phone: phone === '' ? null : phone,
      termStart: dateText(termStart),
      termEnd: dateText(termEnd),
      userId,
    });
    if (!checked.ok) rowErrors.push(describe(checked.problems));
    if (rowErrors.length > 0) errors.push({ row: r, message: rowErrors.join('；') });
    else if (checked.ok) planned.push(checked.values);
  }

  if (errors.length > 0) return refused(services, ctx, prefectureId, errors);
  if (planned.length === 0) return refused(services, ctx, prefectureId, [{ row: 2, message: '表中没有专家数据' }]);

  try {
    return await services.db.transaction(async (tx) => {
      const rows = await tx
        .insert(experts)
        .values(planned.map((v) => ({ prefectureId, ...expertColumns((p) => services.cipher.encrypt(p), v) })))
        .returning({ id: experts.id });
      await appendAudit(tx, ctx, { action: 'expert.import', objectType: 'prefecture', objectId: prefectureId, detail: { created: rows.length } });
      return { created: rows.length, errors: [] };
    });
  } catch (err) {
    // The rows were checked outside the transaction: an account linked meanwhile lands here.
    if (uniqueViolation(err) === 'experts_prefecture_user_key') throw conflict('导入期间有账号已被关联到其他专家，请重新导入', 'ACCOUNT_ALREADY_LINKED');
    throw err;
  }
}

