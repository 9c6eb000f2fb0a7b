// Small pure questions asked of a parsed campaign by the server and the web: is a window open,
// when does a returned application lapse, which levels and fees, which slots apply.

import { evaluateCondition, type Facts } from './conditions.js';
import { addDays, formatBeijing, instantOf, toBeijingDateTime } from './dates.js';
import type { Campaign, CampaignWindow, MaterialSlot, WindowKey } from './schema.js';
import { WINDOW_LABELS } from './schema.js';
import { LEVELS, type Level } from './vocabulary.js';

export type WindowStatus =
  | { state: 'open'; message: string }
  | { state: 'notSet'; message: string }
  | { state: 'notYetOpen' | 'closed'; message: string };

/**
 * Where `instantMs` falls in a window (closed interval; seconds precision, so 23:59:59.5 is still
 * inside a window closing at 23:59:59). The message shows the window, so a late action can be
 * refused with the dates in view (B21-1 “逾期不予受理”, A24-4).
 */
export function windowStatus(campaign: Campaign, key: WindowKey, instantMs: number): WindowStatus {
  const w: CampaignWindow | undefined = campaign.windows[key];
  const label = WINDOW_LABELS[key];
  if (!w) return { state: 'notSet', message: `本次评审通知未规定${label}时间` };
  const shown = `${label}时间为 ${formatBeijing(w.opensAt)} 至 ${formatBeijing(w.closesAt)}（北京时间，${w.ruleId}）`;
  const t = Math.floor(instantMs / 1000) * 1000;
  if (t < instantOf(w.opensAt)) return { state: 'notYetOpen', message: `尚未开始：${shown}` };
  if (t > instantOf(w.closesAt)) return { state: 'closed', message: `已截止，逾期不予受理：${shown}` };
  return { state: 'open', message: shown };
}

/** The end (23:59:59 Beijing) of the `days`-th calendar day after the instant's Beijing date. */
function endOfDayAfter(instantMs: number, days: number): string {
  return `${addDays(toBeijingDateTime(instantMs).slice(0, 10), days)}T23:59:59+08:00`;
}

/**
 * The last moment a returned application may be resubmitted (B21-12, A24-5), as a Beijing
 * date-time, or null when the window it depends on is not set. "退回后 2 日内": the day of the
 * return is not counted (民法典第二百零一条), so a return on 08-10 at any hour may be resubmitted
 * until 08-12 23:59:59. Until a window closes (B21): its close, or with `atLeastDays` the later of
 * its close and the end of that many days after the return, so a return made after the window
 * closed does not lapse at once.
 */
export function resubmitDeadline(campaign: Campaign, returnedAtMs: number): string | null {
  const r = campaign.submission.resubmission;
  if (r.kind === 'withinDays') return endOfDayAfter(returnedAtMs, r.days);
  const closesAt = campaign.windows[r.window]?.closesAt ?? null;
  if (r.atLeastDays === undefined) return closesAt;
  const floor = endOfDayAfter(returnedAtMs, r.atLeastDays);
  return closesAt !== null && instantOf(closesAt) >= instantOf(floor) ? closesAt : floor;
}

export function levelsOffered(campaign: Campaign): Level[] {
  const offered = new Set(campaign.series.flatMap((s) => s.levels));
  return LEVELS.filter((l) => offered.has(l));
}

export function feeFor(campaign: Campaign, level: Level): number | undefined {
  return campaign.fees.amounts.find((a) => a.level === level)?.amountYuan;
}

export function titleFor(campaign: Campaign, seriesId: string, specialtyId: string, level: Level): string | undefined {
  return campaign.series.find((s) => s.id === seriesId)?.specialties.find((sp) => sp.id === specialtyId)?.titles[level];
}

/** The material slots that apply to one application (annual-assessment slots list their years). */
export function applicableSlots(campaign: Campaign, facts: Facts): MaterialSlot[] {
  return campaign.materials.filter((s) => !s.when || evaluateCondition(s.when, facts));
}
