// Starts an application in a published campaign: series → specialty → level → path, each checked
// against the campaign (B21-2, A24-1). One live application per campaign (a withdrawn one may be
// started again); the one-path-per-year rule (A24-3) refuses, at once, a second path in the same
// year for the same series and level. The form starts with what the profile
// already says.
import { and, eq, ne } from 'drizzle-orm';
import { windowStatus } from '../../../domain/campaign/queries.js';
import type { Level } from '../../../domain/campaign/index.js';
import { holdsPath, type ApplicationStatus, type ArchiveData } from '../../../domain/application/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { applications, archiveRecords } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import { loadApplicantUnit } from '../../queries/applications.js';
import { prefectureOf } from '../../queries/organisations.js';
import type { Services } from '../../services.js';
import { recordEvent } from './events.js';

export interface ApplicationChoice {
  campaignId: string;
  seriesId: string;
  specialtyId: string;
  level: Level;
  pathId: string;
}

export async function createApplication(services: Services, ctx: RequestContext, actor: Actor, choice: ApplicationChoice) {
  const { campaign, version, prefecture } = await loadPublishedCampaign(services.db, choice.campaignId);
  const scope = campaign.scope.ruleId;
  const series = campaign.series.find((s) => s.id === choice.seriesId);
  if (!series) throw badRequest(`本次评审未开设该系列（${scope}）`, [{ path: 'seriesId', message: '请选择本次评审开设的系列' }]);
  const specialty = series.specialties.find((s) => s.id === choice.specialtyId);
  if (!specialty) throw badRequest(`${series.name}系列未开设该专业（${scope}）`, [{ path: 'specialtyId', message: '请选择该系列开设的专业' }]);
  if (!series.levels.includes(choice.level)) {
    throw badRequest(`${series.name}系列本次不评审${choice.level}（${scope}）`, [{ path: 'level', message: `可选：${series.levels.join('、')}` }]);
  }
  const path = campaign.paths.find((p) => p.id === choice.pathId);
  if (!path) throw badRequest('请选择本次评审的申报途径', [{ path: 'pathId', message: '请选择申报途径' }]);
  const window = windowStatus(campaign, 'declaration', Date.now());
  if (window.state === 'closed') throw conflict(window.message, 'WINDOW_CLOSED');

  const unit = await loadApplicantUnit(services.db, actor.userId);
  if ((await prefectureOf(services.db, unit.id)) !== prefecture.id) {
    throw conflict(`您的工作单位不属于${prefecture.name}，请选择本单位所在地的评审活动（${scope}）`, 'OUT_OF_SCOPE');
  }
  if (campaign.onePathPerYear) {
    const sameYear = await services.db
      .select()
      .from(applications)
      .where(and(eq(applications.applicantId, actor.userId), eq(applications.year, campaign.year), ne(applications.campaignId, campaign.id)));
    const other = sameYear.find((a) => holdsPath(a.status as ApplicationStatus) && a.seriesId === series.id && a.level === choice.level);
    if (other) {
      throw conflict(
        `${campaign.year} 年度您已通过其他途径申报${series.name}系列${choice.level}（${other.campaignId}），同一年度同一系列同一级别只能选择一种申报途径（${campaign.onePathPerYear.ruleId}）`,
        'ONE_PATH_PER_YEAR',
      );
    }
  }
  const [profile] = await services.db
    .select()
    .from(archiveRecords)
    .where(and(eq(archiveRecords.userId, actor.userId), eq(archiveRecords.kind, 'profile')));
  const p = profile?.data as ArchiveData['profile'] | undefined;
  const form = { basic: { post: p?.post ?? '', adminPost: '', politicalStatus: p?.politicalStatus ?? '' } };

  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(applications)
        .values({
          applicantId: actor.userId,
          unitId: unit.id,
          campaignId: campaign.id,
          campaignVersion: version,
          year: campaign.year,
          seriesId: series.id,
          specialtyId: specialty.id,
          level: choice.level,
          pathId: path.id,
          form,
        })
        .returning();
      await recordEvent(tx, row.id, 'applicant', 'created');
      await appendAudit(tx, ctx, { action: 'application.create', objectType: 'application', objectId: row.id, detail: { campaignId: campaign.id, level: choice.level } });
      return row;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw conflict('您已在本次评审中创建过申报，请在“我的申报”中继续填写', 'APPLICATION_EXISTS');
    throw error;
  }
}
