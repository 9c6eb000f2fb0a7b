import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { reviewFormPdf } from './review-form.js';
import {
  ID_MASKED,
  ID_NUMBER,
  NAME,
  NUMBER,
  PHONE,
  PHONE_MASKED,
  PRINTED_CODE,
  sampleForm,
  sampleRecords,
  sampleReviewForm as sample,
  SUMMARY,
  UNIT,
} from '../../../test/fixtures/review-form-sample.js';

interface PageText {
  /** Everything on the page, whitespace removed (a phrase split over runs still matches). */
  all: string;
  /** Only the rotated runs: the diagonal watermark. */
  rotated: string;
  /** Horizontal runs with their left and right edges, in points from the page's left edge. */
  runs: { text: string; left: number; right: number }[];
}

async function pagesOf(pdf: Buffer): Promise<PageText[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PageText[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    const page: PageText = { all: '', rotated: '', runs: [] };
    for (const item of content.items) {
      if (!('str' in item)) continue;
      page.all += item.str;
      const [, b, , , x] = item.transform as number[];
      if (Math.abs(b) > 1e-6) page.rotated += item.str;
      else if (item.str.trim() !== '') page.runs.push({ text: item.str, left: x, right: x + item.width });
    }
    page.all = page.all.replace(/\s+/g, '');
    page.rotated = page.rotated.replace(/\s+/g, '');
    pages.push(page);
  }
  await document.destroy();
  return pages;
}

const collapse = (s: string) => s.replace(/\s+/g, '');

describe('reviewFormPdf', () => {
  it('B21-6: is A4, an even number (≥ 2) of pages, each numbered "第 n 页 共 N 页"', async () => {
    const pdf = await reviewFormPdf(sample(), { blind: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parsed = await PDFDocument.load(pdf, { updateMetadata: false });
    const count = parsed.getPageCount();
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count % 2).toBe(0);
    for (const page of parsed.getPages()) {
      const { width, height } = page.getSize();
      expect(width).toBeCloseTo(595.28, 1);
      expect(height).toBeCloseTo(841.89, 1);
    }
    expect(parsed.getTitle()).toBe('专业技术职务任职资格评审表');
    const pages = await pagesOf(pdf);
    pages.forEach((page, i) => expect(page.all).toContain(`第${i + 1}页共${count}页`));
  });

  it('B21-6: every page carries the diagonal watermark with the number and the code, and the footer with the verification path', async () => {
    for (const blind of [false, true]) {
      const pages = await pagesOf(await reviewFormPdf(sample(), { blind }));
      for (const page of pages) {
        expect(page.rotated).toContain(collapse(`职评 ${NUMBER} · 验证码 ${PRINTED_CODE}`));
        expect(page.all).toContain(`/verify/${PRINTED_CODE}`);
      }
    }
  });

  it('mirrors the margins for double-sided printing: binding edge left on odd pages, right on even ones, page number outside', async () => {
    const pages = await pagesOf(await reviewFormPdf(sample(), { blind: false }));
    pages.forEach((page, i) => {
      const odd = i % 2 === 0;
      const [inner, outer] = [79, 51];
      const left = Math.min(...page.runs.map((r) => r.left));
      const right = Math.max(...page.runs.map((r) => r.right));
      // Nothing in the margins; a closing punctuation mark may hang a few points past the edge.
      expect(left).toBeGreaterThanOrEqual((odd ? inner : outer) - 0.5);
      expect(right).toBeLessThanOrEqual(595.28 - (odd ? outer : inner) + 11);
      const pageNumber = page.runs.find((r) => /^第 \d+ 页 共 \d+ 页$/.test(r.text))!;
      if (odd) expect(pageNumber.right).toBeCloseTo(595.28 - outer, 0);
      else expect(pageNumber.left).toBeCloseTo(outer, 0);
    });
  });

  it('prints the Chinese text of the whole form: applicant, sections, records, opinion and materials', async () => {
    const text = (await pagesOf(await reviewFormPdf(sample(), { blind: false }))).map((p) => p.all).join('');
    for (const part of [
      '专业技术职务任职资格评审表',
      NAME,
      UNIT,
      ID_MASKED,
      PHONE_MASKED,
      '女',
      '1990年1月1日',
      '基本情况',
      '学历学位',
      '工作经历',
      '任现职以来专业技术工作业绩',
      '论文、著作和作品',
      '继续教育',
      '年度考核',
      '其他需要说明的事项',
      '新疆大学新闻学本科',
      '《沙漠边缘的护林人》',
      '2019年度考核：优秀',
      '所在单位推荐意见',
      '本单位已对提供的申报材料逐一审核，真实准确，同意推荐',
      '推荐日期：2021年9月28日',
      '形式审查合格，已接收材料',
      '申报材料清单',
      '代表作品（封面、目录、正文）',
      '6份',
      '评审委员会评审意见',
      '本表一式2份，A4纸双面打印，有水印方为有效',
      collapse(SUMMARY),
    ]) {
      expect(text).toContain(collapse(part));
    }
    // The applicant's own text is printed as written.
    expect(text).toContain(collapse(`${NAME}联系电话 ${PHONE}，身份证号 ${ID_NUMBER}。`));
  });

  it('A24-7: the blind version has no name, photo box, unit, ID or phone number anywhere, yet all the rest', async () => {
    const pdf = await reviewFormPdf(sample(), { blind: true });
    const pages = await pagesOf(pdf);
    const text = pages.map((p) => p.all).join('');
    for (const secret of [NAME, '阿依古丽', '买买提', UNIT, ID_NUMBER, ID_MASKED, PHONE, PHONE_MASKED, '粘贴一寸']) {
      expect(text, secret).not.toContain(collapse(secret));
    }
    expect(text).toContain('盲评版');
    expect(text).toContain('姓名■■■');
    expect(text).toContain('工作单位■■■');
    expect(text).toContain('身份证号■■■联系电话■■■');
    expect(text).toContain('■■■同志任现职以来在■■■从事新闻采访工作');
    expect(text).toContain('2015-03-01至今■■■首席记者');
    expect(text).toContain('■■■联系电话■■■，身份证号■■■。');
    expect(text).toContain('《沙漠边缘的护林人》');
    expect(text).toContain('本单位已对提供的申报材料逐一审核，真实准确，同意推荐');
    expect(text).toContain('评审委员会评审意见');
    const parsed = await PDFDocument.load(pdf, { updateMetadata: false });
    for (const field of [parsed.getTitle(), parsed.getAuthor(), parsed.getSubject(), parsed.getKeywords()]) {
      expect(field ?? '').not.toContain(NAME);
      expect(field ?? '').not.toContain(UNIT);
    }
  });

  it('embeds a subset of Noto Sans SC, so the file stays small and prints the same everywhere', async () => {
    const pdf = await reviewFormPdf(sample(), { blind: false });
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(raw).toContain('/FontFile2');
    expect(pdf.length).toBeLessThan(1024 * 1024);
  });

  it('is the same file for the same data, so a re-download cannot differ from the printed copy', async () => {
    const [a, b] = [await reviewFormPdf(sample(), { blind: false }), await reviewFormPdf(sample(), { blind: false })];
    expect(a.equals(b)).toBe(true);
  });

  it('lays out a 5,000-character summary over pages without leaving the text area', async () => {
    const long = Array.from({ length: 100 }, (_, i) => `第${i + 1}项：负责重大新闻报道，采写稿件 30 篇，https://example.com/report/${i}。`).join('').slice(0, 5000);
    const data = sample({ form: sampleForm(sampleRecords(), long) });
    const pages = await pagesOf(await reviewFormPdf(data, { blind: false }));
    expect(pages.length).toBeGreaterThan(4);
    const text = pages.map((p) => p.all).join('');
    expect(text).toContain(collapse(long.slice(0, 200)));
    expect(text).toContain(collapse(long.slice(-200)));
    pages.forEach((page, i) => {
      const odd = i % 2 === 0;
      expect(Math.min(...page.runs.map((r) => r.left))).toBeGreaterThanOrEqual((odd ? 79 : 51) - 0.5);
      expect(Math.max(...page.runs.map((r) => r.right))).toBeLessThanOrEqual(595.28 - (odd ? 51 : 79) + 11);
    });
  });

  it('reads "无" where a section has nothing and survives an empty form', async () => {
    const text = (await pagesOf(await reviewFormPdf(sample({ form: {}, records: [], recommendation: null, acceptedOn: null, materials: [], printing: null }), { blind: false })))
      .map((p) => p.all)
      .join('');
    expect(text).toContain('基本情况');
    expect(text).toContain('（未填写）');
    expect(text).toContain('年度考核无');
  });

  it('measures the generation time: one form, then 50 in a row', async () => {
    const data = sample();
    const started = performance.now();
    await reviewFormPdf(data, { blind: false });
    const first = performance.now() - started;
    console.log(`[review form: one form ${first.toFixed(1)} ms]`);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await reviewFormPdf({ ...data, number: `BZ2021-${String(i).padStart(6, '0')}` }, { blind: i % 2 === 1 });
      times.push(performance.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(`[review form: 50 in a row, ms each = ${times.map((t) => t.toFixed(1)).join(' ')}]`);
    console.log(`[review form: mean ${mean.toFixed(1)} ms, median ${sorted[25].toFixed(1)} ms, max ${sorted[49].toFixed(1)} ms]`);
    expect(mean).toBeLessThan(2000);
  });
});
