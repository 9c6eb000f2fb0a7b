import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import JSZip from 'jszip';
import {
  batchListPdf,
  letterDocx,
  letterPdf,
  publicityNoticeText,
  publicityResultText,
  recommendationReportText,
  type ApplicantLine,
  type PublicityNoticeData,
  type PublicityResultData,
  type RecommendationReportData,
} from './unit-review-docs.js';

const line: ApplicantLine = {
  applicationId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
  unitName: '库尔勒市融媒体中心',
  applicantName: '阿依古丽·买买提',
  seriesName: '新闻',
  specialtyName: '记者',
  level: '中级',
  titleName: '记者',
};
const period = { startsOn: '2024-09-27', endsOn: '2024-10-11', workingDays: 5 };

const notice: PublicityNoticeData = {
  ...line,
  ...period,
  sex: 'female',
  post: '新闻采编',
  politicalStatus: '中共党员',
  politicalConduct: { issuedBy: '库尔勒市融媒体中心党支部', issuedOn: '2024-08-01' },
  achievements: ['2023 年 新疆新闻奖（新疆记协，二等奖）', '论文《融媒体时代的基层报道》，新闻战线，2023-05-01'],
};
const result: PublicityResultData = { ...line, ...period, objectionsReceived: 0, objectionsResolved: 0, issuedOn: '2024-10-12' };
const report: RecommendationReportData = {
  ...line,
  campaignTitle: '2021年度巴音郭楞州新闻系列职称评审',
  issuer: '巴州职称改革工作领导小组办公室',
  publicity: period,
  checks: ['申报材料真实性', '政治表现和职业道德'],
  opinion: '本单位已对提供的申报材料逐一审核，真实准确，同意推荐',
  reviewerName: '王审核',
  recommendedOn: '2024-10-14',
};

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

const collapse = (text: string) => text.replace(/\s+/g, '');

async function documentXml(docx: Buffer): Promise<string> {
  return (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
}

describe('publicity notice', () => {
  it('states who, what for, the conduct, the achievements, the period and how to object', () => {
    const text = publicityNoticeText(notice).paragraphs.join('');
    for (const part of [line.applicantName, '性别：女', '现任岗位：新闻采编', '中共党员', '职称名称：记者', notice.politicalConduct!.issuedBy, ...notice.achievements]) {
      expect(text).toContain(part);
    }
    expect(text).toContain('2024年9月27日至2024年10月11日（共5个工作日）');
    expect(text).toContain('实名反映');
    expect(publicityNoticeText(notice).closing).toEqual([line.unitName, '2024年9月27日']);
  });

  it('writes "无" where the application has no achievements or conduct certificate', () => {
    const paragraphs = publicityNoticeText({ ...notice, achievements: [], politicalConduct: null, post: null }).paragraphs;
    expect(paragraphs[paragraphs.indexOf('三、业绩成果') + 1]).toBe('无');
    expect(paragraphs[paragraphs.indexOf('二、政治表现和职业道德') + 1]).toBe('无');
    expect(paragraphs.join('')).toContain('现任岗位：无');
  });

  it('puts the same text into the PDF and the DOCX', async () => {
    const letter = publicityNoticeText(notice);
    const pdf = await letterPdf(letter);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('职称申报公示通知');
    expect(text).toContain(collapse(line.applicantName));
    expect(text).toContain('2024年9月27日至2024年10月11日');
    expect(text).toContain(line.applicationId);
    const xml = await documentXml(await letterDocx(letter));
    expect(xml).toContain(line.applicantName);
    for (const paragraph of letter.paragraphs) expect(xml).toContain(paragraph);
  });
});

describe('publicity result', () => {
  it('says no objection was received, or how many and that they were resolved', async () => {
    expect(publicityResultText(result).paragraphs).toContain('公示期间未收到异议。');
    expect(publicityResultText({ ...result, objectionsReceived: 2, objectionsResolved: 2 }).paragraphs).toContain('公示期间共收到异议2件，均已调查核实并处理完毕。');
    expect(publicityResultText({ ...result, objectionsReceived: 2, objectionsResolved: 1 }).paragraphs.join('')).toContain('尚有1件正在处理');
    const text = await pdfText(await letterPdf(publicityResultText(result)));
    expect(text).toContain('公示期间未收到异议');
    expect(text).toContain(collapse(line.applicantName));
    expect(await documentXml(await letterDocx(publicityResultText(result)))).toContain(line.applicantName);
  });
});

describe('recommendation report', () => {
  it('carries the opinion, the checks, the reviewer and the date', async () => {
    const letter = recommendationReportText(report);
    const text = await pdfText(await letterPdf(letter));
    expect(text).toContain('单位推荐报告');
    expect(text).toContain(collapse(report.opinion));
    expect(text).toContain('1.申报材料真实性');
    expect(text).toContain('审核人：王审核');
    expect(text).toContain('日期：2024年10月14日');
    const xml = await documentXml(await letterDocx(letter));
    expect(xml).toContain(line.applicantName);
    expect(xml).toContain(`单位推荐意见：${report.opinion}。`);
  });
});

describe('batch covering list', () => {
  it('lists every row with the header, over several pages when long', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ name: `申报人${i + 1}`, unitName: line.unitName, level: '中级', status: '主管部门审核中', recommendedOn: '2024-10-14' }));
    const pdf = await batchListPdf({ number: 7, departmentName: '库尔勒市委宣传部', campaignTitle: report.campaignTitle, rows });
    const text = await pdfText(pdf);
    expect(text).toContain('报送批次7花名册');
    expect(text).toContain('单位推荐时间');
    expect(text).toContain('申报人1');
    expect(text).toContain('申报人60');
    expect(text).toContain('共60人');
    // Every page repeats the header row and says which page of how many it is.
    const pages = Number(/第1页共(\d+)页/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text.split('序号姓名工作单位申报级别状态单位推荐时间')).toHaveLength(pages + 1);
  });
});
