// The 评审表 PDF of an accepted application, named or blind: the applicant's or the office's first
// download issues the number and code (issue-review-form.ts), then the form is filled from the
// submitted application. Anyone else — the experts' blind copy — only reads: a GET changes nothing,
// so an expert gets the form under the number already issued, or without one ('未编号') when
// neither the applicant nor the office has downloaded it yet. The number is the office's and the
// printed copies' reference; the experts need the content, and their copy never decides it.
import { eq } from 'drizzle-orm';
import { NOTHING } from '../../../domain/application/index.js';
import { beijingDate } from '../../../domain/calendar/calendar.js';
import { applicableSlots, titleFor } from '../../../domain/campaign/queries.js';
import type { Level } from '../../../domain/campaign/index.js';
import type { Role } from '../../../domain/roles.js';
import { maskIdNumber } from '../../../domain/id-number.js';
import { maskPhone } from '../../../domain/identifiers.js';
import { reviewForms } from '../../db/schema.js';
import { reviewFormPdf, UNNUMBERED, type ReviewFormData } from '../../documents/review-form.js';
import type { RequestContext } from '../../http/context.js';
import { identifyingStrings } from '../../presenters/application.js';
import { loadApplicationContext, loadIdentity, type ApplicationContext, type ApplicationRow } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { assertReviewFormAvailable, issueReviewForm, type ReviewFormRow } from './issue-review-form.js';

type Identity = Awaited<ReturnType<typeof loadIdentity>>;

/** The roles whose download issues the form's number (B21-6): the applicant, who prints it, and the committee office. */
const ISSUING_ROLES: readonly Role[] = ['applicant', 'office_staff'];

function reviewFormData(c: ApplicationContext, identity: Identity, issued: ReviewFormRow | null): ReviewFormData {
  const { app, campaign } = c;
  const series = campaign.series.find((s) => s.id === app.seriesId);
  const specialty = series?.specialties.find((s) => s.id === app.specialtyId);
  const printing = campaign.reviewForm;
  return {
    number: issued?.number ?? null,
    verificationCode: issued?.verificationCode ?? null,
    // Without a number, the acceptance dates the file: the same bytes on every download.
    generatedAt: issued?.generatedAt ?? app.acceptedAt ?? new Date(0),
    campaignTitle: campaign.title,
    issuer: campaign.issuer.name,
    seriesName: series?.name ?? app.seriesId,
    specialtyName: specialty?.name ?? app.specialtyId,
    level: app.level,
    titleName: titleFor(campaign, app.seriesId, app.specialtyId, app.level as Level) ?? NOTHING,
    pathName: campaign.paths.find((p) => p.id === app.pathId)?.name ?? app.pathId,
    applicant: {
      name: identity.name,
      sex: identity.sex,
      birthDate: identity.birthDate,
      idNumberMasked: maskIdNumber(identity.idNumber),
      phoneMasked: identity.phone ? maskPhone(identity.phone) : NOTHING,
    },
    unitName: c.unitName,
    identifying: identifyingStrings(identity, c.unitName),
    form: app.form as ReviewFormData['form'],
    records: c.records,
    recommendation: app.recommendationOpinion && app.recommendedAt ? { opinion: app.recommendationOpinion, date: beijingDate(app.recommendedAt) } : null,
    acceptedOn: app.acceptedAt ? beijingDate(app.acceptedAt) : null,
    materials: applicableSlots(campaign, c.facts).map((s) => ({ name: s.name, count: c.countsBySlot[s.id] ?? 0 })),
    printing: printing
      ? { copies: printing.copies, duplex: printing.duplex, watermarkRequired: printing.watermarkRequired, deliverTo: printing.deliverTo, ruleId: printing.ruleId }
      : null,
  };
}

/** Whether this request's download may issue the number: only the applicant's and the office's. */
export function mayIssueReviewForm(ctx: RequestContext): boolean {
  return ctx.actingRole !== null && ISSUING_ROLES.includes(ctx.actingRole);
}

/**
 * The caller has already checked who may see `app` (own application, the office's scope, or an
 * expert's assigned candidate). The applicant and the office issue the number on their first
 * download; any other caller (an expert) only reads the number already issued, if any.
 */
export async function reviewFormDocument(services: Services, ctx: RequestContext, app: ApplicationRow, options: { blind: boolean }): Promise<{ pdf: Buffer; number: string }> {
  // Refused before the heavier loading below; checked again under the row lock when issuing.
  assertReviewFormAvailable(app.status, (await loadPublishedCampaign(services.db, app.campaignId)).campaign);
  const context = await loadApplicationContext(services.db, services.cipher, app, new Date());
  const issued = mayIssueReviewForm(ctx)
    ? await issueReviewForm(services, ctx, app, context.campaign)
    : ((await services.db.select().from(reviewForms).where(eq(reviewForms.applicationId, app.id)))[0] ?? null);
  const identity = await loadIdentity(services.db, services.cipher, app.applicantId);
  const pdf = await reviewFormPdf(reviewFormData(context, identity, issued), options);
  return { pdf, number: issued?.number ?? UNNUMBERED };
}
