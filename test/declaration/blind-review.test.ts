// Blind review (A24-7): the masking items the applicant must tick, the expert's view without
// name, ID number, phone or unit, and the leak check that reads the scans (real OCR, offline
// model) for the applicant's name. Also A24-6: the education slot that applies when 学信网
// cannot verify the diploma.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import sharp, { type OverlayOptions } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOcr } from '../../src/server/uploads/leak-check.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import {
  ALL_MASKING,
  applicant,
  cleanPdf,
  completeSections,
  createApplication,
  errorOf,
  fileRow,
  fillArchive,
  fillSections,
  getView,
  readyApplication,
  runLeakChecks,
  setMasking,
  submit,
  upload,
  type Applicant,
  type ArchiveIds,
  openCampaigns,
} from '../helpers/declaration.js';

const require = createRequire(import.meta.url);
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

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

async function unitNameOf(who: Applicant): Promise<string> {
  return (await who.client.get('/api/me')).json().membership.unitName;
}

describe('A24-7: masking items', () => {
  it('A24-7: submit is refused until 本人姓名, 照片 and 工作单位 are all ticked', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, aksCampaign, 'aks', { masking: [] });
    expect(view.maskingRequired).toEqual(ALL_MASKING);
    expect(view.blindReviewRuleId).toBe('A24-7');
    expect(view.masking).toEqual([]);

    const none = await submit(who.client, view.id);
    expect(none.statusCode).toBe(422);
    expect(errorOf(none).code).toBe('SUBMISSION_INCOMPLETE');
    expect(errorOf(none).fields).toHaveLength(1);
    expect(errorOf(none).fields![0].path).toBe('masking');
    for (const item of ALL_MASKING) expect(errorOf(none).fields![0].message).toContain(`“${item}”`);
    expect(errorOf(none).fields![0].message).toContain('A24-7');

    expect((await setMasking(who.client, view.id, ['本人姓名'])).statusCode).toBe(204);
    const some = await submit(who.client, view.id);
    expect(some.statusCode).toBe(422);
    const message = errorOf(some).fields![0].message;
    expect(message).toContain('“照片”');
    expect(message).toContain('“工作单位”');
    expect(message).not.toContain('“本人姓名”');

    const unknown = await setMasking(who.client, view.id, [...ALL_MASKING, '身份证号']);
    expect(unknown.statusCode).toBe(400);
    expect((await getView(who.client, view.id)).masking).toEqual(['本人姓名']);

    expect((await setMasking(who.client, view.id, ALL_MASKING)).statusCode).toBe(204);
    const ok = await submit(who.client, view.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().masking).toEqual(ALL_MASKING);
  });

  it('Bayingol has no blind review: nothing to tick', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    expect(view.maskingRequired).toEqual([]);
    expect(view.blindReviewRuleId).toBeNull();
    expect(view.problems.map((p) => p.path)).not.toContain('masking');
  });
});

describe('A24-7: the blind preview shows what an expert sees', () => {
  it('A24-7: no name, ID number, phone or unit name anywhere in the preview; the unit in work history is ■■■', async () => {
    const name = '古丽娜尔·吐尔逊';
    const who = await applicant(t, org.unitId, name);
    const unitName = await unitNameOf(who);
    const ids = await fillArchive(who.client, 'aks');
    // The work record names the applicant's real unit; the free text names everything.
    const archive = (await who.client.get('/api/me/archive')).json() as { id: string; kind: string; data: Record<string, unknown> }[];
    const work = archive.find((r) => r.kind === 'work')!;
    const saved = await who.client.request('PUT', `/api/me/archive/records/${work.id}`, { body: { data: { ...work.data, unit: unitName } } });
    expect(saved.statusCode, saved.body).toBe(200);
    let view = await createApplication(who.client, aksCampaign, 'aks');
    view = await fillSections(who.client, view, {
      ...completeSections(ids, 'aks'),
      performance: { summary: `本人${name}，在${unitName}从事编辑工作。身份证号 ${who.user.idNumber}，电话 ${who.user.phone}。吐尔逊负责版面。` },
      other: { note: `联系人：古丽娜尔（${unitName}）` },
    });
    // A scan whose file name carries the applicant's name.
    const scan = await upload(who.client, `/api/me/applications/${view.id}/materials/education-certificate`, await cleanPdf(), `${name}-学历证书.pdf`);
    expect(scan.statusCode, scan.body).toBe(201);

    const r = await who.client.get(`/api/me/applications/${view.id}/blind-preview`);
    expect(r.statusCode, r.body).toBe(200);
    const raw = r.body;
    for (const secret of [name, '古丽娜尔', '吐尔逊', who.user.idNumber, who.user.phone, unitName]) {
      expect(raw, `the preview shows “${secret}”`).not.toContain(secret);
    }
    expect(raw).not.toContain(who.user.idNumber.slice(6, 14)); // not even the birth date of the ID number

    const preview = r.json() as { heading: string; sections: { title: string; items: { label: string; lines: string[] }[] }[]; materials: { slotName: string; files: { originalName: string }[] }[] };
    expect(preview.heading).toContain('■■■');
    const lines = (title: string) => preview.sections.find((s) => s.title === title)!.items.flatMap((i) => i.lines);
    const workLine = lines('工作经历');
    expect(workLine).toEqual([`${work.data.from} 至 今 ■■■ ${work.data.post}`]);
    expect(lines('任现职以来专业技术工作业绩')[0]).toContain('本人■■■');
    expect(lines('任现职以来专业技术工作业绩')[0]).toContain('在■■■从事编辑工作');
    expect(lines('政治表现和职业道德')[0].startsWith('■■■')).toBe(true);
    // The scan is listed, its name masked.
    const files = preview.materials.flatMap((m) => m.files);
    expect(files).toHaveLength(1);
    expect(files[0].originalName).toBe('■■■-学历证书.pdf');
  });
});

/** Black text on white (sharp renders white on black), as in leak-check.test.ts. */
async function renderText(text: string): Promise<{ png: Buffer; height: number }> {
  const { data, info } = await sharp({ text: { text, fontfile: FONT_FILE, font: 'Noto Sans SC', dpi: 200 } })
    .negate()
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: data, height: info.height };
}

/** A 1240 × 600 JPEG "scan" with the given lines of text. */
async function renderScan(lines: string[]): Promise<Buffer> {
  const overlays: OverlayOptions[] = [];
  let top = 80;
  for (const line of lines) {
    const rendered = await renderText(line);
    overlays.push({ input: rendered.png, left: 100, top });
    top += rendered.height + 50;
  }
  return sharp({ create: { width: 1240, height: 600, channels: 3, background: '#ffffff' } })
    .composite(overlays)
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('A24-7: the leak check reads the scans (OCR)', () => {
  it('A24-7: a scan showing the applicant’s name is listed among the problems; submit needs acknowledgeLeaks', async () => {
    const name = '买买提·艾力';
    const who = await applicant(t, org.unitId, name);
    const { view } = await readyApplication(t, who, aksCampaign, 'aks');
    expect(view.problems).toEqual([]);

    const scan = await renderScan([`申报人：${name}`, '申报系列：新闻系列 记者']);
    const up = await upload(who.client, `/api/me/applications/${view.id}/materials/other-evidence`, scan, '业绩佐证.jpg');
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id as string;
    expect(up.json().leakStatus).toBe('pending');

    // While the scan is being checked, submit waits.
    const waiting = await submit(who.client, view.id);
    expect(waiting.statusCode).toBe(422);
    expect(errorOf(waiting).fields).toEqual([{ path: 'materials', message: expect.stringContaining('正在检查扫描件') }]);

    await runLeakChecks(t.services, [fileId]);
    const checked = await fileRow(t.services, fileId);
    expect(checked.leakStatus).toBe('done');
    expect((checked.leakHits as { item: string }[]).map((h) => h.item)).toContain('name');
    const file = (await who.client.get(`/api/me/files/${fileId}`)).json();
    expect(file.leakHits).toContainEqual({ page: 1, item: 'name', message: '第 1 页出现了您的姓名，请遮盖后重新上传' });

    const after = await getView(who.client, view.id);
    const leak = after.problems.find((p) => p.path === 'materials.other-evidence');
    expect(leak?.message).toContain('出现了您的姓名');
    expect(leak?.message).toContain('业绩佐证.jpg');
    expect(leak?.message).toContain('A24-7');

    const refused = await submit(who.client, view.id);
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused).fields!.some((f) => f.message.includes('出现了您的姓名'))).toBe(true);
    expect((await getView(who.client, view.id)).status).toBe('draft');

    const acknowledged = await submit(who.client, view.id, { acknowledgeLeaks: true });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json().status).toBe('unit_review');
  });

  it('A24-7: a scan with the name masked leaves no problem', async () => {
    const who = await applicant(t, org.unitId, '阿依古丽·买买提');
    const { view } = await readyApplication(t, who, aksCampaign, 'aks');
    const scan = await renderScan(['申报人：■■■', '申报系列：新闻系列 记者']);
    const up = await upload(who.client, `/api/me/applications/${view.id}/materials/other-evidence`, scan, '业绩佐证.jpg');
    expect(up.statusCode, up.body).toBe(201);
    await runLeakChecks(t.services, [up.json().id]);
    expect((await fileRow(t.services, up.json().id)).leakStatus).toBe('done');
    expect((await getView(who.client, view.id)).problems).toEqual([]);
    expect((await submit(who.client, view.id)).statusCode).toBe(200);
  });
});

/** A one-page A4 PDF with `text` in its text layer (embedded Noto Sans SC): checked without OCR. */
function textPdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('NotoSansSC', FONT_FILE);
  doc.font('NotoSansSC').fontSize(14).text(text, 72, 72);
  doc.end();
  return done;
}

describe('A24-7: acknowledging the listed leaks does not cover scans still being checked', () => {
  it('A24-7: with acknowledgeLeaks a scan whose check is still pending still holds the submission', async () => {
    const name = '努尔艾力·阿不都拉';
    const who = await applicant(t, org.unitId, name);
    const { view } = await readyApplication(t, who, aksCampaign, 'aks');
    const leaky = await upload(who.client, `/api/me/applications/${view.id}/materials/other-evidence`, await textPdf(`推荐对象：${name}`), '推荐材料.pdf');
    expect(leaky.statusCode, leaky.body).toBe(201);
    await runLeakChecks(t.services, [leaky.json().id]);
    expect((await fileRow(t.services, leaky.json().id)).leakHits).toEqual([{ page: 1, item: 'name', message: '第 1 页出现了您的姓名，请遮盖后重新上传' }]);
    // A second scan, not yet checked: it may show the name too, and the applicant has not seen that.
    const unchecked = await upload(who.client, `/api/me/applications/${view.id}/materials/achievements`, await textPdf(`作者：${name}`), '获奖证书.pdf');
    expect(unchecked.statusCode, unchecked.body).toBe(201);

    const r = await submit(who.client, view.id, { acknowledgeLeaks: true });
    expect(r.statusCode, r.body).toBe(422);
    expect(errorOf(r).fields).toEqual([{ path: 'materials', message: expect.stringContaining('正在检查扫描件') }]);
    expect((await getView(who.client, view.id)).status).toBe('draft');

    await runLeakChecks(t.services, [unchecked.json().id]);
    const checked = await getView(who.client, view.id);
    expect(checked.problems.filter((p) => p.message.includes('出现了您的姓名')).map((p) => p.path).sort()).toEqual([
      'materials.achievements',
      'materials.other-evidence',
    ]);
    const ok = await submit(who.client, view.id, { acknowledgeLeaks: true });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('A24-6 / B21-5: education that 学信网 cannot verify', () => {
  async function withEducation(who: Applicant, which: 'aks' | 'bz', verification: string): Promise<{ ids: ArchiveIds; viewId: string }> {
    const ids = await fillArchive(who.client, which);
    const archive = (await who.client.get('/api/me/archive')).json() as { id: string; kind: string; data: Record<string, unknown> }[];
    const education = archive.find((r) => r.kind === 'education')!;
    const saved = await who.client.request('PUT', `/api/me/archive/records/${education.id}`, { body: { data: { ...education.data, verification } } });
    expect(saved.statusCode, saved.body).toBe(200);
    let view = await createApplication(who.client, which === 'aks' ? aksCampaign : bzCampaign, which);
    view = await fillSections(who.client, view, completeSections(ids, which));
    return { ids, viewId: view.id };
  }

  it('A24-6: unverifiable education asks for the graduate registration form instead of the verification report', async () => {
    const who = await applicant(t, org.unitId);
    const { ids, viewId } = await withEducation(who, 'aks', 'unverifiable');
    let view = await getView(who.client, viewId);
    let slots = view.slots.map((s) => s.id);
    expect(slots).toContain('graduate-registration-form');
    expect(slots).not.toContain('education-verification');
    const fallback = view.slots.find((s) => s.id === 'graduate-registration-form')!;
    expect(fallback).toMatchObject({ required: 1, ruleId: 'A24-6' });
    expect(fallback.name).toContain('毕业生登记表');
    expect(view.problems.map((p) => p.path)).toContain('materials.graduate-registration-form');
    expect(view.problems.map((p) => p.path)).not.toContain('materials.education-verification');

    // Verified after all: the verification report is asked for again, the fallback no more.
    const education = (await who.client.get('/api/me/archive')).json().find((r: { id: string }) => r.id === ids.education![0]);
    await who.client.request('PUT', `/api/me/archive/records/${education.id}`, { body: { data: { ...education.data, verification: 'verified' } } });
    view = await getView(who.client, viewId);
    slots = view.slots.map((s) => s.id);
    expect(slots).toContain('education-verification');
    expect(slots).not.toContain('graduate-registration-form');
    expect(view.problems.map((p) => p.path)).toContain('materials.education-verification');
    expect(view.problems.map((p) => p.path)).not.toContain('materials.graduate-registration-form');
  });

  it('B21-5: in Bayingol unverifiable education asks for the diploma itself', async () => {
    const who = await applicant(t, org.unitId);
    const { viewId } = await withEducation(who, 'bz', 'unverifiable');
    const view = await getView(who.client, viewId);
    expect(view.slots.map((s) => s.id)).toContain('education-certificate');
    expect(view.slots.map((s) => s.id)).not.toContain('education-verification');
    expect(view.problems.map((p) => p.path)).toContain('materials.education-certificate');
  });
});
