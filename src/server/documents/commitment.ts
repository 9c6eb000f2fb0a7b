import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { startPdf } from './pdf.js';

// The personal commitment letter (个人承诺书) every applicant signs before submitting. The PDF is
// what gets printed and filed; the DOCX is for offices that edit letters in Word or WPS. Both
// draw on the same text so the two can never say different things.

export interface CommitmentData {
  campaignTitle: string;
  /** The committee office that organises the evaluation and receives the letter. */
  issuer: string;
  applicantName: string;
  /** Only the masked form ever reaches this module, so the full number cannot leak into a file. */
  idNumberMasked: string;
  unitName: string;
  seriesName: string;
  specialtyName: string;
  level: string;
  titleName: string;
  pathName: string;
  /** The campaign's ban on applying after fraud (B21-10); null when the notice sets none. */
  fraudBanYears: number | null;
  /** Beijing date 'YYYY-MM-DD' of the online signature; null leaves the lines blank for a pen. */
  signedAt: string | null;
  /** Printed in the footer so a paper copy can be traced back to its application. */
  applicationId: string;
}

const TITLE = '个人承诺书';

export function commitmentParagraphs(data: CommitmentData): string[] {
  const consequences = [
    '取消本次申报和评审资格',
    '已取得的职称予以撤销',
    ...(data.fraudBanYears === null
      ? []
      : [`自认定之日起${data.fraudBanYears}年内不得申报职称评审`]),
    '相关情况记入本人诚信档案',
  ];
  return [
    `本人${data.applicantName}（身份证号：${data.idNumberMasked}），工作单位：${data.unitName}，` +
      `自愿参加${data.issuer}组织的${data.campaignTitle}，` +
      `申报系列：${data.seriesName}，专业：${data.specialtyName}，级别：${data.level}，` +
      `职称名称：${data.titleName}，申报途径：${data.pathName}。` +
      '为维护职称评审工作的公平公正，本人郑重承诺如下：',
    '一、本人填报的个人信息及提交的学历、资历、业绩成果、论文著作、获奖证书、继续教育等全部申报材料' +
      '真实、准确、完整，复印件、扫描件与原件一致。',
    '二、本人不存在伪造、变造、涂改、借用或冒用他人材料的情况；所提交的论文、著作、作品等均为本人' +
      '独立或合作完成，不存在抄袭、剽窃、代写等学术不端行为。',
    `三、如有弄虚作假，本人自愿接受以下处理：${consequences.join('；')}。`,
    '四、本人同意将申报材料及相关信息按规定在本单位及有关部门进行公示，接受监督，并如实配合核查。',
    '五、本人将严格遵守职称评审工作纪律，不以任何方式请托、说情或干扰评审工作，' +
      '不向评审专家及工作人员打探评审情况。',
    '以上承诺如有违反，本人愿承担由此产生的一切后果。',
  ];
}

/** The two lines under the body: filled in once signed online, left open for a pen otherwise. */
function signatureLines(data: CommitmentData): [string, string] {
  if (data.signedAt === null) return ['承诺人（签字）：', '日期：　　　　年　　月　　日'];
  return [`承诺人（签字）：${data.applicantName}`, `日期：${chineseDate(data.signedAt)}`];
}

/** 'YYYY-MM-DD' as 'YYYY年M月D日', the way dates are written in Chinese official documents. */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`date must be YYYY-MM-DD, got ${isoDate}`);
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

function footerText(data: CommitmentData): string {
  return `申报编号：${data.applicationId}`;
}

// 2.54 cm, the margin of a standard Chinese office document, in PDF points.
const PDF_MARGIN = 72;
const PDF_BODY_SIZE = 12;

export async function commitmentPdf(data: CommitmentData): Promise<Buffer> {
  const { doc, finished } = startPdf({
    size: 'A4',
    margin: PDF_MARGIN,
    // Buffered so the footer can say "of N pages" once the body has been laid out.
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: TITLE,
      Author: data.applicantName,
      Subject: data.campaignTitle,
      Creator: '职评',
    },
  });
  const width = doc.page.width - 2 * PDF_MARGIN;

  doc.font('bold').fontSize(22).text(TITLE, { align: 'center' });
  doc.moveDown(1);
  doc.font('regular').fontSize(PDF_BODY_SIZE);
  for (const paragraph of commitmentParagraphs(data)) {
    doc.text(paragraph, {
      width,
      align: 'justify',
      indent: 2 * PDF_BODY_SIZE,
      lineGap: 8,
      paragraphGap: 8,
    });
  }

  // Keep both signature lines on one page, so the signature cannot be separated from the date.
  const signatureHeight = 6 * PDF_BODY_SIZE;
  if (doc.y + 2 * PDF_BODY_SIZE + signatureHeight > doc.page.height - PDF_MARGIN) doc.addPage();
  doc.moveDown(2);
  const signatureX = PDF_MARGIN + width / 2;
  for (const line of signatureLines(data)) {
    doc.text(line, signatureX, doc.y, { width: width / 2, lineGap: 12 });
  }

  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index++) {
    doc.switchToPage(pages.start + index);
    // The footer sits inside the bottom margin; without lifting it pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#666666')
      .text(
        `${footerText(data)}　　第 ${index + 1} 页 共 ${pages.count} 页`,
        PDF_MARGIN,
        doc.page.height - PDF_MARGIN / 2,
        { width, align: 'center', lineBreak: false },
      );
  }

  doc.end();
  return finished;
}

// Word keeps separate fonts for Latin and Chinese text; Noto Sans SC matches the PDF where it is
// installed, and 宋体 is what every Word or WPS in a Chinese office has for the Chinese text.
const DOCX_FONT = { ascii: 'Noto Sans SC', hAnsi: 'Noto Sans SC', eastAsia: '宋体' };
// Sizes are in half-points, lengths in twentieths of a point.
const DOCX_BODY_SIZE = 24;
const A4_TWIPS = { width: 11906, height: 16838 };
const DOCX_MARGIN = 1440;

export async function commitmentDocx(data: CommitmentData): Promise<Buffer> {
  const contentWidth = A4_TWIPS.width - 2 * DOCX_MARGIN;
  const [signer, date] = signatureLines(data);
  const document = new Document({
    title: TITLE,
    creator: data.applicantName,
    subject: data.campaignTitle,
    styles: { default: { document: { run: { font: DOCX_FONT, size: DOCX_BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: A4_TWIPS,
            margin: {
              top: DOCX_MARGIN,
              bottom: DOCX_MARGIN,
              left: DOCX_MARGIN,
              right: DOCX_MARGIN,
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    text: `${footerText(data)}　　`,
                    size: 18,
                    color: '666666',
                  }),
                  new TextRun({
                    children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
                    size: 18,
                    color: '666666',
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480 },
            children: [new TextRun({ text: TITLE, bold: true, size: 44 })],
          }),
          ...commitmentParagraphs(data).map(
            (text) =>
              new Paragraph({
                alignment: AlignmentType.BOTH,
                // Two characters, the Chinese paragraph convention; firstLine for readers that
                // ignore the character-based value.
                indent: { firstLineChars: 200, firstLine: 2 * (DOCX_BODY_SIZE / 2) * 20 },
                spacing: { line: 360, after: 120 },
                children: [new TextRun(text)],
              }),
          ),
          new Paragraph({
            indent: { left: contentWidth / 2 },
            spacing: { before: 720, line: 480 },
            keepNext: true,
            children: [new TextRun(signer)],
          }),
          new Paragraph({
            indent: { left: contentWidth / 2 },
            spacing: { line: 480 },
            children: [new TextRun(date)],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
