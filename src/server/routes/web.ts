// Serves the built web app (dist/web): hashed assets with long caching, and index.html for every
// other page path with this request's CSP nonce filled in.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../app.js';
import type { Services } from '../services.js';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export async function registerWebRoutes(app: App, _services: Services) {
  const indexFile = path.join(webRoot, 'index.html');
  const indexHtml = existsSync(indexFile)
    ? readFileSync(indexFile, 'utf8')
    : '<!doctype html><meta charset="utf-8"><title>职评</title><p>前端尚未构建：请运行 npm run build:web</p>';

  app.get('/assets/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const relative = (request.params as { '*': string })['*'];
    const file = path.resolve(webRoot, 'assets', relative);
    const type = CONTENT_TYPES[path.extname(file)];
    if (!file.startsWith(path.join(webRoot, 'assets') + path.sep) || !type || !existsSync(file)) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '文件不存在' } });
    }
    return reply.header('content-type', type).header('cache-control', 'public, max-age=31536000, immutable').send(await readFile(file));
  });

  const page = async (request: { cspNonce: string }, reply: import('fastify').FastifyReply) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml.replaceAll('__CSP_NONCE__', request.cspNonce));

  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, page);
  for (const prefix of ['/login', '/register', '/app', '/app/*', '/portal/*', '/verify', '/verify/*']) {
    app.get(prefix, { config: { access: 'public' }, schema: { hide: true } }, page);
  }
  app.get('/favicon.svg', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const file = path.join(webRoot, 'favicon.svg');
    if (!existsSync(file)) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '文件不存在' } });
    return reply.header('content-type', 'image/svg+xml').send(await readFile(file));
  });
}
