// The committee office's committees (N40-COMMITTEE, N40-RECUSAL, A24-7, A24-17): draw a committee
// from the pool, settle its chair, pass rate and meeting place, enrol the accepted and paid
// applications under anonymous codes, record conflicts, hold packets, follow the scoring and close
// it. Scope: committees of the office's own prefecture's campaigns; others answer 404.
import { z } from 'zod';
import { LEVELS } from '../../domain/campaign/index.js';
import type { App } from '../app.js';
import { addConflict } from '../commands/evaluation/add-conflict.js';
import { closeScoring } from '../commands/evaluation/close-scoring.js';
import { drawCommitteeCommand } from '../commands/evaluation/draw-committee.js';
import { enrolCandidates } from '../commands/evaluation/enrol-candidates.js';
import { holdPacket } from '../commands/evaluation/hold-packet.js';
import { updateCommittee } from '../commands/evaluation/update-committee.js';
import { loadManagedCampaign } from '../commands/campaign/rules.js';
import { committeeDetailSchema, committeeSummarySchema, conflictSchema, drawResultSchema, progressSchema } from '../presenters/evaluation.js';
import { loadPublishedCampaign } from '../queries/campaigns.js';
import { committeeDetail, committeeSummary, committeeSummaries, committeesOfCampaign, scoringProgress } from '../queries/evaluation.js';
import { officeCommittee } from '../queries/evaluation-scope.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';

const slug = z.string().max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '格式不正确');
const campaignParam = z.strictObject({ campaignId: slug });
const candidateParams = z.strictObject({ id: z.uuid(), applicationId: z.uuid() });

const drawBody = z.strictObject({
  seriesId: slug,
  level: z.enum(LEVELS),
  size: z.number().int().min(1).max(999),
  seed: text(200).nullable(),
  requiredSpecialtyIds: z.array(slug).max(50),
  meetingDate: text(20),
});

const drawFailedSchema = z.object({ error: z.object({ code: z.literal('DRAW_FAILED'), message: z.string(), problems: z.array(z.string()) }) });

export function committeeRoutes(app: App, services: Services) {
  const tags = ['office'];

  app.get(
    '/office/campaigns/:campaignId/committees',
    {
      config: { access: 'evaluation.manage' },
      schema: { tags, summary: '评审活动的评审委员会', params: campaignParam, response: { 200: z.array(committeeSummarySchema) } },
    },
    async (request) => {
      const row = await loadManagedCampaign(services.db, request.actor!, request.params.campaignId);
      const rows = await committeesOfCampaign(services.db, row.id);
      if (rows.length === 0) return [];
      const { campaign } = await loadPublishedCampaign(services.db, row.id);
      return committeeSummaries(services.db, campaign, rows);
    },
  );

  app.post(
    '/office/campaigns/:campaignId/committees',
    {
      config: { access: 'evaluation.manage', audit: 'committee.draw' },
      schema: {
        tags,
        summary: '从专家库随机抽取组建评审委员会（人数为单数且不少于该级别下限，N40-COMMITTEE；记录抽取种子）',
        params: campaignParam,
        body: drawBody,
        response: { 201: drawResultSchema, 422: drawFailedSchema },
      },
    },
    async (request, reply) => {
      const outcome = await drawCommitteeCommand(services, request.ctx, request.actor!, request.params.campaignId, request.body);
      if (!outcome.ok) {
        // The audit fallback (app.ts onSend) records the refused draw.
        return reply.status(422).send({
          error: { code: 'DRAW_FAILED' as const, message: `专家库无法组成符合规定的评审委员会：${outcome.problems.join('；')}`, problems: outcome.problems },
        });
      }
      return reply.status(201).send({ committee: await committeeSummary(services.db, outcome.committee), excluded: outcome.excluded });
    },
  );

  app.get(
    '/office/committees/:id',
    { config: { access: 'evaluation.manage' }, schema: { tags, summary: '评审委员会：委员、评审对象（含姓名）、回避关系', params: uuidParam, response: { 200: committeeDetailSchema } } },
    async (request) => committeeDetail(services.db, (await officeCommittee(services.db, request.actor!, request.params.id)).committee),
  );

  app.patch(
    '/office/committees/:id',
    {
      config: { access: 'evaluation.manage', audit: 'committee.update' },
      schema: {
        tags,
        summary: '设置主任委员、通过率（仅设通过率的级别，A24-17）、会议地点',
        params: uuidParam,
        body: z.strictObject({ chairExpertId: z.uuid().nullable(), passRatePercent: z.number().nullable(), meetingPlace: text(200).nullable() }).partial(),
        response: { 200: committeeDetailSchema },
      },
    },
    async (request) => committeeDetail(services.db, await updateCommittee(services, request.ctx, request.actor!, request.params.id, request.body)),
  );

  app.post(
    '/office/committees/:id/enrol',
    {
      config: { access: 'evaluation.manage', audit: 'committee.enrol' },
      schema: {
        tags,
        summary: '将已接收材料且已确认缴费的申报列入评审：匿名编号、答辩安排、自动回避（同单位、同主管部门）、分配专家',
        params: uuidParam,
        response: { 200: z.object({ enrolled: z.number() }) },
      },
    },
    async (request) => ({ enrolled: await enrolCandidates(services, request.ctx, request.actor!, request.params.id) }),
  );

  app.post(
    '/office/committees/:id/conflicts',
    {
      config: { access: 'evaluation.manage', audit: 'conflict.add' },
      schema: {
        tags,
        summary: '登记专家回避关系（N40-RECUSAL；专家已评分或投票后不能再登记）',
        params: uuidParam,
        body: z.strictObject({
          expertId: z.uuid(),
          applicationId: z.uuid(),
          kind: z.enum(['same_unit', 'same_department', 'relation', 'coauthor', 'other']),
          note: text(500),
        }),
        response: { 201: conflictSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addConflict(services, request.ctx, request.actor!, request.params.id, request.body)),
  );

  app.post(
    '/office/committees/:id/candidates/:applicationId/hold',
    {
      config: { access: 'evaluation.manage', audit: 'packet.hold' },
      schema: {
        tags,
        summary: '暂缓或恢复向专家送审某评审对象的材料（如盲评遮盖检查发现姓名）',
        params: candidateParams,
        body: z.strictObject({ held: z.boolean(), reason: text(500).nullable() }),
      },
    },
    async (request, reply) => {
      await holdPacket(services, request.ctx, request.actor!, request.params.id, request.params.applicationId, request.body.held, request.body.reason);
      return reply.status(204).send();
    },
  );

  app.get(
    '/office/committees/:id/progress',
    { config: { access: 'evaluation.manage' }, schema: { tags, summary: '专家评分进度', params: uuidParam, response: { 200: progressSchema } } },
    async (request) => scoringProgress(services.db, (await officeCommittee(services.db, request.actor!, request.params.id)).committee),
  );

  app.post(
    '/office/committees/:id/close-scoring',
    { config: { access: 'evaluation.manage', audit: 'scoring.close' }, schema: { tags, summary: '结束专家评分（此后不能再提交或修改评分）', params: uuidParam } },
    async (request, reply) => {
      await closeScoring(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );
}
