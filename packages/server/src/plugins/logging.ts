import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/**
 * Logs never carry secrets or student data: the request serializer keeps method and a URL with
 * one-time tokens masked, and redaction removes credential and student fields anywhere they
 * appear in a logged object.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.mfaSecret',
  '*.token',
  '*.csrfToken',
  '*.recoveryCodes',
  '*.code',
  // Student fields (later modules): never in logs, even when an error object carries a row.
  '*.student',
  '*.students',
  '*.firstName',
  '*.lastName',
  '*.birthDate',
  '*.studentLocalId',
];

export function maskUrl(url: string): string {
  return url.replace(/(\/invitations\/)[^/?]+/, '$1[token]').replace(/([?&]token=)[^&]+/, '$1[token]');
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id?: string }) => ({ method: req.method, url: maskUrl(req.url), id: req.id }),
    },
  };
}
