// Security administrator: role grants and account unlocks. Nobody else can grant a role.
import { z } from 'zod';
import type { App } from '../app.js';
import { assignRole } from '../commands/user/assign-role.js';
import { revokeRole } from '../commands/user/revoke-role.js';
import { unlockUser } from '../commands/user/unlock-user.js';
import { listOrganisations } from '../queries/organisations.js';
import { listUsers, userListQuery } from '../queries/users.js';
import type { Services } from '../services.js';
import { orgSchema, presentOrg } from './admin.js';
import { roleSchema, uuidParam } from './schemas.js';

const grantSchema = z.object({ id: z.string(), role: roleSchema, orgId: z.string().nullable(), orgName: z.string().nullable() });

export function securityRoutes(app: App, services: Services) {
  app.get(
    '/security/users',
    {
      config: { access: 'role.assign' },
      schema: {
        tags: ['security'],
        summary: '账号与角色',
        querystring: userListQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), username: z.string().nullable(), name: z.string(), phoneMasked: z.string().nullable(), roles: z.array(grantSchema), lockedUntil: z.string().nullable(), disabled: z.boolean() }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => listUsers(services, request.query),
  );

  app.get(
    '/security/orgs',
    { config: { access: 'role.assign' }, schema: { tags: ['security'], summary: '授权时可选的机构', response: { 200: z.array(orgSchema) } } },
    async () => (await listOrganisations(services.db)).map(presentOrg),
  );

  app.post(
    '/security/role-assignments',
    {
      config: { access: 'role.assign', audit: 'role.assign' },
      schema: {
        tags: ['security'],
        summary: '授予角色（三员分立）',
        body: z.strictObject({ userId: z.uuid(), role: roleSchema, orgId: z.uuid().nullable().optional() }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const grant = await assignRole(services, request.ctx, { ...request.body, orgId: request.body.orgId ?? null });
      return reply.status(201).send({ id: grant.id });
    },
  );

  app.delete(
    '/security/role-assignments/:id',
    { config: { access: 'role.assign', audit: 'role.revoke' }, schema: { tags: ['security'], summary: '撤销角色', params: uuidParam } },
    async (request, reply) => {
      await revokeRole(services, request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/security/users/:id/unlock',
    { config: { access: 'role.assign', audit: 'user.unlock' }, schema: { tags: ['security'], summary: '解锁账号', params: uuidParam } },
    async (request, reply) => {
      await unlockUser(services, request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );
}
