import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qualifiedArchive as archive } from '../../../test/fixtures/applicant-archive.js';
import { parseCampaign } from '../campaign/load.js';
import type { Campaign } from '../campaign/schema.js';
import { LEVELS } from '../campaign/vocabulary.js';
import { defenceRequirement } from '../eligibility/defence.js';
import { defenceDecision, exemptDefenceScore } from './defence.js';

function load(name: string): Campaign {
  const r = parseCampaign(JSON.parse(readFileSync(new URL(`../../../campaigns/${name}.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.campaign;
}
const B21 = load('bayingol-2021-news');
const A24 = load('aksu-2024-news-literature-publishing');

const county = (countyName: string | null, countyLevelOrBelow: boolean) =>
  archive({ unit: { kind: 'public_institution', countyLevelOrBelow, countyName } });

describe('who defends (B21-7, A24-14)', () => {
  it('B21-7: 中级 defends; 初级 is exempt with the reason', () => {
    expect(defenceDecision(B21, '中级', archive())).toEqual({ required: true, exemptReason: null, ruleId: 'B21-7' });
    expect(defenceDecision(B21, '初级', archive())).toEqual({ required: false, exemptReason: '申报初级免于答辩（B21-7）', ruleId: 'B21-7' });
  });

  it('B21-7: 且末县 / 若羌县 and county-level units are exempt, the reason says how the score is given', () => {
    expect(defenceDecision(B21, '中级', county('若羌县', false))).toEqual({
      required: false,
      exemptReason: '在若羌县工作，免于答辩；答辩实行量化赋分的，按当年参加答辩人员的平均分赋分，不实行量化赋分的按通过答辩对待（B21-7）',
      ruleId: 'B21-7',
    });
    expect(defenceDecision(B21, '中级', county('和静县', true))).toMatchObject({
      required: false,
      exemptReason: expect.stringContaining('在县级及以下基层单位工作，免于答辩'),
    });
  });

  it('B21-7: grass-roots service in the campaign year exempts; another year does not', () => {
    const served = archive({ grassRootsService: [{ year: 2021, service: 'poor-village-first-secretary', grade: null }] });
    expect(defenceDecision(B21, '中级', served).exemptReason).toContain('2021 年参加担任深度贫困村第一书记，免于答辩');
    const before = archive({ grassRootsService: [{ year: 2020, service: 'poor-village-first-secretary', grade: null }] });
    expect(defenceDecision(B21, '中级', before).required).toBe(true);
  });

  it('A24-14: 副高 and 正高 defend; 中级 and 初级 are exempt', () => {
    expect(defenceDecision(A24, '副高', archive())).toEqual({ required: true, exemptReason: null, ruleId: 'A24-14' });
    expect(defenceDecision(A24, '正高', archive()).required).toBe(true);
    expect(defenceDecision(A24, '中级', archive())).toEqual({ required: false, exemptReason: '申报中级免于答辩（A24-14）', ruleId: 'A24-14' });
    expect(defenceDecision(A24, '初级', archive()).required).toBe(false);
  });

  it('A24-14: grass-roots service that year exempts a senior candidate; 且末县 does not (not an A24 exemption)', () => {
    const served = archive({ grassRootsService: [{ year: 2024, service: 'innovation-leave', grade: null }] });
    expect(defenceDecision(A24, '正高', served)).toMatchObject({
      required: false,
      ruleId: 'A24-14',
      exemptReason: expect.stringContaining('答辩成绩按当年参加该专业答辩人员的平均分赋分'),
    });
    expect(defenceDecision(A24, '副高', county('且末县', true)).required).toBe(true);
  });

  it('B21-7 / A24-14: the decision is the eligibility verdict the applicant saw, for every level', () => {
    const people = [archive(), county('且末县', false), county('库车市', true)];
    for (const campaign of [B21, A24]) {
      for (const level of LEVELS) {
        for (const facts of people) {
          const verdict = defenceRequirement({ campaign, level, archive: facts });
          const decision = defenceDecision(campaign, level, facts);
          expect(decision.required).toBe(verdict.required);
          expect(decision.ruleId).toBe(verdict.ruleId);
          expect(decision.exemptReason).toBe(verdict.required ? null : verdict.message);
        }
      }
    }
  });

  it('a campaign without a defence rule: nobody defends, no rule id', () => {
    const none: Campaign = { ...B21, rules: { ...B21.rules, defence: null } };
    expect(defenceDecision(none, '中级', archive())).toEqual({
      required: false,
      exemptReason: '本次评审通知未规定专业水平答辩',
      ruleId: null,
    });
  });
});

describe('the exempt candidate’s defence score (B21-7, A24-14)', () => {
  const participants = [
    { specialtyId: 'reporter', score: 80 },
    { specialtyId: 'reporter', score: 85.5 },
    { specialtyId: 'editor', score: 70 },
  ];

  it('B21-7: the average of all of that year’s participants, whatever their specialty', () => {
    expect(exemptDefenceScore(B21.rules.defence, { specialtyId: 'reporter' }, participants)).toBe(78.5);
    expect(exemptDefenceScore(B21.rules.defence, { specialtyId: 'photo' }, participants)).toBe(78.5);
  });

  it('A24-14: the average of that year’s participants of the same specialty', () => {
    expect(exemptDefenceScore(A24.rules.defence, { specialtyId: 'reporter' }, participants)).toBe(82.8); // 82.75 → 82.8
    expect(exemptDefenceScore(A24.rules.defence, { specialtyId: 'editor' }, participants)).toBe(70);
  });

  it('A24-14: nobody of the specialty defended → null, the office decides', () => {
    expect(exemptDefenceScore(A24.rules.defence, { specialtyId: 'photo' }, participants)).toBeNull();
    expect(exemptDefenceScore(B21.rules.defence, { specialtyId: 'reporter' }, [])).toBeNull();
  });

  it('B21-7: a defence that is not scored counts as passed', () => {
    expect(exemptDefenceScore(B21.rules.defence, { specialtyId: 'reporter' }, [], false)).toBe('passed');
  });

  it('A24-14: the notice does not say what an unscored defence means → null, the office decides', () => {
    expect(exemptDefenceScore(A24.rules.defence, { specialtyId: 'reporter' }, participants, false)).toBeNull();
  });

  it('a campaign without a defence rule: nothing to score or fail → passed', () => {
    expect(exemptDefenceScore(null, { specialtyId: 'reporter' }, participants)).toBe('passed');
  });
});
