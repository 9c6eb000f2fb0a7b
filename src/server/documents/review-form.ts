import {
  DECLARATION_SECTIONS,
  describeRecord,
  NOTHING,
  type ArchiveData,
  type ArchiveRecord,
  type FormValues,
} from '../../domain/application/index.js';
import { beijingDate } from '../../domain/calendar/calendar.js';
import { formatVerificationCode, verificationPath } from '../../domain/review-form.js';
import { MASK, maskedRecord, maskText } from '../presenters/application.js';
import { startPdf } from './pdf.js';

// The 评审表 (B21-6): generated once the committee office has accepted the application, printed
// by the applicant on A4, both sides, and valid only with its watermark. Every page carries the
// form's number and verification code twice — diagonally across the page and in the footer —
// so a single loose sheet can still be checked on the public verification page. The blind
// version, for the experts, leaves out the name, sex, birth date, work-start date, photo, unit,
// ID and phone number (A24-7: with the unit-level details, sex and dates point to one person in
// a small prefecture) and blots the name, numbers, unit and birth date out of everything the
// applicant wrote, as the blind-review preview does.

export interface ReviewFormData {
  /**
   * Printed number, e.g. 'BZ2021-000001'; null only in the experts' blind copy of a form whose
   * number the applicant or the office has not had issued yet (an expert's download never issues it).
   */
  number: string | null;
  /** The stored 8-character code, printed as '7KQ2-M9XF'; null exactly when `number` is. */
  verificationCode: string | null;
  /** When the number was issued (else the acceptance); also the PDF's creation date, so a re-download is byte-identical. */
  generatedAt: Date;
  campaignTitle: string;
  /** The committee office that organises the evaluation. */
  issuer: string;
  seriesName: string;
  specialtyName: string;
  level: string;
  titleName: string;
  pathName: string;
  applicant: {
    name: string;
    sex: 'male' | 'female';
    birthDate: string;
    /** Only masked numbers are printed: the file travels (print shops, e-mail) and is filed. */
    idNumberMasked: string;
    phoneMasked: string;
  };
  unitName: string;
  /**
   * Strings the blind version blots out wherever the applicant wrote them (name, full ID and phone
   * numbers, unit); never printed themselves.
   */
  identifying: readonly string[];
  form: FormValues;
  /** The archive records of the submitted application (the snapshot), the profile included. */
  records: ArchiveRecord[];
  /** The unit's opinion (B21-10) and its Beijing date 'YYYY-MM-DD'. */
  recommendation: { opinion: string; date: string } | null;
  /** Beijing date of 已接收材料. */
  acceptedOn: string | null;
  /** The material slots that apply, with how many files each holds. */
  materials: { name: string; count: number }[];
  /** The notice's printing rule (B21-6), shown to the applicant who prints the form. */
  printing: { copies: number; duplex: boolean; watermarkRequired: boolean; deliverTo: string; ruleId: string } | null;
}

const REVIEW_FORM_TITLE = '专业技术职务任职资格评审表';

const A4 = { width: 595.28, height: 841.89 };
// The binding edge (inner) is wider than the outer one and swaps sides on even pages, so that
// printed on both sides every page's binding margin lies on the same edge of the sheet.
const MARGIN = { top: 60, bottom: 72, inner: 79, outer: 51 };
const CONTENT_WIDTH = A4.width - MARGIN.inner - MARGIN.outer;
const CONTENT_BOTTOM = A4.height - MARGIN.bottom;
const LINE_HEIGHT = 1.6;
const BODY = 10.5;
const BLACK = '#000000';
const GREY = '#555555';

function innerOnLeft(page: number): boolean {
  return page % 2 === 1;
}

function marginsOf(page: number) {
  const [left, right] = innerOnLeft(page) ? [MARGIN.inner, MARGIN.outer] : [MARGIN.outer, MARGIN.inner];
  return { top: MARGIN.top, bottom: MARGIN.bottom, left, right };
}

type FontName = 'regular' | 'bold';

// Chinese typesetting does not begin a line with closing punctuation: such a mark hangs in the
// margin at the end of the previous line instead.
const NO_LINE_START = /^[，。、；：？！）》」』”’,.;:?!)\]%]/;
// A run of Latin letters and digits wraps as a whole (an ID, a certificate number, a URL); every
// other character may start a new line.
const TOKEN = /[A-Za-z0-9][A-Za-z0-9.\-_/:@%+]*|\s+|[\s\S]/gu;

interface Line {
  text: string;
  /** First line of a paragraph (takes the first-line indent). */
  first: boolean;
}

/**
 * Lays text out line by line on explicitly placed pages. pdfkit's own page breaks put a
 * continued paragraph back at the first page's left edge, which is wrong on an even page; here
 * nothing ever flows on its own.
 */
class Layout {
  page = 1;
  y = MARGIN.top;
  private readonly widths = new Map<string, number>();
  private font: FontName = 'regular';
  private size = BODY;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  get left(): number {
    return marginsOf(this.page).left;
  }

  get right(): number {
    return this.left + CONTENT_WIDTH;
  }

  newPage(): void {
    this.page += 1;
    this.doc.addPage({ size: 'A4', margins: marginsOf(this.page) });
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > CONTENT_BOTTOM) this.newPage();
  }

  use(font: FontName, size: number): this {
    this.font = font;
    this.size = size;
    this.doc.font(font).fontSize(size);
    return this;
  }

  lineHeight(): number {
    return this.size * LINE_HEIGHT;
  }

  measure(text: string): number {
    const key = `${this.font}|${this.size}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.doc.widthOfString(text);
      this.widths.set(key, width);
    }
    return width;
  }

  /** One line at (x, y) in the current font; never wraps, never adds a page. */
  put(text: string, x: number, y: number, color = BLACK): void {
    this.doc.fillColor(color).text(text, x, y, { lineBreak: false });
  }

  /** `width` for every line, less `firstIndent` for the first line of each paragraph. */
  wrap(text: string, width: number, firstIndent = 0): Line[] {
    const lines: Line[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let line = '';
      let used = 0;
      let first = true;
      const room = () => (first ? width - firstIndent : width);
      const pending = paragraph.match(TOKEN) ?? [];
      for (let i = 0; i < pending.length; i++) {
        const token = pending[i];
        const w = this.measure(token);
        if (w > width && token.length > 1) {
          // A run wider than the whole line (a long URL) is broken between characters.
          pending.splice(i, 1, ...Array.from(token));
          i -= 1;
          continue;
        }
        if (line !== '' && used + w > room() && !NO_LINE_START.test(token)) {
          lines.push({ text: line.trimEnd(), first });
          first = false;
          const blank = /^\s+$/.test(token);
          line = blank ? '' : token;
          used = blank ? 0 : w;
        } else {
          line += token;
          used += w;
        }
      }
      lines.push({ text: line.trimEnd(), first });
    }
    return lines;
  }

  paragraph(text: string, options: { font?: FontName; size?: number; indent?: number; firstIndent?: number; color?: string; after?: number } = {}): void {
    const { font = 'regular', size = BODY, indent = 0, firstIndent = 0, color = BLACK, after = 4 } = options;
    this.use(font, size);
    const height = this.lineHeight();
    for (const line of this.wrap(text, CONTENT_WIDTH - indent, firstIndent)) {
      this.ensure(height);
      this.put(line.text, this.left + indent + (line.first ? firstIndent : 0), this.y, color);
      this.y += height;
    }
    this.y += after;
  }

  /** A shaded section heading, kept on the same page as the first `keepWith` points under it. */
  heading(title: string, keepWith = 3 * BODY * LINE_HEIGHT): void {
    const height = 22;
    this.ensure(height + 10 + keepWith);
    this.y += 4;
    this.doc.rect(this.left, this.y, CONTENT_WIDTH, height).fill('#eeeeee');
    this.use('bold', 12).put(title, this.left + 6, this.y + 3);
    this.y += height + 6;
  }
}

interface Cell {
  text: string;
  width: number;
  label?: boolean;
}

const CELL_PADDING = 5;
const ROW_MIN_HEIGHT = 26;
const TABLE_SIZE = 10;

function cellLines(layout: Layout, cell: Cell) {
  return layout.use(cell.label ? 'bold' : 'regular', TABLE_SIZE).wrap(cell.text, cell.width - 2 * CELL_PADDING);
}

function rowHeight(layout: Layout, cells: Cell[]): number {
  const lines = Math.max(...cells.map((c) => cellLines(layout, c).length));
  return Math.max(ROW_MIN_HEIGHT, lines * TABLE_SIZE * LINE_HEIGHT + 2 * CELL_PADDING);
}

/** One bordered row at the current position; labels on a light ground, text centred vertically. */
function drawRow(layout: Layout, cells: Cell[], height: number): void {
  let x = layout.left;
  for (const cell of cells) {
    if (cell.label) layout.doc.rect(x, layout.y, cell.width, height).fill('#f5f5f5');
    layout.doc.lineWidth(0.6).rect(x, layout.y, cell.width, height).stroke(BLACK);
    const lines = cellLines(layout, cell);
    let y = layout.y + (height - lines.length * layout.lineHeight()) / 2;
    for (const line of lines) {
      layout.put(line.text, x + CELL_PADDING, y);
      y += layout.lineHeight();
    }
    x += cell.width;
  }
  layout.y += height;
}

function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const NUMERALS = '〇一二三四五六七八九';
function chineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : NUMERALS[tens]}十${ones === 0 ? '' : NUMERALS[ones]}`;
}

function recordLines(data: ReviewFormData, value: unknown, blind: boolean): string[] {
  if (!Array.isArray(value)) return [NOTHING];
  const byId = new Map(data.records.map((r) => [r.id, r]));
  const lines = value
    .map((id) => byId.get(String(id)))
    .filter((r): r is ArchiveRecord => r !== undefined)
    .map((r) => (blind ? maskedRecord(r, data.identifying) : describeRecord(r)));
  return lines.length > 0 ? lines : [NOTHING];
}

function textValue(data: ReviewFormData, value: unknown, blind: boolean): string {
  const text = typeof value === 'string' && value.trim() !== '' ? value.trim() : '（未填写）';
  return blind ? maskText(text, data.identifying) : text;
}

function basicTable(layout: Layout, data: ReviewFormData, blind: boolean): void {
  const basic = data.form.basic ?? {};
  const profile = data.records.find((r) => r.kind === 'profile')?.data as ArchiveData['profile'] | undefined;
  const hidden = (value: string) => (blind ? MASK : value);
  const label = 78;
  const photo = 92;
  const fullSpan = CONTENT_WIDTH - label;
  const half = (CONTENT_WIDTH - 2 * label) / 2;
  // Beside the photo box the value columns are narrower; the first one keeps room for a masked ID.
  const [nearPhoto1, nearPhoto2] = [125, CONTENT_WIDTH - 2 * label - photo - 125];
  const pairRow = (l1: string, v1: string, l2: string, v2: string, besidePhoto: boolean): Cell[] => [
    { text: l1, width: label, label: true },
    { text: v1, width: besidePhoto ? nearPhoto1 : half },
    { text: l2, width: label, label: true },
    { text: v2, width: besidePhoto ? nearPhoto2 : half },
  ];
  const wideRow = (l: string, v: string): Cell[] => [
    { text: l, width: label, label: true },
    { text: v, width: fullSpan },
  ];
  const withPhoto = !blind;
  const top: Cell[][] = [
    // Sex, birth date and the year work started, with the unit-level details of the form, point to
    // one person in a small prefecture (A24-7): the blind version hides them like the name.
    pairRow('姓名', hidden(data.applicant.name), '性别', hidden(data.applicant.sex === 'male' ? '男' : '女'), withPhoto),
    pairRow('出生日期', hidden(chineseDate(data.applicant.birthDate)), '政治面貌', textValue(data, basic.politicalStatus, blind), withPhoto),
    pairRow('身份证号', hidden(data.applicant.idNumberMasked), '联系电话', hidden(data.applicant.phoneMasked), withPhoto),
    pairRow('参加工作时间', hidden(profile ? chineseDate(profile.workStartedOn) : NOTHING), '现任行政职务', textValue(data, basic.adminPost, blind), withPhoto),
  ];
  const rest: Cell[][] = [
    wideRow('工作单位', hidden(data.unitName)),
    wideRow('现从事专业技术岗位', textValue(data, basic.post, blind)),
    wideRow('现任专业技术职务', recordLines(data, data.form.title?.records, blind).join('\n')),
    wideRow('学历学位', recordLines(data, data.form.education?.records, blind).join('\n')),
    pairRow('申报系列', data.seriesName, '申报专业', data.specialtyName, false),
    pairRow('申报级别', data.level, '申报职称', data.titleName, false),
    wideRow('申报途径', data.pathName),
  ];

  // The rows beside the photo box stay together with it on one page.
  const topHeights = top.map((cells) => rowHeight(layout, cells));
  const topHeight = topHeights.reduce((a, b) => a + b, 0);
  layout.ensure(topHeight);
  const photoTop = layout.y;
  top.forEach((cells, i) => drawRow(layout, cells, topHeights[i]));
  if (withPhoto) {
    const x = layout.right - photo;
    layout.doc.lineWidth(0.6).rect(x, photoTop, photo, topHeight).stroke(BLACK);
    layout.use('regular', 9);
    const caption = '粘贴一寸近期';
    const caption2 = '免冠彩色照片';
    const middle = photoTop + topHeight / 2;
    layout.put(caption, x + (photo - layout.measure(caption)) / 2, middle - 14, GREY);
    layout.put(caption2, x + (photo - layout.measure(caption2)) / 2, middle + 1, GREY);
  }
  for (const cells of rest) {
    const height = rowHeight(layout, cells);
    layout.ensure(height);
    drawRow(layout, cells, height);
  }
  layout.y += 6;
}

function declarationSections(layout: Layout, data: ReviewFormData, blind: boolean, numberFrom: number): number {
  let n = numberFrom;
  for (const section of DECLARATION_SECTIONS.filter((s) => s.id !== 'basic')) {
    layout.heading(`${chineseNumeral(n++)}、${section.title}`);
    for (const field of section.fields) {
      const value = data.form[section.id]?.[field.id];
      if (field.label !== section.title) layout.paragraph(`${field.label}：`, { font: 'bold', after: 2 });
      if (field.type === 'records') {
        const lines = recordLines(data, value, blind);
        if (lines.length === 1 && lines[0] === NOTHING) layout.paragraph(NOTHING, { indent: 12 });
        else lines.forEach((line, i) => layout.paragraph(`${i + 1}. ${line}`, { indent: 12, after: 2 }));
      } else {
        layout.paragraph(textValue(data, value, blind), { firstIndent: 2 * BODY });
      }
    }
  }
  return n;
}

function signatureLine(layout: Layout, text: string): void {
  layout.use('regular', BODY);
  layout.ensure(layout.lineHeight());
  layout.put(text, layout.right - layout.measure(text), layout.y);
  layout.y += layout.lineHeight();
}

function recommendationSection(layout: Layout, data: ReviewFormData, blind: boolean, n: number): void {
  layout.heading(`${chineseNumeral(n)}、所在单位推荐意见`);
  if (!data.recommendation) {
    layout.paragraph(NOTHING, { indent: 12 });
    return;
  }
  layout.paragraph(blind ? maskText(data.recommendation.opinion, data.identifying) : data.recommendation.opinion, { firstIndent: 2 * BODY, after: 8 });
  if (!blind) signatureLine(layout, `推荐单位（盖章）：${data.unitName}`);
  signatureLine(layout, `推荐日期：${chineseDate(data.recommendation.date)}`);
  layout.y += 4;
}

function officeSection(layout: Layout, data: ReviewFormData, n: number): void {
  layout.heading(`${chineseNumeral(n)}、评委会办公室形式审查意见`);
  layout.paragraph(data.acceptedOn ? `形式审查合格，已接收材料。（${chineseDate(data.acceptedOn)}）` : NOTHING, { firstIndent: 2 * BODY });
}

function materialsTable(layout: Layout, data: ReviewFormData, n: number): void {
  layout.heading(`${chineseNumeral(n)}、申报材料清单`);
  const widths = [48, CONTENT_WIDTH - 48 - 80, 80];
  const row = (cells: string[], label: boolean) => {
    const row: Cell[] = cells.map((text, i) => ({ text, width: widths[i], label }));
    const height = rowHeight(layout, row);
    layout.ensure(height);
    drawRow(layout, row, height);
  };
  row(['序号', '材料栏目', '份数'], true);
  if (data.materials.length === 0) row(['', NOTHING, ''], false);
  data.materials.forEach((m, i) => row([String(i + 1), m.name, `${m.count} 份`], false));
  layout.y += 6;
}

function committeeSection(layout: Layout, n: number): void {
  const box = 150;
  layout.heading(`${chineseNumeral(n)}、评审委员会评审意见`, box);
  const top = layout.y;
  layout.doc.lineWidth(0.6).rect(layout.left, top, CONTENT_WIDTH, box).stroke(BLACK);
  layout.use('regular', BODY);
  const lines = [
    '评审委员会应到委员　　　人，实到委员　　　人。',
    '表决结果：同意　　　票，不同意　　　票，弃权　　　票。',
    '评审结论：',
  ];
  lines.forEach((line, i) => layout.put(line, layout.left + 10, top + 12 + i * 24));
  const sign = '主任委员（签字）：　　　　　　　评审委员会（盖章）';
  const date = '　　　　年　　月　　日';
  layout.put(sign, layout.right - 10 - layout.measure(sign), top + box - 48);
  layout.put(date, layout.right - 10 - layout.measure(date), top + box - 24);
  layout.y = top + box + 8;
}

function applicantPledge(layout: Layout, n: number): void {
  layout.heading(`${chineseNumeral(n)}、申报人承诺`, 4 * BODY * LINE_HEIGHT);
  layout.paragraph('本人承诺：以上所填内容及所附材料真实、准确、完整，如有不实，本人愿承担相应责任。', { firstIndent: 2 * BODY, after: 8 });
  signatureLine(layout, '申报人（签字）：　　　　　　　　　　　　年　　月　　日');
}

/** What a form without a number yet prints in its place. */
export const UNNUMBERED = '未编号';

function titleBlock(layout: Layout, data: ReviewFormData, blind: boolean): void {
  const lines = data.number && data.verificationCode ? [`编号：${data.number}`, `验证码：${formatVerificationCode(data.verificationCode)}`] : [`编号：${UNNUMBERED}`];
  layout.use('regular', 9);
  for (const text of lines) {
    layout.put(text, layout.right - layout.measure(text), layout.y, GREY);
    layout.y += 13;
  }
  layout.y += 10;
  layout.use('bold', 22);
  layout.put(REVIEW_FORM_TITLE, layout.left + (CONTENT_WIDTH - layout.measure(REVIEW_FORM_TITLE)) / 2, layout.y);
  layout.y += 40;
  layout.use('regular', 12);
  for (const line of layout.wrap(data.campaignTitle, CONTENT_WIDTH)) {
    layout.put(line.text, layout.left + (CONTENT_WIDTH - layout.measure(line.text)) / 2, layout.y);
    layout.y += layout.lineHeight();
  }
  layout.y += 4;
  const notes = blind
    ? ['盲评版：已隐去申报人姓名、性别、出生日期、参加工作时间、照片、工作单位、身份证号和联系电话']
    : [
        `评审组织单位：${data.issuer}　　生成日期：${chineseDate(beijingDate(data.generatedAt))}`,
        ...(data.printing
          ? [
              `本表一式 ${data.printing.copies} 份，A4 纸${data.printing.duplex ? '双面' : ''}打印${data.printing.watermarkRequired ? '，有水印方为有效' : ''}；` +
                `报送：${data.printing.deliverTo}（${data.printing.ruleId}）`,
            ]
          : []),
      ];
  for (const note of notes) layout.paragraph(note, { size: 9, color: GREY, after: 0 });
  layout.y += 8;
}

/** The diagonal watermark, three times down the page so that no part of a sheet escapes it. */
function watermark(doc: PDFKit.PDFDocument, text: string): void {
  const size = 20;
  doc.font('regular').fontSize(size);
  const width = doc.widthOfString(text);
  for (const fraction of [0.22, 0.5, 0.78]) {
    const cx = A4.width / 2;
    const cy = A4.height * fraction;
    doc.save();
    doc.rotate(-35, { origin: [cx, cy] });
    doc.fillColor('#808080', 0.22).text(text, cx - width / 2, cy - size / 2, { lineBreak: false });
    doc.restore();
  }
}

/** Page furniture added once the page count is known: header, footer with the code, page number, watermark. */
function finishPages(doc: PDFKit.PDFDocument, data: ReviewFormData, blind: boolean): void {
  const numbered = data.number !== null && data.verificationCode !== null;
  const code = numbered ? formatVerificationCode(data.verificationCode!) : '';
  const mark = numbered ? `职评 ${data.number} · 验证码 ${code}` : `职评 ${blind ? '盲评版 · ' : ''}${UNNUMBERED}`;
  const footer = numbered ? `评审表编号 ${data.number} · 验证码 ${code} · 核验：${verificationPath(data.verificationCode!)}` : `评审表${UNNUMBERED}（以评委会办公室生成的编号为准）`;
  const header = `${REVIEW_FORM_TITLE}${blind ? '（盲评版）' : ''}　${data.number ?? UNNUMBERED}`;
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    const page = index + 1;
    doc.switchToPage(range.start + index);
    const { left } = marginsOf(page);
    const right = left + CONTENT_WIDTH;
    // The outer edge is right on odd pages and left on even ones: where a reader's thumb finds it.
    const atOuter = (text: string) => (innerOnLeft(page) ? right - doc.widthOfString(text) : left);
    const atInner = (text: string) => (innerOnLeft(page) ? left : right - doc.widthOfString(text));
    doc.font('regular').fontSize(8.5);
    if (page > 1) doc.fillColor(GREY).text(header, atOuter(header), MARGIN.top - 26, { lineBreak: false });
    const footerY = CONTENT_BOTTOM + 24;
    doc.lineWidth(0.5).moveTo(left, CONTENT_BOTTOM + 14).lineTo(right, CONTENT_BOTTOM + 14).stroke('#999999');
    doc.fillColor(GREY).text(footer, atInner(footer), footerY, { lineBreak: false });
    const pageNumber = `第 ${page} 页 共 ${range.count} 页`;
    doc.fillColor(GREY).text(pageNumber, atOuter(pageNumber), footerY, { lineBreak: false });
    watermark(doc, mark);
  }
}

/** How a birth date may be written in the applicant's own text: 1985-03-07, 1985年3月7日, 1985年03月07日, 1985.03.07, 1985/03/07. */
function dateSpellings(isoDate: string): string[] {
  const [y, m, d] = isoDate.split('-');
  if (!y || !m || !d) return [];
  return [isoDate, chineseDate(isoDate), `${y}年${m}月${d}日`, `${y}.${m}.${d}`, `${y}/${m}/${d}`];
}

export async function reviewFormPdf(input: ReviewFormData, options: { blind: boolean }): Promise<Buffer> {
  const { blind } = options;
  // The blind version also blots the birth date out of whatever the applicant wrote (A24-7).
  const data = blind ? { ...input, identifying: [...input.identifying, ...dateSpellings(input.applicant.birthDate)] } : input;
  const { doc, finished } = startPdf({
    size: 'A4',
    margins: marginsOf(1),
    // Buffered so that every page can say "of N pages" once the content has been laid out.
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: blind ? `${REVIEW_FORM_TITLE}（盲评版）` : REVIEW_FORM_TITLE,
      // Never the applicant: the blind version's metadata must not name them either.
      Author: data.issuer,
      Subject: data.campaignTitle,
      Keywords: data.number ?? UNNUMBERED,
      Creator: '职评',
      CreationDate: data.generatedAt,
    },
  });

  const layout = new Layout(doc);
  titleBlock(layout, data, blind);
  layout.heading('一、基本情况');
  basicTable(layout, data, blind);
  // Both versions keep the same sections in the same order, so that a section number means the
  // same thing to the office and to the experts.
  const next = declarationSections(layout, data, blind, 2);
  applicantPledge(layout, next);
  recommendationSection(layout, data, blind, next + 1);
  officeSection(layout, data, next + 2);
  materialsTable(layout, data, next + 3);
  committeeSection(layout, next + 4);
  // An even page count, so that copies printed one after another never share a sheet.
  if (layout.page % 2 === 1) {
    layout.newPage();
    layout.paragraph('（本页无正文）', { color: GREY });
  }

  finishPages(doc, data, blind);
  doc.end();
  return finished;
}
