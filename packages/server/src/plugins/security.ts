import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config.js';

/**
 * What every JSON answer under /api carries, after OWASP's REST Security Cheat Sheet ("Security
 * Headers"): the document-only headers (a full CSP, cross-origin policies, referrer policy...)
 * protect nothing in a JSON answer, which a browser never renders; each header costs every
 * request (docs/benchmarks.md). `no-store` keeps student data out of browser and proxy caches;
 * a public route that may be cached says so itself (the transparency report: ETag + no-cache).
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/** Answers that are JSON: the API, except its interactive docs (an HTML page with scripts). */
const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/**
 * Security headers on every answer and per-route rate limits (sign-in, MFA, invitations, setup
 * name theirs in route config). Global limiting is off: reads are cheap and benchmarked.
 *
 * Pages and static files get helmet's full set; JSON answers get API_HEADERS. Neither varies by
 * request, so both are computed once at start-up (running helmet per request re-parsed the CSP
 * on every answer: docs/benchmarks.md).
 */
export async function registerSecurity(app: FastifyInstance, config?: Pick<Config, 'rateLimit' | 'workers'>) {
  const documentHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(isApi(request.url) ? API_HEADERS : documentHeaders);
    done();
  });
  if (config) limitPublicApi(app, config);
  await app.register(rateLimit, { global: false });
}

/** A random salt per process: the rate limiter's keys are hashes that no one can turn back into addresses. */
const CLIENT_SALT = randomBytes(16);
const clientKey = (request: FastifyRequest) =>
  createHash('sha256').update(CLIENT_SALT).update(request.ip).digest('base64url').slice(0, 22);

/**
 * Issue 12.6: every /api/public route gets a per-client limit (PUBLIC_RATE_LIMIT a minute, per
 * process like authRateLimit). The counts live in this process's memory (the plugin's LRU store)
 * under a salted hash of the address, so no address is kept, on disk or off. Added as each route
 * is declared, before the rate-limit plugin reads the route's config.
 */
function limitPublicApi(app: FastifyInstance, config: Pick<Config, 'rateLimit' | 'workers'>) {
  const perMinute = config.rateLimit.publicPerMinute ?? 0;
  if (perMinute <= 0) return;
  const limit = {
    max: Math.max(1, Math.floor(perMinute / config.workers)),
    timeWindow: '1 minute',
    keyGenerator: clientKey,
  };
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/public/')) return;
    const own = route.config as { rateLimit?: unknown } | undefined;
    if (own?.rateLimit === undefined) route.config = { ...route.config, rateLimit: limit };
  });
}

/**
 * The limit on sign-in, MFA, invitation and setup routes, per address. Counted per process: with
 * several workers (cluster.ts) each allows its share, so an address still gets at most
 * `authPerMinute` across all of them.
 */
export function authRateLimit(config: Pick<Config, 'rateLimit' | 'workers'>) {
  return { max: Math.max(1, Math.floor(config.rateLimit.authPerMinute / config.workers)), timeWindow: '1 minute' };
}

/** Runs helmet once against a stand-in response and keeps the headers it sets. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | string[]) =>
      void (headers[name] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => void delete headers[name],
  };
  let failed: Error | undefined;
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err) failed = err instanceof Error ? err : new Error('helmet refused its options', { cause: err });
  });
  if (failed) throw failed;
  return headers;
}
