// Forming the evaluation committee for one meeting by drawing experts from the pool (专家库随机抽取).
//
// National rule (《职称评审管理暂行规定》人社部令第40号, 2019): a committee has an odd number of
// members (so a vote cannot split evenly), at least the minimum set for its level; its members hold
// a title of the series at or above the level evaluated; a term lasts at most 3 years.
//
// The draw must be reproducible: the office records the seed, and anyone replaying the draw with
// the same pool, rules and seed gets the same members. Hence a PRNG written here (no dependency
// whose algorithm could change under us) and a canonical order of the pool before shuffling, so
// the order the database happened to return rows in does not matter.
//
// Pure; shared with the web.

import { addYears, isValidDate } from '../campaign/dates.js';
import { LEVELS, levelRank, type Level } from '../campaign/vocabulary.js';

export const LEVEL_ORDER: readonly ['初级', '中级', '副高', '正高'] = LEVELS;

/** An expert evaluates only levels at or below their own title level (national rule). */
export function expertMayEvaluate(expertLevel: Level, candidateLevel: Level): boolean {
  return levelRank(expertLevel) >= levelRank(candidateLevel);
}

export interface PoolExpert {
  id: string;
  name: string;
  seriesId: string;
  specialtyIds: string[];
  level: Level;
  /** null: the expert has no employer unit on record (e.g. retired); not counted against maxPerUnit. */
  unitId: string | null;
  termStart: string /* YYYY-MM-DD */;
  termEnd: string;
}

export interface DrawRules {
  seriesId: string;
  level: Level;
  size: number;
  minMembers: number;
  maxPerUnit: number;
  requiredSpecialtyIds: string[];
  meetingDate: string;
}

export type DrawResult =
  | { ok: true; memberIds: string[]; excluded: { expertId: string; reason: string }[] }
  | { ok: false; problems: string[] /* Chinese */ };

/** National rule: odd and at least the minimum. Chinese problems; empty when the size is fine. */
export function validateCommitteeSize(size: number, minMembers: number): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(minMembers) || minMembers < 1) problems.push(`评审委员会最少人数应为正整数，现为 ${minMembers}`);
  if (!Number.isInteger(size) || size < 1) {
    problems.push(`评审委员会人数应为正整数，现为 ${size}`);
    return problems;
  }
  if (size % 2 === 0) problems.push(`评审委员会人数应为奇数，现为 ${size} 人`);
  if (Number.isInteger(minMembers) && size < minMembers) problems.push(`评审委员会人数不得少于 ${minMembers} 人，现为 ${size} 人`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Seeded PRNG: cyrb128 hashes the seed string to 128 bits, sfc32 generates from them. Both are
// public-domain, well-known and short enough to be checked by eye; changing either changes every
// recorded draw, so the golden test in committee.test.ts pins their output.

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: returns a function giving uniform 32-bit unsigned integers. */
function sfc32(seed: [number, number, number, number]): () => number {
  let [a, b, c, d] = seed;
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** Fisher–Yates shuffle of a copy, driven by the seed. */
function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const next = sfc32(cyrb128(seed));
  // The first outputs of sfc32 still reflect the raw state; discard a few so similar seeds diverge.
  for (let i = 0; i < 15; i++) next();
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor((next() / 4294967296) * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Plain code-unit comparison: locale-independent, so every machine sorts ids the same way. */
function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Qualification.

/** Why an expert may not sit on this committee; empty when they may. */
function disqualifications(e: PoolExpert, rules: DrawRules): string[] {
  const reasons: string[] = [];
  if (e.seriesId !== rules.seriesId) reasons.push('不属于本评审系列');
  if (!expertMayEvaluate(e.level, rules.level)) reasons.push(`职称级别（${e.level}）低于评审级别（${rules.level}）`);
  if (!isValidDate(e.termStart) || !isValidDate(e.termEnd)) {
    reasons.push(`聘期日期无效（${e.termStart} 至 ${e.termEnd}）`);
    return reasons;
  }
  if (e.termEnd < e.termStart) {
    reasons.push(`聘期结束日期（${e.termEnd}）早于开始日期（${e.termStart}）`);
    return reasons;
  }
  // A term of exactly 3 years (start + 3 years, same day) is allowed; one day more is not.
  if (e.termEnd > addYears(e.termStart, 3)) reasons.push(`聘期超过 3 年（${e.termStart} 至 ${e.termEnd}）`);
  if (rules.meetingDate < e.termStart || rules.meetingDate > e.termEnd) {
    reasons.push(`聘期（${e.termStart} 至 ${e.termEnd}）未覆盖评审会日期（${rules.meetingDate}）`);
  }
  return reasons;
}

/** Unit key for the per-unit cap; experts without a unit are not capped together. */
function unitKey(e: PoolExpert): string | null {
  return e.unitId;
}

/** Budget of search steps when looking for members covering every required specialty. */
const COVERAGE_SEARCH_BUDGET = 50_000;

/**
 * Rules: size odd (奇数) and ≥ minMembers; an expert qualifies if same series, level at or above,
 * term covers meetingDate, and term ≤ 3 years (termEnd ≤ termStart + 3 years); at most maxPerUnit
 * from one unit; every required specialty covered by at least one member when the pool allows
 * (else a problem naming the specialty).
 *
 * Draw: the qualified experts, sorted by id, are shuffled with a PRNG seeded by `seed`. Then, for
 * each required specialty (in id order) not yet covered, the first expert in shuffled order who has
 * it and fits the unit cap is taken; if that path cannot cover every specialty within `size`, the
 * next choices are tried (a bounded backtracking search), so a coverage problem is reported only
 * when no choice works. The remaining seats go to the next experts in shuffled order that fit the
 * unit cap. Each qualified expert is therefore equally likely at each step, and the result depends
 * only on (pool as a set, rules, seed).
 *
 * `memberIds` are sorted by id; `excluded` lists the experts of the pool who do not qualify, with
 * the reasons in Chinese, sorted by id (experts merely not drawn are not listed).
 */
export function drawCommittee(pool: readonly PoolExpert[], rules: DrawRules, seed: string): DrawResult {
  const problems = validateCommitteeSize(rules.size, rules.minMembers);
  if (!Number.isInteger(rules.maxPerUnit) || rules.maxPerUnit < 1) {
    problems.push(`同一单位最多抽取人数应为正整数，现为 ${rules.maxPerUnit}`);
  }
  if (!isValidDate(rules.meetingDate)) problems.push(`评审会日期无效：${rules.meetingDate}（应为 YYYY-MM-DD）`);
  if (seed.trim() === '') problems.push('抽取种子不能为空：须记录种子以便复核抽取结果');
  const ids = new Set<string>();
  for (const e of pool) {
    if (ids.has(e.id)) problems.push(`专家库中专家编号重复：${e.id}`);
    ids.add(e.id);
  }
  if (problems.length > 0) return { ok: false, problems };

  const sortedPool = [...pool].sort(byId);
  const excluded: { expertId: string; reason: string }[] = [];
  const qualified: PoolExpert[] = [];
  for (const e of sortedPool) {
    const reasons = disqualifications(e, rules);
    if (reasons.length > 0) excluded.push({ expertId: e.id, reason: reasons.join('；') });
    else qualified.push(e);
  }

  // How many could sit at most, given the unit cap: too few is a problem whatever the seed.
  const perUnit = new Map<string, number>();
  let capacity = 0;
  for (const e of qualified) {
    const key = unitKey(e);
    if (key === null) {
      capacity++;
      continue;
    }
    const n = perUnit.get(key) ?? 0;
    if (n < rules.maxPerUnit) capacity++;
    perUnit.set(key, n + 1);
  }
  if (capacity < rules.size) {
    const unitNote = capacity < qualified.length ? `（按同一单位最多 ${rules.maxPerUnit} 人计算）` : '';
    problems.push(`符合条件的专家只有 ${capacity} 人${unitNote}，不足评审委员会所需的 ${rules.size} 人`);
  }

  const required = [...new Set(rules.requiredSpecialtyIds)].sort();
  for (const s of required) {
    if (!qualified.some((e) => e.specialtyIds.includes(s))) problems.push(`专家库中没有符合条件的“${s}”专业专家`);
  }
  if (problems.length > 0) return { ok: false, problems };

  const order = seededShuffle(qualified, seed);
  const chosen = coverSpecialties(order, required, rules);
  if (!chosen.ok) {
    return {
      ok: false,
      problems: chosen.missing.map(
        (s) => `无法在 ${rules.size} 名委员中覆盖“${s}”专业：具备该专业的专家受同一单位人数限制或名额不足，请扩充专家库或调整抽取规则`,
      ),
    };
  }

  const members = [...chosen.members];
  const counts = unitCounts(members);
  for (const e of order) {
    if (members.length >= rules.size) break;
    if (members.includes(e) || !fitsUnitCap(e, counts, rules.maxPerUnit)) continue;
    members.push(e);
    bump(counts, e);
  }
  // Cannot happen after the capacity check (every unit still has room for its remaining experts
  // up to the cap), kept so a future change to the rules fails loudly rather than seating fewer.
  if (members.length < rules.size) return { ok: false, problems: [`抽取人数不足：只抽到 ${members.length} 人，需要 ${rules.size} 人`] };

  return { ok: true, memberIds: members.map((e) => e.id).sort(), excluded };
}

function unitCounts(members: readonly PoolExpert[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of members) bump(counts, e);
  return counts;
}

function bump(counts: Map<string, number>, e: PoolExpert): void {
  const key = unitKey(e);
  if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
}

function fitsUnitCap(e: PoolExpert, counts: Map<string, number>, maxPerUnit: number): boolean {
  const key = unitKey(e);
  return key === null || (counts.get(key) ?? 0) < maxPerUnit;
}

/**
 * Members covering every required specialty, chosen in shuffled order with backtracking, or the
 * specialties the first (greedy) attempt left uncovered when no choice covers them all within the
 * committee size and the unit cap (or the search budget ran out).
 */
function coverSpecialties(
  order: readonly PoolExpert[],
  required: readonly string[],
  rules: DrawRules,
): { ok: true; members: PoolExpert[] } | { ok: false; missing: string[] } {
  let budget = COVERAGE_SEARCH_BUDGET;
  let greedyMissing: string[] | null = null;

  const search = (members: PoolExpert[], counts: Map<string, number>): PoolExpert[] | null => {
    const missing = required.filter((s) => !members.some((m) => m.specialtyIds.includes(s)));
    if (missing.length === 0) return members;
    if (members.length >= rules.size || budget <= 0) {
      greedyMissing ??= missing;
      return null;
    }
    const target = missing[0];
    let tried = false;
    for (const e of order) {
      if (budget <= 0) break;
      if (members.includes(e) || !e.specialtyIds.includes(target) || !fitsUnitCap(e, counts, rules.maxPerUnit)) continue;
      tried = true;
      budget--;
      const nextCounts = new Map(counts);
      bump(nextCounts, e);
      const found = search([...members, e], nextCounts);
      if (found) return found;
    }
    if (!tried) greedyMissing ??= missing;
    return null;
  };

  const found = search([], new Map());
  if (found) return { ok: true, members: found };
  return { ok: false, missing: greedyMissing ?? [...required] };
}
