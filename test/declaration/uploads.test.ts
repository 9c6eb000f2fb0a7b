// Scans over HTTP (B21-11 / A24-5; security.md, Uploads): the slot's file types, the hostile-file
// corpus refused with a Chinese message and nothing stored, re-encoding that strips what rides
// along (HTML after the image, EXIF GPS), quality warnings, the rotate button, downloads checked
// against their SM3, and the personal commitment generated as PDF and DOCX.
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { sm3Hex } from '../../src/server/crypto/sm.js';
import {
  exeRenamed,
  jpegWithExifGps,
  jpegWithHtmlComment,
  pdfWithActiveContent,
  pngClaiming,
  polyglotJpegHtml,
  svgWithScript,
  truncatedJpeg,
} from '../../src/server/uploads/hostile-files.js';
import { blurred, drawTextPage, toJpeg, toPng } from '../../src/server/uploads/test-images.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestContext } from '../helpers/app.js';
import { BAYINGOL_2021, insertCampaign, prefectureInfo } from '../helpers/campaigns.js';
import {
  applicant,
  cleanJpeg,
  cleanPdf,
  createApplication,
  errorOf,
  fileRow,
  getView,
  readyApplication,
  signCommitment,
  storedFor,
  storedPath,
  submit,
  upload,
  type Applicant,
  type View,
  openCampaigns,
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
  await t.close();
});

const CHINESE = /[\u4e00-\u9fff]/;

async function draft(which: 'aks' | 'bz'): Promise<{ who: Applicant; view: View }> {
  const who = await applicant(t, org.unitId);
  const view = await createApplication(who.client, which === 'aks' ? aksCampaign : bzCampaign, which);
  return { who, view };
}

async function storedBytes(fileId: string): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises');
  return readFile(storedPath(t.services, (await fileRow(t.services, fileId)).storageKey));
}

describe('B21-11: the slot’s file types', () => {
  it('B21-11: a Bayingol slot refuses PNG and PDF with a Chinese message naming JPG, and stores nothing', async () => {
    const { who, view } = await draft('bz');
    const url = `/api/me/applications/${view.id}/materials/education-verification`;
    const before = await storedFor(t.services, who.user.id, view.id);
    const png = await toPng(drawTextPage());
    for (const [bytes, name, label] of [
      [png, '学历验证报告.png', 'PNG'],
      [await cleanPdf(), '学历验证报告.pdf', 'PDF'],
    ] as const) {
      const r = await upload(who.client, url, bytes, name);
      expect(r.statusCode, name).toBe(422);
      const error = errorOf(r);
      expect(error.code).toBe('TYPE_NOT_ALLOWED');
      expect(error.message).toMatch(CHINESE);
      expect(error.message).toContain('只接受 JPG');
      expect(error.message).toContain(label);
      expect(error.fields).toEqual([{ path: 'file', message: error.message }]);
    }
    expect(await storedFor(t.services, who.user.id, view.id)).toEqual(before);
    // A JPG is accepted.
    expect((await upload(who.client, url, await cleanJpeg(), '学历验证报告.jpg')).statusCode).toBe(201);
  });

  it('B21-11: a PNG from the archive cannot be placed into a Bayingol slot either', async () => {
    const { who, view } = await draft('bz');
    const archived = await upload(who.client, '/api/me/files', await toPng(drawTextPage()), '证书.png');
    expect(archived.statusCode, archived.body).toBe(201);
    expect(archived.json().kind).toBe('png');
    const r = await who.client.post(`/api/me/applications/${view.id}/materials/political-conduct/from-archive`, { fileId: archived.json().id });
    expect(r.statusCode).toBe(422);
    expect(errorOf(r).code).toBe('TYPE_NOT_ALLOWED');
    expect(errorOf(r).message).toContain('只接受 JPG');
    expect(errorOf(r).message).toContain('PNG');
    expect((await getView(who.client, view.id)).slots.find((s) => s.id === 'political-conduct')!.materials).toEqual([]);
  });

  it('A24-5: an Aksu slot accepts JPG, PNG and PDF', async () => {
    const { who, view } = await draft('aks');
    const url = `/api/me/applications/${view.id}/materials/unit-publicity`;
    for (const [bytes, name, kind] of [
      [await cleanJpeg(), '单位公示.jpg', 'jpg'],
      [await toPng(drawTextPage()), '单位公示.png', 'png'],
      [await cleanPdf(), '单位公示.pdf', 'pdf'],
    ] as const) {
      const r = await upload(who.client, url, bytes, name);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ kind, originalName: name });
    }
    const slot = (await getView(who.client, view.id)).slots.find((s) => s.id === 'unit-publicity')!;
    expect(slot.fileTypes).toEqual(['jpg', 'png', 'pdf']);
    expect(slot.materials.map((m) => m.file.kind)).toEqual(['jpg', 'png', 'pdf']);
  });
});

describe('hostile uploads', () => {
  const HOSTILE: { label: string; name: string; bytes: () => Promise<Buffer> | Buffer; code: string; says: string | RegExp }[] = [
    { label: 'an EXE renamed .jpg', name: '学历证书.jpg', bytes: exeRenamed, code: 'UNSUPPORTED_TYPE', says: '可执行程序' },
    { label: 'an SVG with script', name: 'scan.svg', bytes: svgWithScript, code: 'UNSUPPORTED_TYPE', says: 'SVG' },
    { label: 'an SVG with script renamed .jpg', name: 'scan.jpg', bytes: svgWithScript, code: 'UNSUPPORTED_TYPE', says: 'SVG' },
    { label: 'a PNG claiming 50 000 × 50 000 pixels', name: 'bomb.png', bytes: () => pngClaiming(50_000, 50_000), code: 'TOO_MANY_PIXELS', says: '50000×50000' },
    { label: 'a zero-byte file', name: 'empty.jpg', bytes: () => Buffer.alloc(0), code: 'EMPTY_FILE', says: '空的' },
    { label: 'a truncated JPEG', name: 'cut.jpg', bytes: truncatedJpeg, code: 'IMAGE_CORRUPT', says: /不完整|损坏/ },
    { label: 'a PDF with OpenAction JavaScript', name: 'report.pdf', bytes: () => pdfWithActiveContent('openaction-js'), code: 'PDF_ACTIVE_CONTENT', says: '脚本' },
    {
      label: 'a PDF with JavaScript hidden in an object stream',
      name: 'report.pdf',
      bytes: () => pdfWithActiveContent('names-javascript', true),
      code: 'PDF_ACTIVE_CONTENT',
      says: '脚本',
    },
  ];

  it('each hostile file is refused with a clear Chinese message, and nothing is stored (Aksu slot and archive upload)', async () => {
    const { who, view } = await draft('aks');
    for (const url of [`/api/me/applications/${view.id}/materials/other-evidence`, '/api/me/files']) {
      for (const hostile of HOSTILE) {
        const before = await storedFor(t.services, who.user.id, view.id);
        const r = await upload(who.client, url, await hostile.bytes(), hostile.name);
        expect(r.statusCode, `${hostile.label} → ${url}: ${r.body}`).toBe(422);
        const error = errorOf(r);
        expect(error.code, hostile.label).toBe(hostile.code);
        expect(error.message, hostile.label).toMatch(CHINESE);
        if (typeof hostile.says === 'string') expect(error.message, hostile.label).toContain(hostile.says);
        else expect(error.message, hostile.label).toMatch(hostile.says);
        expect(await storedFor(t.services, who.user.id, view.id), hostile.label).toEqual(before);
      }
    }
    expect(await storedFor(t.services, who.user.id, view.id)).toEqual({ rows: 0, onDisk: 0, placed: 0 });
  });

  it('a file over the 20 MB limit is refused with the limit in Chinese, and nothing is stored', async () => {
    const { who, view } = await draft('aks');
    const before = await storedFor(t.services, who.user.id, view.id);
    const huge = Buffer.concat([await cleanJpeg(), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const r = await upload(who.client, `/api/me/applications/${view.id}/materials/other-evidence`, huge, 'huge.jpg');
    expect(r.statusCode, r.body).toBe(422);
    expect(errorOf(r).code).toBe('FILE_TOO_LARGE');
    expect(errorOf(r).message).toContain('20 MB');
    expect(await storedFor(t.services, who.user.id, view.id)).toEqual(before);
  });

  it('a large but legitimate scan (several MB) is accepted', async () => {
    const { who } = await draft('aks');
    const noisy = await sharp({ create: { width: 2000, height: 2800, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(2 * 1024 * 1024);
    const r = await upload(who.client, '/api/me/files', noisy, 'A4-300dpi.jpg');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ width: 2000, height: 2800 });
  });

  it('a file name with a path in it: only the base name is kept, as a label; the storage key is the server’s own', async () => {
    const { who } = await draft('aks');
    const name = 'C:\\fakepath\\..\\..\\etc\\证书.jpg';
    const r = await upload(who.client, '/api/me/files', await cleanJpeg(), name);
    expect(r.statusCode, r.body).toBe(201);
    const row = await fileRow(t.services, r.json().id);
    expect(row.storageKey).toBe(`scans/${who.user.id}/${row.id}.jpg`);
    expect(row.originalName).toBe('证书.jpg');
    expect(r.json().originalName).toBe('证书.jpg');
  });

  it('a polyglot JPEG+HTML is accepted but re-encoded: the stored and served bytes carry no HTML', async () => {
    const { who, view } = await draft('aks');
    for (const [label, bytes] of [
      ['HTML after the image', await polyglotJpegHtml()],
      ['HTML in a JPEG comment', await jpegWithHtmlComment()],
    ] as const) {
      expect(bytes.toString('latin1')).toContain('<script');
      const before = await storedFor(t.services, who.user.id, view.id);
      const r = await upload(who.client, `/api/me/applications/${view.id}/materials/other-evidence`, bytes, 'scan.jpg');
      expect(r.statusCode, `${label}: ${r.body}`).toBe(201);
      expect(r.json().kind).toBe('jpg');
      const after = await storedFor(t.services, who.user.id, view.id);
      expect(after).toEqual({ rows: before.rows + 1, onDisk: before.onDisk + 1, placed: before.placed + 1 });
      const stored = await storedBytes(r.json().id);
      for (const bad of ['<html', '<script', '<body', 'alert(']) expect(stored.toString('latin1').toLowerCase(), label).not.toContain(bad);
      expect((await sharp(stored).metadata()).format).toBe('jpeg');
      const served = await who.client.get(`/api/me/files/${r.json().id}/content`);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.rawBody.equals(stored)).toBe(true);
    }
  });

  it('a JPEG with EXIF GPS is stored without any EXIF', async () => {
    const { who } = await draft('aks');
    const original = await jpegWithExifGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const r = await upload(who.client, '/api/me/files', original, 'photo.jpg');
    expect(r.statusCode, r.body).toBe(201);
    const stored = await storedBytes(r.json().id);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored.toString('latin1')).not.toContain('Zhang San');
    expect(stored.toString('latin1')).not.toContain('Exif');
  });
});

describe('quality warnings and the rotate button', () => {
  it('A24-5: a blurred scan is accepted with a warning that says 模糊 and carries the measured value', async () => {
    const { who, view } = await draft('aks');
    const scan = await toJpeg(await blurred(drawTextPage(), 3));
    const r = await upload(who.client, `/api/me/applications/${view.id}/materials/recommendation-report`, scan, '推荐报告.jpg');
    expect(r.statusCode, r.body).toBe(201);
    const warning = (r.json().warnings as { code: string; message: string; measured: number }[]).find((w) => w.code === 'BLURRED');
    expect(warning, r.body).toBeDefined();
    expect(warning!.message).toContain('模糊');
    expect(warning!.measured).toBeLessThan(100);
    expect(warning!.message).toContain(`清晰度 ${warning!.measured}`);
    // The warning stays with the file: on its own page and in the application's slot.
    expect((await who.client.get(`/api/me/files/${r.json().id}`)).json().warnings).toEqual(r.json().warnings);
    const slot = (await getView(who.client, view.id)).slots.find((s) => s.id === 'recommendation-report')!;
    expect(slot.materials[0].file.warnings).toEqual(r.json().warnings);
    // A sharp scan has none.
    const sharpScan = await upload(who.client, '/api/me/files', await cleanJpeg(), 'ok.jpg');
    expect(sharpScan.json().warnings).toEqual([]);
  });

  it('B21-11: rotating a sideways scan gives a new file that takes its place in the draft and the archive; a submitted application keeps the original', async () => {
    const who = await applicant(t, org.unitId);
    const sideways = await sharp(await cleanJpeg()).rotate(90).jpeg().toBuffer();
    const up = await upload(who.client, '/api/me/files', sideways, '获奖证书.jpg');
    expect(up.statusCode, up.body).toBe(201);
    const original = up.json();
    expect(original.warnings.map((w: { code: string }) => w.code)).toContain('SIDEWAYS');

    // The scan is in an archive record, in a submitted application and in a draft.
    const record = await who.client.post('/api/me/archive/achievement', {
      data: { year: 2024, name: '新疆新闻奖', grantor: '新疆新闻工作者协会', grade: '三等奖' },
      fileIds: [original.id],
    });
    expect(record.statusCode, record.body).toBe(201);
    const ready = await readyApplication(t, who, bzCampaign, 'bz');
    expect((await who.client.post(`/api/me/applications/${ready.view.id}/materials/awards/from-archive`, { fileId: original.id })).statusCode).toBe(204);
    const submitted = await submit(who.client, ready.view.id);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const otherCampaign = await insertCampaign(t.services, await prefectureInfo(t.services, org.prefectureId), { base: BAYINGOL_2021, publish: true, openNow: true });
    const draftView = await createApplication(who.client, otherCampaign, 'bz');
    expect((await who.client.post(`/api/me/applications/${draftView.id}/materials/awards/from-archive`, { fileId: original.id })).statusCode).toBe(204);

    const r = await who.client.post(`/api/me/files/${original.id}/rotate`, { degrees: 270 });
    expect(r.statusCode, r.body).toBe(201);
    const rotated = r.json();
    expect(rotated.id).not.toBe(original.id);
    expect(rotated.originalName).toBe('获奖证书.jpg');
    expect([rotated.width, rotated.height]).toEqual([original.height, original.width]);
    expect(rotated.warnings.map((w: { code: string }) => w.code)).not.toContain('SIDEWAYS');

    const inDraft = (await getView(who.client, draftView.id)).slots.find((s) => s.id === 'awards')!.materials.map((m) => m.file.id);
    expect(inDraft).toEqual([rotated.id]);
    const inSubmitted = (await getView(who.client, ready.view.id)).slots.find((s) => s.id === 'awards')!.materials.map((m) => m.file.id);
    expect(inSubmitted).toEqual([original.id]);
    const archive = (await who.client.get('/api/me/archive')).json() as { id: string; fileIds: string[] }[];
    expect(archive.find((a) => a.id === record.json().id)!.fileIds).toEqual([rotated.id]);
    // The original is unchanged (stored files never change; its SM3 still holds).
    const old = await who.client.get(`/api/me/files/${original.id}/content`);
    expect(old.statusCode).toBe(200);
    expect(sm3Hex(old.rawBody)).toBe((await fileRow(t.services, original.id)).sm3);

    expect((await who.client.post(`/api/me/files/${original.id}/rotate`, { degrees: 45 })).statusCode).toBe(400);
  });

  it('a PDF is rotated too, into a new PDF that replaces it in the draft', async () => {
    const { who, view } = await draft('aks');
    const up = await upload(who.client, `/api/me/applications/${view.id}/materials/unit-publicity`, await cleanPdf(), '公示.pdf');
    expect(up.statusCode, up.body).toBe(201);
    const r = await who.client.post(`/api/me/files/${up.json().id}/rotate`, { degrees: 90 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'pdf', pages: 1, originalName: '公示.pdf' });
    expect(r.json().id).not.toBe(up.json().id);
    const { PDFDocument } = await import('pdf-lib');
    const rotated = await PDFDocument.load(await storedBytes(r.json().id));
    expect(rotated.getPage(0).getRotation().angle).toBe(90);
    const slot = (await getView(who.client, view.id)).slots.find((s) => s.id === 'unit-publicity')!;
    expect(slot.materials.map((m) => m.file.id)).toEqual([r.json().id]);
  });
});

describe('downloads', () => {
  it('a scan is served with its type, nosniff, the Chinese name in filename*, and bytes matching the recorded SM3', async () => {
    const { who } = await draft('aks');
    const name = '学历证书（扫描件）.jpg';
    const up = await upload(who.client, '/api/me/files', await cleanJpeg(), name);
    expect(up.statusCode, up.body).toBe(201);
    const r = await who.client.get(`/api/me/files/${up.json().id}/content`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/jpeg');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(r.headers['content-disposition']);
    expect(disposition.startsWith('inline;')).toBe(true);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(disposition).toContain('filename="scan.jpg"');
    expect(String(r.headers['cache-control'])).toContain('no-store');
    const row = await fileRow(t.services, up.json().id);
    expect(sm3Hex(r.rawBody)).toBe(row.sm3);
    expect(r.rawBody.length).toBe(row.bytes);

    const pdf = await upload(who.client, '/api/me/files', await cleanPdf(), '任职文件.pdf');
    const served = await who.client.get(`/api/me/files/${pdf.json().id}/content`);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(String(served.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('任职文件.pdf')}`);
    expect(sm3Hex(served.rawBody)).toBe((await fileRow(t.services, pdf.json().id)).sm3);
  });

  it('a stored file corrupted on disk is never served: the download fails with a clean error', async () => {
    const { who, view } = await draft('bz');
    const up = await upload(who.client, `/api/me/applications/${view.id}/materials/unit-publicity`, await cleanJpeg(), '公示.jpg');
    expect(up.statusCode).toBe(201);
    const row = await fileRow(t.services, up.json().id);
    const good = await storedBytes(row.id);
    const marker = Buffer.from('TAMPERED-BYTES-MARKER');
    const corrupted = Buffer.concat([good.subarray(0, 1000), marker, good.subarray(1000 + marker.length)]);
    await writeFile(storedPath(t.services, row.storageKey), corrupted);

    const r = await who.client.get(`/api/me/files/${row.id}/content`);
    expect(r.statusCode).toBeGreaterThanOrEqual(500);
    expect(r.headers['content-type']).toContain('application/json');
    expect(errorOf(r).message).toMatch(CHINESE);
    expect(r.rawBody.includes(marker)).toBe(false);
    expect(r.body).not.toContain(row.sm3);
    expect(r.body).not.toContain(row.storageKey);
    expect(r.rawBody.length).toBeLessThan(1000);
  });

  it('the personal commitment downloads as PDF and DOCX with the applicant’s name and only the masked ID number', async () => {
    const name = '热依拉·阿不都';
    const who = await applicant(t, org.unitId, name);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    await signCommitment(who, view.id);

    const pdf = await who.client.get(`/api/me/applications/${view.id}/commitment.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
    expect(String(pdf.headers['content-disposition'])).toContain(`attachment;`);
    expect(String(pdf.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('个人承诺书.pdf')}`);
    const document = await getDocument({ data: new Uint8Array(pdf.rawBody), useSystemFonts: false, isEvalSupported: false }).promise;
    let text = '';
    for (let n = 1; n <= document.numPages; n++) {
      for (const item of (await (await document.getPage(n)).getTextContent()).items) if ('str' in item) text += item.str;
    }
    await document.destroy();
    text = text.replace(/\s+/g, '');
    expect(text).toContain(name);
    expect(text).toContain(maskIdNumber(who.user.idNumber));
    expect(text).not.toContain(who.user.idNumber);
    expect(pdf.rawBody.toString('latin1')).not.toContain(who.user.idNumber);

    const docx = await who.client.get(`/api/me/applications/${view.id}/commitment.docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(String(docx.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('个人承诺书.docx')}`);
    const zip = await JSZip.loadAsync(docx.rawBody);
    const xml = await zip.file('word/document.xml')!.async('string');
    const docText = xml.replace(/<[^>]+>/g, '');
    expect(docText).toContain(name);
    expect(docText).toContain(maskIdNumber(who.user.idNumber));
    for (const entry of Object.values(zip.files)) {
      if (!entry.dir) expect(await entry.async('string'), entry.name).not.toContain(who.user.idNumber);
    }
  });
});

describe('the unit reviewer’s copy of a scan', () => {
  it('the unit downloads a submitted scan checked against its SM3, with nosniff', async () => {
    const who = await applicant(t, org.unitId);
    const ready = await readyApplication(t, who, bzCampaign, 'bz');
    expect((await submit(who.client, ready.view.id)).statusCode).toBe(200);
    const fileId = ready.materials['unit-publicity'][0];
    const unit = (await signIn(t, 'unit_reviewer', org.unitId)).client;
    const r = await unit.get(`/api/unit/applications/${ready.view.id}/files/${fileId}/content`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('image/jpeg');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(sm3Hex(r.rawBody)).toBe((await fileRow(t.services, fileId)).sm3);
    // A file of the applicant that is not in this application is not reachable this way.
    const loose = await upload(who.client, '/api/me/files', await cleanJpeg(), 'other.jpg');
    expect((await unit.get(`/api/unit/applications/${ready.view.id}/files/${loose.json().id}/content`)).statusCode).toBe(404);
  });
});
