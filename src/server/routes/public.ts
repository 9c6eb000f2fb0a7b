import { z } from 'zod';
import type { App } from '../app.js';
import { listPrefectures, listUnitsOfPrefecture } from '../queries/organisations.js';
import type { Services } from '../services.js';
import { uuidParam } from './schemas.js';

export function publicRoutes(app: App, services: Services) {
  app.get(
    '/public/prefectures',
    {
      config: { access: 'public' },
      schema: { tags: ['public'], summary: '地州门户列表', response: { 200: z.array(z.object({ id: z.string(), name: z.string(), portal: z.string().nullable() })) } },
    },
    async () => listPrefectures(services.db),
  );
  app.get(
    '/public/prefectures/:id/units',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '地州下的用人单位（注册时选择）',
        params: uuidParam,
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), countyName: z.string().nullable() })) },
      },
    },
    async (request) => listUnitsOfPrefecture(services.db, request.params.id),
  );
}
