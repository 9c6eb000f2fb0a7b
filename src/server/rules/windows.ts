// Refusing an action outside its campaign window (B21-1 “逾期不予受理”, A24-4). The pure part —
// where an instant falls in a window — is windowStatus in src/domain/campaign/queries.ts; this
// turns "not open" into the 409 every command raises, with the window shown in Beijing time.
import { formatBeijing } from '../../domain/campaign/dates.js';
import { windowStatus, WINDOW_LABELS, type Campaign, type WindowKey } from '../../domain/campaign/index.js';
import { AppError } from '../http/errors.js';

/** '2024-07-22T00:00:00+08:00' → '2024年7月22日'; with the clock time unless it is the day's start (or end, for a closing time). */
export function formatBeijingForPeople(beijingDateTime: string, edge: 'opens' | 'closes'): string {
  const [y, m, d] = beijingDateTime.slice(0, 10).split('-').map(Number);
  const clock = beijingDateTime.slice(11, 19);
  const wholeDay = edge === 'opens' ? clock === '00:00:00' : clock === '23:59:59';
  return `${y}年${m}月${d}日${wholeDay ? '' : ` ${formatBeijing(beijingDateTime).slice(11)}`}`;
}

export type WindowName = WindowKey | 'paymentDeadline';

/**
 * Throws 409 OUTSIDE_WINDOW unless `now` is inside the campaign's window, e.g.
 * "网上申报时间为 2024年7月22日 至 2024年8月30日（北京时间），当前不在网上申报时间内（A24-4）".
 * For the payment deadline, anything up to the deadline is open.
 */
export function assertWindowOpen(campaign: Campaign, windowName: WindowName, now: Date): void {
  const label = WINDOW_LABELS[windowName];
  if (windowName === 'paymentDeadline') {
    const deadline = campaign.windows.paymentDeadline;
    if (!deadline) throw new AppError(409, 'WINDOW_NOT_SET', `本次评审通知未规定${label}时间`);
    if (Math.floor(now.getTime() / 1000) * 1000 > Date.parse(deadline.at)) {
      throw new AppError(409, 'OUTSIDE_WINDOW', `${label}时间为 ${formatBeijingForPeople(deadline.at, 'closes')}（北京时间），已过${label}时间（${deadline.ruleId}）`);
    }
    return;
  }
  const status = windowStatus(campaign, windowName, now.getTime());
  if (status.state === 'open') return;
  if (status.state === 'notSet') throw new AppError(409, 'WINDOW_NOT_SET', status.message);
  const w = campaign.windows[windowName]!;
  const shown = `${label}时间为 ${formatBeijingForPeople(w.opensAt, 'opens')} 至 ${formatBeijingForPeople(w.closesAt, 'closes')}（北京时间）`;
  const when = status.state === 'notYetOpen' ? '尚未开始' : '已截止，逾期不予受理';
  throw new AppError(409, 'OUTSIDE_WINDOW', `${shown}，当前不在${label}时间内（${when}，${w.ruleId}）`);
}
