// Audit administrator: search, export and verify the log. Reading it changes nothing.
import { z } from 'zod';
import type { App } from '../app.js';
import { exportAuditLog } from '../commands/audit/export-audit-log.js';
import { verifyAuditLog } from '../commands/audit/verify-audit-log.js';
import { searchAuditLog } from '../queries/audit-log.js';
import type { Services } from '../services.js';

const filterSchema = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().max(32).optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
};

export function auditRoutes(app: App, services: Services) {
  app.get(
    '/audit/logs',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '查询审计日志',
        querystring: z.strictObject({
          ...filterSchema,
          page: z.coerce.number().int().min(1).max(1_000_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                occurredAt: z.string(),
                actorName: z.string().nullable(),
                actorRole: z.string().nullable(),
                ip: z.string().nullable(),
                action: z.string(),
                objectType: z.string().nullable(),
                objectId: z.string().nullable(),
                outcome: z.string(),
                requestId: z.string().nullable(),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return searchAuditLog(services.db, filter, page, pageSize);
    },
  );

  app.get(
    '/audit/logs.xlsx',
    { config: { access: 'audit.read' }, schema: { tags: ['audit'], summary: '导出审计日志（Excel）', querystring: z.strictObject(filterSchema) } },
    async (request, reply) => {
      const body = await exportAuditLog(services, request.ctx, request.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit-log.xlsx"; filename*=UTF-8''${encodeURIComponent('审计日志.xlsx')}`)
        .send(body);
    },
  );

  app.post(
    '/audit/verify',
    {
      config: { access: 'audit.read', audit: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: '校验审计日志哈希链',
        response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstAlteredId: z.string().optional(), reason: z.string().optional() }) },
      },
    },
    async (request) => verifyAuditLog(services, request.ctx),
  );
}
