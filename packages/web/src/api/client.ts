import i18next from 'i18next';
import { ApiErrorSchema, type ApiError as ApiErrorBody, type IssueParams } from '@forefront/contract';
import { type Translate, errorMessage, issueMessage } from './error-messages';

/** Anything with a zod-like `safeParse`; keeps this module free of a direct zod import. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/**
 * One field's problem: `code` and `params` say what is wrong (contract/src/errors.ts); `message` is
 * the sender's English, kept for logs and never shown (issueFor translates the code).
 */
export type FieldIssue = { path: string; message: string; code?: string; params?: IssueParams };

/** The app's i18next instance (i18n/index.ts initialises it): the reader's language at call time. */
const globalT: Translate = (key, options) => i18next.t(key, options);

/**
 * An error the API answered with, in the server's one error shape, or one we made up for the
 * cases where no such answer arrived (network down, a proxy's HTML error page, a response that
 * does not match the contract).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  /** What the headline needs besides the code, e.g. a conflict's `reason`. */
  readonly params: IssueParams;

  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.params = body.params ?? {};
    // Fastify prefixes body fields with "body."; forms name fields by their place in the body.
    this.issues = (body.issues ?? []).map((i) => ({ ...i, path: i.path.replace(/^body\./, '') }));
  }

  /**
   * The message for one field, matching the server's dotted path (e.g. "admin.email"), in the
   * reader's language: built from the issue's code and params, never the sender's English.
   */
  issueFor(path: string, t: Translate = globalT): string | undefined {
    const issue = this.issues.find((i) => i.path === path);
    return issue && issueMessage(issue, t);
  }

  /** The headline, in the reader's language, from the code (and a conflict's reason). */
  describe(t: Translate = globalT): string {
    return errorMessage(this.code, t, this.params);
  }
}

/**
 * The CSRF token lives in memory only: the session cookie is HttpOnly and SameSite, and the
 * token proves a request came from a page that could read our own JSON. Keeping it out of
 * storage means an injected script in another tab cannot find it lying around.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Sent so the server can answer in the reader's language once it localizes its messages. */
let acceptLanguage = 'en';
export function setRequestLanguage(lang: string): void {
  acceptLanguage = lang;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions<T> {
  body?: unknown;
  /** Omit only for endpoints whose answer we ignore (sign-out, revoke). */
  schema?: ResponseSchema<T>;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: RequestOptions<unknown>['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T = unknown>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage };
  // A FormData body (a file upload) gets its multipart content type, with the boundary, from fetch.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { code: 'network_error', message: 'The server could not be reached.' });
  }

  const data = await readJson(response);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(data);
    throw new ApiError(
      response.status,
      parsed.success
        ? parsed.data.error
        : { code: 'http_error', message: `${response.status} ${response.statusText}`.trim() },
    );
  }
  rememberCsrfToken(data);
  if (!options.schema) return data as T;
  const parsed = options.schema.safeParse(data);
  if (!parsed.success) {
    // A mismatch means server and web disagree on the contract; say so rather than render garbage.
    console.error(`Response from ${method} ${path} does not match the contract`, parsed.error);
    throw new ApiError(response.status, { code: 'invalid_response', message: 'The server sent an unexpected answer.' });
  }
  return parsed.data;
}

/**
 * A request whose answer is a file (a PDF): sent like `request` (CSRF header, reader's language),
 * answered as a blob with the name from content-disposition; an error answer is JSON as ever.
 */
export async function requestFile(
  method: Method,
  path: string,
  options: Pick<RequestOptions<unknown>, 'body' | 'query'> = {},
): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = {
    accept: 'application/pdf, application/json',
    'accept-language': acceptLanguage,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, { code: 'network_error', message: 'The server could not be reached.' });
  }
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(await readJson(response));
    throw new ApiError(
      response.status,
      parsed.success
        ? parsed.data.error
        : { code: 'http_error', message: `${response.status} ${response.statusText}`.trim() },
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

/** Hands a file the app fetched to the browser as a download, through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** /api/me, sign-in, MFA and invitation acceptance all hand out a fresh token the same way. */
function rememberCsrfToken(data: unknown): void {
  if (data && typeof data === 'object' && 'csrfToken' in data && typeof data.csrfToken === 'string') {
    csrfToken = data.csrfToken;
  }
}

export const api = {
  get: <T>(path: string, schema: ResponseSchema<T>, query?: RequestOptions<T>['query'], signal?: AbortSignal) =>
    request<T>('GET', path, { schema, query, signal }),
  post: <T = unknown>(path: string, body?: unknown, schema?: ResponseSchema<T>) =>
    request<T>('POST', path, { body, schema }),
  patch: <T = unknown>(path: string, body: unknown, schema?: ResponseSchema<T>) =>
    request<T>('PATCH', path, { body, schema }),
  put: <T = unknown>(path: string, body: unknown, schema?: ResponseSchema<T>) =>
    request<T>('PUT', path, { body, schema }),
};

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The message for one field of a failed request, in the reader's language, if it named that field. */
export function issueOf(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.issueFor(path) : undefined;
}
