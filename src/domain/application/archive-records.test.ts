import { describe, expect, it } from 'vitest';
import { archiveDataSchemas, describeRecord, MAX_CO_AUTHORS, type ArchiveRecord } from './archive-records.js';

const publication = { kind: '作品', title: '塔里木河畔的守望者', publishedIn: '巴音郭楞日报', publishedOn: '2024-05-18', representative: true } as const;
const record = (data: Record<string, unknown>): ArchiveRecord => ({ id: 'r1', kind: 'publication', data: data as never, fileIds: [] });

describe('publication co-authors (N40-RECUSAL)', () => {
  it('a record stored before co-authors existed still parses, and keeps no co-authors', () => {
    const parsed = archiveDataSchemas.publication.safeParse(publication);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(publication);
  });

  it('co-author names are trimmed, each 1–50 characters, at most 30; nothing else is added to the record', () => {
    expect(archiveDataSchemas.publication.parse({ ...publication, coAuthors: [' 张三 ', '买买提·吐尔逊'] }).coAuthors).toEqual(['张三', '买买提·吐尔逊']);
    expect(archiveDataSchemas.publication.parse({ ...publication, coAuthors: [] }).coAuthors).toEqual([]);
    expect(archiveDataSchemas.publication.safeParse({ ...publication, coAuthors: ['字'.repeat(50)] }).success).toBe(true);
    const tooLong = archiveDataSchemas.publication.safeParse({ ...publication, coAuthors: ['张三', '字'.repeat(51)] });
    expect(tooLong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['coAuthors.1', '合作者姓名不超过 50 个字']]);
    const blank = archiveDataSchemas.publication.safeParse({ ...publication, coAuthors: ['  '] });
    expect(blank.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['coAuthors.0', '合作者姓名不能为空']]);
    const names = Array.from({ length: MAX_CO_AUTHORS + 1 }, (_, i) => `作者${i}`);
    expect(archiveDataSchemas.publication.safeParse({ ...publication, coAuthors: names.slice(0, MAX_CO_AUTHORS) }).success).toBe(true);
    expect(archiveDataSchemas.publication.safeParse({ ...publication, coAuthors: names }).error?.issues[0].message).toBe('合作者最多 30 人');
    expect(archiveDataSchemas.publication.safeParse({ ...publication, coAuthors: '张三' }).success).toBe(false);
    expect(archiveDataSchemas.publication.safeParse({ ...publication, coAuthors: [], authors: [] }).success).toBe(false);
  });

  it('the one-line summary names the co-authors when there are any', () => {
    expect(describeRecord(record({ ...publication, coAuthors: ['张三', '李四'] }))).toBe('作品《塔里木河畔的守望者》，巴音郭楞日报，2024-05-18（代表作）（合作者：张三、李四）');
    expect(describeRecord(record({ ...publication, coAuthors: [] }))).toBe('作品《塔里木河畔的守望者》，巴音郭楞日报，2024-05-18（代表作）');
    expect(describeRecord(record(publication))).toBe('作品《塔里木河畔的守望者》，巴音郭楞日报，2024-05-18（代表作）');
  });
});
