// Applicant declaration end to end over HTTP (issue 4): archive → application → form, materials,
// commitment → submit → the unit's queue. The rule-by-rule tests are in the other files of this folder.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, files } from '../../src/server/db/schema.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestContext } from '../helpers/app.js';
import { BAYINGOL_2021, insertCampaign, prefectureInfo } from '../helpers/campaigns.js';
import { applicant, completeSections, createApplication, fillArchive, fillMaterials, fillSections, getView, submit } from '../helpers/declaration.js';

let t: TestContext;
let org: TestOrgTree;
let bzCampaign: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  bzCampaign = await insertCampaign(t.services, await prefectureInfo(t.services, org.prefectureId), { base: BAYINGOL_2021, publish: true, openNow: true });
});
afterAll(async () => {
  await t.close();
});

describe('happy path', () => {
  it('fills a 中级 application from the archive, uploads every material, signs, submits; the unit sees it', async () => {
    const who = await applicant(t, org.unitId);
    const ids = await fillArchive(who.client);
    let view = await createApplication(who.client, bzCampaign, 'bz');
    expect(view.status).toBe('draft');
    expect(view.editable).toBe(true);
    // The form starts with what the profile says.
    expect(view.form.basic).toMatchObject({ post: '记者', politicalStatus: '中共党员' });
    view = await fillSections(who.client, view, completeSections(ids));
    const materials = await fillMaterials(who.client, view, 'bz', { reuse: false });
    expect(Object.keys(materials).sort()).toEqual(view.slots.filter((s) => s.required > 0).map((s) => s.id).sort());

    const wrong = await who.client.post(`/api/me/applications/${view.id}/commitment`, { name: 'wrong' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].message).toContain(who.name);
    const signed = await who.client.post(`/api/me/applications/${view.id}/commitment`, { name: who.name });
    expect(signed.statusCode).toBe(204);

    view = await getView(who.client, view.id);
    expect(view.problems).toEqual([]);
    expect(view.eligibility.eligible, JSON.stringify(view.eligibility.results.filter((r) => !r.passed))).toBe(true);
    expect(view.commitmentSignedAt).not.toBeNull();
    expect(view.timeline.map((e) => e.action)).toEqual(['created', 'commitmentSigned']);
    // Bayingol has no blind review: no scan is read by OCR (leak-check-scope.test.ts has both cases).
    const rows = await t.services.db.select().from(files).where(eq(files.ownerId, who.user.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((f) => f.leakStatus === 'done')).toBe(true);

    const submitted = await submit(who.client, view.id);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const after = submitted.json();
    expect(after.status).toBe('unit_review');
    expect(after.editable).toBe(false);
    expect(after.submissionCount).toBe(1);
    expect(after.problems).toEqual([]);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'submitted', actor: '申报人' });

    const unit = (await signIn(t, 'unit_reviewer', org.unitId)).client;
    const queue = (await unit.get('/api/unit/applications')).json();
    expect(queue.find((a: { id: string }) => a.id === view.id)).toMatchObject({ applicantName: who.name, status: 'unit_review', submissionCount: 1 });
    const seen = await unit.get(`/api/unit/applications/${view.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().records.length).toBe(after.records.length);
    const [row] = await t.services.db.select().from(applications).where(eq(applications.id, view.id));
    expect(row.submissionCount).toBe(1);
    expect(row.archiveSnapshot).not.toBeNull();
  });
});
