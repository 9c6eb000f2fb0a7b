import { describe, expect, it } from 'vitest';
import { defenceText, drawProblems, quorumState, quorumText, reached, scoreText, toDrawRequest } from './status';

describe('committee stages', () => {
  it('knows which stage has been reached', () => {
    expect(reached('ballot_closed', 'meeting_open')).toBe(true);
    expect(reached('meeting_open', 'meeting_open')).toBe(true);
    expect(reached('formed', 'scoring_closed')).toBe(false);
    expect(reached('confirmed', 'results_publicised')).toBe(true);
  });

  it('N40-MEETING: the quorum line and two thirds present', () => {
    expect(quorumText(5, 7, 5)).toBe('出席 5 / 7，需 ≥ 5');
    expect(quorumState(5, 7)).toBe(true);
    expect(quorumState(4, 7)).toBe(false);
    expect(quorumState(0, 0)).toBe(false);
  });

  it('says how a candidate stands with the defence (B21-7, A24-14)', () => {
    expect(defenceText({ defenceRequired: false, defenceExemptReason: '连续三年驻村', defenceSessionId: null })).toBe('免答辩（连续三年驻村）');
    expect(defenceText({ defenceRequired: true, defenceExemptReason: null, defenceSessionId: null })).toBe('需答辩，未安排');
    expect(defenceText({ defenceRequired: true, defenceExemptReason: null, defenceSessionId: 's1' })).toBe('已安排答辩');
  });

  it('scores to one decimal', () => {
    expect(scoreText(85)).toBe('85.0');
    expect(scoreText(null)).toBe('—');
  });
});

describe('the draw dialog', () => {
  const values = { seriesId: 'news', level: '中级' as const, size: 11, seed: '  ', requiredSpecialtyIds: ['reporter'], meetingDate: '2026-09-20' };

  it('sends a blank seed as null (the server draws and records one)', () => {
    expect(toDrawRequest(values, 11)).toEqual({ request: { ...values, seed: null } });
    expect(toDrawRequest({ ...values, seed: ' 2026-第1次 ' }, 11)).toEqual({ request: { ...values, seed: '2026-第1次' } });
  });

  it('N40-COMMITTEE: an even or too small size is refused before asking the server', () => {
    expect(toDrawRequest({ ...values, size: 10 }, 11)).toEqual({ problems: ['评审委员会人数应为奇数，现为 10 人', '评审委员会人数不得少于 11 人，现为 10 人'] });
    expect(toDrawRequest({ seriesId: 'news' }, null)).toEqual({ problems: ['请选择评审级别', '请选择评审会日期', '请填写评审委员会人数'] });
  });

  it('lists DRAW_FAILED problems, else the field messages, else the message', () => {
    expect(drawProblems({ problems: ['符合条件的专家只有 5 人，不足评审委员会所需的 7 人'] }, [], 'x')).toEqual(['符合条件的专家只有 5 人，不足评审委员会所需的 7 人']);
    expect(drawProblems({}, [{ message: '评审会日期无效' }], 'x')).toEqual(['评审会日期无效']);
    expect(drawProblems(undefined, [], '专家库无法组成评审委员会')).toEqual(['专家库无法组成评审委员会']);
  });
});
