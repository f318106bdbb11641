import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config.js';

/**
 * Security headers on every answer and per-route rate limits (sign-in, MFA, invitations, setup
 * name theirs in route config). Global limiting is off: reads are cheap and benchmarked.
 *
 * The headers never vary by request, so helmet computes them once at start-up (running it per
 * request re-parsed the CSP on every answer: docs/benchmarks.md).
 */
export async function registerSecurity(app: FastifyInstance) {
  const headers = helmetHeaders({
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
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(rateLimit, { global: false });
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
    setHeader: (name: string, value: string | string[]) => void (headers[name] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => void delete headers[name],
  };
  let failed: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => void (failed = err));
  if (failed) throw failed;
  return headers;
}
