import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema.js';
import { createOrgTree, createUser, currentTotp, type TestOrgTree } from '../../../test/factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from '../../../test/helpers/app.js';

let t: TestContext;
let org: TestOrgTree;
beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
});
afterAll(() => t.close());

describe('log-in', () => {
  it('accepts the ID number, the phone number and the user name of one account', async () => {
    const user = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
    for (const identifier of [user.idNumber, user.phone, user.username, user.idNumber.toLowerCase(), ` ${user.phone} `]) {
      const client = new TestClient(t.app);
      const response = await client.login(identifier, user.password);
      expect(response.statusCode, identifier).toBe(200);
      expect(response.json().name).toBeTruthy();
    }
  });

  it('asks staff for the TOTP code, then accepts a current one', async () => {
    const user = await createUser(t.services, { role: 'unit_reviewer', orgId: org.unitId, totp: true });
    const client = new TestClient(t.app);
    const first = await client.login(user.username, user.password);
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('TOTP_REQUIRED');
    const second = await client.login(user.username, user.password, currentTotp(user));
    expect(second.statusCode).toBe(200);
    expect(second.json().abilities).toContain('membership.review');
  });

  it('parallel correct log-ins to one account all succeed and never lock it', async () => {
    const user = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
    const results = await Promise.all(Array.from({ length: 10 }, () => new TestClient(t.app).login(user.username, user.password)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const [row] = await t.services.db.select().from(users).where(eq(users.id, user.id));
    expect(row.lockedUntil).toBeNull();
    expect(row.failedLogins).toBe(0);
  });

  it('logout ends the server session', async () => {
    const { client } = await signIn(t, 'applicant', org.unitId);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    const token = client.sessionToken!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    client.cookies.set('zp_sid', token);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });
});
