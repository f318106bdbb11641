import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type LinkSigned,
  type MouDetail,
  type PublicMou,
  SIGNATURE_SCAN_MAX_BYTES,
  SIGNING_CODE_MAX_ATTEMPTS,
  SIGNING_CODES_PER_LINK,
  type SigningDocument,
  type SigningLinkSent,
  type SigningLinkView,
} from '@forefront/contract';
import { maskUrl } from '../src/plugins/logging.js';
import { sha256Hex } from '../src/shared/ids.js';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildUser, signIn, type Session } from './builders.js';
import { auditEvents, call, expectError, newEmail } from './auth.helpers.js';
import { TINY_PDF, addSignatory, countsOf, createMou, newVersion, recordPaper } from './mous.helpers.js';
import { extract } from './transparency-pdf.helpers.js';

/**
 * Issue 12 item 5: a signature is what it says. Nobody signs as someone else; an outside
 * signatory signs through a one-time mailed link after proving their address with a mailed code;
 * a paper signature is recorded with its scan; the PDF, the MOU and the public page say how.
 * Mail is read from the outbox, where the mailer keeps it when no SMTP server is configured.
 */
describe(`MOU signatures on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  async function district() {
    const d = await buildDistrict(t.ctx, { name: 'Riverbend Unified' });
    const user = await buildUser(t.ctx, { role: 'district_admin', districtId: d.id });
    const admin = await signIn(t.app, user);
    const { displayName } = await t.ctx.db
      .selectFrom('users')
      .select('displayName')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    return { d, user: { ...user, displayName }, admin };
  }

  /** An MOU with the district's own administrator and an outside police chief (with an address) to sign. */
  async function mouWithChief() {
    const { d, user, admin } = await district();
    const mou = await createMou(t.app, admin, d.id);
    const chiefEmail = newEmail('chief');
    const chief = await addSignatory(t.app, admin, mou.id, 'Marcus Ortega', 'agency', chiefEmail);
    return { d, user, admin, mou, chief, chiefEmail };
  }

  /** The newest message to an address, from the outbox. */
  async function lastMail(to: string) {
    return t.ctx.db
      .selectFrom('mailOutbox')
      .selectAll()
      .where('toAddress', '=', to)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  }
  const mailCount = async (to: string) =>
    (await t.ctx.db.selectFrom('mailOutbox').select('id').where('toAddress', '=', to).execute()).length;

  async function sendLink(admin: Session, mouId: string, signatoryId: string, to: string) {
    const res = await call(t.app, admin, 'POST', `/api/mous/${mouId}/signatories/${signatoryId}/signing-link`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sentTo: to, delivered: true } satisfies Partial<SigningLinkSent>);
    const m = /\/mou-signing\/([A-Za-z0-9_-]{20,})/.exec((await lastMail(to)).textBody);
    if (!m) throw new Error('no signing link in the mail');
    return m[1]!;
  }
  const pub = (method: 'GET' | 'POST', token: string, tail = '', payload?: object) =>
    t.app.inject({ method, url: `/api/public/mou-signing/${token}${tail}`, ...(payload && { payload }) });

  async function requestCode(token: string, to: string) {
    const res = await pub('POST', token, '/code');
    expect(res.statusCode, res.body).toBe(200);
    const m = /\b(\d{6})\b/.exec((await lastMail(to)).textBody);
    if (!m) throw new Error('no code in the mail');
    return m[1]!;
  }
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  async function pdfText(admin: Session, mouId: string, version = 1) {
    const res = await call(t.app, admin, 'GET', `/api/mous/${mouId}/versions/${version}/pdf`);
    expect(res.statusCode).toBe(200);
    return extract(res.rawPayload).all.join(' ').replace(/\s+/g, ' ');
  }

  it('refuses a staff member signing as another signatory, changing nothing; signing as oneself is recorded as such', async () => {
    const { d, user, admin, mou, chief } = await mouWithChief();
    const before = await countsOf(t.ctx);
    // Before issue 12 the administrator typed the chief's name and the chief "signed".
    const res = await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${chief.id}/sign`, {
      version: 1,
      signedName: 'Marcus Ortega',
    });
    expectError(res, 403, 'sign_as_yourself');
    expect(await countsOf(t.ctx)).toEqual(before);

    // Pointing the chief's address at one's own account does not make one the chief.
    const repoint = await call(t.app, admin, 'PATCH', `/api/mous/${mou.id}/signatories/${chief.id}`, {
      email: user.email,
    });
    expect(repoint.statusCode, repoint.body).toBe(200);
    expectError(
      await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${chief.id}/sign`, {
        version: 1,
        signedName: 'Marcus Ortega',
      }),
      403,
      'sign_as_yourself',
    );
    // Nor does a signing link to a staff account's address.
    expectError(
      await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${chief.id}/signing-link`),
      409,
      'signatory_has_account',
    );
    expect((await countsOf(t.ctx)).signatures).toBe(before.signatures);

    const me = await addSignatory(t.app, admin, mou.id, user.displayName, 'district', user.email);
    const own = await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${me.id}/sign`, {
      version: 1,
      signedName: user.displayName,
    });
    expect(own.statusCode, own.body).toBe(201);
    const sig = own.json<MouDetail>().signatures.find((s) => s.signatoryId === me.id)!;
    expect(sig).toMatchObject({
      method: 'electronic_account',
      recordedByName: user.displayName,
      signerEmail: user.email,
      hasScan: false,
    });
    const events = await auditEvents(t.ctx, d.id);
    expect(events.find((e) => e.kind === 'mou.signature_method')).toMatchObject({
      payload: expect.objectContaining({ method: 'electronic_account', signatureId: sig.id }),
    });
  });

  it('lets an outside signatory sign by a one-time link after proving the address with a mailed code; the PDF and the public page name them and the method', async () => {
    const { d, user, admin, mou, chief, chiefEmail } = await mouWithChief();
    const token = await sendLink(admin, mou.id, chief.id, chiefEmail);
    // Only the token's hash is stored, and the request log masks it.
    expect(maskUrl(`/api/public/mou-signing/${token}/verify`)).toBe('/api/public/mou-signing/[token]/verify');
    const stored = await t.ctx.db
      .selectFrom('mouSigningLinks')
      .selectAll()
      .where('signatoryId', '=', chief.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const view = await pub('GET', token);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      mouTitle: mou.title,
      signatoryName: 'Marcus Ortega',
      districtName: 'Riverbend Unified',
      version: 1,
      codeSent: false,
      emailHint: `c***@${chiefEmail.split('@')[1]}`,
    } satisfies Partial<SigningLinkView>);
    // No text before the code: the link alone does not prove the address.
    expect(view.body).not.toContain(mou.versions[0]!.clauses[0]!.text.slice(0, 40));

    const code = await requestCode(token, chiefEmail);
    // Signing before the code is checked is refused.
    expectError(
      await pub('POST', token, '/sign', {
        code,
        contentHash: mou.versions[0]!.contentHash,
        signedName: 'Marcus Ortega',
      }),
      400,
      'signing_code_expired',
    );
    expectError(await pub('POST', token, '/verify', { code: wrongCode(code) }), 400, 'signing_code_wrong');
    const verified = await pub('POST', token, '/verify', { code });
    expect(verified.statusCode, verified.body).toBe(200);
    const doc = verified.json<SigningDocument>();
    expect(doc.version).toBe(1);
    expect(doc.contentHash).toBe(mou.versions[0]!.contentHash);
    expect(doc.clauses).toEqual(mou.versions[0]!.clauses);

    // The typed name must be the signatory's; a wrong one signs nothing and leaves the link usable.
    expectError(
      await pub('POST', token, '/sign', { code, contentHash: doc.contentHash, signedName: 'Someone Else' }),
      400,
      'invalid_request',
    );
    const signed = await pub('POST', token, '/sign', {
      code,
      contentHash: doc.contentHash,
      signedName: 'Marcus Ortega',
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ method: 'electronic_link', version: 1, contentHash: doc.contentHash });
    expect(signed.json<LinkSigned>().signedName).toBe('Marcus Ortega');

    // Single use: the link is spent.
    expectError(await pub('GET', token), 410, 'signing_link_invalid');
    expectError(
      await pub('POST', token, '/sign', { code, contentHash: doc.contentHash, signedName: 'Marcus Ortega' }),
      410,
      'signing_link_invalid',
    );

    const detail = (await call(t.app, admin, 'GET', `/api/mous/${mou.id}`)).json<MouDetail>();
    expect(detail.signatures).toEqual([
      expect.objectContaining({
        signatoryId: chief.id,
        method: 'electronic_link',
        signerEmail: chiefEmail,
        recordedByName: user.displayName,
        valid: true,
      }),
    ]);
    expect(detail.status).toBe('in_force');

    const text = await pdfText(admin, mou.id);
    expect(text).toContain('Marcus Ortega, Chief of Police');
    expect(text).toContain(
      `Signed electronically by Marcus Ortega through a one-time signing link, after confirming ${chiefEmail} with a mailed code`,
    );

    const publicMou = (
      await t.app.inject({ method: 'GET', url: `/api/public/districts/${d.id}/mou` })
    ).json<PublicMou>();
    expect(publicMou.mou!.signatories).toEqual([
      expect.objectContaining({ name: 'Marcus Ortega', method: 'electronic_link', recordedByName: null }),
    ]);
    expect(JSON.stringify(publicMou)).not.toContain(chiefEmail);

    // Every step is in the district's audit chain.
    const kinds = (await auditEvents(t.ctx, d.id)).map((e) => e.kind);
    for (const k of [
      'mou.signing_link_sent',
      'mou.signing_link_opened',
      'mou.signing_code_sent',
      'mou.signing_code_failed',
      'mou.signing_code_verified',
      'mou.signed',
      'mou.signature_method',
    ])
      expect(kinds, k).toContain(k);
  });

  it('limits code tries and codes per link, and refuses expired, replaced and outdated links', async () => {
    const { admin, mou, chief, chiefEmail } = await mouWithChief();
    const token = await sendLink(admin, mou.id, chief.id, chiefEmail);
    const code = await requestCode(token, chiefEmail);
    for (let i = 0; i < SIGNING_CODE_MAX_ATTEMPTS; i++)
      expectError(await pub('POST', token, '/verify', { code: wrongCode(code) }), 400, 'signing_code_wrong');
    // The tries are spent: even the right code is refused until a new one is sent.
    expectError(await pub('POST', token, '/verify', { code }), 429, 'too_many_requests');
    for (let i = 1; i < SIGNING_CODES_PER_LINK; i++) await requestCode(token, chiefEmail);
    const mailsBefore = await mailCount(chiefEmail);
    expectError(await pub('POST', token, '/code'), 429, 'too_many_requests');
    expect(await mailCount(chiefEmail)).toBe(mailsBefore);

    // A new link replaces the old one.
    const second = await sendLink(admin, mou.id, chief.id, chiefEmail);
    expectError(await pub('GET', token), 410, 'signing_link_invalid');
    expect((await pub('GET', second)).statusCode).toBe(200);

    // An expired code, then an expired link.
    const code2 = await requestCode(second, chiefEmail);
    await t.ctx.db
      .updateTable('mouSigningLinks')
      .set({ codeExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('tokenHash', '=', sha256Hex(second))
      .execute();
    expectError(await pub('POST', second, '/verify', { code: code2 }), 400, 'signing_code_expired');
    await t.ctx.db
      .updateTable('mouSigningLinks')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('tokenHash', '=', sha256Hex(second))
      .execute();
    expectError(await pub('GET', second), 410, 'signing_link_invalid');

    // A link sent for version 1 does not sign version 2: the signatory has not read it.
    const third = await sendLink(admin, mou.id, chief.id, chiefEmail);
    const code3 = await requestCode(third, chiefEmail);
    expect((await pub('POST', third, '/verify', { code: code3 })).statusCode).toBe(200);
    expect((await newVersion(t.app, admin, mou, (v) => void (v.changeNote = 'Changed'))).statusCode).toBe(201);
    const before = await countsOf(t.ctx);
    expectError(
      await pub('POST', third, '/sign', {
        code: code3,
        contentHash: mou.versions[0]!.contentHash,
        signedName: 'Marcus Ortega',
      }),
      410,
      'signing_link_invalid',
    );
    expect((await countsOf(t.ctx)).signatures).toBe(before.signatures);
  });

  it('answers bad signing-link input with a clear 4xx and changes nothing', async () => {
    const { admin, mou, chief, chiefEmail } = await mouWithChief();
    const noMail = await addSignatory(t.app, admin, mou.id, 'Sheriff Ann Cole', 'agency', null);
    const before = await countsOf(t.ctx);
    expectError(
      await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${noMail.id}/signing-link`),
      400,
      'signatory_email_missing',
    );
    expect(await countsOf(t.ctx)).toEqual(before);
    expectError(await pub('GET', 'short'), 400, 'invalid_request');
    expectError(await pub('GET', 'x'.repeat(43)), 410, 'signing_link_invalid');
    const token = await sendLink(admin, mou.id, chief.id, chiefEmail);
    expectError(await pub('POST', token, '/verify', { code: '12ab56' }), 400, 'invalid_request');
    expectError(await pub('POST', token, '/verify', { code: '123456' }), 400, 'signing_code_expired');
    const code = await requestCode(token, chiefEmail);
    expect((await pub('POST', token, '/verify', { code })).statusCode).toBe(200);
    expectError(
      await pub('POST', token, '/sign', { code, contentHash: 'not-a-hash', signedName: 'Marcus Ortega' }),
      400,
      'invalid_request',
    );
    expectError(
      await pub('POST', token, '/sign', { code, contentHash: 'b'.repeat(64), signedName: 'Marcus Ortega' }),
      400,
      'invalid_request',
    );
    expect((await countsOf(t.ctx)).signatures).toBe(before.signatures);
  });

  it('records a paper signature with its scan, type checked by content and size limited; the PDF says who recorded it', async () => {
    const { d, user, admin, mou, chief } = await mouWithChief();
    const before = await countsOf(t.ctx);
    // A text file named and declared as a PDF is still a text file.
    const fake = await recordPaper(t.app, admin, mou.id, chief.id, 1, {
      bytes: Buffer.from('I promise this is a PDF\n'),
      filename: 'signed.pdf',
      contentType: 'application/pdf',
    });
    expectError(fake, 415, 'scan_type_not_allowed');
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(SIGNATURE_SCAN_MAX_BYTES + 1 - TINY_PDF.length, 0x20)]);
    expectError(await recordPaper(t.app, admin, mou.id, chief.id, 1, { bytes: big }), 413, 'scan_too_large');
    expectError(await recordPaper(t.app, admin, mou.id, chief.id, 1, null), 400, 'scan_missing');
    expectError(await recordPaper(t.app, admin, mou.id, chief.id, 'one'), 400, 'invalid_request');
    expectError(
      await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${chief.id}/paper-signature`, { version: 1 }),
      400,
      'invalid_request',
    );
    expect(await countsOf(t.ctx)).toEqual(before);

    // A real PNG (1x1 pixel), declared with the wrong type and name: its content decides.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const ok = await recordPaper(t.app, admin, mou.id, chief.id, 1, {
      bytes: png,
      filename: 'scan.bin',
      contentType: 'application/octet-stream',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const sig = ok.json<MouDetail>().signatures[0]!;
    expect(sig).toMatchObject({ method: 'paper', recordedByName: user.displayName, hasScan: true });

    const scan = await call(t.app, admin, 'GET', `/api/mous/${mou.id}/signatures/${sig.id}/scan`);
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(scan.rawPayload, png)).toBe(0);
    const kinds = (await auditEvents(t.ctx, d.id)).map((e) => e.kind);
    expect(kinds).toContain('mou.signature_scan_viewed');
    expect((await auditEvents(t.ctx, d.id)).find((e) => e.kind === 'mou.signature_method')).toMatchObject({
      payload: expect.objectContaining({ method: 'paper', scanSha256: createHash('sha256').update(png).digest('hex') }),
    });

    const text = await pdfText(admin, mou.id);
    expect(text).toContain(`Signed on paper (wet ink) by Marcus Ortega; scan recorded by ${user.displayName}`);
    const publicMou = (
      await t.app.inject({ method: 'GET', url: `/api/public/districts/${d.id}/mou` })
    ).json<PublicMou>();
    expect(publicMou.mou!.signatories).toEqual([
      expect.objectContaining({ name: 'Marcus Ortega', method: 'paper', recordedByName: user.displayName }),
    ]);
  });
});
