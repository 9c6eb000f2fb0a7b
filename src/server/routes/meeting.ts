// The committee office's defence sessions, the meeting and the vote (contract C): defence sessions
// and the defence scores candidates carry, attendance, opening the meeting (quorum, N40-MEETING),
// closing the ballot (results with the pass-rate cap, A24-17), the committee's decision of a tie
// and the minutes. No route here, or anywhere, returns an individual vote; counts appear only in
// the close-ballot answer and the minutes, i.e. after the ballot has closed.
import { z } from 'zod';
import type { App } from '../app.js';
import { closeBallot, decideTie, openMeeting, recordAttendance } from '../commands/results/meeting.js';
import { minutesPdf } from '../commands/results/minutes.js';
import { scheduleDefence } from '../commands/results/schedule-defence.js';
import { attendanceSchema, ballotResultSchema, defenceScoreRowSchema, defenceSessionSchema } from '../presenters/results.js';
import { officeDefenceScores, officeDefenceSessions } from '../queries/defence.js';
import { officeCommittee } from '../queries/evaluation-scope.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';
import { contentDisposition } from './upload-request.js';

const office = ['office'];
const candidateParams = z.strictObject({ id: z.uuid(), applicationId: z.uuid() });

const sessionBody = z.strictObject({
  startsAt: z.iso.datetime({ offset: true, message: '答辩时间应为带时区的时间，如 2024-09-20T09:00:00+08:00' }),
  place: text(200).trim().min(1, '请填写答辩地点'),
  videoLink: z
    .url({ protocol: /^https$/, message: '视频答辩链接应为 https:// 开头的网址' })
    .max(500, '视频答辩链接不能超过 500 个字符')
    .nullable(),
  panelExpertIds: z.array(z.uuid()).min(1, '请选择答辩评议组成员').max(100),
  applicationIds: z.array(z.uuid()).min(1, '请选择参加本场答辩的人员').max(500),
});

/** Optional: no body closes only when every ballot is in; closeEarly needs the office's reason. */
const closeBallotBody = z
  .strictObject({
    closeEarly: z.boolean().optional(),
    reason: text(1000).trim().optional(),
  })
  .refine((b) => b.closeEarly !== true || (b.reason ?? '') !== '', { message: '提前结束投票须说明理由', path: ['reason'] })
  // A POST without a body (the web's plain close) reaches the validator as null.
  .nullish();

export function meetingRoutes(app: App, services: Services) {
  app.get(
    '/office/committees/:id/defence-sessions',
    {
      config: { access: 'evaluation.manage' },
      schema: { tags: office, summary: '答辩场次：时间、地点、视频链接、评议组和答辩人员', params: uuidParam, response: { 200: z.array(defenceSessionSchema) } },
    },
    async (request) => {
      const { committee } = await officeCommittee(services.db, request.actor!, request.params.id);
      return officeDefenceSessions(services.db, committee.id);
    },
  );

  app.post(
    '/office/committees/:id/defence-sessions',
    {
      config: { access: 'evaluation.manage', audit: 'defence.schedule' },
      schema: {
        tags: office,
        summary: '安排答辩场次（只能安排须答辩的人员；逐一通知答辩时间、地点和视频链接，B21-7、A24-14）',
        params: uuidParam,
        body: sessionBody,
        response: { 201: defenceSessionSchema },
      },
    },
    async (request, reply) => {
      const session = await scheduleDefence(services, request.ctx, request.actor!, request.params.id, request.body);
      const all = await officeDefenceSessions(services.db, request.params.id);
      return reply.status(201).send(all.find((s) => s.id === session.id)!);
    },
  );

  app.get(
    '/office/committees/:id/defence-scores',
    {
      config: { access: 'evaluation.manage' },
      schema: {
        tags: office,
        summary: '答辩成绩：答辩人员的平均分；免于答辩人员按规定赋分并说明原因（B21-7、A24-14）',
        params: uuidParam,
        response: { 200: z.array(defenceScoreRowSchema) },
      },
    },
    async (request) => {
      const { committee } = await officeCommittee(services.db, request.actor!, request.params.id);
      return officeDefenceScores(services.db, committee);
    },
  );

  app.put(
    '/office/committees/:id/attendance',
    {
      config: { access: 'evaluation.manage', audit: 'meeting.attendance' },
      schema: {
        tags: office,
        summary: '登记评审会议出席委员（会议开始前）',
        params: uuidParam,
        body: z.strictObject({ presentExpertIds: z.array(z.uuid()).max(200) }),
        response: { 200: attendanceSchema },
      },
    },
    async (request) => recordAttendance(services, request.ctx, request.actor!, request.params.id, request.body.presentExpertIds),
  );

  app.post(
    '/office/committees/:id/open-meeting',
    {
      config: { access: 'evaluation.manage', audit: 'meeting.open' },
      schema: { tags: office, summary: '开启评审会议投票（须专家评分已结束，出席委员不少于三分之二，N40-MEETING）', params: uuidParam },
    },
    async (request, reply) => {
      await openMeeting(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/office/committees/:id/close-ballot',
    {
      config: { access: 'evaluation.manage', audit: 'ballot.close' },
      schema: {
        tags: office,
        summary:
          '结束投票并计票（同意票达到有表决权出席委员三分之二为通过；设通过率的级别按通过率确定，A24-17）。尚有选票未投时拒绝（409 VOTES_OUTSTANDING），除非办公室以 { closeEarly: true, reason } 说明理由提前结束，理由记入审计日志和会议纪要',
        params: uuidParam,
        body: closeBallotBody,
        response: { 200: z.object({ results: z.array(ballotResultSchema) }) },
      },
    },
    async (request) => ({ results: await closeBallot(services, request.ctx, request.actor!, request.params.id, request.body ?? {}) }),
  );

  app.post(
    '/office/committees/:id/candidates/:applicationId/tie-decision',
    {
      config: { access: 'evaluation.manage', audit: 'result.tie_decision' },
      schema: {
        tags: office,
        summary: '评审委员会决定并列于通过率线的人员是否通过（不得超过通过率，A24-17）',
        params: candidateParams,
        body: z.strictObject({ passed: z.boolean(), reason: text(1000).trim().min(1, '请填写评审委员会的决定理由') }),
      },
    },
    async (request, reply) => {
      await decideTie(services, request.ctx, request.actor!, request.params.id, request.params.applicationId, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/office/committees/:id/minutes.pdf',
    { config: { access: 'evaluation.manage' }, schema: { tags: office, summary: '评审会议纪要（PDF，投票结束后）', params: uuidParam } },
    async (request, reply) => {
      const { pdf, name } = await minutesPdf(services, request.actor!, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', name, 'minutes.pdf'))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
