// Demo data: the expert pool (专家库) of each prefecture's committee, linked to the demo expert and
// chair accounts (demo-expert-<bz|aks>-NN, demo-chair-<bz|aks>). Aksu's pool can form a 副高 news
// committee of 25 (N40-COMMITTEE) with at most three members from one unit; Bayingol's a 中级 one.
// Idempotent: a prefecture that already has a pool is left alone.
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { experts, organisations, users } from '../db/schema.js';
import type { Services } from '../services.js';

interface PoolPlan {
  prefecture: string;
  suffix: 'bz' | 'aks';
  /** Units of the demo tree the first experts work in (two each), then the external employers. */
  treeUnits: string[];
  externalUnits: string[];
}

const PLANS: PoolPlan[] = [
  {
    prefecture: '巴音郭楞蒙古自治州',
    suffix: 'bz',
    treeUnits: ['巴音郭楞日报社', '巴音郭楞蒙古自治州广播电视台', '库尔勒市融媒体中心', '轮台县融媒体中心', '若羌县融媒体中心', '且末县融媒体中心'],
    externalUnits: ['新疆日报社', '新疆广播电视台', '新疆大学新闻与传播学院', '新疆师范大学', '天山网', '新疆人民出版社', '巴音郭楞职业技术学院'],
  },
  {
    prefecture: '阿克苏地区',
    suffix: 'aks',
    treeUnits: ['阿克苏日报社', '阿克苏地区广播电视台', '阿克苏市融媒体中心', '库车市融媒体中心', '温宿县融媒体中心', '沙雅县融媒体中心'],
    externalUnits: ['新疆日报社', '新疆广播电视台', '新疆大学新闻与传播学院', '塔里木大学', '天山网', '新疆人民出版社', '兵团日报社'],
  },
];

/** The demo terms cover the practice year and the next (at most three years, N40-COMMITTEE). */
function term(year: number): { termStart: string; termEnd: string } {
  return { termStart: `${year - 1}-01-01`, termEnd: `${year + 1}-12-31` };
}

async function seedPool(db: Executor, plan: PoolPlan, year: number): Promise<number> {
  const [prefecture] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, plan.prefecture));
  if (!prefecture) return 0;
  const existing = await db.select({ id: experts.id }).from(experts).where(eq(experts.prefectureId, prefecture.id)).limit(1);
  if (existing.length > 0) return 0;
  const usernames = [...Array.from({ length: 25 }, (_, i) => `demo-expert-${plan.suffix}-${String(i + 1).padStart(2, '0')}`), `demo-chair-${plan.suffix}`];
  const accounts = await db.select({ id: users.id, username: users.username, name: users.name }).from(users).where(inArray(users.username, usernames));
  const byName = new Map(accounts.map((a) => [a.username, a]));
  const units = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.name, plan.treeUnits));
  const unitId = new Map(units.map((u) => [u.name, u.id]));
  const rows = usernames.flatMap((username, i) => {
    const account = byName.get(username);
    if (!account) return [];
    // Two experts per unit of the tree, then one per external employer, round the list again.
    const inTree = i < plan.treeUnits.length * 2;
    const unitName = inTree ? plan.treeUnits[Math.floor(i / 2)] : plan.externalUnits[(i - plan.treeUnits.length * 2) % plan.externalUnits.length];
    const senior = username.startsWith('demo-chair') || i < 13;
    return [
      {
        prefectureId: prefecture.id,
        userId: account.id,
        name: account.name,
        seriesId: 'news',
        specialtyIds: i % 2 === 0 ? ['reporter', 'editor'] : ['editor'],
        level: senior ? '正高' : '副高',
        titleName: senior ? (i % 2 === 0 ? '高级记者' : '高级编辑') : i % 2 === 0 ? '主任记者' : '主任编辑',
        unitId: inTree ? (unitId.get(unitName) ?? null) : null,
        unitName,
        phoneCipher: null,
        ...term(year),
      },
    ];
  });
  if (rows.length > 0) await db.insert(experts).values(rows);
  return rows.length;
}

export async function seedDemoExperts(services: Services, year: number): Promise<void> {
  for (const plan of PLANS) await seedPool(services.db, plan, year);
}
