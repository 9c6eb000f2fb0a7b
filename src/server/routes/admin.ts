// System administrator: the organisation tree and staff accounts.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { ORG_KINDS, UNIT_KINDS } from '../../domain/organisations.js';
import type { App } from '../app.js';
import { createOrganisation } from '../commands/org/create-organisation.js';
import { deleteOrganisation } from '../commands/org/delete-organisation.js';
import { importOrganisations, ORG_IMPORT_COLUMNS } from '../commands/org/import-organisations.js';
import { updateOrganisation } from '../commands/org/update-organisation.js';
import { createStaffUser } from '../commands/user/create-staff-user.js';
import { badRequest } from '../http/errors.js';
import { listOrganisations } from '../queries/organisations.js';
import { listUsers, userListQuery } from '../queries/users.js';
import type { Services } from '../services.js';
import { roleSchema, text, uuidParam } from './schemas.js';

export const orgSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  code: z.string().nullable(),
  unitKind: z.enum(UNIT_KINDS).nullable(),
  countyLevelOrBelow: z.boolean(),
  departmentId: z.string().nullable(),
});

export const presentOrg = (o: Awaited<ReturnType<typeof listOrganisations>>[number]) => ({
  id: o.id,
  parentId: o.parentId,
  kind: o.kind as z.infer<typeof orgSchema>['kind'],
  name: o.name,
  code: o.code,
  unitKind: o.unitKind as z.infer<typeof orgSchema>['unitKind'],
  countyLevelOrBelow: o.countyLevelOrBelow,
  departmentId: o.departmentId,
});

const orgFields = {
  parentId: z.uuid().nullable(),
  kind: z.enum(ORG_KINDS),
  name: text(100).min(1),
  code: text(40).nullable().optional(),
  unitKind: z.enum(UNIT_KINDS).nullable().optional(),
  countyLevelOrBelow: z.boolean().optional(),
  departmentId: z.uuid().nullable().optional(),
};

export function adminRoutes(app: App, services: Services) {
  app.get(
    '/admin/orgs',
    { config: { access: 'org.manage' }, schema: { tags: ['admin'], summary: '组织机构（平铺）', response: { 200: z.array(orgSchema) } } },
    async () => (await listOrganisations(services.db)).map(presentOrg),
  );

  app.post(
    '/admin/orgs',
    { config: { access: 'org.manage', audit: 'org.create' }, schema: { tags: ['admin'], summary: '新增机构', body: z.strictObject(orgFields), response: { 201: orgSchema } } },
    async (request, reply) => {
      const b = request.body;
      const org = await createOrganisation(services, request.ctx, {
        parentId: b.parentId,
        kind: b.kind,
        name: b.name,
        code: b.code ?? null,
        unitKind: b.unitKind ?? null,
        countyLevelOrBelow: b.countyLevelOrBelow ?? false,
        departmentId: b.departmentId ?? null,
      });
      return reply.status(201).send(presentOrg(org));
    },
  );

  app.patch(
    '/admin/orgs/:id',
    {
      config: { access: 'org.manage', audit: 'org.update' },
      schema: { tags: ['admin'], summary: '修改机构', params: uuidParam, body: z.strictObject(orgFields).partial(), response: { 200: orgSchema } },
    },
    async (request) => presentOrg(await updateOrganisation(services, request.ctx, request.params.id, request.body)),
  );

  app.delete(
    '/admin/orgs/:id',
    { config: { access: 'org.manage', audit: 'org.delete' }, schema: { tags: ['admin'], summary: '删除机构', params: uuidParam } },
    async (request, reply) => {
      await deleteOrganisation(services, request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/admin/orgs/import',
    {
      config: { access: 'org.manage', audit: 'org.import' },
      schema: {
        tags: ['admin'],
        summary: '从 Excel 导入组织机构（multipart 字段 file）',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ created: z.number(), updated: z.number(), errors: z.array(z.object({ row: z.number(), message: z.string() })) }) },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw badRequest('请上传 .xlsx 文件');
      const file = await request.file();
      if (!file) throw badRequest('请上传 .xlsx 文件', [{ path: 'file', message: '请选择文件' }]);
      return importOrganisations(services, request.ctx, await file.toBuffer());
    },
  );

  app.get(
    '/admin/orgs/template.xlsx',
    { config: { access: 'org.manage' }, schema: { tags: ['admin'], summary: '组织机构导入模板' } },
    async (_request, reply) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('组织机构');
      sheet.addRow([...ORG_IMPORT_COLUMNS]);
      sheet.addRow(['新疆维吾尔自治区/阿克苏地区', '温宿县', '县市', '652922', '', '是', '']);
      sheet.addRow(['新疆维吾尔自治区/阿克苏地区/温宿县', '温宿县委宣传部', '行业主管部门', '', '', '是', '']);
      sheet.addRow(['新疆维吾尔自治区/阿克苏地区/温宿县', '温宿县融媒体中心', '用人单位', '', '事业单位', '是', '温宿县委宣传部']);
      sheet.columns.forEach((c) => (c.width = 28));
      const body = Buffer.from(await workbook.xlsx.writeBuffer());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="org-template.xlsx"; filename*=UTF-8''${encodeURIComponent('组织机构导入模板.xlsx')}`)
        .send(body);
    },
  );

  app.get(
    '/admin/users',
    {
      config: { access: 'user.manage' },
      schema: {
        tags: ['admin'],
        summary: '账号列表',
        querystring: userListQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), username: z.string().nullable(), name: z.string(), phoneMasked: z.string().nullable(), roles: z.array(roleSchema), lockedUntil: z.string().nullable(), disabled: z.boolean() }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { items, total } = await listUsers(services, request.query);
      return { items: items.map((u) => ({ ...u, roles: u.roles.map((r) => r.role) })), total };
    },
  );

  app.post(
    '/admin/users',
    {
      config: { access: 'user.manage', audit: 'user.create' },
      schema: {
        tags: ['admin'],
        summary: '新增工作人员账号',
        body: z.strictObject({ username: text(32).min(1), name: text(30).min(1), phone: text(20).optional(), initialPassword: z.string().min(1).max(128) }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createStaffUser(services, request.ctx, request.body)),
  );
}
