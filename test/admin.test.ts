// The system administrator's area: the organisation tree (rules, moves, deletes, Excel import and
// its template) and staff accounts.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_IMPORT_COLUMNS } from '../src/server/commands/org/import-organisations.js';
import { organisations, users } from '../src/server/db/schema.js';
import { createOrgTree, createUser, randomPhone, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from './helpers/app.js';
import { readXlsx, uploadFile, xlsxOf } from './helpers/multipart.js';

let t: TestContext;
let org: TestOrgTree;
let admin: TestClient;
const tag = () => randomBytes(4).toString('hex');
const CHINESE = /[\u4e00-\u9fa5]/;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  admin = (await signIn(t, 'system_admin')).client;
});
afterAll(() => t.close());

interface OrgDto {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  code: string | null;
  unitKind: string | null;
  countyLevelOrBelow: boolean;
  departmentId: string | null;
}

const create = (body: Record<string, unknown>) => admin.post('/api/admin/orgs', body);
async function created(body: Record<string, unknown>): Promise<OrgDto> {
  const response = await create(body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
const orgRow = async (id: string) => (await t.services.db.select().from(organisations).where(eq(organisations.id, id)))[0];
const orgsNamed = async (name: string) => t.services.db.select().from(organisations).where(eq(organisations.name, name));

describe('organisation tree', () => {
  it('builds prefecture → county → department → unit under the region', async () => {
    const prefecture = await created({ parentId: org.regionId, kind: 'prefecture', name: `新地州${tag()}` });
    const county = await created({ parentId: prefecture.id, kind: 'county', name: `新县${tag()}`, code: '652999', countyLevelOrBelow: true });
    const department = await created({ parentId: county.id, kind: 'department', name: `新县教育局${tag()}`, countyLevelOrBelow: true });
    const unit = await created({
      parentId: county.id,
      kind: 'unit',
      name: `  新县第一中学${tag()}  `,
      unitKind: 'public_institution',
      countyLevelOrBelow: true,
      departmentId: department.id,
    });
    expect(unit).toMatchObject({ parentId: county.id, kind: 'unit', unitKind: 'public_institution', countyLevelOrBelow: true, departmentId: department.id });
    expect(unit.name).toBe(unit.name.trim());
    expect(county.code).toBe('652999');
    // A unit directly under the prefecture, with a prefecture-level department.
    const prefDept = await created({ parentId: prefecture.id, kind: 'department', name: `地区卫健委${tag()}` });
    await created({ parentId: prefecture.id, kind: 'unit', name: `地区人民医院${tag()}`, unitKind: 'public_institution', departmentId: prefDept.id });

    const list = (await admin.get('/api/admin/orgs')).json<OrgDto[]>();
    for (const o of [prefecture, county, department, unit]) expect(list.find((x) => x.id === o.id)).toEqual(o);
  });

  it('refuses a kind under the wrong parent, with a Chinese message', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['unit under region', { parentId: org.regionId, kind: 'unit', name: `错位单位${tag()}`, unitKind: 'enterprise' }],
      ['county under region', { parentId: org.regionId, kind: 'county', name: `错位县${tag()}` }],
      ['county under county', { parentId: org.countyId, kind: 'county', name: `错位县${tag()}` }],
      ['prefecture under prefecture', { parentId: org.prefectureId, kind: 'prefecture', name: `错位地州${tag()}` }],
      ['unit under unit', { parentId: org.unitId, kind: 'unit', name: `错位单位${tag()}`, unitKind: 'enterprise' }],
      ['department under region', { parentId: org.regionId, kind: 'department', name: `错位部门${tag()}` }],
      ['prefecture at the root', { parentId: null, kind: 'prefecture', name: `无上级地州${tag()}` }],
    ];
    for (const [label, body] of cases) {
      const response = await create(body);
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.message, label).toContain('该类型的机构不能设在所选上级机构之下');
      expect(await orgsNamed(body.name as string), label).toHaveLength(0);
    }
    const missingParent = await create({ parentId: crypto.randomUUID(), kind: 'unit', name: `无上级${tag()}`, unitKind: 'enterprise' });
    expect(missingParent.statusCode).toBe(400);
    expect(missingParent.json().error.message).toContain('上级机构不存在');
  });

  it('a unit needs its unit kind; only a unit has one', async () => {
    const noKind = await create({ parentId: org.countyId, kind: 'unit', name: `无性质${tag()}` });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().error.message).toContain('请选择单位性质');
    expect(noKind.json().error.fields).toContainEqual({ path: 'unitKind', message: '请选择单位性质' });

    const countyWithKind = await create({ parentId: org.prefectureId, kind: 'county', name: `有性质县${tag()}`, unitKind: 'enterprise' });
    expect(countyWithKind.statusCode).toBe(400);
    expect(countyWithKind.json().error.message).toContain('只有用人单位才有单位性质和主管部门');

    const badEnum = await create({ parentId: org.countyId, kind: 'unit', name: `坏性质${tag()}`, unitKind: 'ngo' });
    expect(badEnum.statusCode).toBe(400);
    expect(badEnum.json().error.message).toMatch(CHINESE);
  });

  it('a unit’s department must be a department of the same prefecture', async () => {
    const other = await createOrgTree(t.services); // another prefecture (in another region)
    const foreign = await create({ parentId: org.countyId, kind: 'unit', name: `跨地州${tag()}`, unitKind: 'enterprise', departmentId: other.departmentId });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('主管部门必须与单位属于同一地州');

    const notDept = await create({ parentId: org.countyId, kind: 'unit', name: `非部门${tag()}`, unitKind: 'enterprise', departmentId: org.otherUnitId });
    expect(notDept.statusCode).toBe(400);
    expect(notDept.json().error.message).toContain('主管部门必须是一个行业主管部门');

    // A county department may serve a unit elsewhere in the same prefecture.
    await created({ parentId: org.prefectureId, kind: 'unit', name: `同地州${tag()}`, unitKind: 'enterprise', departmentId: org.departmentId });
  });

  it('two organisations of one name under one parent are refused with 409, not a server error', async () => {
    const name = `重名单位${tag()}`;
    await created({ parentId: org.countyId, kind: 'unit', name, unitKind: 'enterprise' });
    const again = await create({ parentId: org.countyId, kind: 'unit', name, unitKind: 'enterprise' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(CHINESE);
    expect(await orgsNamed(name)).toHaveLength(1);
    // Renaming onto an existing sibling's name is refused the same way.
    const sibling = await created({ parentId: org.countyId, kind: 'unit', name: `另一单位${tag()}`, unitKind: 'enterprise' });
    const rename = await admin.patch(`/api/admin/orgs/${sibling.id}`, { name });
    expect(rename.statusCode).toBe(409);
    expect((await orgRow(sibling.id)).name).toBe(sibling.name);
  });

  it('updates a unit and moves it to another county of the prefecture', async () => {
    const unit = await created({ parentId: org.countyId, kind: 'unit', name: `待改单位${tag()}`, unitKind: 'enterprise' });
    const county2 = await created({ parentId: org.prefectureId, kind: 'county', name: `第二县${tag()}`, countyLevelOrBelow: true });
    const patched = await admin.patch(`/api/admin/orgs/${unit.id}`, { parentId: county2.id, unitKind: 'civil_service_managed', departmentId: org.departmentId });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ id: unit.id, parentId: county2.id, unitKind: 'civil_service_managed', departmentId: org.departmentId });
    expect((await admin.patch(`/api/admin/orgs/${crypto.randomUUID()}`, { name: 'x' })).statusCode).toBe(404);
  });

  it('refuses to move an organisation under itself or its own descendant', async () => {
    const prefecture = await created({ parentId: org.regionId, kind: 'prefecture', name: `移动测试地州${tag()}` });
    const county = await created({ parentId: prefecture.id, kind: 'county', name: `移动测试县${tag()}` });
    const underChild = await admin.patch(`/api/admin/orgs/${prefecture.id}`, { parentId: county.id });
    expect(underChild.statusCode).toBe(400);
    expect(underChild.json().error.message).toContain('不能把机构移动到它自己的下级之下');
    const underSelf = await admin.patch(`/api/admin/orgs/${county.id}`, { parentId: county.id });
    expect(underSelf.statusCode).toBe(400);
    expect(underSelf.json().error.message).toContain('不能把机构移动到它自己的下级之下');
    expect((await orgRow(prefecture.id)).parentId).toBe(org.regionId);
    expect((await orgRow(county.id)).parentId).toBe(prefecture.id);
  });

  it('deletes only a leaf with no people, grants or dependent units', async () => {
    // Children.
    const withChildren = await admin.delete(`/api/admin/orgs/${org.countyId}`);
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().error.message).toContain('不能删除');
    // A department that units report through.
    expect((await admin.delete(`/api/admin/orgs/${org.departmentId}`)).statusCode).toBe(409);
    // Members.
    const withMember = await created({ parentId: org.countyId, kind: 'unit', name: `有人单位${tag()}`, unitKind: 'enterprise' });
    await createUser(t.services, { role: 'applicant', orgId: withMember.id, membership: 'pending' });
    expect((await admin.delete(`/api/admin/orgs/${withMember.id}`)).statusCode).toBe(409);
    // A role grant.
    const withGrant = await created({ parentId: org.countyId, kind: 'unit', name: `有授权单位${tag()}`, unitKind: 'enterprise' });
    await createUser(t.services, { role: 'unit_reviewer', orgId: withGrant.id });
    expect((await admin.delete(`/api/admin/orgs/${withGrant.id}`)).statusCode).toBe(409);
    for (const id of [org.countyId, org.departmentId, withMember.id, withGrant.id]) expect(await orgRow(id), id).toBeDefined();

    const leaf = await created({ parentId: org.countyId, kind: 'unit', name: `空单位${tag()}`, unitKind: 'enterprise' });
    expect((await admin.delete(`/api/admin/orgs/${leaf.id}`)).statusCode).toBe(204);
    expect(await orgRow(leaf.id)).toBeUndefined();
    expect((await admin.get('/api/admin/orgs')).json<OrgDto[]>().some((o) => o.id === leaf.id)).toBe(false);
    expect((await admin.delete(`/api/admin/orgs/${leaf.id}`)).statusCode).toBe(404);
  });

  it('refuses unknown fields and malformed ids', async () => {
    const extra = await create({ parentId: org.countyId, kind: 'unit', name: `多字段${tag()}`, unitKind: 'enterprise', portal: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toContain('不认识的字段');
    expect((await admin.patch('/api/admin/orgs/not-a-uuid', { name: 'x' })).statusCode).toBe(400);
    expect((await admin.delete('/api/admin/orgs/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('Excel import', () => {
  const COLS = ORG_IMPORT_COLUMNS;
  const imp = (file: Buffer, filename?: string, type?: string) => uploadFile(admin, '/api/admin/orgs/import', file, filename, type);

  function sheetFor(k: string, unitKind = '事业单位') {
    const region = `导入自治区${k}`;
    const pref = `${region}/导入地区${k}`;
    const county = `${pref}/导入县${k}`;
    return {
      names: { region, prefecture: `导入地区${k}`, county: `导入县${k}`, dept: `导入县教育局${k}`, unit: `导入县一中${k}`, prefUnit: `导入地区医院${k}` },
      rows: [
        ['', region, '自治区', '', '', '否', ''],
        [region, `导入地区${k}`, '地州', '652900', '', '否', ''],
        [pref, `导入县${k}`, '县市', '652922', '', '是', ''],
        [county, `导入县教育局${k}`, '行业主管部门', '', '', '是', ''],
        [county, `导入县一中${k}`, '用人单位', '', unitKind, '是', `导入县教育局${k}`],
        [pref, `导入地区医院${k}`, '用人单位', '', '企业', '否', ''],
      ],
    };
  }

  it('imports a tree (county flag, unit kind, department), and re-importing updates without duplicates', async () => {
    const k = tag();
    const { names, rows } = sheetFor(k);
    const first = await imp(await xlsxOf(COLS, rows));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 6, updated: 0, errors: [] });

    const [county] = await orgsNamed(names.county);
    const [dept] = await orgsNamed(names.dept);
    const [unit] = await orgsNamed(names.unit);
    const [prefUnit] = await orgsNamed(names.prefUnit);
    expect(county).toMatchObject({ kind: 'county', code: '652922', countyLevelOrBelow: true });
    expect(dept).toMatchObject({ kind: 'department', parentId: county.id, countyLevelOrBelow: true });
    expect(unit).toMatchObject({ kind: 'unit', parentId: county.id, unitKind: 'public_institution', countyLevelOrBelow: true, departmentId: dept.id });
    expect(prefUnit).toMatchObject({ kind: 'unit', unitKind: 'enterprise', countyLevelOrBelow: false });

    const again = await imp(await xlsxOf(COLS, rows));
    expect(again.json()).toEqual({ created: 0, updated: 6, errors: [] });
    const changed = await imp(await xlsxOf(COLS, sheetFor(k, '企业').rows));
    expect(changed.json()).toEqual({ created: 0, updated: 6, errors: [] });
    for (const name of Object.values(names)) expect(await orgsNamed(name), name).toHaveLength(1);
    const [unitAfter] = await orgsNamed(names.unit);
    expect(unitAfter).toMatchObject({ id: unit.id, unitKind: 'enterprise', departmentId: dept.id });
  });

  it('two concurrent imports of the same new rows: never a server error, never a duplicate', async () => {
    const k = tag();
    const { names, rows } = sheetFor(k);
    const file = await xlsxOf(COLS, rows);
    const responses = await Promise.all([imp(file), imp(file), imp(file)]);
    for (const r of responses) expect([200, 409], r.body).toContain(r.statusCode);
    const results = responses.filter((r) => r.statusCode === 200).map((r) => r.json());
    expect(results.filter((r) => r.created === 6)).toHaveLength(1);
    for (const r of results.filter((r) => r.created !== 6)) expect(r).toEqual({ created: 0, updated: 6, errors: [] });
    for (const name of Object.values(names)) expect(await orgsNamed(name), name).toHaveLength(1);
  });

  it('a sheet with bad rows imports nothing and reports every bad row with a Chinese message', async () => {
    const k = tag();
    const { names, rows } = sheetFor(k);
    const bad = [
      ...rows.slice(0, 3), // rows 2-4: fine
      [`${rows[2][0]}/导入县${k}`, `坏类型${k}`, '医院', '', '', '是', ''], // row 5: unknown kind
      [`不存在的上级${k}`, `无上级${k}`, '用人单位', '', '企业', '是', ''], // row 6: unknown parent
      [rows[1][0], `错位单位${k}`, '用人单位', '', '企业', '否', ''], // row 7: unit under the region
      [`${rows[2][0]}/导入县${k}`, `无性质${k}`, '用人单位', '', '', '是', ''], // row 8: no unit kind
      [`${rows[2][0]}/导入县${k}`, `坏标志${k}`, '用人单位', '', '企业', '也许', ''], // row 9: bad 是/否
      [`${rows[2][0]}/导入县${k}`, `坏部门${k}`, '用人单位', '', '企业', '是', `没有这个部门${k}`], // row 10
      [`${rows[2][0]}/导入县${k}`, `坏性质${k}`, '用人单位', '', '协会', '是', ''], // row 11
    ];
    const response = await imp(await xlsxOf(COLS, bad));
    expect(response.statusCode).toBe(200);
    const result = response.json<{ created: number; updated: number; errors: { row: number; message: string }[] }>();
    expect(result.created).toBe(0);
    expect(result.updated).toBe(0);
    expect(result.errors.map((e) => e.row)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    for (const e of result.errors) expect(e.message, `row ${e.row}`).toMatch(CHINESE);
    expect(result.errors[0].message).toContain('机构类型');
    expect(result.errors[1].message).toContain('找不到上级机构');
    expect(result.errors[2].message).toContain('该类型的机构不能设在所选上级机构之下');
    expect(result.errors[3].message).toContain('请选择单位性质');
    // Not even the good rows were saved.
    for (const name of [names.region, names.prefecture, names.county]) expect(await orgsNamed(name), name).toHaveLength(0);
  });

  it('a file that is not an .xlsx, or has the wrong header, is refused with a message', async () => {
    const text = await imp(Buffer.from('上级机构,机构名称\n,乱码单位\n'), 'orgs.xlsx', 'text/csv');
    expect(text.statusCode).toBe(200);
    expect(text.json().created).toBe(0);
    expect(text.json().errors).toEqual([{ row: 0, message: expect.stringContaining('无法读取该文件') }]);

    const wrongHeader = await imp(await xlsxOf(['名称', '类型'], [['某单位', '用人单位']]));
    expect(wrongHeader.json().created).toBe(0);
    expect(wrongHeader.json().errors[0]).toEqual({ row: 1, message: expect.stringContaining('表头应为') });

    const notMultipart = await admin.post('/api/admin/orgs/import', { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json().error.message).toMatch(CHINESE);
  });

  it('the template is a valid .xlsx with the import header, and importing it as-is is understood', async () => {
    const response = await admin.get('/api/admin/orgs/template.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(response.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const { rows } = await readXlsx(response.rawBody);
    expect(rows[0]).toEqual([...ORG_IMPORT_COLUMNS]);
    expect(rows.length).toBeGreaterThan(1);
  });
});

describe('staff accounts', () => {
  const createStaff = (body: Record<string, unknown>) => admin.post('/api/admin/users', body);

  it('creates a staff account (no roles) that can then sign in', async () => {
    const username = `staff.${tag()}`;
    const response = await createStaff({ username: `  ${username.toUpperCase()} `, name: '艾山江·亚生', phone: randomPhone(), initialPassword: 'Qp5&amber-Valley' });
    expect(response.statusCode, response.body).toBe(201);
    const [row] = await t.services.db.select().from(users).where(eq(users.id, response.json().id));
    expect(row.username).toBe(username); // normalised
    expect(row.passwordHash).not.toContain('Qp5&amber-Valley');
    const list = (await admin.get(`/api/admin/users?q=${encodeURIComponent(username)}`)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: row.id, username, roles: [] })]);
    expect(list.items[0].phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);

    const client = new TestClient(t.app);
    expect((await client.login(username, 'Qp5&amber-Valley')).statusCode).toBe(200);
  });

  it('applies the password policy to the initial password', async () => {
    const weak: [string, string][] = [
      ['short', 'Ab1!x'],
      ['two classes', 'abcdefgh12'],
      ['common', 'Password1!'],
      ['contains username', 'Xy7#weakuser'],
    ];
    for (const [label, password] of weak) {
      const response = await createStaff({ username: 'weakuser', name: '弱密码', initialPassword: password });
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.fields.some((f: { path: string }) => f.path === 'initialPassword'), label).toBe(true);
      expect(response.json().error.message, label).toMatch(CHINESE);
    }
    const phone = randomPhone();
    const withPhone = await createStaff({ username: `ph${tag()}`, name: '含手机号', phone, initialPassword: `Ab#${phone}` });
    expect(withPhone.statusCode).toBe(400);
    expect((await t.services.db.select().from(users).where(eq(users.username, 'weakuser'))).length).toBe(0);
  });

  it('applies the username rules, and a taken username is 409', async () => {
    for (const [label, username] of [
      ['too short', 'abc'],
      ['starts with a digit', '1abcde'],
      ['bad characters', 'bad name!'],
      ['Chinese', '管理员账号'],
    ] as const) {
      const response = await createStaff({ username, name: '某职员', initialPassword: 'Qp5&amber-Valley' });
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.fields[0].path, label).toBe('username');
      expect(response.json().error.message, label).toMatch(CHINESE);
    }
    const existing = await createUser(t.services);
    const taken = await createStaff({ username: existing.username, name: '重名', initialPassword: 'Qp5&amber-Valley' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(CHINESE);
    const takenPhone = await createStaff({ username: `tp${tag()}`, name: '重号', phone: existing.phone, initialPassword: 'Qp5&amber-Valley' });
    expect(takenPhone.statusCode).toBe(409);
    expect(takenPhone.json().error.message).toMatch(CHINESE);
  });
});
