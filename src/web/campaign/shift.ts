// "Move every date to next year" for a campaign cloned from last year's: the windows, the notice
// date, the seniority cut-off, the continuing-education years and the annual-assessment years move
// by whole years (month, day and clock time kept; 02-29 becomes 03-01, as addYears does). Texts
// (noticeText, clauses) are not touched: the office edits them.
import { addYears, isBeijingDateTime, isValidDate } from '../../domain/campaign/dates';
import { WINDOW_KEYS } from '../../domain/campaign/schema';
import { getIn, setIn, type Json } from './paths';

function shiftDate(value: Json, years: number): Json {
  return isValidDate(value) ? addYears(value, years) : value;
}

function shiftDateTime(value: Json, years: number): Json {
  return isBeijingDateTime(value) ? `${addYears(value.slice(0, 10), years)}${value.slice(10)}` : value;
}

function shiftYear(value: Json, years: number): Json {
  return typeof value === 'number' && Number.isInteger(value) ? value + years : value;
}

export function shiftCampaignYears(config: Json, years: number): Json {
  let next = config;
  const set = (path: (string | number)[], fn: (v: Json) => Json) => {
    const v = getIn(next, path);
    if (v !== undefined) next = setIn(next, path, fn(v));
  };
  for (const key of WINDOW_KEYS) {
    set(['windows', key, 'opensAt'], (v) => shiftDateTime(v, years));
    set(['windows', key, 'closesAt'], (v) => shiftDateTime(v, years));
  }
  set(['windows', 'paymentDeadline', 'at'], (v) => shiftDateTime(v, years));
  set(['noticeDate'], (v) => shiftDate(v, years));
  set(['seniorityCutoff', 'date'], (v) => shiftDate(v, years));
  set(['rules', 'continuingEducation', 'yearsCovered', 'from'], (v) => shiftYear(v, years));
  set(['rules', 'continuingEducation', 'yearsCovered', 'to'], (v) => shiftYear(v, years));
  const materials = getIn(next, ['materials']);
  if (Array.isArray(materials)) {
    materials.forEach((slot, i) => {
      const list = getIn(slot, ['years']);
      if (Array.isArray(list)) next = setIn(next, ['materials', i, 'years'], list.map((y) => shiftYear(y, years)));
    });
  }
  return next;
}

/** Years between the campaign's year and its declaration window (0 when either is unreadable). */
export function yearsBehind(config: Json): number {
  const year = getIn(config, ['year']);
  const opens = getIn(config, ['windows', 'declaration', 'opensAt']);
  if (typeof year !== 'number' || typeof opens !== 'string' || !isValidDate(opens.slice(0, 10))) return 0;
  return year - Number(opens.slice(0, 4));
}
