import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { organisations } from '../db/schema.js';
import type { OrgRow } from '../commands/org/rules.js';

export async function loadOrgMap(db: Executor): Promise<Map<string, OrgRow>> {
  const rows = await db
    .select({ id: organisations.id, parentId: organisations.parentId, kind: organisations.kind, name: organisations.name, departmentId: organisations.departmentId })
    .from(organisations);
  return new Map(rows.map((r) => [r.id, r]));
}

export function listOrganisations(db: Executor) {
  return db.select().from(organisations).orderBy(asc(organisations.kind), asc(organisations.name));
}

export function listPrefectures(db: Executor) {
  return db
    .select({ id: organisations.id, name: organisations.name, portal: organisations.portal })
    .from(organisations)
    .where(eq(organisations.kind, 'prefecture'))
    .orderBy(asc(organisations.name));
}

/** Employer units of a prefecture: directly under it, or under one of its counties. */
export async function listUnitsOfPrefecture(db: Executor, prefectureId: string) {
  const counties = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.parentId, prefectureId), eq(organisations.kind, 'county')));
  const countyName = new Map(counties.map((c) => [c.id, c.name]));
  const units = await db
    .select({ id: organisations.id, name: organisations.name, parentId: organisations.parentId })
    .from(organisations)
    .where(and(eq(organisations.kind, 'unit'), inArray(organisations.parentId, [prefectureId, ...countyName.keys()])))
    .orderBy(asc(organisations.name));
  return units.map((u) => ({ id: u.id, name: u.name, countyName: countyName.get(u.parentId ?? '') ?? null }));
}

/** The prefecture an organisation lies in (a unit's, for the campaigns it may declare in), or null. */
export async function prefectureOf(db: Executor, orgId: string): Promise<string | null> {
  let current: string | null = orgId;
  for (let depth = 0; current && depth < 10; depth += 1) {
    const [row] = await db.select({ kind: organisations.kind, parentId: organisations.parentId }).from(organisations).where(eq(organisations.id, current));
    if (!row) return null;
    if (row.kind === 'prefecture') return current;
    current = row.parentId;
  }
  return null;
}
