// A24-7: the blind-review leak check (OCR) runs only where blind review applies — for a file placed
// in a masked slot of an application whose level is reviewed blind — and at most once per file.
// Every other file (Bayingol, an unmasked slot, a level not reviewed blind, an archive scan not
// placed anywhere) is stored as checked, with no hits and no job. The OCR itself is
// blind-review.test.ts's subject; here only who gets a job and what the file says.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../src/server/db/schema.js';
import { closeOcr } from '../../src/server/uploads/leak-check.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { AKSU_2024, insertCampaign, prefectureInfo } from '../helpers/campaigns.js';
import {
  applicant,
  cleanJpeg,
  cleanPdf,
  createApplication,
  errorOf,
  fileRow,
  openCampaigns,
  readyApplication,
  republishCampaign,
  runLeakChecks,
  submit,
  upload,
  type Applicant,
} from '../helpers/declaration.js';

let t: TestContext;
let org: TestOrgTree;
let aksCampaign: string;
let bzCampaign: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  ({ aksCampaign, bzCampaign } = await openCampaigns(t, org));
});
afterAll(async () => {
  await closeOcr();
  await t.close();
});

/** The leak-check job rows of a file (its key is `leak-check:<file id>`). */
const leakJobs = (fileId: string) => t.services.db.select().from(jobs).where(eq(jobs.dedupeKey, `leak-check:${fileId}`));

/** A job done, as the worker would leave it (the shared worker is not run: it would OCR every test's uploads). */
const markJobDone = (fileId: string) => t.services.db.update(jobs).set({ doneAt: new Date() }).where(eq(jobs.dedupeKey, `leak-check:${fileId}`));

async function expectUnchecked(fileId: string, label: string): Promise<void> {
  const row = await fileRow(t.services, fileId);
  expect(row.leakStatus, label).toBe('done');
  expect(row.leakHits, label).toEqual([]);
  expect(await leakJobs(fileId), `${label}: no OCR job`).toEqual([]);
}

async function expectQueued(fileId: string, label: string): Promise<void> {
  expect((await fileRow(t.services, fileId)).leakStatus, label).toBe('pending');
  const queued = await leakJobs(fileId);
  expect(queued, `${label}: one OCR job`).toHaveLength(1);
  expect(queued[0]).toMatchObject({ kind: 'leak-check', payload: { fileId }, doneAt: null });
}

const slotUrl = (applicationId: string, slotId: string) => `/api/me/applications/${applicationId}/materials/${slotId}`;

describe('A24-7: files under blind review are leak-checked', () => {
  it('A24-7: a scan uploaded into a masked slot of a blind-reviewed level is queued for OCR; the check ends it', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, aksCampaign, 'aks');
    const up = await upload(who.client, slotUrl(view.id, 'other-evidence'), await cleanJpeg(), '业绩佐证.jpg');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().leakStatus).toBe('pending');
    await expectQueued(up.json().id, 'masked slot, Aksu 中级');
    await runLeakChecks(t.services, [up.json().id]);
    expect((await fileRow(t.services, up.json().id)).leakStatus).toBe('done');
  });

  it('A24-7: an archive scan is not read until it is placed in a masked slot; placed again once checked, it is not read twice', async () => {
    const who = await applicant(t, org.unitId);
    const archived = await upload(who.client, '/api/me/files', await cleanPdf(), '学历证书.pdf');
    expect(archived.statusCode, archived.body).toBe(201);
    const fileId = archived.json().id as string;
    expect(archived.json()).toMatchObject({ leakStatus: 'done', leakHits: [] });
    await expectUnchecked(fileId, 'archive upload');

    const view = await createApplication(who.client, aksCampaign, 'aks');
    const placed = await who.client.post(`${slotUrl(view.id, 'education-certificate')}/from-archive`, { fileId });
    expect(placed.statusCode, placed.body).toBe(204);
    await expectQueued(fileId, 'placed in a masked slot');

    await runLeakChecks(t.services, [fileId]);
    await markJobDone(fileId);
    const again = await who.client.post(`${slotUrl(view.id, 'other-evidence')}/from-archive`, { fileId });
    expect(again.statusCode, again.body).toBe(204);
    expect((await fileRow(t.services, fileId)).leakStatus, 'its hits stand for every place').toBe('done');
    const [job] = await leakJobs(fileId);
    expect(job.doneAt, 'the finished job is not re-armed').not.toBeNull();
    expect(job.attempts).toBe(0);
  });

  it('A24-7: a rotated scan of a masked slot is a new picture and is checked; a rotated Bayingol scan is not', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, aksCampaign, 'aks');
    const up = await upload(who.client, slotUrl(view.id, 'other-evidence'), await cleanJpeg(), '证书.jpg');
    expect(up.statusCode, up.body).toBe(201);
    const turned = await who.client.post(`/api/me/files/${up.json().id}/rotate`, { degrees: 90 });
    expect(turned.statusCode, turned.body).toBe(201);
    expect(turned.json().leakStatus).toBe('pending');
    await expectQueued(turned.json().id, 'rotated in a masked slot');

    const bz = await applicant(t, org.unitId);
    const bzView = await createApplication(bz.client, bzCampaign, 'bz');
    const bzUp = await upload(bz.client, slotUrl(bzView.id, bzView.slots[0].id), await cleanJpeg(), '证书.jpg');
    expect(bzUp.statusCode, bzUp.body).toBe(201);
    const bzTurned = await bz.client.post(`/api/me/files/${bzUp.json().id}/rotate`, { degrees: 180 });
    expect(bzTurned.statusCode, bzTurned.body).toBe(201);
    expect(bzTurned.json().leakStatus).toBe('done');
    await expectUnchecked(bzTurned.json().id, 'rotated in Bayingol');
  });
});

describe('A24-7: files outside blind review are not OCR-read', () => {
  it('B21: Bayingol has no blind review: every uploaded scan is done with no hits and no job', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    for (const slot of view.slots.slice(0, 3)) {
      const up = await upload(who.client, slotUrl(view.id, slot.id), await cleanJpeg(), 'scan.jpg');
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json()).toMatchObject({ leakStatus: 'done', leakHits: [] });
      await expectUnchecked(up.json().id, slot.id);
    }
  });

  it('A24-7: an unmasked slot, and a level the campaign does not review blind, get no OCR', async () => {
    const prefecture = await prefectureInfo(t.services, org.prefectureId);
    const partial = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
    await republishCampaign(t.services, partial, (config) => {
      config.materials.find((s: { id: string }) => s.id === 'other-evidence').masked = false;
    });
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, partial, 'aks');
    const unmasked = await upload(who.client, slotUrl(view.id, 'other-evidence'), await cleanPdf(), 'other.pdf');
    expect(unmasked.statusCode, unmasked.body).toBe(201);
    await expectUnchecked(unmasked.json().id, 'unmasked slot');
    const masked = await upload(who.client, slotUrl(view.id, 'achievements'), await cleanPdf(), 'works.pdf');
    await expectQueued(masked.json().id, 'masked slot of the same application');

    const seniorOnly = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
    await republishCampaign(t.services, seniorOnly, (config) => {
      config.blindReview.levels = ['副高', '正高'];
    });
    const intermediate = await applicant(t, org.unitId);
    const middle = await createApplication(intermediate.client, seniorOnly, 'aks');
    const up = await upload(intermediate.client, slotUrl(middle.id, 'achievements'), await cleanPdf(), 'works.pdf');
    expect(up.statusCode, up.body).toBe(201);
    await expectUnchecked(up.json().id, '中级 where only 副高 and 正高 are reviewed blind');
  });

  it('A24-7: a slot masked after its files were placed: submit requests their checks and waits for them', async () => {
    const prefecture = await prefectureInfo(t.services, org.prefectureId);
    const campaignId = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
    await republishCampaign(t.services, campaignId, (config) => {
      config.materials.find((s: { id: string }) => s.id === 'other-evidence').masked = false;
    });
    const who: Applicant = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, campaignId, 'aks');
    expect(view.problems).toEqual([]);
    const up = await upload(who.client, slotUrl(view.id, 'other-evidence'), await cleanPdf(), 'other.pdf');
    await expectUnchecked(up.json().id, 'placed while unmasked');

    await republishCampaign(t.services, campaignId, (config) => {
      config.materials.find((s: { id: string }) => s.id === 'other-evidence').masked = true;
    });
    const waiting = await submit(who.client, view.id);
    expect(waiting.statusCode).toBe(422);
    expect(errorOf(waiting).fields).toEqual([{ path: 'materials', message: expect.stringContaining('正在检查扫描件') }]);
    await expectQueued(up.json().id, 'requested at submit');
    await runLeakChecks(t.services, [up.json().id]);
    const ok = await submit(who.client, view.id);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
