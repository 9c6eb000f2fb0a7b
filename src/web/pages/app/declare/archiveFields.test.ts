import { describe, expect, it } from 'vitest';
import { ARCHIVE_KINDS, archiveDataSchemas, type ArchiveKind } from '../../../../domain/application/archive-records';
import { demoArchive } from '../../../../server/seed/demo-archives';
import { ARCHIVE_INPUTS, formItemOf, isRequired, tagsProblem, toFormValues, toRecordData, type ArchiveInput } from './archiveFields';

describe('archive inputs', () => {
  it('cover exactly the fields of each kind’s schema', () => {
    for (const kind of ARCHIVE_KINDS) {
      const schemaKeys = Object.keys(archiveDataSchemas[kind].shape).sort();
      expect(ARCHIVE_INPUTS[kind].map((i) => i.key).sort(), kind).toEqual(schemaKeys);
    }
  });

  it('limit texts to what the schema accepts', () => {
    for (const kind of ARCHIVE_KINDS) {
      for (const input of ARCHIVE_INPUTS[kind]) {
        if (input.type !== 'text') continue;
        const field = (archiveDataSchemas[kind].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[input.key];
        expect(field.safeParse('字'.repeat(input.maxLength)).success, `${kind}.${input.key}`).toBe(true);
        expect(field.safeParse('字'.repeat(input.maxLength + 1)).success, `${kind}.${input.key}`).toBe(false);
      }
    }
  });

  it('offer only values the schema accepts', () => {
    for (const kind of ARCHIVE_KINDS) {
      for (const input of ARCHIVE_INPUTS[kind]) {
        if (input.type !== 'select') continue;
        const field = (archiveDataSchemas[kind].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[input.key];
        for (const option of input.options) expect(field.safeParse(option.value).success, `${kind}.${input.key}=${option.value}`).toBe(true);
      }
    }
  });
});

describe('form values ↔ record data', () => {
  it('round-trips every record of the demo archives through the form', () => {
    for (const record of [...demoArchive('bz', 2026), ...demoArchive('aks', 2026)]) {
      const kind = record.kind as ArchiveKind;
      const data = toRecordData(kind, toFormValues(kind, record.data as Record<string, unknown>));
      expect(data).toEqual(record.data);
      expect(archiveDataSchemas[kind].safeParse(data).success).toBe(true);
    }
  });

  it('turns blanks into null or leaves them out, as each schema expects', () => {
    const data = toRecordData('profile', { post: '', workStartedOn: '2011-07-01', professionalWorkStartedOn: '', retiredOn: undefined, politicalStatus: '群众' });
    expect(data).toEqual({ post: null, workStartedOn: '2011-07-01', civilServant: false, retiredOn: null, politicalStatus: '群众' });
    expect(archiveDataSchemas.profile.safeParse(data).success).toBe(true);
    expect(toRecordData('work', { from: '2020-01-01', to: '', unit: '单位', post: '记者' }).to).toBeNull();
    expect(toRecordData('grassRootsService', { year: 2024, service: 'village-work-team' }).grade).toBeNull();
  });

  it('N40-RECUSAL: a publication’s co-authors are a list of names — trimmed, each once, left out when empty, as the schema takes them', () => {
    const base = { kind: '作品', title: '塔里木河畔的守望者', publishedIn: '巴音郭楞日报', publishedOn: '2024-05-18', representative: true };
    const data = toRecordData('publication', { ...base, coAuthors: [' 张三 ', '李四', '张三', '  '] });
    expect(data).toEqual({ ...base, coAuthors: ['张三', '李四'] });
    expect(archiveDataSchemas.publication.safeParse(data).success).toBe(true);
    expect(toFormValues('publication', data).coAuthors).toEqual(['张三', '李四']);
    expect(toRecordData('publication', { ...base, coAuthors: [] })).toEqual(base);
    expect(toRecordData('publication', { ...base, coAuthors: undefined })).toEqual(base);
    expect(toFormValues('publication', base).coAuthors).toEqual([]);
    expect(isRequired(ARCHIVE_INPUTS.publication.find((i) => i.key === 'coAuthors')!)).toBe(false);
  });

  it('N40-RECUSAL: the co-author input refuses what the schema refuses, and server errors on one name land on the input', () => {
    const input = ARCHIVE_INPUTS.publication.find((i) => i.key === 'coAuthors') as Extract<ArchiveInput, { type: 'tags' }>;
    expect(input.label).toBe('合作者（署名作者，本人除外）');
    const field = archiveDataSchemas.publication.shape.coAuthors;
    const ok = [['字'.repeat(input.maxLength)], Array.from({ length: input.maxCount }, (_, i) => `作者${i}`)];
    const bad = [['字'.repeat(input.maxLength + 1)], Array.from({ length: input.maxCount + 1 }, (_, i) => `作者${i}`)];
    for (const names of ok) expect([tagsProblem(input, names), field.safeParse(names).success]).toEqual([null, true]);
    for (const names of bad) {
      expect(tagsProblem(input, names)).not.toBeNull();
      expect(field.safeParse(names).success).toBe(false);
    }
    expect(formItemOf('data.coAuthors.3')).toEqual(['data', 'coAuthors']);
    expect(formItemOf('data.title')).toEqual(['data', 'title']);
    expect(formItemOf('fileIds.0')).toEqual(['fileIds']);
  });

  it('requires every input the schema does not let be blank', () => {
    const required = (kind: ArchiveKind) => ARCHIVE_INPUTS[kind].filter(isRequired).map((i) => i.key);
    expect(required('profile')).toEqual(['workStartedOn', 'politicalStatus']);
    expect(required('work')).toEqual(['from', 'unit', 'post']);
  });
});
