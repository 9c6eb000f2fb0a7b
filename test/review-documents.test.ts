// The review chain's generated documents over HTTP (B21-10, A24-11, B21-13): the unit's publicity
// notice, result and recommendation report exist only once their step has happened (409 before),
// only for the unit's own applications (404 for another unit), and the sealed copies of the
// notice and the result are stored and served back. Applications are put into each state by
// inserting rows directly; the review chain itself is tested in review-chain.test.ts.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import JSZip from 'jszip';
import { applications, auditLog, batches, objections, publicities, users } from '../src/server/db/schema.js';
import { sampleJpeg } from '../src/server/uploads/hostile-files.js';
import { createOrgTree, createUser, type CreatedUser, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, type TestClient, type TestContext, type TestResponse } from './helpers/app.js';
import { BAYINGOL_2021, insertCampaign, prefectureInfo } from './helpers/campaigns.js';
import { plusDays } from './helpers/declaration.js';
import { uploadFile } from './helpers/multipart.js';
import { beijingToday } from './helpers/review.js';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const OPINION = '本单位已对提供的申报材料逐一审核，真实准确，同意推荐';

let t: TestContext;
let org: TestOrgTree;
let campaignId: string;
let unit: TestClient;
let unitUser: CreatedUser;
let reviewerName: string;
let otherUnit: TestClient;
let jpeg: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  campaignId = await insertCampaign(t.services, await prefectureInfo(t.services, org.prefectureId), { base: BAYINGOL_2021, publish: true, openNow: true });
  const signedIn = await signIn(t, 'unit_reviewer', org.unitId);
  unit = signedIn.client;
  unitUser = signedIn.user;
  [{ name: reviewerName }] = await t.services.db.select({ name: users.name }).from(users).where(eq(users.id, unitUser.id));
  otherUnit = (await signIn(t, 'unit_reviewer', org.otherUnitId)).client;
  jpeg = await sampleJpeg(600, 800);
});
afterAll(async () => {
  await t.close();
});

/** A submitted application of a fresh applicant of the unit, with a snapshot of its records. */
async function application(status: string, name = '古丽米拉·艾力'): Promise<string> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed', name });
  const [row] = await t.services.db
    .insert(applications)
    .values({
      applicantId: applicant.id,
      unitId: org.unitId,
      campaignId,
      campaignVersion: 1,
      year: new Date().getFullYear(),
      seriesId: 'news',
      specialtyId: 'reporter',
      level: '中级',
      pathId: 'prefecture',
      status,
      submissionCount: 1,
      submittedAt: new Date(),
      archiveSnapshot: [
        { id: crypto.randomUUID(), kind: 'profile', fileIds: [], data: { post: '新闻采编', workStartedOn: '2012-07-01', civilServant: false, retiredOn: null, politicalStatus: '中共党员' } },
        { id: crypto.randomUUID(), kind: 'politicalConduct', fileIds: [], data: { issuedBy: '本单位党支部', issuedOn: '2024-03-01' } },
        { id: crypto.randomUUID(), kind: 'achievement', fileIds: [], data: { year: 2023, name: '新疆新闻奖', grantor: '新疆记协', grade: '二等奖' } },
      ],
    })
    .returning({ id: applications.id });
  return row.id;
}

/** A publicity of `id` that ends `endsIn` days from today (negative: already over). */
async function publicity(id: string, endsIn: number) {
  const endsOn = plusDays(beijingToday(), endsIn);
  await t.services.db.insert(publicities).values({ applicationId: id, startsOn: plusDays(endsOn, -6), endsOn, workingDays: 5, startedBy: unitUser.id });
  await t.services.db.update(applications).set({ status: 'unit_publicity' }).where(eq(applications.id, id));
}

async function recommend(id: string) {
  await t.services.db
    .update(applications)
    .set({ status: 'dept_review', recommendedAt: new Date(), recommendedBy: unitUser.id, recommendationOpinion: OPINION })
    .where(eq(applications.id, id));
}

async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str;
  }
  await document.destroy();
  return text.replace(/\s+/g, '');
}

const docxXml = async (body: Buffer) => (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
const errorCode = (response: TestResponse) => response.json().error.code as string;

function expectDownload(response: TestResponse, type: string, name: string) {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain(type);
  expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
}

describe('publicity notice and result', () => {
  it('refuses both before a publicity exists, the result until the period ended', async () => {
    const id = await application('unit_review');
    for (const url of ['publicity-notice.pdf', 'publicity-notice.docx', 'publicity-result.pdf', 'publicity-result.docx']) {
      const response = await unit.get(`/api/unit/applications/${id}/${url}`);
      expect(response.statusCode, url).toBe(409);
      expect(errorCode(response)).toBe('NO_PUBLICITY');
      expect(response.json().error.message).toContain('尚未开始公示');
    }
    await publicity(id, 3);
    const running = await unit.get(`/api/unit/applications/${id}/publicity-result.pdf`);
    expect(running.statusCode).toBe(409);
    expect(errorCode(running)).toBe('PUBLICITY_RUNNING');
    expect(running.json().error.message).toContain('公示期满后');
    expect((await unit.get(`/api/unit/applications/${id}/publicity-notice.pdf`)).statusCode).toBe(200);
  });

  it('fills in the notice with the applicant, the achievements and the period', async () => {
    const id = await application('unit_review', '热依拉·买买提');
    await publicity(id, 2);
    const pdf = await unit.get(`/api/unit/applications/${id}/publicity-notice.pdf`);
    expectDownload(pdf, PDF, '职称申报公示通知.pdf');
    const text = await pdfText(pdf.rawBody);
    for (const part of ['热依拉·买买提', '性别：', '现任岗位：新闻采编', '中共党员', '本单位党支部', '2023年新疆新闻奖（新疆记协，二等奖）', '共5个工作日']) {
      expect(text).toContain(part);
    }
    const docx = await unit.get(`/api/unit/applications/${id}/publicity-notice.docx`);
    expectDownload(docx, DOCX, '职称申报公示通知.docx');
    expect(await docxXml(docx.rawBody)).toContain('热依拉·买买提');
  });

  it('gives the result once the period is over, with the objections received', async () => {
    const id = await application('unit_review', '阿布都·热合曼');
    await publicity(id, -1);
    const quiet = await unit.get(`/api/unit/applications/${id}/publicity-result.pdf`);
    expectDownload(quiet, PDF, '职称申报公示结果.pdf');
    expect(await pdfText(quiet.rawBody)).toContain('公示期间未收到异议');

    await t.services.db.insert(objections).values({ applicationId: id, content: '业绩存疑', recordedBy: unitUser.id, resolution: '经核实无误', resolvedBy: unitUser.id, resolvedAt: new Date() });
    const docx = await unit.get(`/api/unit/applications/${id}/publicity-result.docx`);
    expectDownload(docx, DOCX, '职称申报公示结果.docx');
    const xml = await docxXml(docx.rawBody);
    expect(xml).toContain('阿布都·热合曼');
    expect(xml).toContain('公示期间共收到异议1件，均已调查核实并处理完毕。');
  });

  it('answers 404 to another unit', async () => {
    const id = await application('unit_review');
    await publicity(id, -1);
    for (const url of ['publicity-notice.pdf', 'publicity-result.docx', 'recommendation-report.pdf', 'publicity/sealed-copies/notice']) {
      expect((await otherUnit.get(`/api/unit/applications/${id}/${url}`)).statusCode, url).toBe(404);
    }
    expect((await uploadFile(otherUnit, `/api/unit/applications/${id}/publicity/sealed-copies/notice`, jpeg, '公示.jpg', 'image/jpeg')).statusCode).toBe(404);
  });
});

describe('recommendation report', () => {
  it('is refused before the recommendation, then carries the opinion and the reviewer', async () => {
    const id = await application('unit_review', '迪丽努尔·吐尔逊');
    await publicity(id, -1);
    for (const format of ['pdf', 'docx']) {
      const early = await unit.get(`/api/unit/applications/${id}/recommendation-report.${format}`);
      expect(early.statusCode).toBe(409);
      expect(errorCode(early)).toBe('NOT_RECOMMENDED');
    }
    await recommend(id);
    const pdf = await unit.get(`/api/unit/applications/${id}/recommendation-report.pdf`);
    expectDownload(pdf, PDF, '单位推荐报告.pdf');
    const text = await pdfText(pdf.rawBody);
    expect(text).toContain('迪丽努尔·吐尔逊');
    expect(text).toContain(OPINION);
    expect(text).toContain(`审核人：${reviewerName}`);
    const docx = await unit.get(`/api/unit/applications/${id}/recommendation-report.docx`);
    expectDownload(docx, DOCX, '单位推荐报告.docx');
    expect(await docxXml(docx.rawBody)).toContain('迪丽努尔·吐尔逊');
  });
});

describe('sealed copies', () => {
  const url = (id: string, which: string) => `/api/unit/applications/${id}/publicity/sealed-copies/${which}`;
  const upload = (id: string, which: string) => uploadFile(unit, url(id, which), jpeg, '盖章公示通知.jpg', 'image/jpeg');

  it('stores the notice copy during the publicity and the result copy only after it', async () => {
    const id = await application('unit_review');
    expect((await upload(id, 'notice')).statusCode).toBe(409);
    expect((await unit.get(url(id, 'notice'))).statusCode).toBe(409);

    await publicity(id, 2);
    expect((await unit.get(url(id, 'notice'))).statusCode).toBe(404);
    const stored = await upload(id, 'notice');
    expect(stored.statusCode, stored.body).toBe(201);
    const { fileId } = stored.json<{ fileId: string }>();
    const [row] = await t.services.db.select().from(publicities).where(eq(publicities.applicationId, id));
    expect(row.noticeFileId).toBe(fileId);
    const audit = await t.services.db.select().from(auditLog).where(and(eq(auditLog.action, 'publicity.sealed_copy'), eq(auditLog.objectId, id)));
    expect(audit).toHaveLength(1);

    const served = await unit.get(url(id, 'notice'));
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toContain('image/jpeg');
    expect(served.headers['content-disposition']).toContain(encodeURIComponent('盖章公示通知.jpg'));
    expect(served.rawBody.subarray(0, 2).toString('hex')).toBe('ffd8');

    const early = await upload(id, 'result');
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe('PUBLICITY_RUNNING');
    expect((await t.services.db.select().from(publicities).where(eq(publicities.applicationId, id)))[0].resultFileId).toBeNull();

    await t.services.db.update(publicities).set({ endsOn: plusDays(beijingToday(), -1) }).where(eq(publicities.applicationId, id));
    const result = await upload(id, 'result');
    expect(result.statusCode, result.body).toBe(201);
    expect((await unit.get(url(id, 'result'))).statusCode).toBe(200);
  });

  it('refuses a file that is not JPG, PNG or PDF', async () => {
    const id = await application('unit_review');
    await publicity(id, 2);
    const refused = await uploadFile(unit, url(id, 'notice'), Buffer.from('not an image'), '公示.txt', 'text/plain');
    expect(refused.statusCode).toBe(422);
    expect((await t.services.db.select().from(publicities).where(eq(publicities.applicationId, id)))[0].noticeFileId).toBeNull();
  });
});

describe('batch covering list PDF', () => {
  it('lists the batch for its department and is 404 for another', async () => {
    const dept = (await signIn(t, 'dept_reviewer', org.departmentId)).client;
    const id = await application('unit_review', '买买提·依明');
    await publicity(id, -1);
    await recommend(id);
    const [batch] = await t.services.db.insert(batches).values({ departmentId: org.departmentId, campaignId }).returning();
    await t.services.db.update(applications).set({ status: 'office_review', batchId: batch.id }).where(eq(applications.id, id));

    const response = await dept.get(`/api/dept/batches/${batch.id}/list.pdf`);
    expectDownload(response, PDF, `报送批次${batch.number}花名册.pdf`);
    const text = await pdfText(response.rawBody);
    expect(text).toContain(`报送批次${batch.number}花名册`);
    expect(text).toContain('买买提·依明');
    expect(text).toContain(beijingToday());

    const other = await createOrgTree(t.services);
    const otherDept = (await signIn(t, 'dept_reviewer', other.departmentId)).client;
    expect((await otherDept.get(`/api/dept/batches/${batch.id}/list.pdf`)).statusCode).toBe(404);
  });
});
