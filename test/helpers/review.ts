// Steps of the review-chain tests (issue 5): an application carried through the real API to a
// desk — submitted by its applicant, publicised and recommended by its unit, forwarded by its
// department — with one shortcut: the publicity's working days are "run" by moving ends_on into
// the past in the database (the API refuses a start date before today, rightly).
import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { beijingDate } from '../../src/domain/calendar/calendar.js';
import { applicationEvents, publicities } from '../../src/server/db/schema.js';
import type { Services } from '../../src/server/services.js';
import type { TestClient, TestContext } from './app.js';
import { applicant, plusDays, submittedApplication, type Applicant, type View, type Which } from './declaration.js';

/** Today's Beijing date, the one the server compares publicity periods with. */
export const beijingToday = () => beijingDate(new Date());

export function startPublicityRequest(unit: TestClient, applicationId: string, startsOn = beijingToday()) {
  return unit.post(`/api/unit/applications/${applicationId}/publicity`, { startsOn });
}

export function recommendRequest(unit: TestClient, applicationId: string) {
  return unit.post(`/api/unit/applications/${applicationId}/recommend`);
}

export function forwardRequest(dept: TestClient, applicationIds: string[]) {
  return dept.post('/api/dept/batches', { applicationIds });
}

export function deskReturnRequest(client: TestClient, desk: 'unit' | 'dept' | 'office', applicationId: string, reasons: string[]) {
  return client.post(`/api/${desk}/applications/${applicationId}/return`, { reasons });
}

export function acceptRequest(office: TestClient, applicationId: string) {
  return office.post(`/api/office/applications/${applicationId}/accept`);
}

/** The publicity has run its working days: it ended yesterday (its length kept plausible). */
export async function endPublicity(services: Services, applicationId: string): Promise<void> {
  const yesterday = plusDays(beijingToday(), -1);
  const updated = await services.db
    .update(publicities)
    .set({ startsOn: plusDays(yesterday, -6), endsOn: yesterday })
    .where(eq(publicities.applicationId, applicationId))
    .returning({ id: publicities.applicationId });
  expect(updated).toHaveLength(1);
}

/** Publicity started today, run out, and the unit's recommendation: the application's next desk. */
export async function publiciseAndRecommend(t: TestContext, unit: TestClient, applicationId: string): Promise<string> {
  const started = await startPublicityRequest(unit, applicationId);
  expect(started.statusCode, started.body).toBe(200);
  await endPublicity(t.services, applicationId);
  const recommended = await recommendRequest(unit, applicationId);
  expect(recommended.statusCode, recommended.body).toBe(200);
  return recommended.json().status;
}

export interface AtDesk {
  who: Applicant;
  view: View;
  id: string;
}

/**
 * A fresh applicant of `unitId` with a complete application submitted to `campaignId`, carried to
 * `stage`: 'unit' (submitted, unit_review), 'recommended' (the unit recommended it: dept_review for
 * a county unit, office_review for a prefecture-level one), 'office' (also forwarded by `dept`
 * when it went to the department).
 */
export async function applicationAt(
  t: TestContext,
  options: { unitId: string; campaignId: string; which?: Which; unit: TestClient; dept?: TestClient; stage: 'unit' | 'recommended' | 'office'; name?: string },
): Promise<AtDesk> {
  const who = await applicant(t, options.unitId, options.name);
  const { view } = await submittedApplication(t, who, options.campaignId, options.which ?? 'bz');
  expect(view.status).toBe('unit_review');
  if (options.stage === 'unit') return { who, view, id: view.id };
  const next = await publiciseAndRecommend(t, options.unit, view.id);
  if (options.stage === 'office' && next === 'dept_review') {
    if (!options.dept) throw new Error('a county unit’s application needs its department to reach the office');
    const forwarded = await forwardRequest(options.dept, [view.id]);
    expect(forwarded.statusCode, forwarded.body).toBe(201);
  }
  return { who, view, id: view.id };
}

/** The timeline rows of an application with their stored detail (the view shows only reasons). */
export async function eventsOf(services: Services, applicationId: string, action?: string) {
  const where = action ? and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.action, action)) : eq(applicationEvents.applicationId, applicationId);
  return services.db.select().from(applicationEvents).where(where).orderBy(asc(applicationEvents.occurredAt), asc(applicationEvents.id));
}
