// Exports the filtered audit log as Excel. The export itself is audited.
import ExcelJS from 'exceljs';
import { AUDIT_ACTIONS, type AuditAction } from '../../../domain/audit-actions.js';
import { appendAudit } from '../../audit/append-audit.js';
import type { RequestContext } from '../../http/context.js';
import { neutraliseCell } from '../../documents/spreadsheet.js';
import { searchAuditLog, type AuditFilter } from '../../queries/audit-log.js';
import type { Services } from '../../services.js';

const MAX_EXPORT_ROWS = 100_000;

export async function exportAuditLog(services: Services, ctx: RequestContext, filter: AuditFilter): Promise<Buffer> {
  const { items } = await searchAuditLog(services.db, filter, 1, MAX_EXPORT_ROWS);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('审计日志');
  sheet.columns = [
    { header: '编号', key: 'id', width: 10 },
    { header: '时间', key: 'occurredAt', width: 26 },
    { header: '操作人', key: 'actorName', width: 14 },
    { header: '角色', key: 'actorRole', width: 16 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '操作', key: 'action', width: 22 },
    { header: '对象类型', key: 'objectType', width: 14 },
    { header: '对象', key: 'objectId', width: 38 },
    { header: '结果', key: 'outcome', width: 10 },
    { header: '请求编号', key: 'requestId', width: 38 },
  ];
  for (const item of items) {
    sheet.addRow(
      Object.fromEntries(
        Object.entries({ ...item, action: AUDIT_ACTIONS[item.action as AuditAction] ?? item.action }).map(([k, v]) => [k, neutraliseCell(v)]),
      ),
    );
  }
  await appendAudit(services.db, ctx, { action: 'audit.export', objectType: 'audit_log', detail: { rows: items.length, ...filter } });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
