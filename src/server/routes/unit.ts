import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../app.js';
import { confirmMembership, rejectMembership } from '../commands/membership/decide-membership.js';
import { memberships, organisations, users } from '../db/schema.js';
import { maskedIdNumber, maskedPhone } from '../presenters/people.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';

const statusSchema = z.enum(['pending', 'confirmed', 'rejected']);

export function unitRoutes(app: App, services: Services) {
  app.get(
    '/unit/memberships',
    {
      config: { access: 'membership.review' },
      schema: {
        tags: ['unit'],
        summary: '本单位人员确认队列',
        querystring: z.strictObject({ status: statusSchema.default('pending') }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              idNumberMasked: z.string().nullable(),
              phoneMasked: z.string().nullable(),
              unitId: z.string(),
              unitName: z.string(),
              status: statusSchema,
              reason: z.string().nullable(),
              requestedAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const unitIds = request.actor!.roles.filter((g) => g.role === 'unit_reviewer' && g.orgId).map((g) => g.orgId!);
      if (unitIds.length === 0) return [];
      const rows = await services.db
        .select({ m: memberships, name: users.name, idNumberEnc: users.idNumberEnc, phoneEnc: users.phoneEnc, unitName: organisations.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(organisations, eq(organisations.id, memberships.unitId))
        .where(and(inArray(memberships.unitId, unitIds), eq(memberships.status, request.query.status)))
        .orderBy(asc(memberships.requestedAt));
      return rows.map((r) => ({
        id: r.m.id,
        name: r.name,
        idNumberMasked: maskedIdNumber(services.cipher, r.idNumberEnc),
        phoneMasked: maskedPhone(services.cipher, r.phoneEnc),
        unitId: r.m.unitId,
        unitName: r.unitName,
        status: r.m.status as z.infer<typeof statusSchema>,
        reason: r.m.reason,
        requestedAt: r.m.requestedAt.toISOString(),
      }));
    },
  );

  app.post(
    '/unit/memberships/:id/confirm',
    { config: { access: 'membership.review', audit: 'membership.confirm' }, schema: { tags: ['unit'], summary: '确认人员属于本单位', params: uuidParam } },
    async (request, reply) => {
      await confirmMembership(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/unit/memberships/:id/reject',
    {
      config: { access: 'membership.review', audit: 'membership.reject' },
      schema: { tags: ['unit'], summary: '退回人员申请', params: uuidParam, body: z.strictObject({ reason: text(500).min(1) }) },
    },
    async (request, reply) => {
      await rejectMembership(services, request.ctx, request.actor!, request.params.id, request.body.reason.trim());
      return reply.status(204).send();
    },
  );
}
