import { describe, expect, it } from 'vitest';
import type { Level } from '../campaign/vocabulary.js';
import { drawCommittee, expertMayEvaluate, LEVEL_ORDER, validateCommitteeSize, type DrawRules, type PoolExpert } from './committee.js';

const N40 = 'national rule (人社部令第40号)';

function expert(id: string, over: Partial<PoolExpert> = {}): PoolExpert {
  return {
    id,
    name: `专家${id}`,
    seriesId: 'news',
    specialtyIds: ['reporter'],
    level: '正高',
    unitId: `unit-${id}`,
    termStart: '2023-01-01',
    termEnd: '2025-12-31',
    ...over,
  };
}

/** `n` qualified experts e00, e01, … each from their own unit. */
function pool(n: number, over: (i: number) => Partial<PoolExpert> = () => ({})): PoolExpert[] {
  return Array.from({ length: n }, (_, i) => expert(`e${String(i).padStart(2, '0')}`, over(i)));
}

const rules: DrawRules = {
  seriesId: 'news',
  level: '副高',
  size: 7,
  minMembers: 5,
  maxPerUnit: 2,
  requiredSpecialtyIds: [],
  meetingDate: '2024-09-20',
};

/** Another order of the same pool: rotated by a third, then reversed. */
function reorder<T>(xs: readonly T[]): T[] {
  const k = Math.floor(xs.length / 3);
  return [...xs.slice(k), ...xs.slice(0, k)].reverse();
}

function members(result: ReturnType<typeof drawCommittee>): string[] {
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.memberIds;
}

describe('level rule', () => {
  it(`${N40}: an expert evaluates only levels at or below their own title level`, () => {
    expect(LEVEL_ORDER).toEqual(['初级', '中级', '副高', '正高']);
    expect(expertMayEvaluate('正高', '副高')).toBe(true);
    expect(expertMayEvaluate('副高', '副高')).toBe(true);
    expect(expertMayEvaluate('中级', '副高')).toBe(false);
    for (const [i, e] of LEVEL_ORDER.entries()) {
      for (const [j, c] of LEVEL_ORDER.entries()) expect(expertMayEvaluate(e as Level, c as Level)).toBe(i >= j);
    }
  });

  it(`${N40}: experts below the level evaluated are excluded from the draw, with the reason`, () => {
    const p = [...pool(7), expert('low', { level: '中级' })];
    const r = drawCommittee(p, rules, 'seed');
    expect(r).toMatchObject({ ok: true, excluded: [{ expertId: 'low', reason: '职称级别（中级）低于评审级别（副高）' }] });
    expect(members(r)).not.toContain('low');
  });
});

describe('committee size', () => {
  it(`${N40}: the size is odd and at least the minimum`, () => {
    expect(validateCommitteeSize(25, 25)).toEqual([]);
    expect(validateCommitteeSize(27, 25)).toEqual([]);
    expect(validateCommitteeSize(26, 25)).toEqual(['评审委员会人数应为奇数，现为 26 人']);
    expect(validateCommitteeSize(23, 25)).toEqual(['评审委员会人数不得少于 25 人，现为 23 人']);
    expect(validateCommitteeSize(24, 25)).toEqual(['评审委员会人数应为奇数，现为 24 人', '评审委员会人数不得少于 25 人，现为 24 人']);
    expect(validateCommitteeSize(0, 5)).toEqual(['评审委员会人数应为正整数，现为 0']);
    expect(validateCommitteeSize(7.5, 5)).toEqual(['评审委员会人数应为正整数，现为 7.5']);
    expect(validateCommitteeSize(7, 0)).toEqual(['评审委员会最少人数应为正整数，现为 0']);
  });

  it(`${N40}: an even size is refused by the draw`, () => {
    expect(drawCommittee(pool(20), { ...rules, size: 8 }, 'seed')).toEqual({ ok: false, problems: ['评审委员会人数应为奇数，现为 8 人'] });
  });

  it(`${N40}: a pool too small gives a problem saying how many qualify`, () => {
    const r = drawCommittee([...pool(5), expert('other', { seriesId: 'publishing' })], rules, 'seed');
    expect(r).toEqual({ ok: false, problems: ['符合条件的专家只有 5 人，不足评审委员会所需的 7 人'] });
  });

  it(`${N40}: the unit cap counts in "too small" (10 experts from 2 units, at most 2 each)`, () => {
    const r = drawCommittee(pool(10, (i) => ({ unitId: i % 2 === 0 ? 'u1' : 'u2' })), rules, 'seed');
    expect(r).toEqual({ ok: false, problems: ['符合条件的专家只有 4 人（按同一单位最多 2 人计算），不足评审委员会所需的 7 人'] });
  });

  it('draw rules themselves are checked: unit cap, meeting date, seed, duplicate experts', () => {
    const r = drawCommittee([...pool(7), expert('e00')], { ...rules, maxPerUnit: 0, meetingDate: '2024-02-30' }, ' ');
    expect(r).toEqual({
      ok: false,
      problems: [
        '同一单位最多抽取人数应为正整数，现为 0',
        '评审会日期无效：2024-02-30（应为 YYYY-MM-DD）',
        '抽取种子不能为空：须记录种子以便复核抽取结果',
        '专家库中专家编号重复：e00',
      ],
    });
  });
});

describe('qualification', () => {
  it(`${N40}: another series is excluded`, () => {
    const r = drawCommittee([...pool(7), expert('pub', { seriesId: 'publishing' })], rules, 'seed');
    expect(r.ok && r.excluded).toEqual([{ expertId: 'pub', reason: '不属于本评审系列' }]);
  });

  it(`${N40}: the term must cover the meeting date (first and last day included)`, () => {
    const p = [
      ...pool(7),
      expert('ended', { termStart: '2021-09-20', termEnd: '2024-09-19' }),
      expert('future', { termStart: '2024-09-21', termEnd: '2026-12-31' }),
      expert('lastDay', { termStart: '2021-09-20', termEnd: '2024-09-20' }),
      expert('firstDay', { termStart: '2024-09-20', termEnd: '2027-09-19' }),
    ];
    const r = drawCommittee(p, { ...rules, size: 9 }, 'seed');
    expect(r.ok && r.excluded).toEqual([
      { expertId: 'ended', reason: '聘期（2021-09-20 至 2024-09-19）未覆盖评审会日期（2024-09-20）' },
      { expertId: 'future', reason: '聘期（2024-09-21 至 2026-12-31）未覆盖评审会日期（2024-09-20）' },
    ]);
    expect(members(r)).toEqual(expect.arrayContaining(['lastDay', 'firstDay']));
  });

  it(`${N40}: a term longer than 3 years is excluded; exactly 3 years is allowed`, () => {
    const p = [
      ...pool(7),
      expert('three', { termStart: '2022-01-01', termEnd: '2025-01-01', specialtyIds: ['rare'] }),
      expert('long', { termStart: '2022-01-01', termEnd: '2025-01-02' }),
      expert('backwards', { termStart: '2025-01-01', termEnd: '2024-01-01' }),
      expert('bad', { termStart: '2024-13-01', termEnd: '2025-01-01' }),
    ];
    const r = drawCommittee(p, { ...rules, size: 7 }, 'seed');
    expect(r.ok && r.excluded).toEqual([
      { expertId: 'backwards', reason: '聘期结束日期（2024-01-01）早于开始日期（2025-01-01）' },
      { expertId: 'bad', reason: '聘期日期无效（2024-13-01 至 2025-01-01）' },
      { expertId: 'long', reason: '聘期超过 3 年（2022-01-01 至 2025-01-02）' },
    ]);
    // The only expert with "rare" is the 3-year one: requiring it shows they are qualified.
    expect(members(drawCommittee(p, { ...rules, requiredSpecialtyIds: ['rare'] }, 'seed'))).toContain('three');
  });

  it(`${N40}: every reason is given at once`, () => {
    const r = drawCommittee([...pool(7), expert('x', { seriesId: 'publishing', level: '初级', termEnd: '2024-01-01' })], rules, 's');
    expect(r.ok && r.excluded[0].reason).toBe(
      '不属于本评审系列；职称级别（初级）低于评审级别（副高）；聘期（2023-01-01 至 2024-01-01）未覆盖评审会日期（2024-09-20）',
    );
  });
});

describe('random draw', () => {
  const big = pool(40, (i) => ({ unitId: `u${i % 10}` }));

  it(`${N40}: reproducible — the same pool, rules and seed give the same members, whatever the input order`, () => {
    const a = drawCommittee(big, rules, '2024-副高-第1次');
    const b = drawCommittee(reorder(big), rules, '2024-副高-第1次');
    const c = drawCommittee([...big].reverse(), { ...rules, requiredSpecialtyIds: [] }, '2024-副高-第1次');
    expect(members(a)).toHaveLength(7);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it(`${N40}: a different seed gives different members (40 experts, 7 seats)`, () => {
    const drawn = new Set(['s1', 's2', 's3', 's4', 's5'].map((s) => members(drawCommittee(big, rules, s)).join(',')));
    expect(drawn.size).toBe(5);
  });

  it(`${N40}: a recorded draw replays exactly (pins the PRNG: changing it changes every recorded draw)`, () => {
    expect(members(drawCommittee(big, rules, 'golden'))).toMatchInlineSnapshot(`
      [
        "e02",
        "e08",
        "e09",
        "e12",
        "e30",
        "e35",
        "e39",
      ]
    `);
  });

  it(`${N40}: every qualified expert can be drawn (over many seeds nobody is left out)`, () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const id of members(drawCommittee(big, rules, `seed-${i}`))) seen.add(id);
    expect(seen.size).toBe(40);
  });

  it(`${N40}: members are sorted ids of qualified experts, no duplicates`, () => {
    const m = members(drawCommittee(big, rules, 'x'));
    expect([...m].sort()).toEqual(m);
    expect(new Set(m).size).toBe(m.length);
  });
});

describe('unit cap', () => {
  it(`${N40}: at most maxPerUnit members from one unit, for every seed`, () => {
    // 3 big units of 6 and 4 single experts: 7 seats need 2 + 2 + 2 + 1 at least.
    const p = [
      ...pool(18, (i) => ({ unitId: `big${i % 3}` })),
      ...['s1', 's2', 's3', 's4'].map((id) => expert(id)),
    ];
    for (let i = 0; i < 50; i++) {
      const m = members(drawCommittee(p, rules, `seed-${i}`));
      const units = m.map((id) => p.find((e) => e.id === id)!.unitId);
      for (const u of new Set(units)) expect(units.filter((x) => x === u).length).toBeLessThanOrEqual(2);
    }
  });

  it(`${N40}: experts without a unit on record are not capped together`, () => {
    const p = pool(7, () => ({ unitId: null }));
    expect(members(drawCommittee(p, { ...rules, maxPerUnit: 1 }, 'seed'))).toHaveLength(7);
  });
});

describe('specialty coverage', () => {
  it(`${N40}: every required specialty is covered, for every seed`, () => {
    // 30 reporters, one editor, one photographer: both rare ones must always sit.
    const p = [
      ...pool(30),
      expert('editor', { specialtyIds: ['editor'] }),
      expert('photo', { specialtyIds: ['photo', 'reporter'] }),
    ];
    for (let i = 0; i < 30; i++) {
      const m = members(drawCommittee(p, { ...rules, requiredSpecialtyIds: ['photo', 'editor'] }, `seed-${i}`));
      expect(m).toEqual(expect.arrayContaining(['editor', 'photo']));
    }
  });

  it(`${N40}: coverage is found even when the first choice blocks it through the unit cap`, () => {
    // One seat per unit. "a" is held by X (unit U) and Z (unit V); "b" only by Y (unit U). A seed
    // that shuffles X before Z takes X for "a" first, which shuts Y out; the draw must go back and
    // take Z instead. Only {Y, Z} covers both, so every seed must give it.
    const p = [
      expert('X', { unitId: 'U', specialtyIds: ['a'] }),
      expert('Y', { unitId: 'U', specialtyIds: ['b'] }),
      expert('Z', { unitId: 'V', specialtyIds: ['a'] }),
      expert('W', { unitId: 'W', specialtyIds: ['c'] }),
    ];
    for (let i = 0; i < 20; i++) {
      const r = drawCommittee(p, { ...rules, size: 3, minMembers: 3, maxPerUnit: 1, requiredSpecialtyIds: ['b', 'a'] }, `s${i}`);
      expect(members(r)).toEqual(['W', 'Y', 'Z']);
    }
  });

  it(`${N40}: a specialty nobody qualified has is a problem naming it`, () => {
    const p = [...pool(10), expert('oldEditor', { specialtyIds: ['editor'], termEnd: '2024-01-01' })];
    expect(drawCommittee(p, { ...rules, requiredSpecialtyIds: ['editor'] }, 'seed')).toEqual({
      ok: false,
      problems: ['专家库中没有符合条件的“editor”专业专家'],
    });
  });

  it(`${N40}: specialties that cannot all fit in the committee are named`, () => {
    // 3 seats, 4 specialties each held by a different expert.
    const p = ['a', 'b', 'c', 'd'].map((s) => expert(s, { specialtyIds: [s] }));
    const r = drawCommittee(p, { ...rules, size: 3, minMembers: 3, requiredSpecialtyIds: ['a', 'b', 'c', 'd'] }, 'seed');
    expect(r).toEqual({
      ok: false,
      problems: ['无法在 3 名委员中覆盖“d”专业：具备该专业的专家受同一单位人数限制或名额不足，请扩充专家库或调整抽取规则'],
    });
  });

  it(`${N40}: an impossible coverage in a large pool ends (bounded search) with a problem`, () => {
    // 6 specialties, 20 experts each, but only 5 seats: no choice works; the search must stop.
    const p = Array.from({ length: 120 }, (_, i) => expert(`x${String(i).padStart(3, '0')}`, { specialtyIds: [`s${i % 6}`] }));
    const r = drawCommittee(p, { ...rules, size: 5, minMembers: 5, requiredSpecialtyIds: ['s0', 's1', 's2', 's3', 's4', 's5'] }, 'seed');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([expect.stringContaining('“s5”专业')]);
  });
});
