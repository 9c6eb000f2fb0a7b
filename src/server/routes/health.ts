import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../app.js';
import type { Services } from '../services.js';

export function healthRoutes(app: App, services: Services) {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }), 503: z.object({ status: z.string(), database: z.string() }) } },
    },
    async (_request, reply) => {
      try {
        await services.db.execute(sql`select 1`);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'degraded', database: 'unavailable' });
      }
    },
  );
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
