import type { ConflictReason, ErrorCode, IssueCode, IssueParams } from '@forefront/contract';

/**
 * A field-level problem. `code` (the contract's ISSUE_CODES) and `params` let a page say it in the
 * reader's language; without a code the error plugin sends "not_accepted". `message` is for API clients.
 */
export type Issue = { path: string; message: string; code?: IssueCode; params?: IssueParams };

/**
 * Errors a service may throw on purpose. The error plugin turns each into the one JSON error
 * shape; anything else becomes a generic 500 with no stack trace or SQL.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    /** One of the contract's ERROR_CODES: a test checks every code thrown is listed (and translated). */
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    /** Sent as `error.params`: what a page needs to say this in the reader's language. */
    readonly params?: IssueParams,
  ) {
    super(message);
  }
}

/** Also used for ids in other districts: they must answer exactly like ids that do not exist. */
export class NotFoundError extends AppError {
  constructor(what = 'Resource', message?: string) {
    super(404, 'not_found', message ?? `${what} not found`);
  }
}
export class ForbiddenError extends AppError {
  /** `districtId`: the refused resource's district, whose audit chain records the refusal (audit.refusals.ts). */
  constructor(
    message = 'You do not have access to this',
    readonly districtId?: string,
  ) {
    super(403, 'forbidden', message);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue', code: ErrorCode = 'unauthorized') {
    super(401, code, message);
  }
}
export class ConflictError extends AppError {
  /** `reason` (and its params) lets a page say why in the reader's language; `message` is for API clients. */
  constructor(message: string, reason: ConflictReason, params: IssueParams = {}) {
    super(409, 'conflict', message, undefined, { reason, ...params });
  }
}
export class ValidationError extends AppError {
  constructor(message: string, issues?: Issue[]) {
    super(400, 'invalid_request', message, issues);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(429, 'too_many_requests', message);
  }
}
