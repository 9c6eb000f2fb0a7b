// Where an application stands after the committee office's 已接收材料: pure helpers for the pages.
import type { ApplicationStatus } from '../../../../domain/application/status';
import type { TimelineEvent } from '../../../api/types';

/** From 已接收材料 on: the fee is due and the 评审表 exists (a later 逾期未缴费 keeps both on record). */
export function afterAcceptance(status: ApplicationStatus, acceptedAt: string | null): boolean {
  return acceptedAt !== null || status === 'accepted' || status === 'unpaid';
}

/** When the office registered the signed paper 评审表 (the timeline's paperReceived), or null. */
export function paperReceivedAt(timeline: readonly TimelineEvent[]): string | null {
  const events = timeline.filter((e) => e.action === 'paperReceived');
  return events.length > 0 ? events[events.length - 1].at : null;
}

/** Who returned the application last ('所在单位', '主管部门', '评委会办公室'), from the timeline; null if never. */
export function returnedBy(timeline: readonly TimelineEvent[]): string | null {
  const events = timeline.filter((e) => e.action === 'returned');
  return events.length > 0 ? events[events.length - 1].actor : null;
}
