import { chineseDate } from './commitment.js';
import { startPdf } from './pdf.js';

// The committee's documents after a meeting: the minutes (评审会议纪要), the qualification document
// (任职资格文件) that confers the titles, and the public results notice (评审结果公示). All three are
// A4 portrait: text flows with pdfkit, tables are laid out row by row here so that a long list
// breaks between rows and repeats its header on every page.

export interface MinutesData {
  committeeName: string;
  campaignTitle: string;
  level: string;
  /** ISO instant; printed in Beijing time. */
  meetingOpenedAt: string;
  place: string;
  members: { name: string; present: boolean }[];
  quorum: { members: number; present: number; needed: number };
  candidates: {
    code: string;
    name: string;
    unitName: string;
    specialtyName: string;
    voters: number;
    agree: number;
    disagree: number;
    abstain: number;
    panelOpinion: string;
    /** Chinese label, e.g. 通过 */
    result: string;
  }[];
  chairName: string | null;
  /**
   * The office's reason when it closed the ballot with ballots outstanding (N40-MEETING); the count
   * of ballots not cast is the candidates' voters less their ballots. Absent or null: a normal close.
   */
  closeEarlyReason?: string | null;
}

export interface QualificationDocumentData {
  documentNumber: string;
  title: string;
  issuer: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  committeeName: string;
  /** e.g. 新闻系列高级职称 */
  levelTitle: string;
  rows: { name: string; unitName: string; specialtyName: string; titleName: string; qualificationDate: string }[];
}

export interface ResultsNoticeData {
  title: string;
  committeeName: string;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD */
  endsOn: string;
  contact: string;
  /** Only the minimum that security.md allows on a public page. */
  rows: { name: string; unitName: string; seriesName: string; specialtyName: string; level: string; result: string }[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 72, left: 68, right: 68 };
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;
const BODY = 11;
const BLACK = '#000000';
const GREY = '#555555';
const RED = '#d40000';
const NONE = '（无）';
// Room a heading keeps under itself: about two lines of body text.
const KEEP = 2 * BODY * 1.5 + 8;

type Font = 'regular' | 'bold';

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'center';
}

/** The pdfkit document with a cursor, explicit page breaks and tables. */
class Flow {
  y = MARGIN.top;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  newPage(): void {
    this.doc.addPage({ size: 'A4', margins: MARGIN });
    this.y = MARGIN.top;
  }

  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  /**
   * A paragraph; one taller than the rest of the page starts a new page or, if longer than a page,
   * flows on. `keepWith` points below it stay on the same page (a heading keeps its first lines).
   */
  paragraph(
    text: string,
    options: { font?: Font; size?: number; align?: 'left' | 'center' | 'right' | 'justify'; indent?: number; color?: string; after?: number; keepWith?: number } = {},
  ): void {
    const { font = 'regular', size = BODY, align = 'left', indent = 0, color = BLACK, after = 6, keepWith = 0 } = options;
    const style = { width: WIDTH, align, indent, lineGap: size * 0.5 };
    this.doc.font(font).fontSize(size).fillColor(color);
    this.ensure(Math.min(this.doc.heightOfString(text, style) + keepWith, BOTTOM - MARGIN.top));
    this.doc.text(text, MARGIN.left, this.y, style);
    this.y = this.doc.y + after;
  }

  /** A table whose header row repeats on every page it spans; rows never split. */
  table(columns: Column[], rows: string[][], size = 9.5, minHeight = 20): void {
    const pad = 4;
    const heightOf = (cells: string[], font: Font) => {
      this.doc.font(font).fontSize(size);
      return Math.max(font === 'bold' ? 20 : minHeight, ...cells.map((text, i) => this.doc.heightOfString(text, { width: columns[i].width - 2 * pad }) + 2 * pad));
    };
    const draw = (cells: string[], font: Font, height: number) => {
      let x = MARGIN.left;
      cells.forEach((text, i) => {
        const { width, align = 'left' } = columns[i];
        if (font === 'bold') this.doc.rect(x, this.y, width, height).fill('#eeeeee');
        this.doc.lineWidth(0.6).rect(x, this.y, width, height).stroke(BLACK);
        this.doc.font(font).fontSize(size).fillColor(BLACK);
        const textHeight = this.doc.heightOfString(text, { width: width - 2 * pad });
        this.doc.text(text, x + pad, this.y + (height - textHeight) / 2, { width: width - 2 * pad, align: font === 'bold' ? 'center' : align });
        x += width;
      });
      this.y += height;
    };
    const header = columns.map((c) => c.title);
    const headerHeight = heightOf(header, 'bold');
    const body = rows.length > 0 ? rows : [[NONE, ...columns.slice(1).map(() => '')]];
    body.forEach((cells, index) => {
      const height = heightOf(cells, 'regular');
      if (index === 0) this.ensure(headerHeight + height);
      else if (this.y + height > BOTTOM) this.newPage();
      if (index === 0 || this.y === MARGIN.top) draw(header, 'bold', headerHeight);
      draw(cells, 'regular', height);
    });
    this.y += 8;
  }

  /** Lines flush right, kept together on one page. */
  closing(lines: string[], size = BODY): void {
    this.doc.font('regular').fontSize(size).fillColor(BLACK);
    const lineHeight = size * 1.8;
    this.ensure(lines.length * lineHeight);
    for (const line of lines) {
      this.doc.text(line, A4.width - MARGIN.right - this.doc.widthOfString(line), this.y, { lineBreak: false });
      this.y += lineHeight;
    }
  }

  /** Page numbers in every footer, once all pages exist. */
  finish(footer: (page: number, count: number) => string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const text = footer(i + 1, range.count);
      this.doc.font('regular').fontSize(9).fillColor(GREY);
      // lineBreak: false writes below the bottom margin without pdfkit adding a page.
      this.doc.text(text, (A4.width - this.doc.widthOfString(text)) / 2, BOTTOM + 30, { lineBreak: false });
    }
  }
}

function begin(title: string, author: string): { flow: Flow; finished: Promise<Buffer> } {
  const { doc, finished } = startPdf({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Author: author, Creator: '职评' },
  });
  return { flow: new Flow(doc), finished };
}

async function end(flow: Flow, finished: Promise<Buffer>, footer: (page: number, count: number) => string): Promise<Buffer> {
  flow.finish(footer);
  flow.doc.end();
  return finished;
}

/** An ISO instant as Beijing date and time, '2024年11月5日 09:30'. */
function beijingDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

const pageOf = (page: number, count: number) => `第 ${page} 页 共 ${count} 页`;

/** 评审会议纪要: attendance, the candidates with their tallies, the panels' opinions and signature lines. */
export async function renderMinutesPdf(data: MinutesData): Promise<Buffer> {
  const title = `${data.committeeName}评审会议纪要`;
  const { flow, finished } = begin(title, data.committeeName);
  const { quorum } = data;

  flow.paragraph(title, { font: 'bold', size: 18, align: 'center', after: 4 });
  flow.paragraph(data.campaignTitle, { size: 12, align: 'center', after: 14 });
  flow.paragraph(`会议时间：${beijingDateTime(data.meetingOpenedAt)}`, { after: 2 });
  flow.paragraph(`会议地点：${data.place}`, { after: 2 });
  flow.paragraph(`评审级别：${data.level}`, { after: 10 });

  flow.paragraph('一、出席情况', { font: 'bold', size: 13, keepWith: KEEP });
  const valid = quorum.present >= quorum.needed;
  flow.paragraph(
    `评审委员会组成人员${quorum.members}人，实到${quorum.present}人，应到会人数不少于${quorum.needed}人，` +
      `${valid ? '达到规定人数，会议有效' : '未达到规定人数，会议不得进行表决'}。`,
    { indent: 2 * BODY },
  );
  const names = (present: boolean) => data.members.filter((m) => m.present === present).map((m) => m.name).join('、') || '无';
  flow.paragraph(`出席委员：${names(true)}`, { indent: 2 * BODY, after: 2 });
  flow.paragraph(`缺席委员：${names(false)}`, { indent: 2 * BODY, after: 10 });

  flow.paragraph('二、评审表决情况', { font: 'bold', size: 13, keepWith: KEEP });
  flow.paragraph(`本次会议共评审申报人${data.candidates.length}名，采取无记名投票方式表决，结果如下：`, { indent: 2 * BODY });
  flow.table(
    [
      { title: '序号', width: 28, align: 'center' },
      { title: '编号', width: 44 },
      { title: '姓名', width: 52 },
      { title: '工作单位', width: 105 },
      { title: '申报专业', width: 55 },
      { title: '参加表决', width: 30, align: 'center' },
      { title: '同意', width: 30, align: 'center' },
      { title: '不同意', width: 30, align: 'center' },
      { title: '弃权', width: 30, align: 'center' },
      { title: '评审结果', width: WIDTH - 404, align: 'center' },
    ],
    data.candidates.map((c, i) => [
      String(i + 1),
      c.code,
      c.name,
      c.unitName,
      c.specialtyName,
      String(c.voters),
      String(c.agree),
      String(c.disagree),
      String(c.abstain),
      c.result,
    ]),
    9,
  );
  const notVoted = data.candidates.reduce((n, c) => n + Math.max(0, c.voters - c.agree - c.disagree - c.abstain), 0);
  if (notVoted > 0 || data.closeEarlyReason) {
    flow.paragraph(`未投票 ${notVoted} 人次（未投票按未同意计）。`, { indent: 2 * BODY, after: 2 });
    if (data.closeEarlyReason) flow.paragraph(`评委会办公室提前结束投票，理由：${data.closeEarlyReason}`, { indent: 2 * BODY, after: 10 });
  }

  flow.paragraph('三、评议组意见', { font: 'bold', size: 13, keepWith: KEEP });
  if (data.candidates.length === 0) flow.paragraph(NONE, { indent: 2 * BODY });
  data.candidates.forEach((c, i) => {
    flow.paragraph(`${i + 1}. ${c.name}（${c.code}，${c.unitName}，${c.specialtyName}）`, { font: 'bold', after: 2, keepWith: KEEP });
    flow.paragraph(c.panelOpinion.trim() || '（未填写）', { indent: 2 * BODY, after: 8 });
  });

  flow.paragraph('四、签字', { font: 'bold', size: 13, keepWith: KEEP });
  flow.paragraph(`主任委员（签字）：${data.chairName ?? ''}　　　　　　　　　　　　年　　月　　日`, { after: 10 });
  flow.paragraph('出席委员签字：', { after: 4, keepWith: 60 });
  flow.table(
    [
      { title: '序号', width: 40, align: 'center' },
      { title: '委员姓名', width: 140 },
      { title: '签字', width: WIDTH - 180 },
    ],
    data.members.filter((m) => m.present).map((m, i) => [String(i + 1), m.name, '']),
    10.5,
    30,
  );
  flow.paragraph('记录人（签字）：　　　　　　　　　　　　　　　　年　　月　　日', { after: 0 });

  return end(flow, finished, pageOf);
}

/** 任职资格文件: red header with the issuer and the document number, the body, and the list as a table. */
export async function renderQualificationDocumentPdf(data: QualificationDocumentData): Promise<Buffer> {
  const { flow, finished } = begin(data.title, data.issuer);
  const { doc } = flow;

  // 红头: the issuer in large red type, the number, a red rule.
  // Shrunk to one line when the issuer's name is long, as printed 红头 do.
  const header = `${data.issuer}文件`;
  const headerSize = Math.max(16, Math.min(26, (26 * WIDTH) / doc.font('bold').fontSize(26).widthOfString(header)));
  flow.paragraph(header, { font: 'bold', size: headerSize, align: 'center', color: RED, after: 14 });
  flow.paragraph(data.documentNumber, { size: 12, align: 'center', after: 6 });
  doc.lineWidth(2).moveTo(MARGIN.left, flow.y).lineTo(A4.width - MARGIN.right, flow.y).stroke(RED);
  flow.y += 22;

  flow.paragraph(data.title, { font: 'bold', size: 16, align: 'center', after: 16 });
  flow.paragraph('各有关单位：', { size: 12, after: 4 });
  flow.paragraph(
    `经${data.committeeName}评审通过，并经公示无异议，现认定${data.rows[0]?.name ?? ''}${data.rows.length > 1 ? '等' : ''}` +
      `${data.rows.length}名同志具备${data.levelTitle}任职资格，资格取得时间见附件名单。`,
    { size: 12, indent: 24, after: 4 },
  );
  flow.paragraph('请各单位按照有关规定做好聘用（任）工作。', { size: 12, indent: 24, after: 8 });
  flow.paragraph(`附件：${data.levelTitle}任职资格人员名单`, { size: 12, indent: 24, after: 24 });
  flow.closing([data.issuer, chineseDate(data.issuedOn)], 12);

  flow.y += 20;
  flow.ensure(120);
  flow.paragraph('附件', { font: 'bold', size: 12, after: 6 });
  flow.paragraph(`${data.levelTitle}任职资格人员名单`, { font: 'bold', size: 14, align: 'center', after: 10 });
  flow.table(
    [
      { title: '序号', width: 32, align: 'center' },
      { title: '姓名', width: 62 },
      { title: '工作单位', width: 150 },
      { title: '专业', width: 66 },
      { title: '资格名称', width: 66 },
      { title: '资格取得时间', width: WIDTH - 376, align: 'center' },
    ],
    data.rows.map((r, i) => [String(i + 1), r.name, r.unitName, r.specialtyName, r.titleName, chineseDate(r.qualificationDate)]),
  );

  return end(flow, finished, (page) => `— ${page} —`);
}

/** 评审结果公示: the notice and the list with only name, unit, series, specialty, level and result. */
export async function renderResultsNoticePdf(data: ResultsNoticeData): Promise<Buffer> {
  const { flow, finished } = begin(data.title, data.committeeName);

  flow.paragraph(data.title, { font: 'bold', size: 18, align: 'center', after: 14 });
  flow.paragraph(
    `根据职称评审工作有关规定，现将${data.committeeName}评审结果予以公示（共${data.rows.length}人）。` +
      `公示期：${chineseDate(data.startsOn)}至${chineseDate(data.endsOn)}。`,
    { indent: 2 * BODY },
  );
  flow.paragraph(
    '公示期间，对公示对象有异议的，可向评审委员会办公室反映。反映情况应实事求是，以单位名义反映的应加盖公章，以个人名义反映的应署真实姓名并提供联系方式。',
    { indent: 2 * BODY },
  );
  flow.paragraph(`联系方式：${data.contact}`, { indent: 2 * BODY, after: 10 });
  flow.table(
    [
      { title: '序号', width: 32, align: 'center' },
      { title: '姓名', width: 62 },
      { title: '工作单位', width: 140 },
      { title: '系列', width: 50 },
      { title: '专业', width: 64 },
      { title: '级别', width: 50, align: 'center' },
      { title: '评审结果', width: WIDTH - 398, align: 'center' },
    ],
    data.rows.map((r, i) => [String(i + 1), r.name, r.unitName, r.seriesName, r.specialtyName, r.level, r.result]),
  );
  flow.y += 12;
  flow.closing([data.committeeName, chineseDate(data.startsOn)]);

  return end(flow, finished, pageOf);
}
