// The timeline row of a state change and, when the applicant must know, a notification.
import type { EventAction } from '../../../domain/application/index.js';
import type { Executor } from '../../db/client.js';
import { applicationEvents, notifications } from '../../db/schema.js';

export async function recordEvent(
  db: Executor,
  applicationId: string,
  actorRole: string,
  action: EventAction,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(applicationEvents).values({ applicationId, actorRole, action, detail });
}

export async function notify(db: Executor, userId: string, title: string, body: string): Promise<void> {
  await db.insert(notifications).values({ userId, title, body });
}
