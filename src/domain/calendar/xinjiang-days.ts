// Xinjiang regional overlay: the days off for 肉孜节 (Eid al-Fitr) and 古尔邦节 (Eid al-Adha).
//
// Legal basis: 《新疆维吾尔自治区少数民族习惯节日放假办法》 as amended by 自治区人民政府令第174号
// (2011). Each year the regional government (自治区人民政府办公厅) announces the dates in its
// notice 《关于 X 年节假日放假安排和冬夏季作息时间的通知》 (late December), sometimes corrected
// later when 中国伊斯兰教协会 fixes the festival date. The notices reproduced for 2022, 2023 and
// 2025 all follow one pattern, which is what the estimated entries below also follow:
//   - 肉孜节: 1 working day off. When the festival falls on a weekend or inside a national holiday,
//     the region still gives a working day off next to it (2022: festival 5-03 inside 劳动节 → 5-05
//     off; 2023: festival Saturday 4-22 → Friday 4-21 off).
//   - 古尔邦节: 3 working days off, joined with the adjacent weekend (2022: Sunday 7-10 → 7-09…7-13;
//     2025: Friday 6-06 → 6-06…6-10).
// NOTE: this contradicts the simpler assumption "a festival on a weekend or national holiday gives
// no extra day"; the notices show the region does give the day.
//
// Certainty (as of writing; an administrator must check each uncertain year against the regional
// notice and correct it with an overlay entry of region 'xinjiang' — see calendar.ts):
//   CERTAIN   2022, 2023, 2025: dates copied from the text of the regional notice as reproduced
//             by news sites (2023 also by a county government site, 阿合奇县, relaying it).
//   LIKELY    2021 古尔邦节 7-20…7-22: secondary reports of the regional notice of 2021-07-02.
//   ESTIMATED 2021 肉孜节, 2024 both festivals, 2026 both festivals: the festival date is the
//             astronomical / 中国伊斯兰教协会 date as commonly reported, the days off follow the
//             pattern above. Where the pattern left a choice we took the reading with MORE days
//             off, because every use of this calendar is a minimum period ("≥ 5 working days"):
//             an extra day off only lengthens a publicity, a missing one would cut it short.
//
// Entries list the whole announced range, weekend days included, so each year can be compared
// with its notice line by line; a weekend day in the list changes nothing.
//
// Pure module: no I/O, safe for the browser bundle.

import type { CalendarOverlayEntry } from './calendar.js';

export type RegionalDay = CalendarOverlayEntry & {
  /** How sure we are; see the header. */
  certainty: 'announced' | 'reported' | 'estimated';
  /** Where the date comes from, for the administrator who checks it. */
  source: string;
};

const NOTICE_2022 = '自治区人民政府办公厅《关于2022年节假日放假安排和冬夏季作息时间的通知》（转载文本）';
const NOTICE_2023 = '自治区人民政府办公厅《关于2023年节假日放假安排和冬夏季作息时间的通知》（2022-12-25，转载文本；阿合奇县政府网转发）';
const NOTICE_2025 = '自治区人民政府办公厅 2025 年节假日放假调休日期和冬夏季作息时间安排通知（转载文本）';
const ESTIMATE = '按惯例推定（肉孜节放1个工作日、古尔邦节放3个工作日），待核对自治区当年通知';

function days(dates: string[], name: string, certainty: RegionalDay['certainty'], source: string): RegionalDay[] {
  return dates.map((date) => ({ date, kind: 'holiday', name, region: 'xinjiang', certainty, source }));
}

/**
 * Years for which the regional arrangement is entered. A 'xinjiang' calendar refuses any other year
 * (unless an administrator marks it complete), instead of silently treating it as national only.
 */
export const XINJIANG_YEARS: readonly number[] = [2021, 2022, 2023, 2024, 2025, 2026];

export const XINJIANG_DAYS: readonly RegionalDay[] = [
  // 2021 — B21 (Bayingol) campaign year.
  // 肉孜节 2021-05-13 (Thursday). ESTIMATED: 1 day, the festival day itself.
  ...days(['2021-05-13'], '肉孜节', 'estimated', `肉孜节 2021-05-13（周四）；${ESTIMATE}`),
  // 古尔邦节 2021-07-20 (Tuesday), 7-20…7-22 off. REPORTED.
  ...days(
    ['2021-07-20', '2021-07-21', '2021-07-22'],
    '古尔邦节',
    'reported',
    '自治区人民政府关于2021年古尔邦节放假的通知（2021-07-02）的二手转述：7月20日至22日放假3天',
  ),

  // 2022 — ANNOUNCED.
  // 肉孜节 5-03 falls inside the national 劳动节 holiday; 5-05 (Thursday) given instead.
  ...days(['2022-05-05'], '肉孜节', 'announced', `${NOTICE_2022}：5月3日是肉孜节，5月5日放假调休1天`),
  // 古尔邦节 7-10 (Sunday); 7-09…7-13 off.
  ...days(
    ['2022-07-09', '2022-07-10', '2022-07-11', '2022-07-12', '2022-07-13'],
    '古尔邦节',
    'announced',
    `${NOTICE_2022}：7月10日是古尔邦节，7月9日至13日放假调休，共5天`,
  ),

  // 2023 — ANNOUNCED.
  // 肉孜节 4-22 (Saturday); Friday 4-21 off.
  ...days(['2023-04-21'], '肉孜节', 'announced', `${NOTICE_2023}：4月22日是肉孜节，4月21日放假调休1天`),
  // 古尔邦节 6-29 (Thursday); 6-28…6-30 off.
  ...days(
    ['2023-06-28', '2023-06-29', '2023-06-30'],
    '古尔邦节',
    'announced',
    `${NOTICE_2023}：6月29日是古尔邦节，6月28日至30日放假，共3天`,
  ),

  // 2024 — A24 (Aksu) campaign year. ESTIMATED.
  // 肉孜节 2024-04-10 (Wednesday): 1 day.
  ...days(['2024-04-10'], '肉孜节', 'estimated', `肉孜节 2024-04-10（周三）；${ESTIMATE}`),
  // 古尔邦节 2024-06-16 (Sunday): as in 2022 (festival on a Sunday), the three working days after it.
  ...days(
    ['2024-06-16', '2024-06-17', '2024-06-18', '2024-06-19'],
    '古尔邦节',
    'estimated',
    `古尔邦节 2024-06-16（周日），参照2022年（节日逢周日）顺延3个工作日；${ESTIMATE}`,
  ),

  // 2025 — ANNOUNCED.
  // 肉孜节 3-31 (Monday); 3-29…3-31 off (one working day).
  ...days(
    ['2025-03-29', '2025-03-30', '2025-03-31'],
    '肉孜节',
    'announced',
    `${NOTICE_2025}：3月31日（周一）是肉孜节，3月29日（周六）至31日（周一）放假，共3天`,
  ),
  // 古尔邦节 6-06 (Friday); 6-06…6-10 off (three working days).
  ...days(
    ['2025-06-06', '2025-06-07', '2025-06-08', '2025-06-09', '2025-06-10'],
    '古尔邦节',
    'announced',
    `${NOTICE_2025}：6月6日（周五）是古尔邦节，6月6日（周五）至10日（周二）放假，共5天`,
  ),

  // 2026 — ESTIMATED (festival dates as commonly predicted).
  // 肉孜节 2026-03-20 (Friday): 1 day. If the festival is fixed on Saturday 3-21, the 2023
  // precedent gives Friday 3-20 too.
  ...days(['2026-03-20'], '肉孜节', 'estimated', `肉孜节预计 2026-03-20（周五）；${ESTIMATE}`),
  // 古尔邦节 2026-05-27 (Wednesday): 5-27…5-29.
  ...days(
    ['2026-05-27', '2026-05-28', '2026-05-29'],
    '古尔邦节',
    'estimated',
    `古尔邦节预计 2026-05-27（周三）；${ESTIMATE}`,
  ),
];
