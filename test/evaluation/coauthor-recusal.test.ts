// Automatic recusal for co-authorship (N40-RECUSAL): at enrolment, an expert whose pool name is
// among the co-authors of a work in the candidate's application — as submitted (the archive
// snapshot), names compared across width, spaces and middle dots — is recused like an expert of
// the candidate's unit: the office sees the conflict (合作署名, automatic), the expert gets no
// assignment, 404 on the packet and its score sheet, and is refused at the ballot (RECUSED).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveDataSchemas, type ArchiveRecord } from '../../src/domain/application/index.js';
import { applications, archiveRecords, assignments, auditLog, conflicts } from '../../src/server/db/schema.js';
import { maskedRecord } from '../../src/server/presenters/application.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestClient, type TestContext } from '../helpers/app.js';
import { errorOf } from '../helpers/declaration.js';
import { acceptedApplications, BASE_CHOICE, formedCommittee, openMeetingForVoting } from '../helpers/evaluation.js';
import { AKSU_2024 } from '../helpers/campaigns.js';

let t: TestContext;
let org: TestOrgTree;
let office: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
});
afterAll(async () => t?.close());

const SHEET = { items: { achievements: 35, competence: 25.5, works: 15, ethics: 9 }, comment: '作品扎实' };

/** The name as an applicant might type it: full-width letters and digits, a space and a middle dot. */
function writtenDifferently(name: string): string {
  const wide = name.replace(/[0-9a-z]/gi, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  return ` ${wide.slice(0, 2)} ${wide.slice(2, 4)}・${wide.slice(4)} `;
}

function publication(id: string, data: Record<string, unknown>): ArchiveRecord {
  return { id, kind: 'publication', data: archiveDataSchemas.publication.parse(data), fileIds: [] };
}

describe('N40-RECUSAL co-authorship, found at enrolment', () => {
  it('N40-RECUSAL: an expert named as co-author of the candidate’s representative work is recused (office sees 合作署名, 404 on the packet, no score, no vote); the others are not', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 0, enrol: false, office });
    const [coAuthor, colleague, third] = c.experts;
    const choice = BASE_CHOICE[AKSU_2024];
    const [app] = await acceptedApplications(t, org, c.campaignId, { count: 1, seriesId: choice.seriesId, level: choice.level, specialtyId: choice.specialtyId, pathId: choice.pathId });

    // The application as submitted: a representative work with the first expert among its co-authors
    // (written differently), a work with a near miss of the second's name, a record from before co-authors.
    const snapshot: ArchiveRecord[] = [
      publication('pub-1', { kind: '作品', title: '塔里木河畔的守望者', publishedIn: '阿克苏日报', publishedOn: '2023-05-18', representative: true, coAuthors: ['张三', writtenDifferently(coAuthor.name)] }),
      publication('pub-2', { kind: '论文', title: '县级融媒体中心的采编流程再造', publishedIn: '新闻前哨', publishedOn: '2022-09-02', representative: false, coAuthors: [`${colleague.name}江`, '李四'] }),
      publication('pub-3', { kind: '作品', title: '龟兹故地的新农人', publishedIn: '阿克苏日报', publishedOn: '2021-03-12', representative: true }),
    ];
    await t.services.db.update(applications).set({ archiveSnapshot: snapshot }).where(eq(applications.id, app.applicationId));
    // The live archive is not what was submitted: a co-author added there afterwards recuses no one.
    await t.services.db.insert(archiveRecords).values({
      userId: app.applicant.id,
      kind: 'publication',
      data: archiveDataSchemas.publication.parse({ kind: '作品', title: '后来添加的作品', publishedIn: '阿克苏日报', publishedOn: '2024-01-02', representative: false, coAuthors: [third.name] }),
    });

    const enrolled = await office.post(`/api/office/committees/${c.committeeId}/enrol`);
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    expect(enrolled.json()).toEqual({ enrolled: 1 });

    const rows = await t.services.db.select().from(conflicts).where(eq(conflicts.applicationId, app.applicationId));
    expect(rows.map((r) => ({ expertId: r.expertId, kind: r.kind, source: r.source, note: r.note }))).toEqual([
      { expertId: coAuthor.expertId, kind: 'coauthor', source: 'automatic', note: '与申报人合作署名：《塔里木河畔的守望者》' },
    ]);
    const assigned = (await t.services.db.select().from(assignments).where(eq(assignments.applicationId, app.applicationId))).map((a) => a.expertId).sort();
    expect(assigned).toEqual([colleague.expertId, third.expertId].sort());
    const [audit] = await t.services.db.select().from(auditLog).where(and(eq(auditLog.action, 'committee.enrol'), eq(auditLog.objectId, c.committeeId)));
    expect(audit.detail).toMatchObject({ enrolled: 1, automaticConflicts: 1, assignments: 2 });

    // The office sees the conflict, by the candidate's code.
    const detail = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    const code: string = detail.candidates.find((x: { applicationId: string }) => x.applicationId === app.applicationId).code;
    expect(detail.conflicts).toEqual([
      expect.objectContaining({ expertId: coAuthor.expertId, expertName: coAuthor.name, applicationId: app.applicationId, code, kind: 'coauthor', kindLabel: '合作署名', source: 'automatic', note: '与申报人合作署名：《塔里木河畔的守望者》' }),
    ]);

    // Everyone declares again (a newcomer was enrolled), then the desk.
    for (const e of c.experts) expect((await e.client.post(`/api/expert/committees/${c.committeeId}/conflicts`, { persons: [] })).statusCode).toBe(204);
    const packets = `/api/expert/committees/${c.committeeId}/packets`;
    expect((await coAuthor.client.get(packets)).json()).toEqual([]);
    expect((await coAuthor.client.get(`${packets}/${app.applicationId}`)).statusCode).toBe(404);
    expect((await coAuthor.client.request('PUT', `${packets}/${app.applicationId}/score`, { body: SHEET })).statusCode).toBe(404);
    for (const e of [colleague, third]) {
      expect((await e.client.get(packets)).json().map((p: { applicationId: string }) => p.applicationId)).toEqual([app.applicationId]);
      const packet = await e.client.get(`${packets}/${app.applicationId}`);
      expect(packet.statusCode).toBe(200);
      for (const name of ['张三', '李四', coAuthor.name, `${colleague.name}江`]) expect(packet.body).not.toContain(name);
    }
    const scored = await colleague.client.request('PUT', `${packets}/${app.applicationId}/score`, { body: SHEET });
    expect(scored.statusCode, scored.body).toBe(200);

    // The meeting: the co-author is refused at the ballot, another member votes.
    await openMeetingForVoting(t, c.committeeId, c.experts.map((e) => e.expertId));
    const ballot = `/api/expert/committees/${c.committeeId}/ballot`;
    expect((await coAuthor.client.get(ballot)).json().candidates[0]).toMatchObject({ applicationId: app.applicationId, recused: true, voted: false });
    const refused = await coAuthor.client.post(ballot, { votes: [{ applicationId: app.applicationId, choice: 'agree' }] });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('RECUSED');
    expect((await colleague.client.post(ballot, { votes: [{ applicationId: app.applicationId, choice: 'agree' }] })).statusCode).toBe(204);
  });

  it('N40-RECUSAL: one conflict naming every shared work, next to the same-unit conflict of the same expert', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 0, enrol: false, office, expertUnitIds: [org.unitId, null, null] });
    const sameUnit = c.experts.find((e) => e.unitId === org.unitId)!;
    const choice = BASE_CHOICE[AKSU_2024];
    const [app] = await acceptedApplications(t, org, c.campaignId, { count: 1, seriesId: choice.seriesId, level: choice.level, specialtyId: choice.specialtyId, pathId: choice.pathId });
    const snapshot = [
      publication('pub-1', { kind: '作品', title: '甲', publishedIn: '阿克苏日报', publishedOn: '2023-05-18', representative: true, coAuthors: [sameUnit.name] }),
      publication('pub-2', { kind: '著作', title: '乙', publishedIn: '新疆人民出版社', publishedOn: '2022-05-18', representative: true, coAuthors: ['张三', sameUnit.name] }),
    ];
    await t.services.db.update(applications).set({ archiveSnapshot: snapshot }).where(eq(applications.id, app.applicationId));
    expect((await office.post(`/api/office/committees/${c.committeeId}/enrol`)).json()).toEqual({ enrolled: 1 });
    const rows = await t.services.db.select().from(conflicts).where(eq(conflicts.applicationId, app.applicationId));
    expect(rows.map((r) => [r.expertId, r.kind, r.source, r.note]).sort()).toEqual(
      [
        [sameUnit.expertId, 'coauthor', 'automatic', '与申报人合作署名：《甲》、《乙》'],
        [sameUnit.expertId, 'same_unit', 'automatic', '专家与申报人在同一单位工作'],
      ].sort(),
    );
  });
});

describe('A24-7 blind view of a publication', () => {
  it('counts the co-authors but never names them: colleagues point to the applicant’s unit', () => {
    const record = { id: 'pub', kind: 'publication', fileIds: [], data: { kind: '作品', title: '塔里木河畔的守望者', publishedIn: '阿克苏日报', publishedOn: '2023-05-18', representative: true, coAuthors: ['张三', '李四'] } };
    const line = maskedRecord(record as never, ['买买提']);
    expect(line).toBe('作品《塔里木河畔的守望者》，阿克苏日报，2023-05-18（代表作）（另有合作者 2 人）');
  });
});
