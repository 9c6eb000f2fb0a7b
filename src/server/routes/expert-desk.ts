// The expert's desk (access evaluation.expert: expert, committee_chair): their committees, the
// conflict declaration that comes before any packet (N40-RECUSAL), the blind packets (A24-7), the
// scans and blind 评审表 of a packet, score sheets, the defence panel and the secret ballot.
//
// Nothing here identifies a candidate: responses carry the anonymous code, never a name, ID or
// phone number, unit, photo, file name or uploader — downloads included (Content-Disposition
// names the code or the file id). A committee the expert does not sit on, and a candidate not
// assigned to them, recused or held by the office, answer 404 alike.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../app.js';
import { declareConflicts } from '../commands/evaluation/declare-conflicts.js';
import { recordPacketRead } from '../commands/evaluation/read-packet.js';
import { submitReviewScore } from '../commands/evaluation/submit-review-score.js';
import { castVotes } from '../commands/results/cast-votes.js';
import { submitDefenceScore } from '../commands/results/submit-defence-score.js';
import { reviewFormDocument } from '../commands/review-forms/review-form-document.js';
import { applications } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import {
  ballotViewSchema,
  defenceViewSchema,
  expertCommitteeSchema,
  packetSchema,
  packetSummarySchema,
  type Packet,
} from '../presenters/evaluation.js';
import { expertBallot } from '../queries/ballot.js';
import { expertDefence } from '../queries/defence.js';
import { blindSafeFiles, buildPacket, campaignOfCommittee, expertCommittees, packetList } from '../queries/evaluation.js';
import { assertConflictsDeclared, expertPacket, memberCommittee, memberRow } from '../queries/evaluation-scope.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';
import { contentDisposition, sendStoredFile } from './upload-request.js';

const packetParams = z.strictObject({ id: z.uuid(), applicationId: z.uuid() });
const fileParams = z.strictObject({ id: z.uuid(), applicationId: z.uuid(), fileId: z.uuid() });
const totalSchema = z.object({ total: z.number() });
const scoreBodySchema = z.strictObject({
  // Values are checked by scoreProblems (Chinese, naming the item), not by the schema, so a
  // wrong type gets the same message as a wrong value.
  items: z.record(z.string().max(100), z.unknown()),
  comment: text(5000),
});

export function expertDeskRoutes(app: App, services: Services) {
  const tags = ['expert'];

  app.get(
    '/expert/committees',
    { config: { access: 'evaluation.expert' }, schema: { tags, summary: '我参加的评审委员会', response: { 200: z.array(expertCommitteeSchema) } } },
    async (request) => expertCommittees(services.db, request.actor!.userId),
  );

  app.post(
    '/expert/committees/:id/conflicts',
    {
      config: { access: 'evaluation.expert', audit: 'conflict.declare' },
      schema: {
        tags,
        summary: '申报回避关系（查看评审材料前、专家评审阶段申报一次，可申报“无”；再次申报 409 CONFLICTS_ALREADY_DECLARED，新发现的回避情形由评委会办公室登记；新增评审对象后须再申报一次）',
        params: uuidParam,
        body: z.strictObject({
          persons: z
            .array(z.strictObject({ name: text(50), kind: z.enum(['relation', 'coauthor', 'other']), note: text(500) }))
            .max(200),
        }),
      },
    },
    async (request, reply) => {
      await declareConflicts(services, request.ctx, request.actor!, request.params.id, request.body.persons);
      return reply.status(204).send();
    },
  );

  app.get(
    '/expert/committees/:id/packets',
    { config: { access: 'evaluation.expert' }, schema: { tags, summary: '分配给我的盲审材料（匿名编号）', params: uuidParam, response: { 200: z.array(packetSummarySchema) } } },
    async (request) => {
      const { committee, expert } = await memberCommittee(services.db, request.actor!, request.params.id);
      assertConflictsDeclared(await memberRow(services.db, committee.id, expert.id));
      return packetList(services.db, committee, expert);
    },
  );

  app.get(
    '/expert/committees/:id/packets/:applicationId',
    {
      config: { access: 'evaluation.expert', audit: 'packet.read' },
      schema: { tags, summary: '盲审材料（不含姓名、身份证号、手机号、单位、照片、文件名）', params: packetParams, response: { 200: packetSchema } },
    },
    async (request): Promise<Packet> => {
      const { committee, expert, candidate } = await expertPacket(services.db, request.actor!, request.params.id, request.params.applicationId);
      const packet = await buildPacket(services.db, services.cipher, committee, expert, candidate);
      await recordPacketRead(services, request.ctx, { committeeId: committee.id, applicationId: candidate.applicationId, expertId: expert.id, what: 'packet' });
      return packet;
    },
  );

  app.get(
    '/expert/committees/:id/packets/:applicationId/files/:fileId',
    { config: { access: 'evaluation.expert', audit: 'packet.read' }, schema: { tags, summary: '盲审材料中的扫描件（仅已遮盖、检查无姓名的文件）', params: fileParams } },
    async (request, reply) => {
      const { committee, expert, candidate } = await expertPacket(services.db, request.actor!, request.params.id, request.params.applicationId);
      const [app] = await services.db.select().from(applications).where(eq(applications.id, candidate.applicationId));
      const campaign = await campaignOfCommittee(services.db, committee);
      const found = (await blindSafeFiles(services.db, campaign, app)).find((f) => f.file.id === request.params.fileId);
      if (!found) throw notFound('未找到该文件');
      await recordPacketRead(services, request.ctx, { committeeId: committee.id, applicationId: candidate.applicationId, expertId: expert.id, what: 'file', fileId: found.file.id });
      // The stored name is the applicant's own text ("张三-学历证书.jpg"): the download is named by the code.
      return sendStoredFile(services, reply, { ...found.file, originalName: `${candidate.code}-${found.file.id.slice(0, 8)}.${found.file.kind}` }, 'packet-file');
    },
  );

  app.get(
    '/expert/committees/:id/packets/:applicationId/review-form.pdf',
    { config: { access: 'evaluation.expert', audit: 'packet.read' }, schema: { tags, summary: '评审表盲评版（PDF）', params: packetParams } },
    async (request, reply) => {
      const { committee, expert, candidate } = await expertPacket(services.db, request.actor!, request.params.id, request.params.applicationId);
      const [app] = await services.db.select().from(applications).where(eq(applications.id, candidate.applicationId));
      const document = await reviewFormDocument(services, request.ctx, app, { blind: true });
      await recordPacketRead(services, request.ctx, { committeeId: committee.id, applicationId: candidate.applicationId, expertId: expert.id, what: 'review_form' });
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', `评审表（盲评版）-${candidate.code}.pdf`, `review-form-blind-${candidate.code}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(document.pdf);
    },
  );

  app.put(
    '/expert/committees/:id/packets/:applicationId/score',
    {
      config: { access: 'evaluation.expert', audit: 'score.submit' },
      schema: { tags, summary: '提交或修改评分（专家评分结束前）', params: packetParams, body: scoreBodySchema, response: { 200: totalSchema } },
    },
    async (request) => ({ total: await submitReviewScore(services, request.ctx, request.actor!, request.params.id, request.params.applicationId, request.body) }),
  );

  app.get(
    '/expert/committees/:id/defence',
    { config: { access: 'evaluation.expert' }, schema: { tags, summary: '我参加的答辩场次与答辩对象（匿名编号）', params: uuidParam, response: { 200: defenceViewSchema } } },
    async (request) => {
      const { committee, expert } = await memberCommittee(services.db, request.actor!, request.params.id);
      assertConflictsDeclared(await memberRow(services.db, committee.id, expert.id));
      return expertDefence(services.db, request.actor!, committee.id);
    },
  );

  app.put(
    '/expert/committees/:id/defence/:applicationId/score',
    {
      config: { access: 'evaluation.expert', audit: 'score.submit' },
      schema: { tags, summary: '提交或修改答辩评分', params: packetParams, body: scoreBodySchema, response: { 200: totalSchema } },
    },
    async (request) => submitDefenceScore(services, request.ctx, request.actor!, request.params.id, request.params.applicationId, request.body),
  );

  app.get(
    '/expert/committees/:id/ballot',
    { config: { access: 'evaluation.expert' }, schema: { tags, summary: '表决票：评审对象（匿名编号）、评审与答辩成绩、是否回避、是否已投', params: uuidParam, response: { 200: ballotViewSchema } } },
    async (request) => expertBallot(services.db, request.actor!, request.params.id),
  );

  app.post(
    '/expert/committees/:id/ballot',
    {
      config: { access: 'evaluation.expert', audit: 'ballot.cast' },
      schema: {
        tags,
        summary: '无记名投票（会议开启后、登记出席者，每个评审对象一票，回避者不能投）',
        params: uuidParam,
        body: z.strictObject({
          votes: z
            .array(z.strictObject({ applicationId: z.uuid(), choice: z.enum(['agree', 'disagree', 'abstain']) }))
            .min(1)
            .max(1000),
        }),
      },
    },
    async (request, reply) => {
      await castVotes(services, request.ctx, request.actor!, request.params.id, request.body.votes);
      return reply.status(204).send();
    },
  );
}
