import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreeNeeded,
  decideResults,
  meetingQuorate,
  passCap,
  passesVote,
  quorumNeeded,
  tallyVotes,
  VOTE_CHOICE_LABELS,
  type CandidateOutcomeInput,
} from './vote.js';

const N40 = 'national rule (人社部令第40号)';

describe('quorum', () => {
  it(`${N40}: 25 members — 16 present is not quorate, 17 present is`, () => {
    expect(meetingQuorate(25, 16)).toBe(false);
    expect(meetingQuorate(25, 17)).toBe(true);
    expect(meetingQuorate(25, 25)).toBe(true);
    expect(quorumNeeded(25)).toBe(17);
  });

  it(`${N40}: exact thirds — 9 members need 6, 6 of 9 is quorate and 5 is not`, () => {
    expect(quorumNeeded(9)).toBe(6);
    expect(meetingQuorate(9, 6)).toBe(true);
    expect(meetingQuorate(9, 5)).toBe(false);
  });

  it(`${N40}: quorumNeeded is the smallest quorate number present, for every size`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (members) => {
        const q = quorumNeeded(members);
        expect(meetingQuorate(members, q)).toBe(true);
        expect(meetingQuorate(members, q - 1)).toBe(false);
      }),
    );
  });

  it(`${N40}: a committee without members is never quorate; impossible counts throw`, () => {
    expect(meetingQuorate(0, 0)).toBe(false);
    expect(() => meetingQuorate(25, 26)).toThrow('出席人数（26）不能超过评审委员会人数（25）');
    expect(() => meetingQuorate(25, -1)).toThrow(RangeError);
    expect(() => meetingQuorate(25.5, 17)).toThrow(RangeError);
    expect(() => quorumNeeded(-3)).toThrow(RangeError);
  });
});

describe('passing the vote', () => {
  it(`${N40}: with 17 voters 12 agree passes and 11 fails`, () => {
    expect(passesVote(17, 12)).toBe(true);
    expect(passesVote(17, 11)).toBe(false);
    expect(agreeNeeded(17)).toBe(12);
  });

  it(`${N40}: 2/3 exactly passes (10 of 15, 2 of 3)`, () => {
    expect(passesVote(15, 10)).toBe(true);
    expect(passesVote(15, 9)).toBe(false);
    expect(passesVote(3, 2)).toBe(true);
    expect(agreeNeeded(15)).toBe(10);
  });

  it(`${N40}: abstain counts as not agree`, () => {
    const tally = tallyVotes([...Array(11).fill('agree'), ...Array(6).fill('abstain')]);
    expect(tally).toEqual({ agree: 11, disagree: 0, abstain: 6 });
    expect(passesVote(17, tally.agree)).toBe(false);
  });

  it(`${N40}: 0 voters (everyone recused) cannot pass, and no number of votes is enough`, () => {
    expect(passesVote(0, 0)).toBe(false);
    expect(() => agreeNeeded(0)).toThrow('没有有表决权的专家，无法表决');
  });

  it(`${N40}: more agree votes than voters is refused`, () => {
    expect(() => passesVote(17, 18)).toThrow('同意票数（18）不能超过有表决权的专家人数（17）');
  });

  it(`${N40}: agreeNeeded is the smallest passing number, for every number of voters`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (voters) => {
        const n = agreeNeeded(voters);
        expect(passesVote(voters, n)).toBe(true);
        expect(passesVote(voters, n - 1)).toBe(false);
      }),
    );
  });

  it('tallyVotes counts each choice and refuses anything else', () => {
    expect(tallyVotes([])).toEqual({ agree: 0, disagree: 0, abstain: 0 });
    expect(tallyVotes(['agree', 'disagree', 'abstain', 'agree'])).toEqual({ agree: 2, disagree: 1, abstain: 1 });
    expect(() => tallyVotes(['agree', 'maybe' as never])).toThrow('无效的表决意见：maybe');
    expect(VOTE_CHOICE_LABELS).toEqual({ agree: '同意', disagree: '不同意', abstain: '弃权' });
  });
});

describe('pass cap (A24-17)', () => {
  it('A24-17: a rate like 33.3 with 10 candidates → 3', () => {
    expect(passCap(10, 33.3)).toBe(3);
    expect(passCap(10, 33.33)).toBe(3);
    expect(passCap(3, 33.33)).toBe(0);
    expect(passCap(3, 33.34)).toBe(1); // 3 × 33.34 % = 1.0002
    expect(passCap(20, 35)).toBe(7);
    expect(passCap(7, 100)).toBe(7);
    expect(passCap(0, 50)).toBe(0);
  });

  it('A24-17: the floor is exact where floating point would not be (100 × 0.07 %, 29 × 10 %)', () => {
    // 0.07 * 100 = 7.000000000000001 and 29 * 0.1 = 2.9000000000000004 in floating point.
    expect(passCap(10_000, 0.07)).toBe(7);
    expect(passCap(29, 10)).toBe(2);
    expect(passCap(30, 10)).toBe(3);
  });

  it('A24-17: a rate outside (0, 100] or with more than two decimals is refused', () => {
    expect(() => passCap(10, 0)).toThrow(RangeError);
    expect(() => passCap(10, 100.5)).toThrow(RangeError);
    expect(() => passCap(10, 33.333)).toThrow('通过率最多保留两位小数：33.333');
    expect(() => passCap(10, Number.NaN)).toThrow(RangeError);
  });
});

function cand(applicationId: string, agree: number, score: number | null, voters = 17, level = '副高'): CandidateOutcomeInput {
  return { applicationId, level, voters, tally: { agree, disagree: voters - agree, abstain: 0 }, score };
}

const byId = (outcomes: ReturnType<typeof decideResults>) => Object.fromEntries(outcomes.map((o) => [o.applicationId, o]));

describe('results (A24-17 and the national 2/3 rule)', () => {
  it(`${N40}: uncapped levels — everyone passing the vote passes, the rest fail, in input order`, () => {
    const out = decideResults([cand('a', 11, 80), cand('b', 12, 70), cand('c', 17, null)], { policy: 'uncapped' });
    expect(out).toEqual([
      { applicationId: 'a', passedVote: false, result: 'failed', rank: null },
      { applicationId: 'b', passedVote: true, result: 'passed', rank: 2 },
      { applicationId: 'c', passedVote: true, result: 'passed', rank: 1 },
    ]);
  });

  it('A24-17: the cap counts every voted candidate, those who failed the vote included', () => {
    // 10 candidates at 30 % → 3 may pass; 4 passed the vote.
    const list = [
      cand('p1', 17, 90),
      cand('p2', 16, 90),
      cand('p3', 15, 90),
      cand('p4', 14, 90),
      ...['f1', 'f2', 'f3', 'f4', 'f5', 'f6'].map((id) => cand(id, 5, 90)),
    ];
    const r = byId(decideResults(list, { policy: 'capped', ratePercent: 30 }));
    expect([r.p1.result, r.p2.result, r.p3.result, r.p4.result]).toEqual(['passed', 'passed', 'passed', 'failed_cap']);
    expect(r.p4).toMatchObject({ passedVote: true, rank: 4 });
    expect(r.f1).toEqual({ applicationId: 'f1', passedVote: false, result: 'failed', rank: null });
  });

  it('A24-17: ties straddling the cap line are all left to the committee, whatever the input order', () => {
    // 10 candidates at 20 % → 2 may pass. a leads; b and c tie (same agree, same score) for the 2nd seat.
    const others = Array.from({ length: 7 }, (_, i) => cand(`x${i}`, 3, null));
    const list = [cand('c', 15, 85.5), cand('a', 16, 80), cand('b', 15, 85.5), cand('d', 14, 99), ...others];
    for (const order of [list, [...list].reverse()]) {
      const r = byId(decideResults(order, { policy: 'capped', ratePercent: 20 }));
      expect(r.a).toMatchObject({ result: 'passed', rank: 1 });
      expect(r.b).toMatchObject({ result: 'tied_at_cap', rank: 2 });
      expect(r.c).toMatchObject({ result: 'tied_at_cap', rank: 2 });
      expect(r.d).toMatchObject({ result: 'failed_cap', rank: 4 });
    }
  });

  it('A24-17: a tie group right at the top straddling a cap of 1 is tied, nobody passes outright', () => {
    const list = [cand('a', 17, 80), cand('b', 17, 80), cand('c', 2, null), cand('d', 2, null), cand('e', 2, null)];
    const r = byId(decideResults(list, { policy: 'capped', ratePercent: 20 })); // 5 × 20 % = 1
    expect([r.a.result, r.b.result]).toEqual(['tied_at_cap', 'tied_at_cap']);
  });

  it('A24-17: ties entirely inside the cap all pass', () => {
    // 10 at 30 % → 3; b and c tie for 2nd and 3rd, both inside.
    const others = Array.from({ length: 6 }, (_, i) => cand(`x${i}`, 0, null));
    const list = [cand('a', 16, 80), cand('b', 15, 70), cand('c', 15, 70), cand('d', 14, 90), ...others];
    const r = byId(decideResults(list, { policy: 'capped', ratePercent: 30 }));
    expect([r.a.result, r.b.result, r.c.result, r.d.result]).toEqual(['passed', 'passed', 'passed', 'failed_cap']);
    expect([r.a.rank, r.b.rank, r.c.rank, r.d.rank]).toEqual([1, 2, 2, 4]);
  });

  it('A24-17: same agree votes — the higher score wins the last seat', () => {
    const list = [cand('a', 15, 81.2), cand('b', 15, 81.3), cand('c', 1, null), cand('d', 1, null)];
    const r = byId(decideResults(list, { policy: 'capped', ratePercent: 25 })); // 4 × 25 % = 1
    expect(r.b).toMatchObject({ result: 'passed', rank: 1 });
    expect(r.a).toMatchObject({ result: 'failed_cap', rank: 2 });
  });

  it('A24-17: agree votes rank before score (more votes beats a higher score)', () => {
    const list = [cand('a', 14, 99), cand('b', 15, 60), cand('c', 1, null), cand('d', 1, null)];
    const r = byId(decideResults(list, { policy: 'capped', ratePercent: 25 }));
    expect(r.b.result).toBe('passed');
    expect(r.a.result).toBe('failed_cap');
  });

  it('A24-17: a missing score ranks below every score, even 0', () => {
    const list = [cand('none', 15, null), cand('zero', 15, 0), cand('c', 1, null), cand('d', 1, null)];
    const r = byId(decideResults(list, { policy: 'capped', ratePercent: 25 }));
    expect(r.zero).toMatchObject({ result: 'passed', rank: 1 });
    expect(r.none).toMatchObject({ result: 'failed_cap', rank: 2 });
  });

  it('A24-17: two missing scores with the same votes are a tie', () => {
    const list = [cand('a', 15, null), cand('b', 15, null), cand('c', 1, null), cand('d', 1, null)];
    const r = byId(decideResults(list, { policy: 'capped', ratePercent: 25 }));
    expect([r.a.result, r.b.result]).toEqual(['tied_at_cap', 'tied_at_cap']);
  });

  it('A24-17: a cap of 0 (too few candidates for the rate) lets nobody pass', () => {
    const r = decideResults([cand('a', 17, 95), cand('b', 17, 90)], { policy: 'capped', ratePercent: 33.3 });
    expect(r.map((o) => o.result)).toEqual(['failed_cap', 'failed_cap']);
  });

  it('A24-17: voters differ per candidate (recusal) — each candidate is judged on their own voters', () => {
    // 12 of 16 voters passes (36 ≥ 32); 11 of 17 does not.
    const list = [cand('a', 12, 70, 16), cand('b', 11, 99, 17)];
    const r = byId(decideResults(list, { policy: 'uncapped' }));
    expect(r.a.result).toBe('passed');
    expect(r.b.result).toBe('failed');
  });

  it('A24-17: a capped level whose rate is not set cannot be decided', () => {
    expect(() => decideResults([cand('a', 17, 90)], { policy: 'capped', ratePercent: null })).toThrow('通过率尚未设定');
  });

  it('A24-17: a capped decision covers one level only', () => {
    expect(() => decideResults([cand('a', 17, 90), cand('b', 17, 90, 17, '正高')], { policy: 'capped', ratePercent: 50 })).toThrow(
      '设置通过率的级别须分别判定',
    );
  });

  it(`${N40}: more ballots than voters, duplicate candidates and bad scores are refused`, () => {
    const surplus = { ...cand('a', 10, 80), tally: { agree: 10, disagree: 5, abstain: 3 } };
    expect(() => decideResults([surplus], { policy: 'uncapped' })).toThrow('申报 a 的票数（18）超过有表决权的专家人数（17）');
    expect(() => decideResults([cand('a', 1, 1), cand('a', 2, 2)], { policy: 'uncapped' })).toThrow('申报 a 重复出现');
    expect(() => decideResults([cand('a', 12, Number.NaN)], { policy: 'uncapped' })).toThrow(RangeError);
  });

  it('A24-17: never more than the cap pass, and the result does not depend on input order', () => {
    const candidate = fc.record({
      agree: fc.integer({ min: 0, max: 9 }),
      score: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 10_000 }), (raw, rateHundredths) => {
        const list = raw.map((c, i) => cand(`c${i}`, c.agree, c.score, 9));
        const rate = rateHundredths / 100;
        const out = decideResults(list, { policy: 'capped', ratePercent: rate });
        const cap = passCap(list.length, rate);
        expect(out.filter((o) => o.result === 'passed').length).toBeLessThanOrEqual(cap);
        const passedOrTied = out.filter((o) => o.result === 'passed' || o.result === 'tied_at_cap').length;
        expect(passedOrTied >= Math.min(cap, out.filter((o) => o.passedVote).length)).toBe(true);
        const reversed = decideResults([...list].reverse(), { policy: 'capped', ratePercent: rate });
        expect(byId(reversed)).toEqual(byId(out));
      }),
    );
  });
});
