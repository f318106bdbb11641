import type { FastifyInstance } from 'fastify';
import { InvalidCharactersError, findUnstorable } from '../shared/text.js';

/**
 * One check for every route, before validation and before any service or query runs: a NUL byte or
 * an unpaired surrogate anywhere in the path parameters, the query string or a JSON body answers
 * 400 `invalid_characters` (shared/text.ts says why), on SQLite and PostgreSQL alike, signed in or not.
 */
export function registerInputTextCheck(app: FastifyInstance) {
  app.addHook('preValidation', (request, _reply, done) => {
    const bad =
      findUnstorable(request.params, 'params') ??
      findUnstorable(request.query, 'querystring') ??
      findUnstorable(request.body, 'body');
    done(bad ? new InvalidCharactersError(bad) : undefined);
  });
}
