// What the office's campaign configurations say about the evaluation, pure: the series and
// specialties (to name them and fill the selects), the levels offered, and per level the smallest
// committee and the pass-rate policy. Read loosely: a campaign being edited may be incomplete.
import { LEVELS, type Level } from '../../../../domain/campaign/vocabulary';

export interface CatalogSpecialty {
  id: string;
  name: string;
}

export interface CatalogSeries {
  id: string;
  name: string;
  levels: Level[];
  specialties: CatalogSpecialty[];
}

export interface CommitteeRule {
  level: Level;
  minMembers: number;
  maxPerUnit: number;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** The series of one configuration. */
export function seriesOf(config: unknown): CatalogSeries[] {
  const out: CatalogSeries[] = [];
  for (const raw of list(record(config)?.series)) {
    const s = record(raw);
    const id = str(s?.id);
    if (!s || !id) continue;
    const specialties: CatalogSpecialty[] = [];
    for (const rawSp of list(s.specialties)) {
      const sp = record(rawSp);
      const spId = str(sp?.id);
      if (spId) specialties.push({ id: spId, name: str(sp?.name) ?? spId });
    }
    out.push({ id, name: str(s.name) ?? id, levels: list(s.levels).filter(isLevel), specialties });
  }
  return out;
}

/** Series of several configurations, each id once (the later campaign's names and specialties added to the earlier's). */
export function mergeSeries(configs: readonly unknown[]): CatalogSeries[] {
  const byId = new Map<string, CatalogSeries>();
  for (const config of configs) {
    for (const s of seriesOf(config)) {
      const known = byId.get(s.id);
      if (!known) {
        byId.set(s.id, { ...s, levels: [...s.levels], specialties: [...s.specialties] });
        continue;
      }
      for (const l of s.levels) if (!known.levels.includes(l)) known.levels.push(l);
      for (const sp of s.specialties) if (!known.specialties.some((k) => k.id === sp.id)) known.specialties.push(sp);
    }
  }
  for (const s of byId.values()) s.levels.sort((a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b));
  return [...byId.values()];
}

/** The committee rule (N40-COMMITTEE) of a level in one configuration, or null. */
export function committeeRuleOf(config: unknown, level: Level): CommitteeRule | null {
  for (const raw of list(record(record(config)?.evaluation)?.committees)) {
    const c = record(raw);
    if (c?.level !== level) continue;
    const minMembers = typeof c.minMembers === 'number' ? c.minMembers : null;
    const maxPerUnit = typeof c.maxPerUnit === 'number' ? c.maxPerUnit : null;
    if (minMembers === null || maxPerUnit === null) return null;
    return { level, minMembers, maxPerUnit };
  }
  return null;
}

/** '新闻系列', or the id when the catalogue does not know it. */
export function seriesName(catalog: readonly CatalogSeries[], seriesId: string): string {
  return catalog.find((s) => s.id === seriesId)?.name ?? seriesId;
}

/** Names of specialties ('记者、编辑'), unknown ids as they are. */
export function specialtyNames(catalog: readonly CatalogSeries[], specialtyIds: readonly string[]): string {
  const all = catalog.flatMap((s) => s.specialties);
  return specialtyIds.map((id) => all.find((sp) => sp.id === id)?.name ?? id).join('、');
}

/** The smallest odd committee size at least `minMembers` (the draw dialog's starting size). */
export function defaultCommitteeSize(minMembers: number | null): number {
  if (minMembers === null || !Number.isFinite(minMembers) || minMembers < 1) return 7;
  const n = Math.ceil(minMembers);
  return n % 2 === 1 ? n : n + 1;
}
