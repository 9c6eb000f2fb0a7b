import { describe, expect, it } from 'vitest';
import type { BallotCandidate } from '../../../api/evaluation';
import { ballotPhase, toBallotRequest, votable } from './ballot';

function c(code: string, over: Partial<BallotCandidate> = {}): BallotCandidate {
  return { applicationId: `id-${code}`, code, specialtyName: '记者', reviewAverage: 80, defenceScoreText: null, recused: false, voted: false, ...over };
}

describe('ballot', () => {
  const candidates = [c('A'), c('B', { recused: true }), c('C', { voted: true }), c('D')];

  it('only candidates neither recused nor already voted take a vote', () => {
    expect(candidates.filter(votable).map((x) => x.code)).toEqual(['A', 'D']);
  });

  it('sends one vote per votable candidate and names those without a choice', () => {
    expect(toBallotRequest(candidates, { 'id-A': 'agree', 'id-B': 'disagree', 'id-C': 'abstain' })).toEqual({
      request: { votes: [{ applicationId: 'id-A', choice: 'agree' }] },
      missing: ['D'],
    });
    expect(toBallotRequest(candidates, { 'id-A': 'abstain', 'id-D': 'disagree' }).missing).toEqual([]);
  });

  it('N40-MEETING: only present members vote, only while the meeting is open', () => {
    expect(ballotPhase({ open: false, closed: false, present: false, candidates })).toBe('not_open');
    expect(ballotPhase({ open: true, closed: false, present: false, candidates })).toBe('absent');
    expect(ballotPhase({ open: true, closed: false, present: true, candidates })).toBe('open');
    expect(ballotPhase({ open: true, closed: false, present: true, candidates: [c('C', { voted: true })] })).toBe('done');
    expect(ballotPhase({ open: false, closed: true, present: true, candidates })).toBe('closed');
  });
});
