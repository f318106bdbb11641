import type { FastifyInstance } from 'fastify';
import type { Role, SupportProfession } from '@forefront/contract';
import { isMfaRequired } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { hashPassword } from '../src/modules/auth/password.js';
import { currentTotp } from '../src/modules/auth/totp.js';
import { sealTotpSecret } from '../src/modules/auth/totp.secret.js';
import { newId } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';
import { appendAudit } from '../src/modules/audit/audit.service.js';
import { contextOf } from './harness.js';

/** Intent-named builders: each writes real rows through the real database. */
let counter = 0;
const next = () => ++counter + Math.floor(Math.random() * 1e6) * 1000;

export const TEST_PASSWORD = 'correct horse battery staple forefront';

export async function buildDistrict(ctx: AppContext, over: { state?: string; name?: string } = {}) {
  const n = next();
  const now = nowIso();
  const row = {
    id: newId(),
    ncesLeaId: String(9_000_000 + (n % 999_999)).padStart(7, '0'),
    name: over.name ?? `District ${n}`,
    state: over.state ?? 'VA',
    suppressionMinN: 10,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('districts').values(row).execute();
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: null, districtId: row.id },
      { kind: 'district.created', districtId: row.id, ncesLeaId: row.ncesLeaId },
    );
  });
  return row;
}

export async function buildSchool(
  ctx: AppContext,
  districtId: string,
  over: { enrollment?: number; name?: string } = {},
) {
  const n = next();
  const now = nowIso();
  const row = {
    id: newId(),
    districtId,
    ncesSchoolId: String(n).padStart(12, '9').slice(-12),
    name: over.name ?? `School ${n}`,
    gradeLow: '09' as const,
    gradeHigh: '12' as const,
    enrollment: over.enrollment ?? 800,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.insertInto('schools').values(row).execute();
  return row;
}

export interface BuiltUser {
  id: string;
  email: string;
  role: Role;
  districtId: string | null;
  schoolIds: string[];
  mfaSecret: string | null;
  password: string;
}

export async function buildUser(
  ctx: AppContext,
  opts: {
    role: Role;
    districtId: string | null;
    schoolIds?: string[];
    state?: string;
    profession?: SupportProfession;
    mfa?: boolean;
    accessExpiresAt?: string;
    disabled?: boolean;
  },
): Promise<BuiltUser> {
  const n = next();
  const now = nowIso();
  const mfa = opts.mfa ?? isMfaRequired(opts.role);
  const secret = mfa ? 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' : null;
  const id = newId();
  const user = {
    id,
    districtId: opts.districtId,
    email: `user${n}@example.test`,
    displayName: `User ${n}`,
    role: opts.role,
    profession: opts.role === 'support_staff' ? (opts.profession ?? 'counselor') : null,
    state: opts.role === 'state_viewer' ? (opts.state ?? 'VA') : null,
    passwordHash: await hashPassword(ctx.config, TEST_PASSWORD),
    mfaSecret: secret && sealTotpSecret(ctx.config, id, secret),
    mfaEnabled: mfa ? 1 : 0,
    disabled: opts.disabled ? 1 : 0,
    accessExpiresAt: opts.accessExpiresAt ?? (opts.role === 'auditor' ? '2099-12-31' : null),
    failedSignIns: 0,
    lockedUntil: null,
    lastSignInAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.insertInto('users').values(user).execute();
  const schoolIds = opts.schoolIds ?? [];
  if (schoolIds.length)
    await ctx.db
      .insertInto('userSchools')
      .values(schoolIds.map((schoolId) => ({ userId: user.id, schoolId, districtId: opts.districtId! })))
      .execute();
  return {
    id: user.id,
    email: user.email,
    role: opts.role,
    districtId: opts.districtId,
    schoolIds,
    mfaSecret: secret,
    password: TEST_PASSWORD,
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** Headers for app.inject on cookie-authenticated writes. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Signs in through the real API, finishing TOTP when the role needs it. */
export async function signIn(
  app: FastifyInstance,
  user: Pick<BuiltUser, 'email' | 'password' | 'mfaSecret'>,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: user.email, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const body = res.json<{ status: string; csrfToken: string }>();
  const headers = { cookie, 'x-csrf-token': body.csrfToken };
  if (body.status === 'mfa_required') {
    // Fixtures sign the same account in many times within one 30-second step; a real code works
    // once (replay protection has its own test), so forget the last accepted step first.
    const ctx = contextOf.get(app);
    if (ctx)
      await ctx.db
        .updateTable('users')
        .set({ totpLastStep: null })
        .where('email', '=', user.email.toLowerCase())
        .execute();
    const v = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers,
      payload: { code: currentTotp(user.mfaSecret!) },
    });
    if (v.statusCode !== 200) throw new Error(`mfa failed: ${v.statusCode} ${v.body}`);
    // Passing the second step renews the session: the new cookie and CSRF token replace the first.
    const renewed = v.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrfToken = v.json<{ csrfToken: string }>().csrfToken;
    return { cookie: renewed, csrfToken, headers: { cookie: renewed, 'x-csrf-token': csrfToken } };
  }
  return { cookie, csrfToken: body.csrfToken, headers };
}
