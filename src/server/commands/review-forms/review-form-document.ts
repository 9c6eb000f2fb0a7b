// The 评审表 PDF of an accepted application, named or blind: issues the number and code on the
// first download (issue-review-form.ts), then fills the form from the submitted application.
import { NOTHING } from '../../../domain/application/index.js';
import { beijingDate } from '../../../domain/calendar/calendar.js';
import { applicableSlots, titleFor } from '../../../domain/campaign/queries.js';
import type { Level } from '../../../domain/campaign/index.js';
import { maskIdNumber } from '../../../domain/id-number.js';
import { maskPhone } from '../../../domain/identifiers.js';
import { reviewFormPdf, type ReviewFormData } from '../../documents/review-form.js';
import type { RequestContext } from '../../http/context.js';
import { identifyingStrings } from '../../presenters/application.js';
import { loadApplicationContext, loadIdentity, type ApplicationContext, type ApplicationRow } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { assertReviewFormAvailable, issueReviewForm, type ReviewFormRow } from './issue-review-form.js';

type Identity = Awaited<ReturnType<typeof loadIdentity>>;

function reviewFormData(c: ApplicationContext, identity: Identity, issued: ReviewFormRow): ReviewFormData {
  const { app, campaign } = c;
  const series = campaign.series.find((s) => s.id === app.seriesId);
  const specialty = series?.specialties.find((s) => s.id === app.specialtyId);
  const printing = campaign.reviewForm;
  return {
    number: issued.number,
    verificationCode: issued.verificationCode,
    generatedAt: issued.generatedAt,
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

/** The caller has already checked who may see `app` (own application, or the office's scope). */
export async function reviewFormDocument(services: Services, ctx: RequestContext, app: ApplicationRow, options: { blind: boolean }) {
  // Refused before the heavier loading below; checked again under the row lock when issuing.
  assertReviewFormAvailable(app.status, (await loadPublishedCampaign(services.db, app.campaignId)).campaign);
  const context = await loadApplicationContext(services.db, services.cipher, app, new Date());
  const issued = await issueReviewForm(services, ctx, app, context.campaign);
  const identity = await loadIdentity(services.db, services.cipher, app.applicantId);
  const pdf = await reviewFormPdf(reviewFormData(context, identity, issued), options);
  return { pdf, number: issued.number };
}
