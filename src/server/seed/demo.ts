// Demo data (demo mode only): the organisation tree and one account per role and prefecture, all
// with the password Zhiping#Demo2026, and the shipped campaigns (./campaigns.ts). Runs once; a
// database that already has it is left alone, except that missing campaigns are still added.
import { eq } from 'drizzle-orm';
import { makeIdNumber } from '../../domain/id-number.js';
import type { Role } from '../../domain/roles.js';
import { appendAudit } from '../audit/append-audit.js';
import { hashPassword } from '../crypto/password-hash.js';
import type { Executor } from '../db/client.js';
import { memberships, organisations, roleAssignments, users } from '../db/schema.js';
import { systemContext } from '../http/context.js';
import type { Services } from '../services.js';
import { DEMO_ORGANISATION_TREE, type SeedOrg } from './organisation-tree.js';
import { beijingDate } from '../../domain/calendar/calendar.js';
import { readCampaignFiles, seedCampaigns, seedDemoCampaigns } from './campaigns.js';
import { seedDemoApplications } from './demo-applications.js';
import { seedDemoArchive } from './demo-archives.js';
import { seedDemoEvaluation } from './demo-evaluation.js';
import { seedDemoExperts } from './demo-experts.js';
import { practiceCampaign } from './practice-campaigns.js';

export const DEMO_PASSWORD = 'Zhiping#Demo2026';

/** Inserts a tree of organisations; returns ids by name (names are unique in the demo tree). */
export async function insertOrganisationTree(db: Executor, root: SeedOrg, parentId: string | null = null, ids = new Map<string, string>()) {
  const [row] = await db
    .insert(organisations)
    .values({
      parentId,
      kind: root.kind,
      name: root.name,
      code: root.code ?? null,
      portal: root.portal ?? null,
      unitKind: root.unitKind ?? null,
      countyLevelOrBelow: root.countyLevelOrBelow ?? false,
      departmentId: root.department ? (ids.get(root.department) ?? null) : null,
    })
    .returning({ id: organisations.id });
  ids.set(root.name, row.id);
  for (const child of root.children ?? []) await insertOrganisationTree(db, child, row.id, ids);
  return ids;
}

interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  org: string | null;
  idPrefix17?: string;
  phone?: string;
}

function prefectureAccounts(suffix: 'bz' | 'aks', prefecture: string, unit: string, department: string, applicant: { name: string; idPrefix17: string; phone: string }): DemoAccount[] {
  const experts = Array.from({ length: 25 }, (_, i) => ({
    username: `demo-expert-${suffix}-${String(i + 1).padStart(2, '0')}`,
    name: `${suffix === 'bz' ? '巴州' : '阿克苏'}专家${String(i + 1).padStart(2, '0')}`,
    role: 'expert' as const,
    org: prefecture,
  }));
  return [
    { username: `demo-applicant-${suffix}`, name: applicant.name, role: 'applicant', org: unit, idPrefix17: applicant.idPrefix17, phone: applicant.phone },
    { username: `demo-unit-${suffix}`, name: `${unit}审核员`, role: 'unit_reviewer', org: unit },
    { username: `demo-dept-${suffix}`, name: `${department}审核员`, role: 'dept_reviewer', org: department },
    { username: `demo-office-${suffix}`, name: `${suffix === 'bz' ? '巴州' : '阿克苏'}评委会办公室`, role: 'office_staff', org: prefecture },
    { username: `demo-finance-${suffix}`, name: `${suffix === 'bz' ? '巴州' : '阿克苏'}财务`, role: 'finance', org: prefecture },
    { username: `demo-chair-${suffix}`, name: `${suffix === 'bz' ? '巴州' : '阿克苏'}评委会主任`, role: 'committee_chair', org: prefecture },
    ...experts,
  ];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  // The Bayingol demo applicant works in 且末县 (county level: B21-5, B21-7 apply).
  ...prefectureAccounts('bz', '巴音郭楞蒙古自治州', '且末县融媒体中心', '且末县委宣传部', { name: '买买提·艾力', idPrefix17: '65282519880512003', phone: '13909960001' }),
  ...prefectureAccounts('aks', '阿克苏地区', '库车市融媒体中心', '库车市委宣传部', { name: '李文静', idPrefix17: '65290219850923004', phone: '13909970002' }),
  { username: 'demo-sysadmin', name: '系统管理员', role: 'system_admin', org: null },
  { username: 'demo-secadmin', name: '安全管理员', role: 'security_admin', org: null },
  { username: 'demo-auditor', name: '审计管理员', role: 'audit_admin', org: null },
];

export async function seedDemoData(services: Services): Promise<'seeded' | 'present'> {
  const [existing] = await services.db.select({ id: users.id }).from(users).where(eq(users.username, 'demo-sysadmin'));
  if (existing) {
    await seedDemoCampaigns(services);
    await seedPracticeCampaigns(services);
    await seedDemoExperts(services, Number(beijingDate(new Date()).slice(0, 4)));
    await seedDemoApplications(services);
    await seedDemoEvaluation(services);
    return 'present';
  }
  // Read before anything is written: a broken campaign file stops start-up with an untouched database.
  const campaignFiles = await readCampaignFiles();
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  await services.db.transaction(async (tx) => {
    const ids = await insertOrganisationTree(tx, DEMO_ORGANISATION_TREE);
    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      const idNumber = account.idPrefix17 ? makeIdNumber(account.idPrefix17) : null;
      const [user] = await tx
        .insert(users)
        .values({
          username: account.username,
          name: account.name,
          idNumberEnc: idNumber ? services.cipher.encrypt(idNumber) : null,
          idNumberIndex: idNumber ? services.cipher.blindIndex(idNumber) : null,
          phoneEnc: account.phone ? services.cipher.encrypt(account.phone) : null,
          phoneIndex: account.phone ? services.cipher.blindIndex(account.phone) : null,
          passwordHash: hashes[i],
          isDemo: true,
        })
        .returning({ id: users.id });
      const orgId = account.org ? ids.get(account.org)! : null;
      await tx.insert(roleAssignments).values({ userId: user.id, role: account.role, orgId });
      if (account.role === 'applicant') {
        await tx.insert(memberships).values({ userId: user.id, unitId: orgId!, status: 'confirmed', decidedAt: new Date() });
        await seedDemoArchive(tx, user.id, account.username.endsWith('-bz') ? 'bz' : 'aks', Number(beijingDate(new Date()).slice(0, 4)));
      }
    }
    await appendAudit(tx, systemContext('demo-seed'), { action: 'demo.seed', objectType: 'system', detail: { accounts: DEMO_ACCOUNTS.length } });
  });
  await seedCampaigns(services, campaignFiles);
  await seedPracticeCampaigns(services);
  await seedDemoExperts(services, Number(beijingDate(new Date()).slice(0, 4)));
  await seedDemoApplications(services);
  await seedDemoEvaluation(services);
  return 'seeded';
}

/** Practice copies of the shipped notices with the declaration window open now (demo mode only). */
async function seedPracticeCampaigns(services: Services): Promise<void> {
  const practice = (await readCampaignFiles())
    .map(({ file, campaign }) => ({ file: `${file}（演示副本）`, campaign: practiceCampaign(campaign, new Date()) }))
    .filter((p): p is { file: string; campaign: NonNullable<typeof p.campaign> } => p.campaign !== null);
  await seedCampaigns(services, practice);
}
