// A unit reviewer confirms or refuses that applicants work in their unit: their own queue only,
// masked identity, one decision per membership (also under a race), each decision audited once.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, memberships, roleAssignments } from '../src/server/db/schema.js';
import { createOrgTree, createUser, currentTotp, type CreatedUser, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from './helpers/app.js';

let t: TestContext;
let org: TestOrgTree;
let reviewer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  reviewer = (await signIn(t, 'unit_reviewer', org.unitId)).client;
});
afterAll(() => t.close());

interface QueueItem {
  id: string;
  name: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  unitId: string;
  unitName: string;
  status: string;
  reason: string | null;
  requestedAt: string;
}

async function applicant(unitId = org.unitId): Promise<{ user: CreatedUser; membershipId: string; client: TestClient }> {
  const user = await createUser(t.services, { role: 'applicant', orgId: unitId, membership: 'pending' });
  const [m] = await t.services.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, user.id));
  const client = new TestClient(t.app);
  expect((await client.login(user.username, user.password)).statusCode).toBe(200);
  return { user, membershipId: m.id, client };
}
const maxAuditId = async () => (await t.services.db.select({ id: sql<string>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog))[0].id as unknown as number;
const status = async (id: string) => (await t.services.db.select().from(memberships).where(eq(memberships.id, id)))[0];

describe('the unit reviewer’s queue', () => {
  it('shows only the pending memberships of the reviewer’s unit, identity masked', async () => {
    const mine = await Promise.all([applicant(), applicant(), applicant()]);
    const theirs = await applicant(org.otherUnitId);
    const decided = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });

    const response = await reviewer.get('/api/unit/memberships');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const queue = response.json<QueueItem[]>();
    const ids = queue.map((q) => q.id);
    for (const a of mine) expect(ids).toContain(a.membershipId);
    expect(ids).not.toContain(theirs.membershipId);
    for (const item of queue) {
      expect(item.unitId).toBe(org.unitId);
      expect(item.status).toBe('pending');
      expect(item.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(item.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    const first = queue.find((q) => q.id === mine[0].membershipId)!;
    expect(first.idNumberMasked).toBe(`${mine[0].user.idNumber.slice(0, 6)}********${mine[0].user.idNumber.slice(-4)}`);
    // Neither the full ID number nor the full phone number appears anywhere in the answer.
    for (const a of mine) {
      expect(response.body).not.toContain(a.user.idNumber);
      expect(response.body).not.toContain(a.user.phone);
    }
    // Only allow-listed fields leave the server.
    expect(Object.keys(first).sort()).toEqual(['id', 'idNumberMasked', 'name', 'phoneMasked', 'reason', 'requestedAt', 'status', 'unitId', 'unitName']);

    const confirmedQueue = (await reviewer.get('/api/unit/memberships?status=confirmed')).json<QueueItem[]>();
    expect(confirmedQueue.every((q) => q.status === 'confirmed' && q.unitId === org.unitId)).toBe(true);
    const [decidedMembership] = await t.services.db.select().from(memberships).where(eq(memberships.userId, decided.id));
    expect(confirmedQueue.map((q) => q.id)).toContain(decidedMembership.id);

    expect((await reviewer.get('/api/unit/memberships?status=everything')).statusCode).toBe(400);
  });

  it('a reviewer of two units sees both; a reviewer of another unit sees none of these', async () => {
    const a = await applicant(org.unitId);
    const b = await applicant(org.otherUnitId);
    const both = await createUser(t.services, { role: 'unit_reviewer', orgId: org.unitId, totp: true });
    await t.services.db.insert(roleAssignments).values({ userId: both.id, role: 'unit_reviewer', orgId: org.otherUnitId });
    const client = new TestClient(t.app);
    expect((await client.login(both.username, both.password, currentTotp(both))).statusCode).toBe(200);
    const ids = (await client.get('/api/unit/memberships')).json<QueueItem[]>().map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining([a.membershipId, b.membershipId]));

    const { client: stranger } = await signIn(t, 'unit_reviewer', org.prefectureUnitId);
    const strangerIds = (await stranger.get('/api/unit/memberships')).json<QueueItem[]>().map((q) => q.id);
    expect(strangerIds).not.toContain(a.membershipId);
    expect(strangerIds).not.toContain(b.membershipId);
  });
});

describe('deciding', () => {
  it('confirming shows as confirmed to the applicant, and leaves the queue', async () => {
    const a = await applicant();
    expect((await a.client.get('/api/me')).json().membership).toMatchObject({ unitId: org.unitId, status: 'pending', reason: null });
    const response = await reviewer.post(`/api/unit/memberships/${a.membershipId}/confirm`);
    expect(response.statusCode).toBe(204);
    expect((await a.client.get('/api/me')).json().membership).toMatchObject({ unitId: org.unitId, status: 'confirmed', reason: null });
    const row = await status(a.membershipId);
    expect(row.decidedAt).not.toBeNull();
    expect(row.decidedBy).not.toBeNull();
    expect((await reviewer.get('/api/unit/memberships')).json<QueueItem[]>().map((q) => q.id)).not.toContain(a.membershipId);
  });

  it('rejecting with a reason shows the reason to the applicant', async () => {
    const a = await applicant();
    const reason = '经核实，您不是本单位在编在岗人员，请选择正确的工作单位';
    const response = await reviewer.post(`/api/unit/memberships/${a.membershipId}/reject`, { reason: `  ${reason}  ` });
    expect(response.statusCode).toBe(204);
    expect((await a.client.get('/api/me')).json().membership).toMatchObject({ status: 'rejected', reason });
    const queue = (await reviewer.get('/api/unit/memberships?status=rejected')).json<QueueItem[]>();
    expect(queue.find((q) => q.id === a.membershipId)?.reason).toBe(reason);
  });

  it('a rejection needs a reason', async () => {
    const a = await applicant();
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }, { reason: '理由\u0000' }]) {
      const response = await reviewer.post(`/api/unit/memberships/${a.membershipId}/reject`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await status(a.membershipId)).status).toBe('pending');
  });

  it('deciding twice is 409, whichever the second decision', async () => {
    const a = await applicant();
    expect((await reviewer.post(`/api/unit/memberships/${a.membershipId}/confirm`)).statusCode).toBe(204);
    const again = await reviewer.post(`/api/unit/memberships/${a.membershipId}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_DECIDED');
    expect((await reviewer.post(`/api/unit/memberships/${a.membershipId}/reject`, { reason: '改主意了' })).statusCode).toBe(409);
    expect((await status(a.membershipId)).status).toBe('confirmed');

    const b = await applicant();
    expect((await reviewer.post(`/api/unit/memberships/${b.membershipId}/reject`, { reason: '不是本单位职工' })).statusCode).toBe(204);
    expect((await reviewer.post(`/api/unit/memberships/${b.membershipId}/confirm`)).statusCode).toBe(409);
    expect(await status(b.membershipId)).toMatchObject({ status: 'rejected', reason: '不是本单位职工' });
  });

  it('another unit’s membership, or one that does not exist, is 404 and stays pending', async () => {
    const b = await applicant(org.otherUnitId);
    expect((await reviewer.post(`/api/unit/memberships/${b.membershipId}/confirm`)).statusCode).toBe(404);
    expect((await reviewer.post(`/api/unit/memberships/${b.membershipId}/reject`, { reason: '不是本单位' })).statusCode).toBe(404);
    expect((await status(b.membershipId)).status).toBe('pending');
    expect((await reviewer.post(`/api/unit/memberships/${crypto.randomUUID()}/confirm`)).statusCode).toBe(404);
    expect((await reviewer.post('/api/unit/memberships/not-a-uuid/confirm')).statusCode).toBe(400);
  });

  it('20 parallel confirm/reject on one membership: exactly one 204, the rest 409, one success audit row', async () => {
    const a = await applicant();
    // Several reviewers of the unit, each deciding from their own session.
    const reviewers = [reviewer, ...(await Promise.all([1, 2, 3].map(async () => (await signIn(t, 'unit_reviewer', org.unitId)).client)))];
    const before = await maxAuditId();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const client = reviewers[i % reviewers.length];
        return i % 2 === 0
          ? client.post(`/api/unit/memberships/${a.membershipId}/confirm`)
          : client.post(`/api/unit/memberships/${a.membershipId}/reject`, { reason: `并发退回 ${i}` });
      }),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);

    const winner = statuses.indexOf(204);
    const row = await status(a.membershipId);
    expect(row.status).toBe(winner % 2 === 0 ? 'confirmed' : 'rejected');
    if (winner % 2 === 1) expect(row.reason).toBe(`并发退回 ${winner}`);

    const audit = await t.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'membership'), eq(auditLog.objectId, a.membershipId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'success', action: winner % 2 === 0 ? 'membership.confirm' : 'membership.reject', actorRole: 'unit_reviewer' });
    // The 19 losers are audited too, as failures of the actions they tried; nothing else was written.
    const rows = await t.services.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, before), inArray(auditLog.ip, reviewers.map((r) => r.ip))));
    expect(rows).toHaveLength(20);
    const failures = rows.filter((r) => r.outcome === 'failure');
    expect(failures).toHaveLength(19);
    for (const f of failures) {
      expect(['membership.confirm', 'membership.reject']).toContain(f.action);
      expect(f.detail).toEqual({ status: 409 });
    }
  });
});
