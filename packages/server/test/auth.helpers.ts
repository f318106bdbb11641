import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { currentTotp, totpStep } from '../src/modules/auth/totp.js';
import type { AppContext } from '../src/shared/context.js';
import type { Session } from './builders.js';

/**
 * Small helpers shared by the auth, session, invitation, setup, user and district tests. They talk
 * to the real app and read the real database; nothing here is mocked.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A request as the signed-in browser would make it: session cookie, plus the CSRF header on writes. */
export function call(app: FastifyInstance, session: Session | null, method: Method, url: string, payload?: unknown) {
  const headers: Record<string, string> = session
    ? method === 'GET'
      ? { cookie: session.cookie }
      : { ...session.headers }
    : {};
  return app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
}

/** Cookie header and CSRF token from a sign-in or invitation-acceptance answer. */
export function sessionFrom(res: LightMyRequestResponse): Session {
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrfToken = res.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

export function passwordSignIn(app: FastifyInstance, email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
}

/** A well-formed 6-digit code that the authenticator would not accept right now (outside the drift window too). */
export function wrongTotp(secret: string): string {
  const current = currentTotp(secret);
  for (const c of ['000000', '111111', '222222', '333333', '444444'])
    if (c !== current && totpStep(secret, c) === null) return c;
  throw new Error('no wrong code found');
}

/** The one error shape, with the expected status and code. */
export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: { code: string; message: string } }>();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

/** The audit events of one chain (a district id, or "system"), oldest first. */
export async function auditEvents(ctx: AppContext, chain: string) {
  const rows = await ctx.db.selectFrom('auditEvents').selectAll().where('chain', '=', chain).orderBy('seq').execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

export async function countRows(
  ctx: AppContext,
  table: 'auditEvents' | 'invitations' | 'users' | 'mailOutbox' | 'sessions' | 'schools' | 'districts' | 'userSchools',
) {
  const r = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** An ISO timestamp `ms` milliseconds from now (negative for the past). */
export const isoFromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** The invitation token from a link in a mail body (`.../invitations/<token>`). */
export function tokenFromLink(text: string): string {
  const m = /\/invitations\/([A-Za-z0-9_-]{20,})/.exec(text);
  if (!m) throw new Error(`no invitation link in: ${text}`);
  return m[1]!;
}

/**
 * Invite through the API with no SMTP configured and read the link from the outbox, where the
 * mailer keeps undelivered mail so the link is never lost.
 */
export async function inviteViaOutbox(
  app: FastifyInstance,
  ctx: AppContext,
  admin: Session,
  districtId: string,
  input: Record<string, unknown>,
) {
  const res = await call(app, admin, 'POST', `/api/districts/${districtId}/invitations`, input);
  expect(res.statusCode, res.body).toBe(201);
  const mail = await ctx.db
    .selectFrom('mailOutbox')
    .selectAll()
    .where('toAddress', '=', String(input.email).toLowerCase())
    .orderBy('createdAt', 'desc')
    .executeTakeFirstOrThrow();
  return {
    invitation: res.json<{
      id: string;
      email: string;
      role: string;
      schoolIds: string[];
      expiresAt: string;
      createdAt: string;
    }>(),
    token: tokenFromLink(mail.textBody),
  };
}

let emailCounter = 0;
/** A fresh, unique e-mail address for an invitee. */
export const newEmail = (label = 'invitee') =>
  `${label}.${process.pid}.${++emailCounter}.${Math.floor(Math.random() * 1e6)}@example.test`;

/**
 * Runs `fn` while the next sequence number of an audit chain is already taken, so any audit append
 * on that chain fails inside its transaction. Proves that a change and its audit event commit or
 * roll back together.
 */
export async function withBlockedAudit<T>(ctx: AppContext, chain: string, fn: () => Promise<T>): Promise<T> {
  await ctx.db
    .insertInto('auditHeads')
    .values({ chain, seq: 0, hash: '' })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  const head = await ctx.db.selectFrom('auditHeads').selectAll().where('chain', '=', chain).executeTakeFirstOrThrow();
  const blocker = {
    chain,
    seq: Number(head.seq) + 1,
    districtId: chain === 'system' ? null : chain,
    at: new Date().toISOString(),
    actorId: null,
    actorRole: null,
    kind: 'blocker',
    payload: '{}',
    prevHash: head.hash,
    hash: 'blocker',
  };
  await ctx.db.insertInto('auditEvents').values(blocker).execute();
  try {
    return await fn();
  } finally {
    await ctx.db.deleteFrom('auditEvents').where('chain', '=', chain).where('hash', '=', 'blocker').execute();
  }
}
