// When the unit may recommend (B21-10, A24-11): the server accepts a recommendation from the day
// after the publicity's last day (Beijing dates), so the button says so until then.
import type { PublicityPeriod } from '../../../api/types';

const DAY_MS = 86_400_000;

/** Today's Beijing calendar date 'YYYY-MM-DD', whatever the browser's time zone. */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The calendar day after a 'YYYY-MM-DD' date. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export function publicityText(p: PublicityPeriod): string {
  return `${p.startsOn} 至 ${p.endsOn}（${p.workingDays} 个工作日）`;
}

/** Why the unit cannot recommend yet, or null once the publicity is over. */
export function recommendBlockedReason(publicity: PublicityPeriod | null, today: string): string | null {
  if (!publicity) return '尚未开始公示';
  const from = dayAfter(publicity.endsOn);
  if (today < from) return `公示期至 ${publicity.endsOn}，${from} 起方可推荐上报`;
  return null;
}
