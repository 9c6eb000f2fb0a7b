import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CSRF_COOKIE, isSecureRequest, SESSION_COOKIE, type App } from '../app.js';
import { hashSessionToken, SESSION_ABSOLUTE_SECONDS } from '../auth/session-store.js';
import { changePassword } from '../commands/auth/change-password.js';
import { enableTotp } from '../commands/auth/enable-totp.js';
import { login } from '../commands/auth/login.js';
import { logout } from '../commands/auth/logout.js';
import { registerApplicant } from '../commands/auth/register-applicant.js';
import { sendSmsCode } from '../commands/auth/send-sms-code.js';
import { setupTotp } from '../commands/auth/setup-totp.js';
import { presentMe } from '../presenters/people.js';
import { loadActor } from '../queries/load-actor.js';
import type { Services } from '../services.js';
import { meSchema, text } from './schemas.js';

function setSessionCookie(services: Services, request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecureRequest(services, request),
    maxAge: SESSION_ABSOLUTE_SECONDS,
  });
}

function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

async function meOf(services: Services, userId: string, tokenHash: string) {
  const actor = await loadActor(services.db, userId, tokenHash, services.config.demo);
  return presentMe(services.db, services.cipher, actor!);
}

export function authRoutes(app: App, services: Services) {
  app.get(
    '/auth/csrf',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: '获取防跨站请求令牌', response: { 200: z.object({ csrfToken: z.string() }) } } },
    async (request, reply) => {
      const existing = request.cookies[CSRF_COOKIE];
      const csrfToken = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
      reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure: isSecureRequest(services, request) });
      return { csrfToken };
    },
  );

  app.post(
    '/auth/sms-code',
    {
      config: { access: 'public', audit: 'auth.sms_code' },
      schema: {
        tags: ['auth'],
        summary: '发送注册短信验证码',
        body: z.strictObject({ phone: text(20), purpose: z.literal('register') }),
        response: { 200: z.object({ sent: z.literal(true), demoCode: z.string().optional() }) },
      },
    },
    async (request) => ({ sent: true as const, ...(await sendSmsCode(services, request.ctx, request.body)) }),
  );

  app.post(
    '/auth/register',
    {
      config: { access: 'public', audit: 'auth.register' },
      schema: {
        tags: ['auth'],
        summary: '申报人实名注册',
        body: z.strictObject({
          name: text(30).min(1),
          idNumber: text(24).min(1),
          phone: text(20).min(1),
          smsCode: text(8).min(1),
          username: text(32).optional(),
          password: z.string().min(1).max(128),
          unitId: z.uuid(),
        }),
        response: { 201: meSchema },
      },
    },
    async (request, reply) => {
      const { token, userId } = await registerApplicant(services, request.ctx, {
        ...request.body,
        username: request.body.username || undefined,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(services, request, reply, token);
      return reply.status(201).send(await meOf(services, userId, hashSessionToken(token)));
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public', audit: 'auth.login' },
      schema: {
        tags: ['auth'],
        summary: '登录（身份证号、手机号或用户名）',
        body: z.strictObject({ identifier: text(64).min(1), password: z.string().min(1).max(128), totpCode: text(8).optional() }),
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const { token, userId } = await login(services, request.ctx, { ...request.body, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookie(services, request, reply, token);
      return meOf(services, userId, hashSessionToken(token));
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'authenticated', audit: 'auth.logout', duringTotpEnrolment: true }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (request, reply) => {
      await logout(services, request.ctx, request.actor!);
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me',
    { config: { access: 'authenticated', duringTotpEnrolment: true }, schema: { tags: ['me'], summary: '我的资料', response: { 200: meSchema } } },
    async (request) => presentMe(services.db, services.cipher, request.actor!),
  );

  app.post(
    '/me/password',
    {
      config: { access: 'authenticated', audit: 'auth.password_change', duringTotpEnrolment: true },
      schema: { tags: ['me'], summary: '修改密码（注销全部会话）', body: z.strictObject({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }) },
    },
    async (request, reply) => {
      await changePassword(services, request.ctx, request.actor!, request.body);
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/me/totp/setup',
    {
      config: { access: 'authenticated', audit: 'auth.totp_setup', duringTotpEnrolment: true },
      schema: { tags: ['me'], summary: '生成两步验证二维码', response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }) } },
    },
    async (request) => setupTotp(services, request.ctx, request.actor!),
  );

  app.post(
    '/me/totp/enable',
    {
      config: { access: 'authenticated', audit: 'auth.totp_enable', duringTotpEnrolment: true },
      schema: { tags: ['me'], summary: '启用两步验证', body: z.strictObject({ code: z.string().regex(/^\d{6}$/, '请输入 6 位数字') }) },
    },
    async (request, reply) => {
      await enableTotp(services, request.ctx, request.actor!, request.body.code);
      return reply.status(204).send();
    },
  );
}
