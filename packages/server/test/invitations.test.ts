import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { INVITATION_TTL_HOURS, ISSUE_CODES, RECOVERY_CODE_COUNT } from '@forefront/contract';
import { currentTotp } from '../src/modules/auth/totp.js';
import { sha256Hex } from '../src/shared/ids.js';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildSchool, buildUser, signIn, type Session } from './builders.js';
import {
  HOUR,
  auditEvents,
  call,
  countRows,
  expectError,
  inviteViaOutbox,
  isoFromNow,
  newEmail,
  passwordSignIn,
  sessionFrom,
  tokenFromLink,
  withBlockedAudit,
} from './auth.helpers.js';

/** One message as the SMTP server received it. */
interface Received {
  from: string;
  to: string[];
  headers: string;
  text: string;
}

/** Decode the body of a single-part text message (nodemailer picks 7bit, quoted-printable or base64). */
function decodeBody(raw: string): { headers: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase() ?? '7bit';
  if (encoding === 'base64') return { headers, text: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return { headers, text: Buffer.from(bytes, 'latin1').toString('utf8') };
  }
  return { headers, text: body };
}

/** A real SMTP server on an ephemeral local port: no STARTTLS, no AUTH, keeps every message. */
async function startSmtp() {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const { headers, text } = decodeBody(Buffer.concat(chunks).toString('latin1'));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        inbox.push({ from, to: session.envelope.rcptTo.map((r) => r.address), headers, text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { inbox, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A local port with nothing listening, for a delivery that must fail. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe(`invitations on ${TEST_DIALECT}`, () => {
  describe('delivered by a real SMTP server', () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let t: TestApp;
    beforeAll(async () => {
      smtp = await startSmtp();
      t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    });
    afterAll(async () => {
      await smtp?.close();
    });

    it('a district admin invites an SRO; the SRO follows the e-mailed link, sets a password, enrols TOTP and signs in', async () => {
      const district = await buildDistrict(t.ctx, { name: 'Riverbend Unified' });
      const school = await buildSchool(t.ctx, district.id, { name: 'Riverbend High' });
      const admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: district.id }));
      const email = newEmail('officer');

      const res = await call(t.app, admin, 'POST', `/api/districts/${district.id}/invitations`, {
        email: email.toUpperCase(),
        displayName: 'Officer Dana Reyes',
        role: 'sro',
        schoolIds: [school.id],
      });
      expect(res.statusCode, res.body).toBe(201);
      const invitation = res.json();
      expect(invitation).toMatchObject({
        email,
        displayName: 'Officer Dana Reyes',
        role: 'sro',
        schoolIds: [school.id],
        acceptedAt: null,
        revokedAt: null,
      });
      expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(INVITATION_TTL_HOURS * HOUR);

      // The message reached the SMTP server before the API answered.
      const mail = smtp.inbox.find((m) => m.to.includes(email));
      expect(mail).toBeDefined();
      expect(mail!.from).toBe('no-reply@forefront.local');
      expect(mail!.headers).toMatch(/^subject: .*Riverbend Unified/im);
      expect(mail!.text).toContain('Hello Officer Dana Reyes');
      expect(mail!.text).toMatch(/http:\/\/forefront\.test\/invitations\/[A-Za-z0-9_-]{43}\b/);
      const token = tokenFromLink(mail!.text);
      // The API never returns the token, and the database keeps only its hash; a delivered
      // message's body is not kept either.
      expect(res.body).not.toContain(token);
      const row = await t.ctx.db
        .selectFrom('invitations')
        .selectAll()
        .where('id', '=', invitation.id)
        .executeTakeFirstOrThrow();
      expect(row.tokenHash).toBe(sha256Hex(token));
      expect(JSON.stringify(row)).not.toContain(token);
      const outbox = await t.ctx.db.selectFrom('mailOutbox').selectAll().where('toAddress', '=', email).execute();
      expect(outbox).toHaveLength(1);
      expect(outbox[0]!.sentAt).not.toBeNull();
      expect(outbox[0]!.error).toBeNull();
      expect(outbox[0]!.textBody).toBe('');

      const preview = await t.app.inject(`/api/invitations/${token}`);
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toEqual({
        email,
        displayName: 'Officer Dana Reyes',
        role: 'sro',
        districtName: 'Riverbend Unified',
        mfaRequired: true,
        minPasswordLength: 8,
      });

      const password = 'riverbend evening patrol';
      const accepted = await t.app.inject({
        method: 'POST',
        url: `/api/invitations/${token}/accept`,
        payload: { password },
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().status).toBe('mfa_enrolment_required');
      const first = sessionFrom(accepted);
      expectError(await call(t.app, first, 'GET', `/api/schools/${school.id}`), 401, 'mfa_required');

      const enrol = await call(t.app, first, 'POST', '/api/auth/mfa/enrol');
      expect(enrol.statusCode, enrol.body).toBe(200);
      const { secret, qrSvg } = enrol.json<{ secret: string; qrSvg: string }>();
      expect(qrSvg).toContain('<svg');
      const confirmed = await call(t.app, first, 'POST', '/api/auth/mfa/enrol/confirm', { code: currentTotp(secret) });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json().recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);

      // A fresh sign-in: password, then the code from the authenticator.
      const step1 = await passwordSignIn(t.app, email, password);
      expect(step1.json().status).toBe('mfa_required');
      // The enrolment code was used up (no replay): the phone's next code signs in, in a renewed session.
      const step2 = await call(t.app, sessionFrom(step1), 'POST', '/api/auth/mfa/verify', {
        code: currentTotp(secret, 1),
      });
      expect(step2.json().status).toBe('signed_in');
      const s = sessionFrom(step2);
      const me = await call(t.app, s, 'GET', '/api/me');
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        user: {
          email,
          displayName: 'Officer Dana Reyes',
          role: 'sro',
          districtId: district.id,
          schoolIds: [school.id],
          mfaEnabled: true,
          disabled: false,
        },
        district: { id: district.id, name: 'Riverbend Unified' },
        mfaPending: false,
      });
      expect((await call(t.app, s, 'GET', `/api/schools/${school.id}`)).json().name).toBe('Riverbend High');

      const kinds = (await auditEvents(t.ctx, district.id)).map((e) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['user.invited', 'invitation.accepted', 'auth.mfa_enrolled', 'auth.signed_in']),
      );
      const accept = (await auditEvents(t.ctx, district.id)).find((e) => e.kind === 'invitation.accepted')!;
      expect(accept.payload.invitationId).toBe(invitation.id);

      // The link worked once.
      expectError(await t.app.inject(`/api/invitations/${token}`), 404, 'not_found');
      expectError(
        await t.app.inject({
          method: 'POST',
          url: `/api/invitations/${token}/accept`,
          payload: { password: 'another long passphrase' },
        }),
        404,
        'not_found',
      );
    });

    it('a failed delivery still records the invitation and keeps the message in the outbox for the operator', async () => {
      const broken = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}` });
      const district = await buildDistrict(broken.ctx);
      const admin = await signIn(
        broken.app,
        await buildUser(broken.ctx, { role: 'district_admin', districtId: district.id }),
      );
      const email = newEmail('undelivered');
      const res = await call(broken.app, admin, 'POST', `/api/districts/${district.id}/invitations`, {
        email,
        displayName: 'Pat',
        role: 'district_admin',
      });
      expect(res.statusCode, res.body).toBe(201);
      const outbox = await broken.ctx.db
        .selectFrom('mailOutbox')
        .selectAll()
        .where('toAddress', '=', email)
        .executeTakeFirstOrThrow();
      expect(outbox.sentAt).toBeNull();
      expect(outbox.error).toBeTruthy();
      expect(outbox.textBody).toContain('/invitations/');
      await broken.close();
    });
  });

  describe('without SMTP', () => {
    let t: TestApp;
    let districtId: string;
    let schoolId: string;
    let adminId: string;
    let admin: Session;
    beforeAll(async () => {
      t = await createTestApp();
      districtId = (await buildDistrict(t.ctx, { name: 'Lakeside Public Schools' })).id;
      schoolId = (await buildSchool(t.ctx, districtId)).id;
      const a = await buildUser(t.ctx, { role: 'district_admin', districtId });
      adminId = a.id;
      admin = await signIn(t.app, a);
    });

    const invite = (input: Record<string, unknown>) => inviteViaOutbox(t.app, t.ctx, admin, districtId, input);
    const accept = (token: string, password = 'lakeside morning shift') =>
      t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password } });
    const snapshot = async () => ({
      invitations: await countRows(t.ctx, 'invitations'),
      users: await countRows(t.ctx, 'users'),
      audit: await countRows(t.ctx, 'auditEvents'),
      outbox: await countRows(t.ctx, 'mailOutbox'),
    });

    it('the message lands in the mail_outbox table with the link', async () => {
      const email = newEmail('counselor');
      const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/invitations`, {
        email,
        displayName: 'Sam Lee',
        role: 'support_staff',
        profession: 'counselor',
        schoolIds: [schoolId],
      });
      expect(res.statusCode, res.body).toBe(201);
      const rows = await t.ctx.db.selectFrom('mailOutbox').selectAll().where('toAddress', '=', email).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        districtId,
        sentAt: null,
        error: null,
        subject: 'You are invited to Forefront (Lakeside Public Schools)',
      });
      const token = tokenFromLink(rows[0]!.textBody);
      expect(rows[0]!.textBody).toContain(`http://forefront.test/invitations/${token}`);
      const preview = await t.app.inject(`/api/invitations/${token}`);
      expect(preview.json()).toMatchObject({ email, role: 'support_staff', districtName: 'Lakeside Public Schools' });
      // The invitation is audited with its role and schools, by the admin who sent it.
      const ev = (await auditEvents(t.ctx, districtId)).find(
        (e) => e.kind === 'user.invited' && e.payload.invitationId === res.json().id,
      )!;
      expect(ev.payload).toEqual({ invitationId: res.json().id, role: 'support_staff', schoolIds: [schoolId] });
      expect(ev.actorId).toBe(adminId);
    });

    it('an invitation whose audit event cannot be written is not created and no mail goes out', async () => {
      const email = newEmail('unaudited');
      await withBlockedAudit(t.ctx, districtId, async () => {
        const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/invitations`, {
          email,
          displayName: 'Unaudited',
          role: 'district_admin',
        });
        expectError(res, 500, 'internal');
      });
      expect(await t.ctx.db.selectFrom('invitations').select('id').where('email', '=', email).execute()).toHaveLength(
        0,
      );
      expect(
        await t.ctx.db.selectFrom('mailOutbox').select('id').where('toAddress', '=', email).execute(),
      ).toHaveLength(0);
    });

    it('an accepted link works once', async () => {
      const { token } = await invite({
        email: newEmail(),
        displayName: 'Once Only',
        role: 'sro',
        schoolIds: [schoolId],
      });
      expect((await accept(token)).statusCode).toBe(200);
      const before = await snapshot();
      expectError(await accept(token), 404, 'not_found');
      expectError(await t.app.inject(`/api/invitations/${token}`), 404, 'not_found');
      expect(await snapshot()).toEqual(before);
    });

    it('two simultaneous acceptances of one link create exactly one account', async () => {
      const { token, invitation } = await invite({
        email: newEmail('race'),
        displayName: 'Race Condition',
        role: 'sro',
        schoolIds: [schoolId],
      });
      const results = await Promise.all([accept(token), accept(token), accept(token)]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 200)) expect([404, 409]).toContain(r.statusCode);
      const users = await t.ctx.db.selectFrom('users').select('id').where('email', '=', invitation.email).execute();
      expect(users).toHaveLength(1);
      const accepted = (await auditEvents(t.ctx, districtId)).filter(
        (e) => e.kind === 'invitation.accepted' && e.payload.invitationId === invitation.id,
      );
      expect(accepted).toHaveLength(1);
    });

    it('a revoked link answers 404 and the revocation is audited', async () => {
      const { token, invitation } = await invite({
        email: newEmail(),
        displayName: 'Revoked Person',
        role: 'district_admin',
      });
      const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/invitations/${invitation.id}/revoke`);
      expect(res.statusCode, res.body).toBe(200);
      const err = expectError(await t.app.inject(`/api/invitations/${token}`), 404, 'not_found');
      expect(err.message).toMatch(/not valid/);
      expectError(await accept(token), 404, 'not_found');
      expect(
        await t.ctx.db.selectFrom('users').select('id').where('email', '=', invitation.email).execute(),
      ).toHaveLength(0);
      const kinds = (await auditEvents(t.ctx, districtId))
        .filter((e) => e.payload.invitationId === invitation.id)
        .map((e) => e.kind);
      expect(kinds).toEqual(['user.invited', 'invitation.revoked']);
      const listed = (await call(t.app, admin, 'GET', `/api/districts/${districtId}/invitations?limit=200`))
        .json()
        .items.find((i: { id: string }) => i.id === invitation.id);
      expect(listed.revokedAt).not.toBeNull();
    });

    it('an accepted invitation cannot be revoked', async () => {
      const { token, invitation } = await invite({
        email: newEmail(),
        displayName: 'Already In',
        role: 'sro',
        schoolIds: [schoolId],
      });
      expect((await accept(token)).statusCode).toBe(200);
      expectError(
        await call(t.app, admin, 'POST', `/api/districts/${districtId}/invitations/${invitation.id}/revoke`),
        409,
        'conflict',
      );
    });

    it('an expired link answers 404 (expiry moved into the past in the database)', async () => {
      const { token, invitation } = await invite({
        email: newEmail(),
        displayName: 'Too Late',
        role: 'sro',
        schoolIds: [schoolId],
      });
      await t.ctx.db
        .updateTable('invitations')
        .set({ expiresAt: isoFromNow(-1000) })
        .where('id', '=', invitation.id)
        .execute();
      expectError(await t.app.inject(`/api/invitations/${token}`), 404, 'not_found');
      expectError(await accept(token), 404, 'not_found');
      expect(
        await t.ctx.db.selectFrom('users').select('id').where('email', '=', invitation.email).execute(),
      ).toHaveLength(0);
    });

    it('unknown and malformed tokens are refused', async () => {
      expectError(await t.app.inject(`/api/invitations/${'A'.repeat(43)}`), 404, 'not_found');
      expectError(await t.app.inject('/api/invitations/short'), 400, 'invalid_request');
    });

    it('inviting an e-mail that already has an account is a 409 and changes nothing', async () => {
      const existing = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [schoolId] });
      const before = await snapshot();
      for (const email of [existing.email, existing.email.toUpperCase()]) {
        const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/invitations`, {
          email,
          displayName: 'Duplicate',
          role: 'sro',
          schoolIds: [schoolId],
        });
        expectError(res, 409, 'conflict');
      }
      expect(await snapshot()).toEqual(before);
    });

    it('school ids from another district are a 400 and change nothing', async () => {
      const otherDistrict = await buildDistrict(t.ctx);
      const foreignSchool = await buildSchool(t.ctx, otherDistrict.id);
      const before = await snapshot();
      const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/invitations`, {
        email: newEmail(),
        displayName: 'Cross District',
        role: 'sro',
        schoolIds: [schoolId, foreignSchool.id],
      });
      const err = expectError(res, 400, 'invalid_request');
      expect(res.json().error.issues).toEqual([
        { path: 'schoolIds', message: expect.any(String), code: 'unknown_school' },
      ]);
      expect(err.message).toMatch(/not in this district/);
      expect(await snapshot()).toEqual(before);
    });

    it('validation errors use the one error shape and change nothing', async () => {
      const cases: { input: Record<string, unknown>; field: string }[] = [
        { input: { email: 'not-an-email', displayName: 'X', role: 'district_admin' }, field: 'email' },
        { input: { email: newEmail(), displayName: '', role: 'district_admin' }, field: 'displayName' },
        { input: { email: newEmail(), displayName: 'X', role: 'principal' }, field: 'role' },
        { input: { email: newEmail(), displayName: 'No Schools', role: 'sro' }, field: 'schoolIds' },
        {
          input: { email: newEmail(), displayName: 'No Profession', role: 'support_staff', schoolIds: [schoolId] },
          field: 'profession',
        },
        { input: { email: newEmail(), displayName: 'No End Date', role: 'auditor' }, field: 'accessExpiresAt' },
        { input: { email: newEmail(), displayName: 'State', role: 'state_viewer' }, field: 'role' },
      ];
      const before = await snapshot();
      for (const { input, field } of cases) {
        const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/invitations`, input);
        expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
        const body = res.json();
        expect(body).toEqual({
          error: { code: 'invalid_request', message: expect.any(String), issues: expect.any(Array) },
        });
        expect(Object.keys(body.error).sort()).toEqual(['code', 'issues', 'message']);
        for (const issue of body.error.issues) {
          // Path, a code and its params for the page to translate, an English message for API clients.
          expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'params', 'path']);
          expect(typeof issue.path).toBe('string');
          expect(typeof issue.message).toBe('string');
          expect(ISSUE_CODES).toContain(issue.code);
        }
        expect(body.error.issues.map((i: { path: string }) => i.path.split('.').at(-1))).toContain(field);
      }
      // Bad JSON is the same shape too.
      const bad = await t.app.inject({
        method: 'POST',
        url: `/api/districts/${districtId}/invitations`,
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: '{"email":',
      });
      expectError(bad, 400, 'invalid_request');
      expect(await snapshot()).toEqual(before);
    });

    it('only a district admin of that district may invite', async () => {
      const principal = await signIn(
        t.app,
        await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [schoolId] }),
      );
      const input = { email: newEmail(), displayName: 'Not Allowed', role: 'sro', schoolIds: [schoolId] };
      expectError(
        await call(t.app, principal, 'POST', `/api/districts/${districtId}/invitations`, input),
        403,
        'forbidden',
      );
      const otherDistrict = await buildDistrict(t.ctx);
      const otherAdmin = await signIn(
        t.app,
        await buildUser(t.ctx, { role: 'district_admin', districtId: otherDistrict.id }),
      );
      // Another district's id answers like one that does not exist.
      expectError(
        await call(t.app, otherAdmin, 'POST', `/api/districts/${districtId}/invitations`, input),
        404,
        'not_found',
      );
    });

    it('lists invitations with pagination', async () => {
      const d = await buildDistrict(t.ctx);
      const a = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
      for (let i = 0; i < 3; i++)
        await inviteViaOutbox(t.app, t.ctx, a, d.id, {
          email: newEmail(),
          displayName: `Admin ${i}`,
          role: 'district_admin',
        });
      const page = (await call(t.app, a, 'GET', `/api/districts/${d.id}/invitations?limit=2&offset=0`)).json();
      expect(page).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(page.items).toHaveLength(2);
      const rest = (await call(t.app, a, 'GET', `/api/districts/${d.id}/invitations?limit=2&offset=2`)).json();
      expect(rest.items).toHaveLength(1);
      expect(new Set([...page.items, ...rest.items].map((i: { id: string }) => i.id)).size).toBe(3);
      // Invitations carry no token or hash.
      expect(JSON.stringify(page)).not.toMatch(/token/i);
    });
  });
});
