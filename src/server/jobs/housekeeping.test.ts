import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrgTree } from '../../../test/factories.js';
import { createTestApp, signIn, type TestContext } from '../../../test/helpers/app.js';
import { sessions } from '../db/schema.js';
import { runHousekeeping } from './housekeeping.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('removes expired and idle sessions, keeps live ones', async () => {
  const org = await createOrgTree(t.services);
  const live = await signIn(t, 'applicant', org.unitId);
  const idle = await signIn(t, 'applicant', org.unitId);
  await t.services.db.update(sessions).set({ lastSeenAt: sql`now() - interval '2 hours'` }).where(eq(sessions.userId, idle.user.id));
  await runHousekeeping(t.services.db);
  expect(await t.services.db.select().from(sessions).where(eq(sessions.userId, idle.user.id))).toHaveLength(0);
  expect(await t.services.db.select().from(sessions).where(eq(sessions.userId, live.user.id))).toHaveLength(1);
});
