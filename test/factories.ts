// Test data named by role and state. Every call makes fresh, uniquely named organisations and
// people, so test files can share one database and run in parallel.
import { randomBytes, randomInt } from 'node:crypto';
import { makeIdNumber } from '../src/domain/id-number.js';
import type { Role } from '../src/domain/roles.js';
import { hashPasswordWithIterations } from '../src/server/crypto/password-hash.js';
import { generateTotpSecret, totpCode } from '../src/server/crypto/totp.js';
import { memberships, organisations, roleAssignments, users } from '../src/server/db/schema.js';
import type { Services } from '../src/server/services.js';

export const TEST_PASSWORD = 'Kx7#quiet-River';
/** A cheap hash of TEST_PASSWORD; verifyPassword reads the iteration count from the hash. */
const testPasswordHash = hashPasswordWithIterations(TEST_PASSWORD, 1000);

const tag = () => randomBytes(4).toString('hex');
/** A campaign's prefecture code is lower-case letters only (bz, aks): the hex tag spelt in letters. */
const portalCode = (hex: string) => hex.replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]);

export interface TestOrgTree {
  regionId: string;
  prefectureId: string;
  countyId: string;
  departmentId: string;
  unitId: string;
  otherUnitId: string;
  prefectureUnitId: string;
}

/** Region → prefecture → county (department, two units) + one prefecture-level unit. */
export async function createOrgTree(services: Services): Promise<TestOrgTree> {
  const t = tag();
  const insert = async (values: typeof organisations.$inferInsert) => (await services.db.insert(organisations).values(values).returning({ id: organisations.id }))[0].id;
  const regionId = await insert({ kind: 'region', name: `测试自治区${t}` });
  const prefectureId = await insert({ kind: 'prefecture', name: `测试地州${t}`, parentId: regionId, portal: `p${portalCode(t)}` });
  const countyId = await insert({ kind: 'county', name: `测试县${t}`, parentId: prefectureId, countyLevelOrBelow: true });
  const departmentId = await insert({ kind: 'department', name: `测试县委宣传部${t}`, parentId: countyId, countyLevelOrBelow: true });
  const unitId = await insert({ kind: 'unit', name: `测试县融媒体中心${t}`, parentId: countyId, unitKind: 'public_institution', countyLevelOrBelow: true, departmentId });
  const otherUnitId = await insert({ kind: 'unit', name: `测试县文联${t}`, parentId: countyId, unitKind: 'public_institution', countyLevelOrBelow: true, departmentId });
  const prefectureUnitId = await insert({ kind: 'unit', name: `测试日报社${t}`, parentId: prefectureId, unitKind: 'public_institution' });
  return { regionId, prefectureId, countyId, departmentId, unitId, otherUnitId, prefectureUnitId };
}

/**
 * Random but valid identities. Every test file shares one database and one blind-index key, so
 * the space must be large enough that thousands of accounts per run never collide: ~4·10⁹ ID
 * numbers (100 area codes × 40 years of dates × 1000 sequence numbers), 7·10⁹ phone numbers.
 */
export function randomIdNumber(): string {
  const area = `6528${String(randomInt(0, 100)).padStart(2, '0')}`;
  const birth = new Date(Date.UTC(1966, 0, 1) + randomInt(0, 40 * 365) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return makeIdNumber(`${area}${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`);
}

export function randomPhone(): string {
  return `1${randomInt(3, 10)}${randomInt(0, 10)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface CreatedUser {
  id: string;
  username: string;
  idNumber: string;
  phone: string;
  password: string;
  /** Set when the account has TOTP enabled. */
  totpSecret: string | null;
}

export async function createUser(
  services: Services,
  options: { role?: Role; orgId?: string | null; membership?: 'pending' | 'confirmed' | 'rejected'; name?: string; isDemo?: boolean; totp?: boolean } = {},
): Promise<CreatedUser> {
  const username = `u${tag()}`;
  const idNumber = randomIdNumber();
  const phone = randomPhone();
  const totpSecret = options.totp ? generateTotpSecret() : null;
  const [user] = await services.db
    .insert(users)
    .values({
      username,
      name: options.name ?? `测试用户${tag()}`,
      idNumberEnc: services.cipher.encrypt(idNumber),
      idNumberIndex: services.cipher.blindIndex(idNumber),
      phoneEnc: services.cipher.encrypt(phone),
      phoneIndex: services.cipher.blindIndex(phone),
      passwordHash: await testPasswordHash,
      isDemo: options.isDemo ?? false,
      totpEnabled: totpSecret !== null,
      totpSecretEnc: totpSecret ? services.cipher.encrypt(totpSecret) : null,
    })
    .returning({ id: users.id });
  if (options.role) await services.db.insert(roleAssignments).values({ userId: user.id, role: options.role, orgId: options.orgId ?? null });
  if (options.membership && options.orgId) {
    await services.db.insert(memberships).values({ userId: user.id, unitId: options.orgId, status: options.membership });
  }
  return { id: user.id, username, idNumber, phone, password: TEST_PASSWORD, totpSecret };
}

export const currentTotp = (user: CreatedUser) => totpCode(user.totpSecret!, Date.now());
