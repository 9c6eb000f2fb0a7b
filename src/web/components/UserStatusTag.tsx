import { Tag } from 'antd';
import dayjs from 'dayjs';

export function isLocked(lockedUntil: string | null): boolean {
  return lockedUntil !== null && dayjs(lockedUntil).isAfter(dayjs());
}

export function UserStatusTag({ lockedUntil, disabled }: { lockedUntil: string | null; disabled: boolean }) {
  if (disabled) return <Tag color="default">已停用</Tag>;
  if (lockedUntil && isLocked(lockedUntil)) {
    return <Tag color="warning">锁定至 {dayjs(lockedUntil).format('MM-DD HH:mm')}</Tag>;
  }
  return <Tag color="success">正常</Tag>;
}
