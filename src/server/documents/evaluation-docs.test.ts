import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  renderMinutesPdf,
  renderQualificationDocumentPdf,
  renderResultsNoticePdf,
  type MinutesData,
  type QualificationDocumentData,
  type ResultsNoticeData,
} from './evaluation-docs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'evaluation-docs-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** The text of each page (pdftotext separates pages with a form feed), whitespace removed. */
function pages(pdf: Buffer): string[] {
  const file = path.join(dir, `${files++}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1).map((page) => page.replace(/\s+/g, ''));
}

// Synthetic people: 10 × 6 distinct three-character names.
const SURNAMES = '王李张刘陈杨赵黄周吴';
const GIVEN = ['建国', '秀英', '志强', '丽娟', '海燕', '文博'];
const UNITS = ['阿克苏地区融媒体中心', '库车市广播电视台', '新疆维吾尔自治区阿克苏地区温宿县融媒体中心（县广播电视台）'];
const people = Array.from({ length: 60 }, (_, i) => ({
  name: SURNAMES[i % 10] + GIVEN[Math.floor(i / 10)],
  unitName: UNITS[i % 3],
  specialtyName: '记者',
}));

const committeeName = '阿克苏地区新闻系列高级职称评审委员会';

const minutes = (n: number): MinutesData => ({
  committeeName,
  campaignTitle: '2024年度阿克苏地区新闻系列高级职称评审',
  level: '副高级',
  meetingOpenedAt: '2024-11-05T01:30:00.000Z',
  place: '阿克苏地区人力资源和社会保障局三楼会议室',
  members: Array.from({ length: 15 }, (_, i) => ({ name: `委员${SURNAMES[i % 10]}${i}`, present: i < 12 })),
  quorum: { members: 15, present: 12, needed: 10 },
  candidates: people.slice(0, n).map((p, i) => ({
    ...p,
    code: `P${String(i + 1).padStart(3, '0')}`,
    voters: 12,
    agree: 9,
    disagree: 2,
    abstain: 1,
    panelOpinion: '该同志长期从事新闻采编工作，业绩突出，代表作质量较高，符合申报条件，建议通过。'.repeat((i % 3) + 1),
    result: i % 7 === 0 ? '未通过' : '通过',
  })),
  chairName: '王主任',
});

const qualification = (n: number): QualificationDocumentData => ({
  documentNumber: '阿地职改〔2024〕12号',
  title: '关于认定王建国等同志具备新闻系列高级专业技术资格的通知',
  issuer: '阿克苏地区职称改革工作领导小组办公室',
  issuedOn: '2024-12-20',
  committeeName,
  levelTitle: '新闻系列副高级职称',
  rows: people.slice(0, n).map((p) => ({ ...p, titleName: '主任记者', qualificationDate: '2024-12-20' })),
});

const notice = (n: number): ResultsNoticeData => ({
  title: '2024年度阿克苏地区新闻系列高级职称评审结果公示',
  committeeName,
  startsOn: '2024-11-06',
  endsOn: '2024-11-12',
  contact: '阿克苏地区职称改革工作领导小组办公室，电话 0997-1234567',
  rows: people.slice(0, n).map((p) => ({ ...p, seriesName: '新闻', level: '副高级', result: '通过' })),
});

/** Every name somewhere in the document, and every page numbered in its footer. */
function expectPaged(texts: string[], names: string[], footer: (page: number, count: number) => string): void {
  for (const name of names) expect(texts.filter((t) => t.includes(name)).length, name).toBeGreaterThan(0);
  texts.forEach((t, i) => expect(t).toContain(footer(i + 1, texts.length)));
}

describe('committee documents', () => {
  it('minutes: attendance, tallies, opinions and signature lines in Chinese', async () => {
    const texts = pages(await renderMinutesPdf(minutes(3)));
    const all = texts.join('');
    for (const expected of [
      `${committeeName}评审会议纪要`,
      '会议时间：2024年11月5日09:30',
      '阿克苏地区人力资源和社会保障局三楼会议室',
      '评审委员会组成人员15人，实到12人，应到会人数不少于10人，达到规定人数，会议有效。',
      '出席委员：委员王0',
      '缺席委员：委员张12、委员刘13、委员陈14',
      '王建国',
      'P001',
      '未通过',
      '该同志长期从事新闻采编工作',
      '主任委员（签字）：王主任',
      '记录人（签字）',
    ]) {
      expect(all).toContain(expected);
    }
    // Absent members are not in the signature list.
    const signatures = all.slice(all.indexOf('出席委员签字'));
    expect(signatures).toContain('委员李11');
    expect(signatures).not.toContain('委员张12');
  });

  it('minutes: 60 candidates page correctly', async () => {
    const texts = pages(await renderMinutesPdf(minutes(60)));
    expect(texts.length).toBeGreaterThan(3);
    expectPaged(texts, people.map((p) => p.name), (page, count) => `第${page}页共${count}页`);
    // Every candidate has a tally row (code) and an opinion heading.
    for (let i = 1; i <= 60; i++) expect(texts.join('')).toContain(`P${String(i).padStart(3, '0')}`);
    expect(texts.join('').match(/评审结果/g)!.length).toBeGreaterThan(1); // header repeated on the next page
  });

  it('qualification document: red header, body and a 60-row list that pages correctly', async () => {
    const texts = pages(await renderQualificationDocumentPdf(qualification(60)));
    const all = texts.join('');
    for (const expected of [
      '阿克苏地区职称改革工作领导小组办公室文件',
      '阿地职改〔2024〕12号',
      '关于认定王建国等同志具备新闻系列高级专业技术资格的通知',
      '现认定王建国等60名同志具备新闻系列副高级职称任职资格',
      '2024年12月20日',
    ]) {
      expect(all).toContain(expected);
    }
    expect(texts.length).toBeGreaterThan(1);
    // Each person on exactly one page: no row lost or repeated across a page break.
    for (const { name } of people.slice(1)) expect(texts.filter((t) => t.includes(name)).length, name).toBe(1);
    expectPaged(texts, people.map((p) => p.name), (page) => `—${page}—`);
    // The header row is repeated on every page that carries rows.
    for (const t of texts.slice(1)) expect(t).toContain('序号姓名工作单位');
  });

  it('results notice: only the minimum fields, a 60-row list that pages correctly', async () => {
    const texts = pages(await renderResultsNoticePdf(notice(60)));
    const all = texts.join('');
    expect(all).toContain('2024年度阿克苏地区新闻系列高级职称评审结果公示');
    expect(all).toContain('公示期：2024年11月6日至2024年11月12日');
    expect(all).toContain('0997-1234567');
    expect(all).toContain('序号姓名工作单位系列专业级别评审结果');
    for (const { name } of people) expect(texts.filter((t) => t.includes(name)).length, name).toBe(1);
    expectPaged(texts, people.map((p) => p.name), (page, count) => `第${page}页共${count}页`);
  });

  it('empty lists render without error', async () => {
    const empty = { ...minutes(0), members: [], quorum: { members: 0, present: 0, needed: 0 }, chairName: null };
    const minutesText = pages(await renderMinutesPdf(empty)).join('');
    expect(minutesText).toContain('本次会议共评审申报人0名');
    expect(minutesText).toContain('（无）');
    const qualificationText = pages(await renderQualificationDocumentPdf(qualification(0))).join('');
    expect(qualificationText).toContain('0名同志');
    expect(qualificationText).toContain('（无）');
    const noticeText = pages(await renderResultsNoticePdf(notice(0))).join('');
    expect(noticeText).toContain('共0人');
    expect(noticeText).toContain('（无）');
  });
});
