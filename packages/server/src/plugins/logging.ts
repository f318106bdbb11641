import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import pino from 'pino';
import type { Config } from '../config.js';
import { NEEDS_METADATA } from './log-destination.js';

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
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    const next = REDACTED_KEYS.has(k) ? CENSOR : redactDeep(v, depth + 1);
    if (next !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = next;
  }
  return out ?? value;
}

export function maskUrl(url: string): string {
  return url.replace(/(\/(?:invitations|mou-signing)\/)[^/?]+/, '$1[token]').replace(/([?&]token=)[^&]+/, '$1[token]');
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
      req: (req: { method: string; url: string; id?: string }) => ({
        method: req.method,
        url: maskUrl(req.url),
        id: req.id,
      }),
      // An error may carry a row (a driver error, a failed insert): redact what it carries.
      err: (err: Error) => {
        const s: unknown = pino.stdSerializers.err(err);
        return (s !== null && typeof s === 'object' ? redactDeep({ ...s }) : s) as pino.SerializedError;
      },
    },
  };
}

/**
 * One line per request, when it is answered: method and URL (tokens masked), status and response
 * time in ms. Fastify's default writes two lines, "incoming request" and "request completed", and
 * the second carries neither method nor URL. Every other line Fastify logs (errors, 404s, stream
 * errors) is unchanged. A request never answered (the process dies mid-request) leaves no line.
 *
 * The line of an answered request is the one pino would write for
 * `reply.log.info({ req, res, responseTime }, 'request completed')` through the serializers above,
 * built as text: it carries only the method (an HTTP token), the masked URL, the request id, the
 * status and a number, so there is nothing to redact, and pino's generic path (serializers,
 * formatters, a JSON walk) cost most of a cheap read's logging (docs/benchmarks.md).
 * test/logging.test.ts checks the line against pino's own.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error)
      return void reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    const log = reply.log as pino.Logger & { [key: symbol]: unknown };
    if (!log.isLevelEnabled('info')) return;
    const stream = log[pino.symbols.streamSym] as
      { write(line: string): void; lastLevel?: number; [NEEDS_METADATA]?: boolean } | undefined;
    if (!stream)
      return void reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    // What pino does before each write to a destination that asks (BatchedLogDestination).
    if (stream[NEEDS_METADATA]) stream.lastLevel = log.levels.values.info;
    stream.write(
      `{"level":${log.levels.values.info},"time":${Date.now()}${log[pino.symbols.chindingsSym] as string},"req":{"method":"${request.method}","url":${JSON.stringify(maskUrl(request.url))},"id":${JSON.stringify(request.id)}},"res":{"statusCode":${reply.statusCode}},"responseTime":${reply.elapsedTime},"msg":"request completed"}\n`,
    );
  }
}
