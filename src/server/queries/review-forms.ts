// The public verification of a printed 评审表 (B21-6): whether the code on it was issued, and for
// which campaign and level — never who it belongs to.
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { applications, reviewForms } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import { loadPublishedCampaign } from './campaigns.js';

export const UNKNOWN_CODE_MESSAGE = '未找到该验证码对应的评审表，请核对后重新输入';

export async function verifyReviewForm(db: Executor, code: string) {
  const [row] = await db
    .select({ number: reviewForms.number, generatedAt: reviewForms.generatedAt, campaignId: applications.campaignId, seriesId: applications.seriesId, level: applications.level })
    .from(reviewForms)
    .innerJoin(applications, eq(applications.id, reviewForms.applicationId))
    .where(eq(reviewForms.verificationCode, code));
  if (!row) throw notFound(UNKNOWN_CODE_MESSAGE);
  const { campaign } = await loadPublishedCampaign(db, row.campaignId);
  return {
    genuine: true as const,
    number: row.number,
    campaignTitle: campaign.title,
    seriesName: campaign.series.find((s) => s.id === row.seriesId)?.name ?? row.seriesId,
    level: row.level,
    generatedAt: row.generatedAt.toISOString(),
  };
}
