import { describe, expect, it } from 'vitest';
import { commitmentDocx, commitmentParagraphs, type CommitmentData } from '../../../../server/documents/commitment';
import { docxParagraphs, documentParagraphs } from './docxText';

const DATA: CommitmentData = {
  campaignTitle: '2026 年巴音郭楞蒙古自治州新闻系列中、初级专业技术职务任职资格评审',
  issuer: '自治州新闻系列职称办公室',
  applicantName: '买买提·艾力',
  idNumberMasked: '652825********0035',
  unitName: '且末县融媒体中心',
  seriesName: '新闻',
  specialtyName: '记者',
  level: '中级',
  titleName: '记者',
  pathName: '自治州新闻系列中、初级评审',
  fraudBanYears: 3,
  signedAt: null,
  applicationId: 'a6e9b503-e0e6-4225-9329-fa2f3adf2624',
};

describe('docxParagraphs', () => {
  it('reads the commitment letter the server writes, word for word', async () => {
    const paragraphs = await docxParagraphs(new Uint8Array(await commitmentDocx(DATA)));
    expect(paragraphs[0]).toBe('个人承诺书');
    expect(paragraphs.slice(1, 1 + commitmentParagraphs(DATA).length)).toEqual(commitmentParagraphs(DATA));
    expect(paragraphs).toContain('承诺人（签字）：');
  });

  it('decodes entities and keeps runs of one paragraph together', () => {
    const xml = '<w:document><w:body><w:p><w:r><w:t>A &amp; B</w:t></w:r><w:r><w:t xml:space="preserve"> &#x4E2D;</w:t></w:r></w:p><w:p></w:p><w:p><w:r><w:t>二</w:t></w:r></w:p></w:body></w:document>';
    expect(documentParagraphs(xml)).toEqual(['A & B 中', '二']);
  });

  it('refuses what is not a ZIP archive', async () => {
    await expect(docxParagraphs(new TextEncoder().encode('not a zip at all, just some text here'))).rejects.toThrow('not a ZIP archive');
  });
});
