import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isIssueCode, issueParams } from '@forefront/contract';
import { AppError, type Issue } from '../shared/errors.js';

/**
 * One JSON error shape for every failure: `{ error: { code, message, issues? } }`. Nothing
 * internal (stack, SQL, driver message) ever reaches a client; the log keeps the detail.
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      // fastify-type-provider-zod 6 gives each zod issue as { keyword: issue.code, instancePath: '/a/0/b',
      // message, params: the rest of the issue (minimum, maximum, origin, format, values, a rule's params) }.
      // The provider's declaration imports 'fastify/types/schema' without an extension, which NodeNext
      // resolution cannot follow, so its element type is named here from fastify's own export.
      const validation = err.validation as unknown as FastifySchemaValidationError[];
      const issues: Issue[] = validation.map((v) => ({
        path: [err.validationContext, ...v.instancePath.split('/')].filter(Boolean).join('.'),
        message: v.message ?? 'Not valid',
        code: isIssueCode(v.keyword) ? v.keyword : 'not_accepted',
        params: issueParams(v.params),
      }));
      return reply.code(400).send({ error: { code: 'invalid_request', message: 'Some fields are not valid', issues } });
    }
    if (err instanceof AppError) {
      // An issue without its own code still has one, so a page never needs the English message.
      const issues = err.issues?.map((i) => ({ ...i, code: i.code ?? 'not_accepted' }));
      const body = {
        code: err.code,
        message: err.message,
        ...(err.params ? { params: err.params } : {}),
        ...(issues ? { issues } : {}),
      };
      return reply.code(err.statusCode).send({ error: body });
    }
    if (isResponseSerializationError(err)) {
      request.log.error(
        { err: { message: err.message, issues: err.cause.issues } },
        'response did not match its schema',
      );
      return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side' } });
    }
    // Fastify's own client errors (bad JSON, body too large, wrong content type, rate limit).
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code =
        status === 429
          ? 'too_many_requests'
          : status === 413
            ? 'payload_too_large'
            : status === 415
              ? 'unsupported_media_type'
              : 'invalid_request';
      const message = status === 429 ? 'Too many requests; wait a minute and try again' : clientMessage(err);
      return reply.code(status).send({ error: { code, message } });
    }
    if (isDatabaseBusy(err)) {
      // Another process held SQLite's write lock past busy_timeout (a long import, say): the
      // request changed nothing and can simply be sent again.
      request.log.warn({ err: { message: err.message, code: err.code } }, 'database busy');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({
          error: { code: 'busy', message: 'The database is busy with a long operation; try again in a few seconds' },
        });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side' } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: { code: 'not_found', message: `No such endpoint: ${request.method} ${request.url.split('?')[0]}` },
    });
  });
}

/** better-sqlite3's SqliteError for a lock it could not get: SQLITE_BUSY and its extended codes. */
function isDatabaseBusy(err: FastifyError): boolean {
  return err.name === 'SqliteError' && typeof err.code === 'string' && err.code.startsWith('SQLITE_BUSY');
}

/** Fastify's client-error messages are safe (they describe the request), but keep them short. */
function clientMessage(err: FastifyError): string {
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
    return 'The request body is not valid JSON';
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty';
  return err.message.slice(0, 200);
}
