import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { chineseDate } from './commitment.js';
import { startPdf } from './pdf.js';

// The unit's review documents (B21-10, A24-11) — the publicity notice (公示通知), the publicity
// result (公示结果) and the recommendation report (推荐报告) — and the department's covering list
// of a batch (B21-13). Each letter is laid out once as plain text by a pure function; the PDF and
// the DOCX are drawn from that text so the two can never say different things.

/** What a letter says: a title, body paragraphs (headings included) and right-aligned closing lines. */
export interface LetterText {
  title: string;
  paragraphs: string[];
  closing: string[];
  /** Printed in the footer so a paper copy can be traced back to its application. */
  footer: string;
}

/** The application as the three letters describe it. */
export interface ApplicantLine {
  applicationId: string;
  unitName: string;
  applicantName: string;
  seriesName: string;
  specialtyName: string;
  level: string;
  titleName: string;
}

export interface PublicityPeriod {
  startsOn: string;
  endsOn: string;
  workingDays: number;
}

export interface PublicityNoticeData extends ApplicantLine, PublicityPeriod {
  sex: 'male' | 'female';
  /** The post (岗位) from the applicant's profile; null when the profile names none. */
  post: string | null;
  politicalStatus: string | null;
  /** Who issued the political conduct certificate and when; null when the application has none. */
  politicalConduct: { issuedBy: string; issuedOn: string } | null;
  /** The achievement and publication records of the application, one line each (describeRecord). */
  achievements: string[];
}

export interface PublicityResultData extends ApplicantLine, PublicityPeriod {
  objectionsReceived: number;
  objectionsResolved: number;
  /** Beijing date 'YYYY-MM-DD' the result is issued. */
  issuedOn: string;
}

export interface RecommendationReportData extends ApplicantLine {
  campaignTitle: string;
  /** The committee office the report goes to. */
  issuer: string;
  publicity: PublicityPeriod | null;
  /** The campaign's checks the unit made (campaign.unitReview.checks). */
  checks: string[];
  opinion: string;
  reviewerName: string;
  /** Beijing date 'YYYY-MM-DD' of the recommendation. */
  recommendedOn: string;
}

export interface BatchListData {
  number: number;
  departmentName: string;
  campaignTitle: string;
  rows: { name: string; unitName: string; level: string; status: string; recommendedOn: string }[];
}

function declared(data: ApplicantLine): string {
  return `申报${data.seriesName}系列${data.specialtyName}专业${data.level}职称（${data.titleName}）`;
}

function period(data: PublicityPeriod): string {
  return `${chineseDate(data.startsOn)}至${chineseDate(data.endsOn)}（共${data.workingDays}个工作日）`;
}

const footerOf = (data: ApplicantLine) => `申报编号：${data.applicationId}`;

export function publicityNoticeText(data: PublicityNoticeData): LetterText {
  const conduct = data.politicalConduct
    ? `已提交${data.politicalConduct.issuedBy}于${chineseDate(data.politicalConduct.issuedOn)}出具的政治表现和职业道德证明。`
    : '无';
  return {
    title: '职称申报公示通知',
    paragraphs: [
      `根据职称评审工作有关规定，经本单位审核，现将${data.applicantName}同志${declared(data)}的有关情况予以公示，接受监督。`,
      '一、基本情况',
      `姓名：${data.applicantName}；性别：${data.sex === 'male' ? '男' : '女'}；工作单位：${data.unitName}；` +
        `现任岗位：${data.post ?? '无'}；政治面貌：${data.politicalStatus ?? '无'}。`,
      `申报系列：${data.seriesName}；专业：${data.specialtyName}；级别：${data.level}；职称名称：${data.titleName}。`,
      '二、政治表现和职业道德',
      conduct,
      '三、业绩成果',
      ...(data.achievements.length === 0 ? ['无'] : data.achievements.map((line, index) => `${index + 1}. ${line}`)),
      '四、公示期限',
      `公示期为${period(data)}。`,
      '五、异议反映方式',
      '公示期间，对公示内容有异议的，请以书面形式或当面向本单位职称工作部门实名反映，并提供具体事实或线索及联系方式，' +
        '以便调查核实。本单位对反映人的信息予以保密。',
    ],
    closing: [data.unitName, chineseDate(data.startsOn)],
    footer: footerOf(data),
  };
}

export function publicityResultText(data: PublicityResultData): LetterText {
  const open = data.objectionsReceived - data.objectionsResolved;
  const outcome =
    data.objectionsReceived === 0
      ? '公示期间未收到异议。'
      : open === 0
        ? `公示期间共收到异议${data.objectionsReceived}件，均已调查核实并处理完毕。`
        : `公示期间共收到异议${data.objectionsReceived}件，已调查核实并处理${data.objectionsResolved}件，尚有${open}件正在处理。`;
  return {
    title: '职称申报公示结果',
    paragraphs: [
      `本单位于${period(data)}对${data.applicantName}同志${declared(data)}的有关情况进行了公示。`,
      outcome,
      '特此说明。',
    ],
    closing: [data.unitName, chineseDate(data.issuedOn)],
    footer: footerOf(data),
  };
}

export function recommendationReportText(data: RecommendationReportData): LetterText {
  return {
    title: '单位推荐报告',
    paragraphs: [
      `${data.issuer}：`,
      `本单位${data.applicantName}同志参加${data.campaignTitle}，${declared(data)}。` +
        (data.publicity ? `本单位已于${period(data.publicity)}进行了公示。` : ''),
      '本单位审核事项：',
      ...data.checks.map((check, index) => `${index + 1}. ${check}`),
      `单位推荐意见：${data.opinion}。`,
    ],
    closing: [`审核人：${data.reviewerName}`, `推荐单位（盖章）：${data.unitName}`, `日期：${chineseDate(data.recommendedOn)}`],
    footer: footerOf(data),
  };
}

export const BATCH_LIST_HEADER = ['序号', '姓名', '工作单位', '申报级别', '状态', '单位推荐时间'] as const;

/** The covering list's rows, numbered, in the order of BATCH_LIST_HEADER (the Excel has the same). */
export function batchListRows(data: BatchListData): string[][] {
  return data.rows.map((row, index) => [String(index + 1), row.name, row.unitName, row.level, row.status, row.recommendedOn]);
}

export const batchListTitle = (number: number) => `报送批次${number}花名册`;

// 2.54 cm, the margin of a standard Chinese office document, in PDF points.
const PDF_MARGIN = 72;
const PDF_BODY_SIZE = 12;
const HEADING = /^[一二三四五六七八九十]+、/;

type Pdf = PDFKit.PDFDocument;

/** Lays out a document with pdfkit, then writes "page N of M" (and `footer`) on every page. */
async function renderPdf(title: string, footer: string, draw: (doc: Pdf, width: number) => void): Promise<Buffer> {
  const { doc, finished } = startPdf({
    size: 'A4',
    margin: PDF_MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Creator: '职评' },
  });
  const width = doc.page.width - 2 * PDF_MARGIN;
  doc.font('bold').fontSize(20).text(title, { align: 'center' });
  doc.moveDown(1);
  draw(doc, width);

  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index++) {
    doc.switchToPage(pages.start + index);
    // The footer sits inside the bottom margin; without lifting it pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#666666')
      .text(`${footer ? `${footer}　　` : ''}第 ${index + 1} 页 共 ${pages.count} 页`, PDF_MARGIN, doc.page.height - PDF_MARGIN / 2, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return finished;
}

export function letterPdf(letter: LetterText): Promise<Buffer> {
  return renderPdf(letter.title, letter.footer, (doc, width) => {
    doc.font('regular').fontSize(PDF_BODY_SIZE);
    for (const paragraph of letter.paragraphs) {
      const heading = HEADING.test(paragraph);
      doc.font(heading ? 'bold' : 'regular').text(paragraph, PDF_MARGIN, doc.y, {
        width,
        align: 'justify',
        indent: 2 * PDF_BODY_SIZE,
        lineGap: 8,
        paragraphGap: 8,
      });
    }
    // Keep the closing lines together, so the signature cannot be separated from the date.
    const closingHeight = (letter.closing.length + 2) * 2 * PDF_BODY_SIZE;
    if (doc.y + closingHeight > doc.page.height - PDF_MARGIN) doc.addPage();
    doc.moveDown(2);
    doc.font('regular');
    for (const line of letter.closing) doc.text(line, PDF_MARGIN, doc.y, { width, align: 'right', lineGap: 12 });
  });
}

// Word keeps separate fonts for Latin and Chinese text; Noto Sans SC matches the PDF where it is
// installed, and 宋体 is what every Word or WPS in a Chinese office has for the Chinese text.
const DOCX_FONT = { ascii: 'Noto Sans SC', hAnsi: 'Noto Sans SC', eastAsia: '宋体' };
// Sizes are in half-points, lengths in twentieths of a point.
const DOCX_BODY_SIZE = 24;
const A4_TWIPS = { width: 11906, height: 16838 };
const DOCX_MARGIN = 1440;

export function letterDocx(letter: LetterText): Promise<Buffer> {
  const footerRun = { size: 18, color: '666666' };
  const document = new Document({
    title: letter.title,
    creator: '职评',
    styles: { default: { document: { run: { font: DOCX_FONT, size: DOCX_BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: { size: A4_TWIPS, margin: { top: DOCX_MARGIN, bottom: DOCX_MARGIN, left: DOCX_MARGIN, right: DOCX_MARGIN } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${letter.footer}　　`, ...footerRun }),
                  new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], ...footerRun }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480 },
            children: [new TextRun({ text: letter.title, bold: true, size: 40 })],
          }),
          ...letter.paragraphs.map(
            (text) =>
              new Paragraph({
                alignment: AlignmentType.BOTH,
                // Two characters, the Chinese paragraph convention; firstLine for readers that
                // ignore the character-based value.
                indent: { firstLineChars: 200, firstLine: 2 * (DOCX_BODY_SIZE / 2) * 20 },
                spacing: { line: 360, after: 120 },
                children: [new TextRun({ text, bold: HEADING.test(text) })],
              }),
          ),
          ...letter.closing.map(
            (text, index) =>
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                spacing: { before: index === 0 ? 720 : 0, line: 480 },
                keepNext: index < letter.closing.length - 1,
                children: [new TextRun(text)],
              }),
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

// Column widths of the covering list in points; they add up to the A4 text width (451 pt).
const BATCH_COLUMNS = [32, 64, 165, 50, 60, 80];
const CELL_PADDING = 4;

export function batchListPdf(data: BatchListData): Promise<Buffer> {
  return renderPdf(batchListTitle(data.number), '', (doc, width) => {
    doc.font('regular').fontSize(11).text(`报送单位：${data.departmentName}　　评审活动：${data.campaignTitle}`, { width });
    doc.moveDown(0.5);
    doc.fontSize(10);
    const cellHeight = (cells: readonly string[]) =>
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: BATCH_COLUMNS[i] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
    const drawRow = (cells: readonly string[], bold: boolean) => {
      doc.font(bold ? 'bold' : 'regular');
      const height = cellHeight(cells);
      if (doc.y + height > doc.page.height - PDF_MARGIN) {
        doc.addPage();
        if (!bold) drawRow(BATCH_LIST_HEADER, true);
        doc.font('regular');
      }
      const top = doc.y;
      let x = PDF_MARGIN;
      cells.forEach((cell, i) => {
        doc.rect(x, top, BATCH_COLUMNS[i], height).lineWidth(0.5).stroke('#333333');
        doc.fillColor('#000000').text(cell, x + CELL_PADDING, top + CELL_PADDING, { width: BATCH_COLUMNS[i] - 2 * CELL_PADDING });
        x += BATCH_COLUMNS[i];
      });
      doc.x = PDF_MARGIN;
      doc.y = top + height;
    };
    drawRow(BATCH_LIST_HEADER, true);
    for (const row of batchListRows(data)) drawRow(row, false);
    doc.moveDown(1);
    doc.font('regular').fontSize(11).text(`共 ${data.rows.length} 人`, PDF_MARGIN, doc.y, { width });
  });
}
