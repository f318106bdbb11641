import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * Source maps hand anyone our original source with its comments: the build makes them "hidden"
 * (no sourceMappingURL in the bundles, vite.config.ts) for error reporting, and they are never served.
 */
const isSourceMap = (path: string) => /\.map$/i.test(path.split('?')[0] ?? '');

/** Serves the built web app; any non-API GET falls back to index.html for client-side routes. */
export async function registerWeb(app: FastifyInstance, root = WEB_DIST) {
  if (!existsSync(`${root}index.html`)) {
    app.get('/', (_req, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><html lang="en"><title>Forefront</title><main><h1>Forefront</h1><p>The web app is not built yet: run <code>npm run build</code>. The API is at <a href="/api/docs">/api/docs</a>.</p></main></html>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    maxAge: '1h',
    immutable: false,
    allowedPath: (pathName) => !isSourceMap(pathName),
  });
  app.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/') || isSourceMap(req.url)) return reply.callNotFound();
    return reply.sendFile('index.html', { maxAge: 0 });
  });
}
