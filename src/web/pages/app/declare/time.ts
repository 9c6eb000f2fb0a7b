// Times shown in Beijing time whatever the browser's zone: the notices and deadlines are Beijing's.
import { formatBeijing, toBeijingDateTime } from '../../../../domain/campaign/dates';

/** An ISO instant as 'YYYY-MM-DD HH:mm' Beijing time. */
export function beijingDateTime(iso: string): string {
  return formatBeijing(toBeijingDateTime(Date.parse(iso)));
}

/** The Beijing clock 'HH:mm:ss' of an instant, for "已保存 10:42:07". */
export function beijingClock(instant: Date): string {
  return toBeijingDateTime(instant.getTime()).slice(11, 19);
}
