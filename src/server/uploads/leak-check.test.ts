// Blind-review leak check (A24-7): the applicant's name, ID number, phone and work unit are found
// in the text of an upload — exactly, spaced out, with OCR's misread glyphs — and reported per
// page; real OCR on a rendered scan finds them, and finds nothing once they are masked.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import sharp, { type OverlayOptions } from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLeaks, closeOcr, extractPdfText, findLeaksInText, ocrImage, type Identity, type LeakHit } from './leak-check.js';

const require = createRequire(import.meta.url);
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

const APPLICANT: Identity = { name: '买买提·艾力', idNumber: '65282519850101123X', phone: '13912345678', unitName: '且末县融媒体中心' };

afterAll(async () => {
  await closeOcr();
});

function items(hits: LeakHit[]): string[] {
  return hits.map((h) => `${h.page}:${h.item}`);
}

function leaks(text: string | string[], identity: Partial<Identity> = {}): string[] {
  return items(findLeaksInText(Array.isArray(text) ? text : [text], { ...APPLICANT, ...identity }));
}

describe('findLeaksInText: name and work unit', () => {
  it('exact occurrences are found', () => {
    expect(leaks('申报人：买买提·艾力')).toEqual(['1:name']);
    expect(leaks('工作单位：且末县融媒体中心（盖章）')).toEqual(['1:unitName']);
  });

  it('OCR spacing between CJK characters, line breaks and full-width spaces are ignored', () => {
    expect(leaks('工 作 单 位 ： 且 末 县 融 媒\n体 中 心')).toEqual(['1:unitName']);
    expect(leaks('申报人\u3000买 买 提 · 艾 力')).toEqual(['1:name']);
  });

  it('the middle dot of a name may come back as a period, a bullet, a hyphen, or not at all', () => {
    for (const text of ['买买提.艾力', '买买提•艾力', '买买提・艾力', '买买提-艾力', '买买提．艾力', '买买提艾力']) {
      expect(leaks(text), text).toEqual(['1:name']);
    }
  });

  it('one misread glyph in a six-character unit name is tolerated, two are not', () => {
    const unit = { unitName: '喀什地区医院' };
    expect(leaks('喀什地区医阮', unit)).toEqual(['1:unitName']);
    expect(leaks('喀 什 地 区 医 阮', unit)).toEqual(['1:unitName']);
    expect(leaks('喀什地匹医阮', unit)).toEqual([]);
    // The measured OCR confusion: 末 read as 未.
    expect(leaks('且未县融媒体中心')).toEqual(['1:unitName']);
  });

  it('a two-character name must match exactly', () => {
    const name = { name: '王芳' };
    expect(leaks('申报人：王 芳', name)).toEqual(['1:name']);
    expect(leaks('申报人：王方', name)).toEqual([]);
    expect(leaks('申报人：汪芳', name)).toEqual([]);
  });

  it('a different person with the same first part of the name is not reported', () => {
    expect(leaks('审核人：买买提·托乎提')).toEqual([]);
    expect(leaks('审核人：阿不都·艾力')).toEqual([]);
  });

  it('full-width letters and case do not matter', () => {
    expect(leaks('ＡＢＣ科技有限公司', { unitName: 'abc科技有限公司' })).toEqual(['1:unitName']);
  });
});

describe('findLeaksInText: ID number and phone', () => {
  it('the ID number with X or x, grouped, spaced digit by digit, or in full-width digits', () => {
    for (const text of ['身份证号：65282519850101123X', '65282519850101123x', '652825 19850101 123X', '6 5 2 8 2 5 1 9 8 5 0 1 0 1 1 2 3 X', '６５２８２５１９８５０１０１１２３Ｘ']) {
      expect(leaks(text), text).toEqual(['1:idNumber']);
    }
  });

  it('another ID number is not reported', () => {
    expect(leaks('65282519850101124X')).toEqual([]);
    expect(leaks('652825198501011230')).toEqual([]);
  });

  it('the phone number plain, in groups, with hyphens, or in full-width digits', () => {
    for (const text of ['13912345678', '电话：139 1234 5678', '139-1234-5678', '１３９１２３４５６７８']) {
      expect(leaks(text), text).toEqual(['1:phone']);
    }
    expect(leaks('13912345679')).toEqual([]);
  });

  it('a phone stored with the country code is still found without it', () => {
    expect(leaks('13912345678', { phone: '+86 139-1234-5678' })).toEqual(['1:phone']);
  });
});

describe('findLeaksInText: pages and messages', () => {
  it('hits carry the 1-based page, one per page and item, with the message to show', () => {
    const pages = ['专业技术工作总结', '申报人：买买提·艾力 …… 买买提·艾力', '', '电话 13912345678 单位 且末县融媒体中心'];
    expect(findLeaksInText(pages, APPLICANT)).toEqual([
      { page: 2, item: 'name', message: '第 2 页出现了您的姓名，请遮盖后重新上传' },
      { page: 4, item: 'phone', message: '第 4 页出现了您的手机号，请遮盖后重新上传' },
      { page: 4, item: 'unitName', message: '第 4 页出现了您的工作单位名称，请遮盖后重新上传' },
    ]);
    expect(findLeaksInText(['65282519850101123X'], APPLICANT)[0].message).toBe('第 1 页出现了您的身份证号，请遮盖后重新上传');
  });

  it('an empty identity field matches nothing', () => {
    expect(findLeaksInText(['任意内容 13912345678'], { name: '', idNumber: '', phone: '', unitName: ' ' })).toEqual([]);
  });
});

/** One line of the rendered scan: a label, then a value that masking covers. */
interface Line {
  label: string;
  value: string;
}

const SCAN_LINES: Line[] = [
  { label: '申报人：', value: '买买提·艾力' },
  { label: '工作单位：', value: '且末县融媒体中心' },
  { label: '联系电话：', value: '13912345678' },
  { label: '申报系列：', value: '新闻系列 主任记者' },
];

/** Black text on white (sharp renders white on black), and its size. */
async function renderText(text: string): Promise<{ png: Buffer; width: number; height: number }> {
  const { data, info } = await sharp({ text: { text, fontfile: FONT_FILE, font: 'Noto Sans SC', dpi: 200 } })
    .negate()
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/**
 * A 1240 × 600 JPEG page with the lines of SCAN_LINES; `masked` covers each value with a black box
 * (the label's own width locates where the value starts in the line).
 */
async function renderScan(masked: boolean): Promise<Buffer> {
  const overlays: OverlayOptions[] = [];
  let top = 80;
  for (const { label, value } of SCAN_LINES) {
    const line = await renderText(label + value);
    overlays.push({ input: line.png, left: 100, top });
    if (masked) {
      const labelWidth = (await renderText(label)).width;
      const box = { width: line.width - labelWidth + 12, height: line.height + 16 };
      overlays.push({ input: { create: { ...box, channels: 3, background: '#000000' } }, left: 100 + labelWidth - 2, top: top - 8 });
    }
    top += line.height + 50;
  }
  return sharp({ create: { width: 1240, height: 600, channels: 3, background: '#ffffff' } })
    .composite(overlays)
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('checkLeaks on a rendered scan (real OCR, offline chi_sim model)', () => {
  it('finds the name, work unit and phone on page 1 of an unmasked scan', async () => {
    const scan = await renderScan(false);
    const text = await ocrImage(scan);
    const hits = await checkLeaks({ kind: 'jpg', bytes: scan }, APPLICANT);
    expect(items(hits).sort(), `OCR text: ${text}`).toEqual(['1:name', '1:phone', '1:unitName']);
  });

  it('finds nothing once the values are covered with black boxes', async () => {
    const scan = await renderScan(true);
    const text = await ocrImage(scan);
    // Not a blank result from a failed OCR: the rest of the page is still read (black boxes make
    // tesseract misread the labels beside them, so their exact text is not asserted).
    expect(text.replace(/\s/g, '').length).toBeGreaterThan(10);
    expect(await checkLeaks({ kind: 'jpg', bytes: scan }, APPLICANT), `OCR text: ${text}`).toEqual([]);
  });

  it('after closeOcr the next recognition starts a new worker; concurrent ones queue on it', async () => {
    await closeOcr();
    const [plain, masked] = await Promise.all([renderScan(false), renderScan(true)]);
    const [plainHits, maskedHits] = await Promise.all([checkLeaks({ kind: 'jpg', bytes: plain }, APPLICANT), checkLeaks({ kind: 'jpg', bytes: masked }, APPLICANT)]);
    expect(items(plainHits).sort()).toEqual(['1:name', '1:phone', '1:unitName']);
    expect(maskedHits).toEqual([]);
  });

  it('reads a PNG too', async () => {
    const png = await sharp(await renderScan(false)).png().toBuffer();
    expect(items(await checkLeaks({ kind: 'png', bytes: png }, APPLICANT))).toContain('1:unitName');
  });
});

/** A two-page A4 PDF in the embedded Noto Sans SC font, one string per page. */
function makePdf(pages: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('NotoSansSC', FONT_FILE);
  for (const text of pages) {
    doc.addPage();
    doc.font('NotoSansSC').fontSize(14).text(text, 72, 72);
  }
  doc.end();
  return done;
}

describe('checkLeaks on a PDF (text layer)', () => {
  it('reports the work unit on page 2, where it is', async () => {
    const pdf = await makePdf(['专业技术工作总结\n任现职以来，主持完成县级融媒体平台建设。', '推荐意见\n工作单位：且末县融媒体中心\n（盖章）']);
    expect(await extractPdfText(pdf)).toHaveLength(2);
    expect(await checkLeaks({ kind: 'pdf', bytes: pdf }, APPLICANT)).toEqual([
      { page: 2, item: 'unitName', message: '第 2 页出现了您的工作单位名称，请遮盖后重新上传' },
    ]);
  });
});
