import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDistrict, buildSchool, buildUser, signIn, type Session } from './builders.js';
import { call, expectError, newEmail, tokenFromLink } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Issue 12, item 8: without a mail server the API said nothing and the page said "Invitation sent";
 * now the answer says the mail was not sent and gives the administrator the link. And inviting an
 * address that has an account in another district no longer answers 409 (which told the inviter
 * that the person uses Forefront elsewhere).
 */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function world(t: TestApp) {
  const district = await buildDistrict(t.ctx);
  const school = await buildSchool(t.ctx, district.id);
  const admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: district.id }));
  return { districtId: district.id, schoolId: school.id, admin };
}

const invite = (t: TestApp, w: { districtId: string; schoolId: string; admin: Session }, email: string) =>
  call(t.app, w.admin, 'POST', `/api/districts/${w.districtId}/invitations`, {
    email,
    displayName: 'Officer Dana Reyes',
    role: 'sro',
    schoolIds: [w.schoolId],
  });

describe(`invitations without mail on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    t = await createTestApp(); // no SMTP_URL
    w = await world(t);
  });

  it('says the mail is not set up and gives the inviting administrator the working link', async () => {
    const email = newEmail();
    const res = await invite(t, w, email);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ mail: string; link: string }>();
    expect(body.mail).toBe('not_configured');
    expect(body.link).toMatch(/^http:\/\/forefront\.test\/invitations\/[A-Za-z0-9_-]{43}$/);
    // The same link the outbox kept, and it opens the invitation.
    const kept = await t.ctx.db
      .selectFrom('mailOutbox')
      .select('textBody')
      .where('toAddress', '=', email)
      .executeTakeFirstOrThrow();
    expect(tokenFromLink(body.link)).toBe(tokenFromLink(kept.textBody));
    const preview = await t.app.inject(`/api/invitations/${tokenFromLink(body.link)}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ email, displayName: 'Officer Dana Reyes' });
  });

  it('answers an address with an account in another district exactly as a new address', async () => {
    const elsewhere = await buildDistrict(t.ctx);
    const taken = await buildUser(t.ctx, { role: 'auditor', districtId: elsewhere.id });
    const stateViewer = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
    const fresh = await invite(t, w, newEmail());
    const shape = (r: typeof fresh) => ({
      status: r.statusCode,
      keys: Object.keys(r.json<object>()).sort(),
      mail: r.json<{ mail: string }>().mail,
    });
    for (const email of [taken.email, stateViewer.email]) {
      const res = await invite(t, w, email);
      expect(shape(res)).toEqual(shape(fresh));
    }
    // Accepting cannot make a second account for the address.
    const link = (await invite(t, w, taken.email.toUpperCase())).json<{ link: string }>().link;
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${tokenFromLink(link)}/accept`,
      payload: { password: 'a long enough passphrase here' },
    });
    expectError(accepted, 409, 'conflict');
    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', taken.email).execute()).toHaveLength(1);
  });

  it('still says so for an account in the inviting district, which the administrator can already see', async () => {
    const colleague = await buildUser(t.ctx, { role: 'sro', districtId: w.districtId, schoolIds: [w.schoolId] });
    expectError(await invite(t, w, colleague.email), 409, 'conflict');
  });
});

describe(`invitations whose mail fails on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}` });
    w = await world(t);
  });

  it('says the mail failed and gives the link', async () => {
    const res = await invite(t, w, newEmail());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      mail: 'failed',
      link: expect.stringMatching(/\/invitations\/[A-Za-z0-9_-]{43}$/),
    });
  });
});
