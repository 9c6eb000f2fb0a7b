// Demo mode only: a practice copy of each shipped notice whose declaration window is open now, so
// the demo applicants can fill in and submit (the real 2021 and 2024 windows closed long ago).
// Years move to the current year (continuing-education and assessment years with them); then every
// window moves by the same number of days so the declaration window opened two weeks ago.
import { addDays, isBeijingDateTime } from '../../domain/campaign/dates.js';
import { beijingDate } from '../../domain/calendar/calendar.js';
import { parseCampaign, WINDOW_KEYS, type Campaign } from '../../domain/campaign/index.js';
import { shiftCampaignYears } from '../../web/campaign/shift.js';
import type { Json } from '../../web/campaign/paths.js';

const OPENED_DAYS_AGO = 14;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function shiftDateTime(value: string, days: number): string {
  return isBeijingDateTime(value) ? `${addDays(value.slice(0, 10), days)}${value.slice(10)}` : value;
}

export function practiceId(campaign: Campaign, year: number): string {
  return `practice-${campaign.prefecture.code}-${year}`;
}

export function practiceCampaign(source: Campaign, now: Date): Campaign | null {
  const year = Number(beijingDate(now).slice(0, 4));
  const shifted = structuredClone(shiftCampaignYears(source as unknown as Json, year - source.year)) as unknown as Campaign;
  const opens = addDays(beijingDate(now), -OPENED_DAYS_AGO);
  const days = daysBetween(shifted.windows.declaration.opensAt.slice(0, 10), opens);
  for (const key of WINDOW_KEYS) {
    const w = shifted.windows[key];
    if (w) shifted.windows[key] = { ...w, opensAt: shiftDateTime(w.opensAt, days), closesAt: shiftDateTime(w.closesAt, days) };
  }
  const payment = shifted.windows.paymentDeadline;
  if (payment) shifted.windows.paymentDeadline = { ...payment, at: shiftDateTime(payment.at, days) };
  const candidate = {
    ...shifted,
    id: practiceId(source, year),
    year,
    title: `【演示】${source.title.replaceAll(String(source.year), String(year))}`,
    noticeDate: addDays(shifted.noticeDate, days),
  };
  const parsed = parseCampaign(candidate);
  return parsed.ok ? parsed.campaign : null;
}
