// Counting for the office's boards, pure: progress percentages, the attendance ticks, the live
// ballot count and the results table's order.
import type { CommitteeMember, OfficeCandidate } from '../../../api/evaluation';

/** Whole percent of done / total; 0 when there is nothing to do. */
export function progressPercent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.round((done / total) * 100));
}

/** The members ticked present: those recorded present, or (nothing recorded yet) nobody. */
export function initialAttendance(members: readonly Pick<CommitteeMember, 'expertId' | 'present'>[]): string[] {
  return members.filter((m) => m.present === true).map((m) => m.expertId);
}

/** "已投 3 / 7" — ballots cast of those who may vote (present members not recused; the server knows; shown against present). */
export function votedText(voted: number, present: number): string {
  return present > 0 ? `已投 ${voted} / ${present}` : `已投 ${voted}`;
}

/** Results in rank order (ranked first, by rank), then by code. */
export function resultsOrder<T extends Pick<OfficeCandidate, 'rank' | 'code'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.rank !== null && b.rank !== null && a.rank !== b.rank) return a.rank - b.rank;
    if (a.rank !== null && b.rank === null) return -1;
    if (a.rank === null && b.rank !== null) return 1;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** Whether the office must still decide a tie at the pass-rate cap (A24-17). */
export function pendingTies(rows: readonly Pick<OfficeCandidate, 'result'>[]): number {
  return rows.filter((r) => r.result === 'tied_at_cap').length;
}
