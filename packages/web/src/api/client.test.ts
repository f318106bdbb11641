import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateSchoolInputSchema, OkSchema, SignInResultSchema } from '@forefront/contract';
import { ApiError, api, getCsrfToken, setCsrfToken } from './client';
import { validateInput } from './validate';

function answer(status: number, body: unknown) {
  return vi.fn((_url: string, _init?: RequestInit) =>
    Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setCsrfToken(null);
});

const t = (key: string, options?: Record<string, unknown>) => `${key}${options ? JSON.stringify(options) : ''}`;

describe('api client', () => {
  it('remembers the CSRF token a sign-in answers with and sends it on writes only', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // later answers do not match; only headers matter
    const fetchMock = answer(200, { status: 'signed_in', csrfToken: 'tok-1' });
    vi.stubGlobal('fetch', fetchMock);
    await api.post('/api/auth/sign-in', { email: 'a@b.org', password: 'x' }, SignInResultSchema);
    expect(getCsrfToken()).toBe('tok-1');

    await api.post('/api/auth/sign-out', undefined, OkSchema).catch(() => undefined);
    const [, writeInit] = fetchMock.mock.calls[1]!;
    expect(new Headers(writeInit?.headers).get('x-csrf-token')).toBe('tok-1');
    expect(writeInit?.credentials).toBe('same-origin');
    expect(writeInit?.body).toBeUndefined(); // no body, so no JSON content type either

    await api.get('/api/me', OkSchema).catch(() => undefined);
    const [, readInit] = fetchMock.mock.calls[2]!;
    expect(new Headers(readInit?.headers).get('x-csrf-token')).toBeNull();
  });

  it("throws ApiError with the server's code, message and issues (body. prefix removed)", async () => {
    vi.stubGlobal(
      'fetch',
      answer(400, {
        error: {
          code: 'invalid_request',
          message: 'Some fields are not valid',
          issues: [{ path: 'body.admin.email', message: 'Bad', code: 'invalid_format', params: { format: 'email' } }],
        },
      }),
    );
    const error = await api.post('/api/setup', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect([apiError.status, apiError.code, apiError.message]).toEqual([
      400,
      'invalid_request',
      'Some fields are not valid',
    ]);
    // The field's message comes from the code, in the reader's language, not the server's words.
    expect(apiError.issues[0]).toMatchObject({ path: 'admin.email', code: 'invalid_format' });
    expect(apiError.issueFor('admin.email', t)).toBe('validation.email');
  });

  it('reports an answer that breaks the contract instead of returning it', async () => {
    vi.stubGlobal('fetch', answer(200, { status: 'weird' }));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = await api.post('/api/auth/sign-in', {}, SignInResultSchema).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('invalid_response');
  });

  it('turns a network failure and a non-JSON error page into ApiErrors', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(((await api.get('/api/me', OkSchema).catch((e: unknown) => e)) as ApiError).code).toBe('network_error');
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })),
      ),
    );
    const error = (await api.get('/api/me', OkSchema).catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.code]).toEqual([502, 'http_error']);
  });
});

describe('validateInput', () => {
  it('names fields by their dotted path, with plain messages for zod built-ins', () => {
    const error = validateInput(
      CreateSchoolInputSchema,
      { ncesSchoolId: '12', name: '', gradeLow: '', gradeHigh: 'KG', enrollment: Number.NaN },
      t,
    );
    expect(error?.issueFor('ncesSchoolId', t)).toBe('validation.ncesSchoolId');
    expect(error?.issueFor('name', t)).toBe('validation.tooShort{"min":2}');
    expect(error?.issueFor('gradeLow', t)).toBe('validation.choose');
    expect(error?.issueFor('enrollment', t)).toBe('validation.number');
  });

  it('passes valid input', () => {
    expect(
      validateInput(
        CreateSchoolInputSchema,
        {
          ncesSchoolId: '510006000001',
          name: 'Ada Lovelace Elementary',
          gradeLow: 'KG',
          gradeHigh: '05',
          enrollment: 400,
        },
        t,
      ),
    ).toBeNull();
  });
});
