// The committee office's expert pool (专家库, N40-COMMITTEE): list, add, change, link to an expert
// account, Excel template and all-or-nothing import. Scope: the office's own prefecture; another
// prefecture's expert answers 404. Phones leave the server masked only.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { LEVELS } from '../../domain/campaign/index.js';
import type { App } from '../app.js';
import { createExpert } from '../commands/evaluation/create-expert.js';
import { EXPERT_IMPORT_COLUMNS, importExperts } from '../commands/evaluation/import-experts.js';
import { updateExpert } from '../commands/evaluation/update-expert.js';
import { neutraliseCell } from '../documents/spreadsheet.js';
import { badRequest } from '../http/errors.js';
import { expertAccountSchema, expertSchema, importResultSchema, presentExpert } from '../presenters/evaluation.js';
import { expertAccounts, listExperts, usernameOf } from '../queries/evaluation.js';
import { officePrefecture } from '../queries/evaluation-scope.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';
import { contentDisposition } from './upload-request.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const prefectureQuery = z.strictObject({ prefectureId: z.uuid().optional() });

// Shapes only; what the values must be (term ≤ 3 years, formats, unit, account) is checked by
// commands/evaluation/expert-rules.ts, which names every problem in Chinese.
const expertFields = {
  name: text(100),
  seriesId: text(100),
  specialtyIds: z.array(text(100)).max(50),
  level: z.enum(LEVELS),
  titleName: text(100),
  unitId: z.uuid().nullable(),
  unitName: text(200),
  phone: text(40).nullable(),
  termStart: text(20),
  termEnd: text(20),
  userId: z.uuid().nullable(),
};
const createBody = z.strictObject(expertFields);
const patchBody = z.strictObject({ ...expertFields, active: z.boolean() }).partial();

export function expertPoolRoutes(app: App, services: Services) {
  const tags = ['office'];

  app.get(
    '/office/experts',
    {
      config: { access: 'evaluation.manage' },
      schema: {
        tags,
        summary: '评审专家库（可按系列、姓名或单位筛选；手机号已遮盖）',
        querystring: z.strictObject({ prefectureId: z.uuid().optional(), seriesId: text(100).optional(), q: text(100).optional() }),
        response: { 200: z.array(expertSchema) },
      },
    },
    async (request) => {
      const prefectureId = officePrefecture(request.actor!, request.query.prefectureId);
      const rows = await listExperts(services.db, prefectureId, { seriesId: request.query.seriesId, q: request.query.q });
      return rows.map((r) => presentExpert(services.cipher, r.expert, r.username));
    },
  );

  app.get(
    '/office/expert-accounts',
    {
      config: { access: 'evaluation.manage' },
      schema: { tags, summary: '本地州持有评审专家或评委会主任角色的账号（用于关联专家库）', querystring: prefectureQuery, response: { 200: z.array(expertAccountSchema) } },
    },
    async (request) => expertAccounts(services.db, officePrefecture(request.actor!, request.query.prefectureId)),
  );

  app.post(
    '/office/experts',
    {
      config: { access: 'evaluation.manage', audit: 'expert.create' },
      schema: { tags, summary: '新增评审专家（聘期不超过 3 年，N40-COMMITTEE）', querystring: prefectureQuery, body: createBody, response: { 201: expertSchema } },
    },
    async (request, reply) => {
      const prefectureId = officePrefecture(request.actor!, request.query.prefectureId);
      const row = await createExpert(services, request.ctx, prefectureId, request.body);
      return reply.status(201).send(presentExpert(services.cipher, row, await usernameOf(services.db, row.userId)));
    },
  );

  app.patch(
    '/office/experts/:id',
    {
      config: { access: 'evaluation.manage', audit: 'expert.update' },
      schema: { tags, summary: '修改评审专家信息，或移出专家库（active: false）', params: uuidParam, body: patchBody, response: { 200: expertSchema } },
    },
    async (request) => {
      const row = await updateExpert(services, request.ctx, request.actor!, request.params.id, request.body);
      return presentExpert(services.cipher, row, await usernameOf(services.db, row.userId));
    },
  );

  app.get(
    '/office/experts/template.xlsx',
    { config: { access: 'evaluation.manage' }, schema: { tags, summary: '评审专家导入模板（Excel）' } },
    async (_request, reply) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('评审专家');
      sheet.addRow([...EXPERT_IMPORT_COLUMNS]);
      sheet.addRow(['（示例）王某某', '新闻', '记者、编辑', '正高', '高级记者', '阿克苏日报社', '13900000000', '2024-01-01', '2026-12-31', ''].map(neutraliseCell));
      sheet.columns.forEach((c) => (c.width = 20));
      const notes = workbook.addWorksheet('填写说明');
      for (const line of [
        '每行一名专家；空行不读。有任何一行出错时整表不导入，并逐行列出错误（含行号）。',
        '评审系列、专业：可填代码（如 news、reporter）或本地州已发布评审活动中的名称（如 新闻、记者）；多个专业用顿号分隔。',
        `职称级别：${LEVELS.join('、')}，决定该专家可评审的级别（不高于本人级别）。`,
        '工作单位：与组织机构中本地州的单位名称一致时自动关联（用于同单位、同主管部门回避）；否则按文字保存。',
        '聘期：日期格式 YYYY-MM-DD；聘期不得超过 3 年（N40-COMMITTEE）。',
        '专家账号：已由安全管理员授予“评审专家”角色的用户名，可留空以后再关联。',
      ]) {
        notes.addRow([neutraliseCell(line)]);
      }
      notes.getColumn(1).width = 100;
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', '评审专家导入模板.xlsx', 'expert-template.xlsx'))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(await workbook.xlsx.writeBuffer()));
    },
  );

  app.post(
    '/office/experts/import',
    {
      config: { access: 'evaluation.manage', audit: 'expert.import' },
      schema: {
        tags,
        summary: '从 Excel 导入评审专家（multipart 字段 file；有错误时全部不导入，逐行列出错误）',
        consumes: ['multipart/form-data'],
        querystring: prefectureQuery,
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const prefectureId = officePrefecture(request.actor!, request.query.prefectureId);
      if (!request.isMultipart()) throw badRequest('请上传 .xlsx 文件', [{ path: 'file', message: '请选择文件' }]);
      const file = await request.file();
      if (!file) throw badRequest('请上传 .xlsx 文件', [{ path: 'file', message: '请选择文件' }]);
      return importExperts(services, request.ctx, prefectureId, await file.toBuffer());
    },
  );
}
