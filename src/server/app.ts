// Builds the Fastify application (no listen): validation, deny-by-default access control, CSRF,
// sessions, security headers, the audit fallback for refused requests, OpenAPI and the routes.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { DEFAULT_UPLOAD_LIMITS } from './uploads/inspect.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarOutOfRangeError } from '../domain/calendar/calendar.js';
import { appendAudit } from './audit/append-audit.js';
import type { AuditAction } from '../domain/audit-actions.js';
import { resolveSession } from './auth/session-store.js';
import { AppError } from './http/errors.js';
import type { RequestContext } from './http/context.js';
import { describeValidationIssues } from './http/validation-messages.js';
import { grantingRole, type RouteAccess } from './policies/permissions.js';
import { loadActor, type LoadedActor } from './queries/load-actor.js';
import { registerRoutes } from './routes/index.js';
import { registerWebRoutes } from './routes/web.js';
import type { Services } from './services.js';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Required on every route (deny by default). */
    access?: RouteAccess;
    /** The audit action recorded for this route's state changes and refusals. */
    audit?: AuditAction;
    /** Reachable while a staff account still has to enrol its second factor. */
    duringTotpEnrolment?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    actor: LoadedActor | null;
    cspNonce: string;
  }
}

export const SESSION_COOKIE = 'zp_sid';
export const CSRF_COOKIE = 'zp_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
> & { routeCatalogue: RouteEntry[] };

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function isSecureRequest(services: Services, request: FastifyRequest): boolean {
  if (services.config.cookieSecure === 'always') return true;
  if (services.config.cookieSecure === 'never') return false;
  return request.protocol === 'https';
}

function securityHeaders(services: Services, request: FastifyRequest, reply: FastifyReply): void {
  const nonce = request.cspNonce;
  reply.header(
    'content-security-policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (isSecureRequest(services, request)) reply.header('strict-transport-security', 'max-age=31536000');
  if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}

async function authenticate(services: Services, request: FastifyRequest): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const session = await resolveSession(services.db, token);
  if (!session) return;
  const actor = await loadActor(services.db, session.userId, session.tokenHash, services.config.demo);
  request.actor = actor;
  request.ctx.actor = actor;
}

function authorise(request: FastifyRequest, access: RouteAccess): void {
  if (access === 'public') return;
  const actor = request.actor;
  if (!actor) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  if (actor.mustEnrolTotp && !request.routeOptions.config.duringTotpEnrolment) {
    throw new AppError(403, 'TOTP_ENROLMENT_REQUIRED', '您的账号需要先绑定两步验证（动态验证码）');
  }
  if (access === 'authenticated') {
    request.ctx.actingRole = actor.roles[0]?.role ?? null;
    return;
  }
  const role = grantingRole(
    actor.roles.map((g) => g.role),
    access,
  );
  if (!role) throw new AppError(403, 'FORBIDDEN', '您没有执行此操作的权限');
  request.ctx.actingRole = role;
}

function checkCsrf(request: FastifyRequest): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const cookieToken = request.cookies[CSRF_COOKIE];
  const headerToken = request.headers[CSRF_HEADER];
  if (!cookieToken || typeof headerToken !== 'string' || !safeEqual(cookieToken, headerToken)) {
    throw new AppError(403, 'CSRF', '页面已过期或请求来源不可信，请刷新页面后重试');
  }
}

function errorBody(code: string, message: string, fields?: { path: string; message: string }[]) {
  return { error: fields && fields.length > 0 ? { code, message, fields } : { code, message } };
}

export async function buildApp(services: Services, options: { logStream?: { write(line: string): void } } = {}): Promise<App> {
  const app = Fastify({
    logger: {
      level: services.config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    trustProxy: services.config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // A URL the router cannot even decode (bad %-escape, overlong parameter) gets the same error
    // body and security headers as any other refusal, not Fastify's English default.
    frameworkErrors: (error, request, reply) => {
      request.cspNonce = randomUUID().replace(/-/g, '');
      securityHeaders(services, request, reply);
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as FastifyReply).status(tooLong ? 414 : 400).send(errorBody(tooLong ? 'URI_TOO_LONG' : 'BAD_REQUEST', tooLong ? '请求地址过长' : '请求地址格式不正确'));
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.routeCatalogue = [];

  // Deny by default: a route without a declared access level does not start.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.url.startsWith('/api/docs') && !access) {
      route.config = { ...route.config, access: 'public' };
    } else if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeCatalogue.push({ method, url: route.url, access: route.config!.access! });
    }
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('actor', null);
  app.decorateRequest('cspNonce', '');

  await app.register(cookie);
  // Scans up to the inspection limit (20 MB, uploads/inspect.ts); one file per request.
  await app.register(multipart, { limits: { fileSize: DEFAULT_UPLOAD_LIMITS.maxBytes, files: 1, fields: 10 } });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Zhiping 职评 API', version: '0.1.0', description: '职称申报评审平台接口' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  app.addHook('onRequest', async (request) => {
    request.cspNonce = randomUUID().replace(/-/g, '');
    request.ctx = { requestId: request.id, ip: request.ip, actor: null, actingRole: null, audited: false };
    const access = request.routeOptions.config?.access;
    if (!access) return; // unknown route: the not-found handler answers
    checkCsrf(request);
    await authenticate(services, request);
    authorise(request, access);
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const { message, fields } = describeValidationIssues(error.validation, error.validationContext ?? 'body');
      return reply.status(400).send(errorBody('VALIDATION', message, fields));
    }
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.fields));
    }
    // A working-day rule reached a year nobody has entered: say so rather than guess (domain/calendar).
    if (error instanceof CalendarOutOfRangeError) return reply.status(409).send(errorBody('CALENDAR_NOT_COVERED', error.message));
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413 || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send(errorBody('TOO_LARGE', '提交的内容过大'));
    }
    if (status === 415) return reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', '不支持的请求格式'));
    if (status && status >= 400 && status < 500) {
      return reply.status(400).send(errorBody('BAD_REQUEST', '请求格式不正确'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', '系统繁忙，请稍后再试'));
  });

  app.setNotFoundHandler(async (request, reply) => {
    request.ctx ??= { requestId: request.id, ip: request.ip, actor: null, actingRole: null, audited: false };
    return reply.status(404).send(errorBody('NOT_FOUND', '请求的接口不存在'));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    securityHeaders(services, request, reply);
    // A state-changing request that no command audited (refused, invalid, failed) is audited here.
    const ctx = request.ctx;
    if (ctx && UNSAFE_METHODS.has(request.method) && !ctx.audited && reply.statusCode >= 400) {
      const status = reply.statusCode;
      try {
        await appendAudit(services.db, ctx, {
          action: request.routeOptions.config?.audit ?? 'request.refused',
          objectType: 'route',
          objectId: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`.slice(0, 200),
          outcome: status === 401 || status === 403 || status === 404 ? 'denied' : 'failure',
          detail: { status },
        });
      } catch (err) {
        request.log.error({ err }, 'audit fallback failed');
      }
    }
    return payload;
  });

  await app.register(async (api) => registerRoutes(api as unknown as App, services), { prefix: '/api' });
  await registerWebRoutes(app, services);
  return app;
}
