import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import JSZip from 'jszip';
import {
  commitmentDocx,
  commitmentParagraphs,
  commitmentPdf,
  type CommitmentData,
} from './commitment.js';

// The number the mask below stands for; it must never reach a generated file.
const FULL_ID = '652801199001011234';

const base: CommitmentData = {
  campaignTitle: '2024年度阿克苏地区新闻、文学创作、出版系列职称评审',
  issuer: '阿克苏地区职称改革工作领导小组办公室',
  applicantName: '阿依古丽·买买提',
  idNumberMasked: '6528**********1234',
  unitName: '阿克苏地区融媒体中心',
  seriesName: '新闻',
  specialtyName: '编辑',
  level: '副高级',
  titleName: '主任编辑',
  pathName: '正常申报',
  fraudBanYears: 3,
  signedAt: null,
  applicationId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
};
const signed: CommitmentData = { ...base, signedAt: '2024-08-01' };

// pdfjs returns the text as positioned runs split at line ends; joining them without spaces
// and dropping all whitespace lets a phrase that wraps across lines still match.
async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  let text = '';
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str;
  }
  await document.destroy();
  return text.replace(/\s+/g, '');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('commitmentParagraphs', () => {
  it('names the campaign, the office and everything the applicant is declaring for', () => {
    const text = commitmentParagraphs(base).join('');
    for (const part of [
      base.campaignTitle,
      base.issuer,
      base.applicantName,
      base.idNumberMasked,
      base.unitName,
      base.seriesName,
      base.specialtyName,
      base.level,
      base.titleName,
      base.pathName,
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toContain('真实、准确、完整');
    expect(text).toContain('抄袭');
    expect(text).toContain('公示');
    expect(text).toContain('工作纪律');
    expect(text).toContain('诚信档案');
  });

  it('states the ban only when the campaign sets one', () => {
    expect(commitmentParagraphs(base).join('')).toContain('3年内不得申报职称评审');
    const withoutBan = commitmentParagraphs({ ...base, fraudBanYears: null }).join('');
    expect(withoutBan).not.toContain('年内不得申报');
    expect(withoutBan).toContain('已取得的职称予以撤销');
  });

  it('refuses a signing date that is not YYYY-MM-DD', async () => {
    await expect(commitmentPdf({ ...base, signedAt: '2024/8/1' })).rejects.toThrow(/YYYY-MM-DD/);
  });
});

describe('commitmentPdf', () => {
  it('is an A4 PDF with the title and author set', async () => {
    const pdf = await commitmentPdf(base);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parsed = await PDFDocument.load(pdf, { updateMetadata: false });
    const pages = parsed.getPages();
    expect(pages.length).toBe(1);
    const { width, height } = pages[0].getSize();
    expect(width).toBeCloseTo(595.28, 1);
    expect(height).toBeCloseTo(841.89, 1);
    expect(parsed.getTitle()).toBe('个人承诺书');
    expect(parsed.getAuthor()).toBe(base.applicantName);
  });

  it('carries the text itself, with the masked number and never the full one', async () => {
    const text = await pdfText(await commitmentPdf(base));
    expect(text).toContain('个人承诺书');
    expect(text).toContain(collapse(base.applicantName));
    expect(text).toContain(base.idNumberMasked);
    expect(text).toContain(collapse(base.campaignTitle));
    expect(text).toContain(collapse(base.titleName));
    expect(text).toContain(base.applicationId);
    expect(text).not.toContain(FULL_ID);
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('leaves the signature open until signed, then prints the name and date', async () => {
    const unsigned = await pdfText(await commitmentPdf(base));
    expect(unsigned).toContain('承诺人（签字）：日期：年月日');
    expect(unsigned).not.toContain('8月1日');

    const text = await pdfText(await commitmentPdf(signed));
    expect(text).toContain(`承诺人（签字）：${base.applicantName}`);
    expect(text).toContain('日期：2024年8月1日');
  });

  it('prints the ban clause only when the campaign sets one', async () => {
    expect(await pdfText(await commitmentPdf(base))).toContain('3年内不得申报职称评审');
    const withoutBan = await pdfText(await commitmentPdf({ ...base, fraudBanYears: null }));
    expect(withoutBan).not.toContain('年内不得申报');
  });
});

describe('commitmentDocx', () => {
  async function parts(docx: Buffer): Promise<{ document: string; styles: string; core: string }> {
    const zip = await JSZip.loadAsync(docx);
    const read = (name: string) => zip.file(name)!.async('string');
    return {
      document: await read('word/document.xml'),
      styles: await read('word/styles.xml'),
      core: await read('docProps/core.xml'),
    };
  }

  it('is an A4 Word document with the same text and the Chinese font set', async () => {
    const docx = await commitmentDocx(base);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const { document, styles, core } = await parts(docx);
    expect(document).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(document).toContain('个人承诺书');
    expect(document).toContain(base.applicantName);
    expect(document).toContain(base.idNumberMasked);
    expect(document).toContain(base.campaignTitle);
    expect(document).toContain('3年内不得申报职称评审');
    expect(document).not.toContain(FULL_ID);
    expect(styles).toContain('w:eastAsia="宋体"');
    expect(styles).toContain('w:ascii="Noto Sans SC"');
    expect(core).toContain('<dc:title>个人承诺书</dc:title>');
    for (const paragraph of commitmentParagraphs(base)) expect(document).toContain(paragraph);
  });

  it('matches the PDF on the signature and the ban clause', async () => {
    const unsigned = (await parts(await commitmentDocx({ ...base, fraudBanYears: null }))).document;
    expect(unsigned).not.toContain('年内不得申报');
    expect(unsigned).not.toContain('8月1日');
    const { document } = await parts(await commitmentDocx(signed));
    expect(document).toContain(`承诺人（签字）：${base.applicantName}`);
    expect(document).toContain('日期：2024年8月1日');
  });
});
