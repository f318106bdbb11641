import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWeb } from '../src/plugins/web.js';

/**
 * Issue 12, item 8: the built web app's source maps (our original source, comments included) were
 * served to anyone. The static plugin now refuses every .map file, with or without wildcard fallback.
 */
describe('serving the built web app', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'forefront-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Forefront</title>');
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1);\n');
    writeFileSync(join(dir, 'assets', 'app-abc123.js.map'), '{"version":3,"sources":["secret.tsx"]}');
    app = Fastify();
    await registerWeb(app, `${dir}/`);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the bundle and the app shell', async () => {
    expect((await app.inject('/assets/app-abc123.js')).body).toBe('console.log(1);\n');
    expect((await app.inject('/incidents/new')).body).toContain('<title>Forefront</title>');
  });

  it('never serves a source map, nor index.html in its place', async () => {
    for (const url of ['/assets/app-abc123.js.map', '/assets/APP-ABC123.JS.MAP', '/assets/app-abc123.js.map?x=1']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('secret.tsx');
      expect(res.body).not.toContain('<title>');
    }
  });
});
