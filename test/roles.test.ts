// Role grants over HTTP: only the security admin grants, 三员分立 holds (also under concurrency),
// and a scoped role is granted for the right kind of organisation.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, type Role } from '../src/domain/roles.js';
import { roleAssignments } from '../src/server/db/schema.js';
import { createOrgTree, createUser, currentTotp, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from './helpers/app.js';

let t: TestContext;
let org: TestOrgTree;
let security: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  security = (await signIn(t, 'security_admin')).client;
});
afterAll(() => t.close());

const grantsOf = async (userId: string) =>
  (await t.services.db.select({ id: roleAssignments.id, role: roleAssignments.role, orgId: roleAssignments.orgId }).from(roleAssignments).where(eq(roleAssignments.userId, userId))).map(
    (g) => ({ ...g, role: g.role as Role }),
  );

const grant = (client: TestClient, userId: string, role: Role, orgId: string | null = null) =>
  client.post('/api/security/role-assignments', { userId, role, ...(orgId ? { orgId } : {}) });

describe('who grants roles', () => {
  it('the security admin grants a role; the system admin and the audit admin are refused', async () => {
    const target = await createUser(t.services);
    for (const role of ['system_admin', 'audit_admin'] as const) {
      const { client } = await signIn(t, role);
      const refused = await grant(client, target.id, 'expert', org.prefectureId);
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
      const revoke = await client.delete(`/api/security/role-assignments/${crypto.randomUUID()}`);
      expect(revoke.statusCode, role).toBe(403);
    }
    expect(await grantsOf(target.id)).toEqual([]);

    const ok = await grant(security, target.id, 'expert', org.prefectureId);
    expect(ok.statusCode).toBe(201);
    expect(await grantsOf(target.id)).toEqual([{ id: ok.json().id, role: 'expert', orgId: org.prefectureId }]);
  });

  it('a granted role takes effect at the next request, and a revoked one is gone', async () => {
    const target = await createUser(t.services, { totp: true });
    const client = new TestClient(t.app);
    expect((await client.login(target.username, target.password, currentTotp(target))).statusCode).toBe(200);
    expect((await client.get('/api/unit/memberships')).statusCode).toBe(403);

    const granted = await grant(security, target.id, 'unit_reviewer', org.unitId);
    expect(granted.statusCode).toBe(201);
    expect((await client.get('/api/unit/memberships')).statusCode).toBe(200);
    expect((await client.get('/api/me')).json().abilities).toContain('membership.review');

    const revoked = await security.delete(`/api/security/role-assignments/${granted.json().id}`);
    expect(revoked.statusCode).toBe(204);
    expect(await grantsOf(target.id)).toEqual([]);
    expect((await client.get('/api/unit/memberships')).statusCode).toBe(403);
    // Revoking again: the grant no longer exists.
    expect((await security.delete(`/api/security/role-assignments/${granted.json().id}`)).statusCode).toBe(404);
  });

  it('granting to an account that does not exist is 404', async () => {
    const response = await grant(security, crypto.randomUUID(), 'expert', org.prefectureId);
    expect(response.statusCode).toBe(404);
  });
});

describe('三员分立', () => {
  it('no account holds two admin roles (409, reason contains 三员分立)', async () => {
    for (const first of ADMIN_ROLES) {
      for (const second of ADMIN_ROLES.filter((r) => r !== first)) {
        const target = await createUser(t.services);
        expect((await grant(security, target.id, first)).statusCode).toBe(201);
        const refused = await grant(security, target.id, second);
        expect(refused.statusCode, `${first} then ${second}`).toBe(409);
        expect(refused.json().error.message).toContain('三员分立');
        expect((await grantsOf(target.id)).map((g) => g.role)).toEqual([first]);
      }
    }
  });

  it('no admin role beside another role, in either order', async () => {
    for (const admin of ADMIN_ROLES) {
      const business = await createUser(t.services, { role: 'expert', orgId: org.prefectureId });
      const refused = await grant(security, business.id, admin);
      expect(refused.statusCode, `expert then ${admin}`).toBe(409);
      expect(refused.json().error.message).toContain('三员分立');

      const adminUser = await createUser(t.services, { role: admin });
      for (const [role, orgId] of [
        ['unit_reviewer', org.unitId],
        ['applicant', org.unitId],
        ['office_staff', org.prefectureId],
      ] as const) {
        const second = await grant(security, adminUser.id, role, orgId);
        expect(second.statusCode, `${admin} then ${role}`).toBe(409);
        expect(second.json().error.message).toContain('三员分立');
      }
      expect((await grantsOf(adminUser.id)).map((g) => g.role)).toEqual([admin]);
    }
  });

  it('the same admin role twice is refused too, and a business role may be held for two units', async () => {
    const admin = await createUser(t.services, { role: 'audit_admin' });
    expect((await grant(security, admin.id, 'audit_admin')).statusCode).toBe(409);

    const reviewer = await createUser(t.services);
    expect((await grant(security, reviewer.id, 'unit_reviewer', org.unitId)).statusCode).toBe(201);
    expect((await grant(security, reviewer.id, 'unit_reviewer', org.otherUnitId)).statusCode).toBe(201);
    const again = await grant(security, reviewer.id, 'unit_reviewer', org.unitId);
    expect(again.statusCode).toBe(409);
    expect(await grantsOf(reviewer.id)).toHaveLength(2);
  });

  it('two concurrent grants of two admin roles to one account: at most one succeeds', async () => {
    for (let i = 0; i < 6; i++) {
      const target = await createUser(t.services);
      const [a, b] = ADMIN_ROLES.filter((_, j) => j !== i % 3);
      const responses = await Promise.all([grant(security, target.id, a), grant(security, target.id, b)]);
      const statuses = responses.map((r) => r.statusCode).sort();
      expect(statuses, `${a} ∥ ${b}`).toEqual([201, 409]);
      expect(await grantsOf(target.id)).toHaveLength(1);
    }
  });

  it('concurrent admin role and business role to one account: at most one succeeds', async () => {
    const target = await createUser(t.services);
    const responses = await Promise.all([
      grant(security, target.id, 'system_admin'),
      grant(security, target.id, 'unit_reviewer', org.unitId),
      grant(security, target.id, 'expert', org.prefectureId),
    ]);
    const roles = (await grantsOf(target.id)).map((g) => g.role);
    expect(responses.filter((r) => r.statusCode === 201).length).toBe(roles.length);
    if (roles.includes('system_admin')) expect(roles).toEqual(['system_admin']);
    else expect(roles.sort()).toEqual(['expert', 'unit_reviewer']);
  });
});

describe('scope of a role', () => {
  const cases: { role: Role; right: keyof TestOrgTree; wrong: (keyof TestOrgTree)[] }[] = [
    { role: 'unit_reviewer', right: 'unitId', wrong: ['departmentId', 'prefectureId', 'countyId', 'regionId'] },
    { role: 'dept_reviewer', right: 'departmentId', wrong: ['unitId', 'prefectureId', 'countyId'] },
    { role: 'office_staff', right: 'prefectureId', wrong: ['unitId', 'departmentId', 'countyId', 'regionId'] },
  ];

  for (const { role, right, wrong } of cases) {
    it(`${role} needs the right kind of organisation (else 400)`, async () => {
      const target = await createUser(t.services);
      for (const key of wrong) {
        const refused = await grant(security, target.id, role, org[key]);
        expect(refused.statusCode, `${role} at ${key}`).toBe(400);
        expect(refused.json().error.message).toMatch(/^请选择一个/);
      }
      const missing = await grant(security, target.id, role);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.fields[0].path).toBe('orgId');
      const unknownOrg = await grant(security, target.id, role, crypto.randomUUID());
      expect(unknownOrg.statusCode).toBe(400);
      expect(await grantsOf(target.id)).toEqual([]);

      const ok = await grant(security, target.id, role, org[right]);
      expect(ok.statusCode).toBe(201);
      expect(await grantsOf(target.id)).toEqual([{ id: ok.json().id, role, orgId: org[right] }]);
    });
  }

  it('admin roles are platform-wide: naming an organisation is 400', async () => {
    const target = await createUser(t.services);
    for (const admin of ADMIN_ROLES) {
      const refused = await grant(security, target.id, admin, org.unitId);
      expect(refused.statusCode, admin).toBe(400);
      expect(refused.json().error.message).toContain('面向全平台');
    }
    expect(await grantsOf(target.id)).toEqual([]);
  });

  it('an unknown role or a malformed id is a validation error, not a grant', async () => {
    const target = await createUser(t.services);
    expect((await security.post('/api/security/role-assignments', { userId: target.id, role: 'superuser' })).statusCode).toBe(400);
    expect((await security.post('/api/security/role-assignments', { userId: 'not-a-uuid', role: 'expert', orgId: org.prefectureId })).statusCode).toBe(400);
    expect(
      (await security.post('/api/security/role-assignments', { userId: target.id, role: 'expert', orgId: org.prefectureId, extra: 1 })).statusCode,
    ).toBe(400);
    expect(await grantsOf(target.id)).toEqual([]);
  });
});
