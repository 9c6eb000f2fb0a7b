// Shared steps of the declaration tests (issue 4): an applicant with a real-name account, the
// personal archive filled from the demo seed, an application created, filled, given its materials
// and signed — ready to submit — plus direct looks into the database and the file store for what
// the HTTP answers cannot show (rows stored, bytes on disk, the jobs table).
import { randomInt } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { ArchiveKind } from '../../src/domain/application/index.js';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { applicationMaterials, applications, campaigns, campaignVersions, files, jobs, users } from '../../src/server/db/schema.js';
import { createJobHandlers } from '../../src/server/jobs/handlers.js';
import type { ApplicationView } from '../../src/server/presenters/application.js';
import { demoArchive } from '../../src/server/seed/demo-archives.js';
import { sampleJpeg, simplePdf } from '../../src/server/uploads/hostile-files.js';
import type { Services } from '../../src/server/services.js';
import { createUser, type CreatedUser, type TestOrgTree } from '../factories.js';
import { TestClient, type TestContext, type TestResponse } from './app.js';
import { AKSU_2024, BAYINGOL_2021, insertCampaign, prefectureInfo } from './campaigns.js';
import { multipartFile } from './multipart.js';

export type View = ApplicationView;
export type Which = 'bz' | 'aks';
export type SectionValues = Record<string, Record<string, string | string[]>>;
export type ArchiveIds = Partial<Record<ArchiveKind, string[]>>;

export interface Applicant {
  client: TestClient;
  user: CreatedUser;
  name: string;
}

/**
 * A valid ID number of someone born 1980–1995: of working age and past the seniority every level
 * needs, so eligibility (B21-2 retirement age) does not depend on the draw. The factories' random
 * ID numbers span 1966–2006, which makes some applicants retired and some too young.
 */
export function workingAgeIdNumber(): string {
  const area = `6528${String(randomInt(0, 100)).padStart(2, '0')}`;
  const birth = new Date(Date.UTC(1980, 0, 1) + randomInt(0, 16 * 365) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return makeIdNumber(`${area}${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`);
}

/**
 * An applicant of `unitId` (membership confirmed), logged in. `name` gives the account a real
 * Chinese name (signIn cannot), for the commitment signature and the blind-review checks.
 */
export async function applicant(t: TestContext, unitId: string, name?: string): Promise<Applicant> {
  const created = await createUser(t.services, { role: 'applicant', orgId: unitId, membership: 'confirmed', ...(name ? { name } : {}) });
  const idNumber = workingAgeIdNumber();
  await t.services.db
    .update(users)
    .set({ idNumberEnc: t.services.cipher.encrypt(idNumber), idNumberIndex: t.services.cipher.blindIndex(idNumber) })
    .where(eq(users.id, created.id));
  const user = { ...created, idNumber };
  const client = new TestClient(t.app);
  const login = await client.login(user.username, user.password);
  expect(login.statusCode, login.body).toBe(200);
  const me = await client.get('/api/me');
  expect(me.statusCode, me.body).toBe(200);
  return { client, user, name: me.json().name };
}

/** The demo applicant's archive (profile, education, title, work, … per year) saved over HTTP. */
export async function fillArchive(client: TestClient, which: Which = 'bz'): Promise<ArchiveIds> {
  const year = new Date().getFullYear();
  const ids: ArchiveIds = {};
  for (const record of demoArchive(which, year)) {
    const r = await client.request('POST', `/api/me/archive/${record.kind}`, { body: { data: record.data } });
    expect(r.statusCode, r.body).toBe(201);
    (ids[record.kind] ??= []).push(r.json().id);
  }
  return ids;
}

export interface Choice {
  seriesId: string;
  specialtyId: string;
  level: string;
  pathId: string;
}

export const DEFAULT_CHOICE: Record<Which, Choice> = {
  bz: { seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: 'prefecture' },
  aks: { seriesId: 'news', specialtyId: 'editor', level: '中级', pathId: 'directed' },
};

export function createApplicationRequest(client: TestClient, campaignId: string, which: Which, choice: Partial<Choice> = {}) {
  return client.post('/api/me/applications', { campaignId, ...DEFAULT_CHOICE[which], ...choice });
}

export async function createApplication(client: TestClient, campaignId: string, which: Which, choice: Partial<Choice> = {}): Promise<View> {
  const r = await createApplicationRequest(client, campaignId, which, choice);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** Every section of the form filled from the archive; "无" where the demo applicant has nothing. */
export function completeSections(ids: ArchiveIds, which: Which = 'bz'): SectionValues {
  return {
    basic: which === 'bz' ? { post: '记者', adminPost: '无', politicalStatus: '中共党员' } : { post: '编辑', adminPost: '无', politicalStatus: '群众' },
    education: { records: ids.education ?? '无' },
    title: { records: ids.title ?? '无' },
    work: { records: ids.work ?? '无' },
    performance: { summary: '任现职以来，负责重大新闻报道的采写和编辑，采写稿件 300 余篇。' },
    achievements: { records: ids.achievement ?? '无' },
    publications: { records: ids.publication ?? '无' },
    continuingEducation: { records: ids.continuingEducation ?? '无' },
    assessments: { records: ids.annualAssessment ?? '无' },
    mandarin: { records: ids.mandarin ?? '无' },
    conduct: { records: ids.politicalConduct ?? '无' },
    grassRoots: { records: '无' },
    other: { note: '无' },
  };
}

export function saveSectionRequest(client: TestClient, applicationId: string, version: number, sectionId: string, values: Record<string, string | string[]>) {
  return client.request('PUT', `/api/me/applications/${applicationId}/sections/${sectionId}`, { body: { version, values } });
}

/** Saves sections one by one (each with the version the previous save returned); the last view. */
export async function fillSections(client: TestClient, view: View, sections: SectionValues): Promise<View> {
  let current = view;
  for (const [sectionId, values] of Object.entries(sections)) {
    const r = await saveSectionRequest(client, current.id, current.version, sectionId, values);
    expect(r.statusCode, `${sectionId}: ${r.body}`).toBe(200);
    current = r.json();
  }
  return current;
}

const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf', svg: 'image/svg+xml' };

/** A browser-like multipart upload of one file (field `file`). */
export function upload(client: TestClient, url: string, bytes: Buffer, name = 'scan.jpg', contentType?: string): Promise<TestResponse> {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  const body = multipartFile('file', name, contentType ?? CONTENT_TYPES[extension] ?? 'application/octet-stream', bytes);
  return client.request('POST', url, { payload: body.payload, headers: { 'content-type': body.contentType } });
}

let jpegCache: Promise<Buffer> | null = null;
let pdfCache: Promise<Buffer> | null = null;

/** A clean A4 text page (sharp, upright): passes every quality check. */
export function cleanJpeg(): Promise<Buffer> {
  jpegCache ??= sampleJpeg();
  return jpegCache;
}

/** A one-page PDF whose text layer is "page 1": nothing identifying, checked without OCR. */
export function cleanPdf(): Promise<Buffer> {
  pdfCache ??= simplePdf().then(async (doc) => Buffer.from(await doc.save()));
  return pdfCache;
}

/**
 * Puts the required number of files into every applicable slot (`except` left empty). Bayingol
 * slots take JPG only (B21-11); Aksu ones get the PDF so the leak check needs no OCR. With `reuse`
 * (the default, for speed) only as many files are uploaded as the largest slot needs, and the other
 * slots get those same scans through the from-archive route; without it every file is uploaded
 * straight into its slot.
 */
export async function fillMaterials(
  client: TestClient,
  view: View,
  which: Which,
  options: { except?: string[]; reuse?: boolean } = {},
): Promise<Record<string, string[]>> {
  const bytes = which === 'bz' ? await cleanJpeg() : await cleanPdf();
  const name = which === 'bz' ? 'scan.jpg' : 'scan.pdf';
  const reuse = options.reuse ?? true;
  const uploaded: string[] = [];
  const bySlot: Record<string, string[]> = {};
  for (const slot of view.slots) {
    if (options.except?.includes(slot.id)) continue;
    for (let i = 0; i < slot.required; i += 1) {
      if (reuse && i < uploaded.length) {
        const r = await client.post(`/api/me/applications/${view.id}/materials/${slot.id}/from-archive`, { fileId: uploaded[i] });
        expect(r.statusCode, `${slot.id}: ${r.body}`).toBe(204);
        (bySlot[slot.id] ??= []).push(uploaded[i]);
      } else {
        const r = await upload(client, `/api/me/applications/${view.id}/materials/${slot.id}`, bytes, name);
        expect(r.statusCode, `${slot.id}: ${r.body}`).toBe(201);
        uploaded.push(r.json().id);
        (bySlot[slot.id] ??= []).push(r.json().id);
      }
    }
  }
  return bySlot;
}

export async function signCommitment(applicant: Applicant, applicationId: string): Promise<void> {
  const r = await applicant.client.post(`/api/me/applications/${applicationId}/commitment`, { name: applicant.name });
  expect(r.statusCode, r.body).toBe(204);
}

export const ALL_MASKING = ['本人姓名', '照片', '工作单位'];

export function setMasking(client: TestClient, applicationId: string, items: string[]) {
  return client.request('PUT', `/api/me/applications/${applicationId}/masking`, { body: { items } });
}

/**
 * The blind-review leak check of the given files, run the way the job worker runs it (the real
 * handler), without going through the shared jobs table: runDueJobs would also run — and OCR —
 * every other pending upload of every test file.
 */
export async function runLeakChecks(services: Services, fileIds: readonly string[]): Promise<void> {
  const handler = createJobHandlers(services)['leak-check'];
  for (const fileId of fileIds) await handler({ fileId });
}

export async function getView(client: TestClient, applicationId: string): Promise<View> {
  const r = await client.get(`/api/me/applications/${applicationId}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

export function submit(client: TestClient, applicationId: string, body: Record<string, unknown> = {}) {
  return client.post(`/api/me/applications/${applicationId}/submit`, body);
}

export interface Ready {
  view: View;
  ids: ArchiveIds;
  materials: Record<string, string[]>;
}

/**
 * An application with nothing left to do: archive filled, every section saved, every required
 * material uploaded, commitment signed; on a blind-review campaign also the masking items ticked
 * (unless `masking` says otherwise) and the scans leak-checked. `ids` reuses an existing archive.
 */
export async function readyApplication(
  t: TestContext,
  who: Applicant,
  campaignId: string,
  which: Which,
  options: { ids?: ArchiveIds; choice?: Partial<Choice>; masking?: string[] } = {},
): Promise<Ready> {
  const ids = options.ids ?? (await fillArchive(who.client, which));
  let view = await createApplication(who.client, campaignId, which, options.choice);
  view = await fillSections(who.client, view, completeSections(ids, which));
  const materials = await fillMaterials(who.client, view, which);
  await signCommitment(who, view.id);
  if (view.maskingRequired.length > 0) {
    const r = await setMasking(who.client, view.id, options.masking ?? ALL_MASKING);
    expect(r.statusCode, r.body).toBe(204);
    await runLeakChecks(t.services, [...new Set(Object.values(materials).flat())]);
  }
  view = await getView(who.client, view.id);
  return { view, ids, materials };
}

/** readyApplication, then submitted (status unit_review). */
export async function submittedApplication(t: TestContext, who: Applicant, campaignId: string, which: Which, options: Parameters<typeof readyApplication>[4] = {}) {
  const ready = await readyApplication(t, who, campaignId, which, options);
  expect(ready.view.problems).toEqual([]);
  const r = await submit(who.client, ready.view.id);
  expect(r.statusCode, r.body).toBe(200);
  return { ...ready, view: r.json() as View };
}

export function returnApplication(unit: TestClient, applicationId: string, reasons: string[]) {
  return unit.post(`/api/unit/applications/${applicationId}/return`, { reasons });
}

/** The `{ code, message, fields }` of an error answer. */
export function errorOf(r: TestResponse): { code: string; message: string; fields?: { path: string; message: string }[] } {
  return r.json().error;
}

export async function applicationRow(services: Services, id: string) {
  const [row] = await services.db.select().from(applications).where(eq(applications.id, id));
  return row;
}

export async function fileRow(services: Services, id: string) {
  const [row] = await services.db.select().from(files).where(eq(files.id, id));
  return row;
}

/** Absolute path of a stored file in the local store (the tests run with the local store). */
export function storedPath(services: Services, storageKey: string): string {
  const storage = services.config.storage;
  if (storage.kind !== 'local') throw new Error('these tests expect the local file store');
  return path.join(storage.dir, ...storageKey.split('/'));
}

async function countFiles(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let n = 0;
  for (const e of entries) n += e.isDirectory() ? await countFiles(path.join(dir, e.name)) : 1;
  return n;
}

/** What an owner has stored: `files` rows, files under their folder of the store, slot placements. */
export async function storedFor(services: Services, ownerId: string, applicationId?: string) {
  const rows = await services.db.select({ id: files.id }).from(files).where(eq(files.ownerId, ownerId));
  const onDisk = await countFiles(storedPath(services, `scans/${ownerId}`));
  const placed = applicationId
    ? (await services.db.select({ id: applicationMaterials.id }).from(applicationMaterials).where(eq(applicationMaterials.applicationId, applicationId))).length
    : 0;
  return { rows: rows.length, onDisk, placed };
}

/** The lapse job of an application (dedupe key `lapse:<id>`), or undefined. */
export async function lapseJob(services: Services, applicationId: string) {
  const [row] = await services.db.select().from(jobs).where(eq(jobs.dedupeKey, `lapse:${applicationId}`));
  return row;
}

/**
 * Makes an application's lapse job due before every other job of the shared table, so that
 * `runDueJobs(db, handlers, 1)` runs exactly this one (the oldest run_at goes first).
 */
export async function makeLapseJobDueFirst(services: Services, applicationId: string): Promise<void> {
  const updated = await services.db
    .update(jobs)
    .set({ runAt: sql`timestamptz '2000-01-01 00:00:00+00' + (random() * interval '1 hour')` })
    .where(eq(jobs.dedupeKey, `lapse:${applicationId}`))
    .returning({ id: jobs.id });
  expect(updated).toHaveLength(1);
}

/**
 * What the committee office does by editing and publishing a campaign: a new version with
 * `change` applied becomes the published one (the version rows themselves are never changed).
 */
export async function republishCampaign(services: Services, campaignId: string, change: (config: Record<string, any>) => void): Promise<void> {
  await services.db.transaction(async (tx) => {
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for('update');
    const [current] = await tx
      .select()
      .from(campaignVersions)
      .where(and(eq(campaignVersions.campaignId, campaignId), eq(campaignVersions.version, campaign.currentVersion)));
    const config = structuredClone(current.config) as Record<string, any>;
    change(config);
    const version = campaign.currentVersion + 1;
    await tx.insert(campaignVersions).values({ campaignId, version, config, origin: 'edited' });
    await tx.update(campaigns).set({ currentVersion: version, publishedVersion: version, status: 'published' }).where(eq(campaigns.id, campaignId));
  });
}

/** 'YYYY-MM-DD' in Beijing of an instant. */
export function beijingDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export function plusDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A practice copy of each notice (declaration window open now) in the tree's prefecture. */
export async function openCampaigns(t: TestContext, org: TestOrgTree): Promise<{ aksCampaign: string; bzCampaign: string }> {
  const prefecture = await prefectureInfo(t.services, org.prefectureId);
  return {
    aksCampaign: await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true }),
    bzCampaign: await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true }),
  };
}

