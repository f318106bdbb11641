import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import pino from 'pino';
import type { Config } from '../config.js';

/**
 * Logs never carry secrets or student data: the request serializer keeps method and a URL with
 * one-time tokens masked (headers, and so cookies and the CSRF token, are never logged), and
 * redaction removes credential and student fields anywhere they appear in a logged object.
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'cookie',
  'authorization',
  'x-csrf-token',
  'set-cookie',
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'mfaSecret',
  'token',
  'csrfToken',
  'recoveryCodes',
  'code',
  // Student fields (later modules): never in logs, even when an error object carries a row.
  'student',
  'students',
  'firstName',
  'lastName',
  'birthDate',
  'studentLocalId',
]);
const CENSOR = '[redacted]';

/**
 * pino's own `redact` takes fixed paths (`*.password` matches one level only), which missed
 * top-level fields and rows nested deeper, e.g. `err.row.firstName`; so walk every logged
 * value by key instead. Copy-on-write: objects with nothing to redact are logged as they are.
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 10) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => redactDeep(v, depth + 1));
    return items.some((v, i) => v !== value[i]) ? items : value;
  }
  // Only plain data: class instances (requests, buffers, dates) go through their serializers.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    const next = REDACTED_KEYS.has(k) ? CENSOR : redactDeep(v, depth + 1);
    if (next !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = next;
  }
  return out ?? value;
}

export function maskUrl(url: string): string {
  return url.replace(/(\/invitations\/)[^/?]+/, '$1[token]').replace(/([?&]token=)[^&]+/, '$1[token]');
}

/** Keys with their own serializer below; everything else is redacted by `formatters.log`. */
const SERIALIZED = new Set(['req', 'res', 'err']);

export function loggerOptions(config: Config, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream && { stream }),
    formatters: {
      log: (obj: Record<string, unknown>) => {
        let out: Record<string, unknown> | null = null;
        for (const [k, v] of Object.entries(obj)) {
          if (SERIALIZED.has(k)) continue;
          const next = REDACTED_KEYS.has(k) ? CENSOR : redactDeep(v);
          if (next !== v) (out ??= { ...obj })[k] = next;
        }
        return out ?? obj;
      },
    },
    serializers: {
      req: (req: { method: string; url: string; id?: string }) => ({ method: req.method, url: maskUrl(req.url), id: req.id }),
      // An error may carry a row (a driver error, a failed insert): redact what it carries.
      err: (err: Error) => {
        const s: unknown = pino.stdSerializers.err(err);
        return (s !== null && typeof s === 'object' ? redactDeep({ ...s }) : s) as pino.SerializedError;
      },
    },
  };
}

/**
 * One line per request, when it is answered: method and URL (tokens masked by the `req`
 * serializer), status and response time in ms. Fastify's default writes two lines, "incoming
 * request" and "request completed", and the second carries neither method nor URL; logging was a
 * fifth of a read's CPU (docs/benchmarks.md). Every other line Fastify logs (errors, 404s, stream
 * errors) is unchanged. A request never answered (the process dies mid-request) leaves no line.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
