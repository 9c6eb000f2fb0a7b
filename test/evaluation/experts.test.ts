// The expert pool (专家库, issue 6 section A): add, change, link to an expert account, list with a
// masked phone, Excel template and all-or-nothing import — N40-COMMITTEE (term ≤ 3 years) — and
// who may do it: the office of the prefecture only (another prefecture's office gets 404, other
// roles 403).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experts } from '../../src/server/db/schema.js';
import { EXPERT_IMPORT_COLUMNS } from '../../src/server/commands/evaluation/import-experts.js';
import { createOrgTree, createUser, randomPhone, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestClient, type TestContext } from '../helpers/app.js';
import { readXlsx, uploadFile, xlsxOf } from '../helpers/multipart.js';
import { errorOf } from '../helpers/declaration.js';

let t: TestContext;
let org: TestOrgTree;
let otherOrg: TestOrgTree;
let office: TestClient;
let otherOffice: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  otherOrg = await createOrgTree(t.services);
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
  otherOffice = (await signIn(t, 'office_staff', otherOrg.prefectureId)).client;
});
afterAll(async () => t.close());

const poolCount = async (prefectureId = org.prefectureId) => (await t.services.db.select({ id: experts.id }).from(experts).where(eq(experts.prefectureId, prefectureId))).length;

function body(overrides: Record<string, unknown> = {}) {
  return {
    name: '艾尔肯·测试',
    seriesId: 'news',
    specialtyIds: ['reporter', 'editor'],
    level: '正高',
    titleName: '高级记者',
    unitId: org.prefectureUnitId,
    unitName: '',
    phone: null,
    termStart: '2024-01-01',
    termEnd: '2026-12-31',
    userId: null,
    ...overrides,
  };
}

describe('N40-COMMITTEE expert pool: add, change, list', () => {
  it('adds an expert with a linked expert account; the phone leaves the server masked only and is stored encrypted', async () => {
    const account = await createUser(t.services, { role: 'expert', orgId: org.prefectureId, totp: true, name: '链接专家' });
    const phone = randomPhone();
    const r = await office.post('/api/office/experts', body({ phone, userId: account.id }));
    expect(r.statusCode, r.body).toBe(201);
    const e = r.json();
    expect(e).toMatchObject({ name: '艾尔肯·测试', seriesId: 'news', level: '正高', unitId: org.prefectureUnitId, userId: account.id, accountName: account.username, active: true });
    // The unit's name is taken from the organisation tree when none is typed.
    expect(e.unitName).toMatch(/^测试日报社/);
    expect(e.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(r.body).not.toContain(phone);
    const [row] = await t.services.db.select().from(experts).where(eq(experts.id, e.id));
    expect(row.phoneCipher).not.toContain(phone);
    expect(t.services.cipher.decrypt(row.phoneCipher!)).toBe(phone);

    const list = await office.get('/api/office/experts?seriesId=news&q=艾尔肯');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((x: { id: string }) => x.id)).toContain(e.id);
    expect(list.body).not.toContain(phone);
    expect((await office.get('/api/office/experts?seriesId=publishing')).json().map((x: { id: string }) => x.id)).not.toContain(e.id);
  });

  it('a term of exactly 3 years is allowed; one day more is refused with a Chinese message naming N40-COMMITTEE, and nothing is saved', async () => {
    const ok = await office.post('/api/office/experts', body({ name: '三年聘期', termStart: '2024-03-01', termEnd: '2027-03-01' }));
    expect(ok.statusCode, ok.body).toBe(201);
    const before = await poolCount();
    const r = await office.post('/api/office/experts', body({ name: '超期聘期', termStart: '2024-03-01', termEnd: '2027-03-02' }));
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).message).toContain('聘期不得超过 3 年（N40-COMMITTEE）');
    expect(errorOf(r).fields).toEqual([expect.objectContaining({ path: 'termEnd' })]);
    expect(await poolCount()).toBe(before);
  });

  it('lists every problem at once in Chinese: end before start, bad phone, unit outside the prefecture, an account that is not an expert, bad codes', async () => {
    const applicant = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
    const before = await poolCount();
    const r = await office.post(
      '/api/office/experts',
      body({ termStart: '2025-01-01', termEnd: '2024-01-01', phone: '12345', unitId: otherOrg.unitId, userId: applicant.id, seriesId: 'News!', specialtyIds: ['好'] }),
    );
    expect(r.statusCode).toBe(400);
    const { message, fields } = errorOf(r);
    expect(fields!.map((f) => f.path).sort()).toEqual(['phone', 'seriesId', 'specialtyIds', 'termEnd', 'unitId', 'userId']);
    expect(message).toContain('不能早于开始日期');
    expect(message).toContain('手机号码应为 11 位');
    expect(message).toContain('不在本地州的组织机构中');
    expect(message).toContain('不是本地州的评审专家账号');
    expect(message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await poolCount()).toBe(before);
  });

  it('an account links to one pool entry only; another prefecture’s expert account cannot be linked', async () => {
    const account = await createUser(t.services, { role: 'expert', orgId: org.prefectureId, totp: true });
    expect((await office.post('/api/office/experts', body({ userId: account.id }))).statusCode).toBe(201);
    const again = await office.post('/api/office/experts', body({ userId: account.id }));
    expect(again.statusCode).toBe(400);
    expect(errorOf(again).message).toContain('一个账号只能关联一名专家');
    const foreign = await createUser(t.services, { role: 'expert', orgId: otherOrg.prefectureId, totp: true });
    const r = await office.post('/api/office/experts', body({ userId: foreign.id }));
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).fields![0].path).toBe('userId');
  });

  it('expert accounts of the prefecture (expert and committee chair) are offered for linking, nobody else', async () => {
    const expert = await createUser(t.services, { role: 'expert', orgId: org.prefectureId, totp: true });
    const chair = await createUser(t.services, { role: 'committee_chair', orgId: org.prefectureId, totp: true });
    const foreign = await createUser(t.services, { role: 'expert', orgId: otherOrg.prefectureId, totp: true });
    const staff = await createUser(t.services, { role: 'finance', orgId: org.prefectureId, totp: true });
    const r = await office.get('/api/office/expert-accounts');
    expect(r.statusCode, r.body).toBe(200);
    const ids = r.json().map((a: { userId: string }) => a.userId);
    expect(ids).toEqual(expect.arrayContaining([expert.id, chair.id]));
    expect(ids).not.toContain(foreign.id);
    expect(ids).not.toContain(staff.id);
    expect(r.json().find((a: { userId: string }) => a.userId === expert.id)).toEqual({ userId: expert.id, name: expect.any(String), username: expert.username });
  });

  it('changes are checked against the stored entry; the phone stays unless given; active: false takes the expert out of the pool', async () => {
    const phone = randomPhone();
    const created = (await office.post('/api/office/experts', body({ name: '修改测试', phone, termStart: '2024-01-01', termEnd: '2025-12-31' }))).json();
    const tooLong = await office.patch(`/api/office/experts/${created.id}`, { termEnd: '2027-06-30' });
    expect(tooLong.statusCode).toBe(400);
    expect(errorOf(tooLong).message).toContain('N40-COMMITTEE');
    const r = await office.patch(`/api/office/experts/${created.id}`, { titleName: '主任记者', level: '副高', active: false });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ titleName: '主任记者', level: '副高', active: false, termEnd: '2025-12-31' });
    expect(r.json().phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const cleared = await office.patch(`/api/office/experts/${created.id}`, { phone: null, unitId: null, unitName: '退休' });
    expect(cleared.json()).toMatchObject({ phoneMasked: null, unitId: null, unitName: '退休' });
    const unknown = await office.patch(`/api/office/experts/${created.id}`, { salary: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).message).toContain('不认识的字段');
  });
});

describe('N40-COMMITTEE expert pool: Excel template and import', () => {
  it('the template has the import columns and notes', async () => {
    const r = await office.get('/api/office/experts/template.xlsx');
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-type'])).toContain('spreadsheetml');
    const { rows, workbook } = await readXlsx(r.rawBody);
    expect(rows[0]).toEqual([...EXPERT_IMPORT_COLUMNS]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['评审专家', '填写说明']);
  });

  it('imports valid rows (series and specialties by name or code, unit matched by name, account by user name)', async () => {
    const account = await createUser(t.services, { role: 'expert', orgId: org.prefectureId, totp: true });
    const [unitName] = (await office.get('/api/office/experts')).json().filter((e: { unitId: string | null }) => e.unitId === org.prefectureUnitId).map((e: { unitName: string }) => e.unitName);
    const file = await xlsxOf(EXPERT_IMPORT_COLUMNS, [
      ['导入专家甲', 'news', 'reporter、editor', '副高', '主任记者', unitName, '13912345678', '2024-01-01', '2026-12-31', account.username],
      ['导入专家乙', 'news', 'editor', '正高', '高级编辑', '区外某大学', '', '2024/1/1', '2025.12.31', ''],
    ]);
    const before = await poolCount();
    const r = await uploadFile(office, '/api/office/experts/import', file, 'experts.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 2, errors: [] });
    expect(await poolCount()).toBe(before + 2);
    const [jia] = await t.services.db.select().from(experts).where(and(eq(experts.prefectureId, org.prefectureId), eq(experts.name, '导入专家甲')));
    expect(jia).toMatchObject({ unitId: org.prefectureUnitId, userId: account.id, specialtyIds: ['reporter', 'editor'], level: '副高' });
    const [yi] = await t.services.db.select().from(experts).where(and(eq(experts.prefectureId, org.prefectureId), eq(experts.name, '导入专家乙')));
    expect(yi).toMatchObject({ unitId: null, unitName: '区外某大学', termStart: '2024-01-01', termEnd: '2025-12-31', phoneCipher: null });
  });

  it('with any row in error nothing is imported and every error is listed with its row number', async () => {
    const account = await createUser(t.services, { role: 'expert', orgId: org.prefectureId, totp: true });
    const file = await xlsxOf(EXPERT_IMPORT_COLUMNS, [
      ['正确的行', 'news', 'editor', '正高', '高级编辑', '某单位', '', '2024-01-01', '2026-12-31', account.username],
      ['聘期太长', 'news', 'editor', '正高', '高级编辑', '某单位', '', '2024-01-01', '2028-01-01', ''],
      ['', '', '', '', '', '', '', '', '', ''],
      ['级别不对', 'news', 'editor', '特级', '高级编辑', '某单位', '', '2024-01-01', '2025-01-01', ''],
      ['账号重复', 'news', 'editor', '正高', '高级编辑', '某单位', '', '2024-01-01', '2025-01-01', account.username],
      ['账号不存在', 'news', 'editor', '正高', '高级编辑', '某单位', '1391234', '2024-01-01', '2025-01-01', 'nobody-here'],
      ['温宿\u200b专家', 'news', 'editor', '正高', '高级编辑', '某单位', '', '2024-01-01', '2025-01-01', ''],
    ]);
    const before = await poolCount();
    const r = await uploadFile(office, '/api/office/experts/import', file, 'experts.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    const { created, errors } = r.json();
    expect(created).toBe(0);
    expect(errors.map((e: { row: number }) => e.row)).toEqual([3, 5, 6, 7, 8]);
    expect(errors[0].message).toContain('聘期结束：评审专家聘期不得超过 3 年（N40-COMMITTEE）');
    expect(errors[1].message).toContain('职称级别');
    expect(errors[2].message).toContain('已在第 2 行使用');
    expect(errors[3].message).toContain('找不到账号“nobody-here”');
    expect(errors[3].message).toContain('手机号码');
    expect(errors[4].message).toBe('姓名：包含不允许的控制字符或不可见字符');
    expect(await poolCount()).toBe(before);
  });

  it('a file that is not the template is refused with the expected header', async () => {
    const r = await uploadFile(office, '/api/office/experts/import', await xlsxOf(['姓名', '单位'], [['某某', '某单位']]), 'x.xlsx');
    expect(r.json()).toEqual({ created: 0, errors: [{ row: 1, message: expect.stringContaining('表头应为：姓名、评审系列') }] });
    const broken = await uploadFile(office, '/api/office/experts/import', Buffer.from('not a workbook'), 'x.xlsx');
    expect(broken.json().errors[0].message).toContain('无法读取该文件');
  });
});

describe('expert pool access: own prefecture only (404), office staff only (403)', () => {
  it('another prefecture’s office gets 404 for this pool’s expert and for this prefecture; the list shows only its own', async () => {
    const created = (await office.post('/api/office/experts', body({ name: '本地州专家' }))).json();
    const patch = await otherOffice.patch(`/api/office/experts/${created.id}`, { titleName: '被改了' });
    expect(patch.statusCode).toBe(404);
    expect((await otherOffice.get(`/api/office/experts?prefectureId=${org.prefectureId}`)).statusCode).toBe(404);
    expect((await otherOffice.get(`/api/office/expert-accounts?prefectureId=${org.prefectureId}`)).statusCode).toBe(404);
    expect((await otherOffice.post(`/api/office/experts?prefectureId=${org.prefectureId}`, body())).statusCode).toBe(404);
    const theirs = await otherOffice.get('/api/office/experts');
    expect(theirs.json().map((e: { id: string }) => e.id)).not.toContain(created.id);
    const [row] = await t.services.db.select().from(experts).where(eq(experts.id, created.id));
    expect(row.titleName).toBe('高级记者');
  });

  it('applicant, finance, expert and unit reviewer get 403 on every pool route, and nothing changes', async () => {
    const created = (await office.post('/api/office/experts', body({ name: '权限测试专家' }))).json();
    const file = await xlsxOf(EXPERT_IMPORT_COLUMNS, [['越权导入', 'news', 'editor', '正高', '高级编辑', '某单位', '', '2024-01-01', '2025-01-01', '']]);
    const before = await poolCount();
    for (const [role, orgId] of [
      ['applicant', org.unitId],
      ['finance', org.prefectureId],
      ['expert', org.prefectureId],
      ['unit_reviewer', org.unitId],
    ] as const) {
      const { client } = await signIn(t, role, orgId);
      const answers = [
        await client.get('/api/office/experts'),
        await client.get('/api/office/expert-accounts'),
        await client.post('/api/office/experts', body({ name: '越权专家' })),
        await client.patch(`/api/office/experts/${created.id}`, { titleName: '越权' }),
        await client.get('/api/office/experts/template.xlsx'),
        await uploadFile(client, '/api/office/experts/import', file, 'x.xlsx'),
      ];
      expect(answers.map((a) => a.statusCode), role).toEqual([403, 403, 403, 403, 403, 403]);
    }
    expect(await poolCount()).toBe(before);
  });
});
