// Imports the organisation tree from an Excel sheet (the template from GET /api/admin/orgs/template.xlsx).
// Each row names its parent by path ("新疆维吾尔自治区/阿克苏地区/库车市"); an existing
// organisation (same parent, same name) is updated, a new one created. All or nothing: with any
// row in error nothing is saved and every error is reported with its row number.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  ORG_KIND_LABELS,
  UNIT_KIND_LABELS,
  type OrgKind,
  type UnitKind,
} from '../../../domain/organisations.js';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { organisations } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { loadOrgMap } from '../../queries/organisations.js';
import type { Services } from '../../services.js';
import { checkOrgDraft, type OrgDraft, type OrgRow } from './rules.js';

export const ORG_IMPORT_COLUMNS = ['上级机构', '机构名称', '机构类型', '机构代码', '单位性质', '县级及以下', '主管部门'] as const;

const kindByLabel = new Map(Object.entries(ORG_KIND_LABELS).map(([k, v]) => [v, k as OrgKind]));
const unitKindByLabel = new Map(Object.entries(UNIT_KIND_LABELS).map(([k, v]) => [v, k as UnitKind]));

export interface ImportResult {
  created: number;
  updated: number;
  errors: { row: number; message: string }[];
}

function cellText(row: ExcelJS.Row, column: number): string {
  const value = row.getCell(column).value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('').trim();
  return String(value).trim();
}

function pathOf(orgs: Map<string, OrgRow>, id: string): string {
  const names: string[] = [];
  for (let cur = orgs.get(id); cur; cur = cur.parentId ? orgs.get(cur.parentId) : undefined) names.unshift(cur.name);
  return names.join('/');
}

/** A refused import answers 200 with its errors, so the error handler's audit fallback never sees it. */
async function refused(services: Services, ctx: RequestContext, errors: ImportResult['errors']): Promise<ImportResult> {
  await appendAudit(services.db, ctx, { action: 'org.import', objectType: 'organisation', outcome: 'failure', detail: { errors: errors.length } });
  return { created: 0, updated: 0, errors };
}

export async function importOrganisations(services: Services, ctx: RequestContext, file: Buffer): Promise<ImportResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return refused(services, ctx, [{ row: 0, message: '无法读取该文件，请上传由模板填写的 .xlsx 文件' }]);
  }
  const sheet = workbook.worksheets[0];
  const header = sheet ? ORG_IMPORT_COLUMNS.map((_, i) => cellText(sheet.getRow(1), i + 1)) : [];
  if (!sheet || header.join('|') !== ORG_IMPORT_COLUMNS.join('|')) {
    return refused(services, ctx, [{ row: 1, message: `表头应为：${ORG_IMPORT_COLUMNS.join('、')}` }]);
  }

  // First plan every row against the tree as it would be, then apply the plan in one transaction.
  const orgs = await loadOrgMap(services.db);
  const byPath = new Map([...orgs.values()].map((o) => [pathOf(orgs, o.id), o.id]));
  const plan: { id: string; isNew: boolean; draft: OrgDraft }[] = [];
  const errors: ImportResult['errors'] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const [parentPath, name, kindLabel, code, unitKindLabel, countyLevel, departmentName] = ORG_IMPORT_COLUMNS.map((_, i) => cellText(row, i + 1));
    if (!name && !parentPath && !kindLabel) continue;
    const kind = kindByLabel.get(kindLabel);
    if (!kind) {
      errors.push({ row: r, message: `机构类型“${kindLabel}”无效，应为：${Object.values(ORG_KIND_LABELS).join('、')}` });
      continue;
    }
    const parentId = parentPath ? (byPath.get(parentPath) ?? null) : null;
    if (parentPath && !parentId) {
      errors.push({ row: r, message: `找不到上级机构“${parentPath}”（上级须在本表前面的行或系统中已存在）` });
      continue;
    }
    const unitKind = unitKindLabel ? unitKindByLabel.get(unitKindLabel) : null;
    if (unitKindLabel && !unitKind) {
      errors.push({ row: r, message: `单位性质“${unitKindLabel}”无效，应为：${Object.values(UNIT_KIND_LABELS).join('、')}` });
      continue;
    }
    if (countyLevel && countyLevel !== '是' && countyLevel !== '否') {
      errors.push({ row: r, message: '“县级及以下”应填“是”或“否”' });
      continue;
    }
    let departmentId: string | null = null;
    if (departmentName) {
      const matches = [...orgs.values()].filter((o) => o.kind === 'department' && o.name === departmentName);
      if (matches.length !== 1) {
        errors.push({ row: r, message: matches.length === 0 ? `找不到主管部门“${departmentName}”` : `主管部门“${departmentName}”重名，请在系统中直接设置` });
        continue;
      }
      departmentId = matches[0].id;
    }
    const draft: OrgDraft = { parentId, kind, name, code: code || null, unitKind: unitKind ?? null, countyLevelOrBelow: countyLevel === '是', departmentId };
    const rowErrors = checkOrgDraft(orgs, draft);
    if (rowErrors.length > 0) {
      errors.push({ row: r, message: rowErrors.map((e) => e.message).join('；') });
      continue;
    }
    const path = parentPath ? `${parentPath}/${name}` : name;
    const existingId = byPath.get(path);
    const id = existingId ?? randomUUID();
    plan.push({ id, isNew: !existingId, draft });
    orgs.set(id, { id, parentId, kind, name, departmentId });
    byPath.set(path, id);
  }

  if (errors.length > 0) return refused(services, ctx, errors);
  return services.db.transaction(async (tx) => {
    for (const step of plan) {
      if (step.isNew) await tx.insert(organisations).values({ id: step.id, ...step.draft });
      else await tx.update(organisations).set(step.draft).where(eq(organisations.id, step.id));
    }
    const created = plan.filter((p) => p.isNew).length;
    const result = { created, updated: plan.length - created, errors: [] };
    await appendAudit(tx, ctx, { action: 'org.import', objectType: 'organisation', detail: { created: result.created, updated: result.updated } });
    return result;
  }).catch((err: unknown) => {
    // The plan was made outside the transaction: a concurrent import may have added the same rows.
    if (uniqueViolation(err) === 'organisations_parent_name_key') throw conflict('导入期间组织机构已被修改，请重新导入', 'ORG_IMPORT_CONFLICT');
    throw err;
  });
}
