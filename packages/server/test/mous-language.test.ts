import { beforeAll, describe, expect, it } from 'vitest';
import { BEHAVIOR_LABELS, CLAUSE_LIBRARY, CLAUSE_TITLES, type MouDetail, type PublicMou } from '@forefront/contract';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildUser, signIn, type Session } from './builders.js';
import { call, expectError } from './auth.helpers.js';
import { addSignatory, createMou, newVersion, sign } from './mous.helpers.js';
import { extract } from './transparency-pdf.helpers.js';

/** Issue 13: MOU clauses, role rules and PDF in the reader's language; the signed language is recorded and said. */
describe(`MOUs in English and Spanish on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  async function district() {
    const d = await buildDistrict(t.ctx, { name: 'Riverbend Unified' });
    const admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
    return { d, admin };
  }

  async function pdf(admin: Session, mouId: string, query = '', headers: Record<string, string> = {}) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/mous/${mouId}/versions/1/pdf${query}`,
      headers: { cookie: admin.cookie, ...headers },
    });
    expect(res.statusCode, res.body).toBe(200);
    const text = extract(res.rawPayload).all.join(' ').replace(/\s+/g, ' ');
    return { res, text };
  }

  it('records English for a version made without a language, and offers the library in English', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id);
    expect(mou.versions[0]!.language).toBe('en');
    expect(mou.districtName).toBe('Riverbend Unified');
    expect(mou.library.find((c) => c.key === 'purpose')!.title).toBe('Purpose');
    const row = await t.ctx.db.selectFrom('mouVersions').select('language').where('mouId', '=', mou.id).execute();
    expect(row.map((r) => r.language)).toEqual(['en']);
  });

  it('creates an MOU from the Spanish library; a new version keeps its language unless it says otherwise', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { language: 'es' });
    const v1 = mou.versions[0]!;
    expect(v1.language).toBe('es');
    expect(v1.clauses[0]).toMatchObject({ key: 'purpose', title: 'Propósito' });
    expect(v1.clauses[0]!.text).toContain('Este acuerdo entre Riverbend Unified (el Distrito)');
    expect(v1.clauses[0]!.text).toContain('Riverbend Police Department (la Agencia)');
    // The editor is offered the library in the version's language.
    expect(mou.library.find((c) => c.key === 'annual_review')!.title).toBe(CLAUSE_TITLES.annual_review.es);

    const res = await newVersion(t.app, admin, mou, (v) => {
      v.changeNote = 'Cambio de fecha';
      v.reviewDate = '2099-01-01';
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<MouDetail>().versions[0]).toMatchObject({ version: 2, language: 'es' });
    // The same content in another language is another text to sign: a different fingerprint.
    const english = await newVersion(t.app, admin, res.json<MouDetail>(), (v) => {
      Object.assign(v, { language: 'en' });
    });
    expect(english.statusCode, english.body).toBe(201);
    const [v3, v2] = english.json<MouDetail>().versions;
    expect(v3!.language).toBe('en');
    expect(v3!.contentHash).not.toBe(v2!.contentHash);
  });

  it('refuses a language it does not have with a 400 and a code', async () => {
    const { d, admin } = await district();
    const res = await call(t.app, admin, 'POST', `/api/districts/${d.id}/mous`, {
      title: 'School Resource Officer Agreement',
      agencyName: 'Riverbend Police Department',
      template: 'cops_minimum',
      effectiveDate: '2026-08-01',
      language: 'fr',
    });
    expectError(res, 400, 'invalid_request');
    const mou = await createMou(t.app, admin, d.id);
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/mous/${mou.id}/versions/1/pdf?lang=fr`,
      headers: { cookie: admin.cookie },
    });
    expectError(bad, 400, 'invalid_request');
  });

  it('prints an English MOU in Spanish: library clauses translated and marked, the signed language said', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id);
    const chief = await addSignatory(t.app, admin, mou.id, 'Marcus Ortega', 'agency');
    await sign(t.app, admin, mou.id, chief, 1);

    const en = await pdf(admin, mou.id);
    expect(en.res.headers['content-language']).toBe('en');
    expect(en.text).toContain('Language of the text the parties sign: English.');
    expect(en.text).toContain('Role rules');
    // The behavior is named as the web app names it, not from its code.
    expect(en.text).toContain(BEHAVIOR_LABELS.classroom_disruption.en);
    expect(en.text).not.toContain('Classroom disruption');

    const es = await pdf(admin, mou.id, '?lang=es');
    expect(es.res.headers['content-language']).toBe('es');
    expect(es.res.headers['content-disposition']).toMatch(/-v1-es\.pdf"/);
    expect(es.text).toContain('Idioma del texto que firman las partes: inglés.');
    expect(es.text).toContain('El texto firmado en inglés es la versión auténtica.');
    expect(es.text).toContain('Propósito (traducción)');
    expect(es.text).toContain('Este acuerdo entre Riverbend Unified');
    expect(es.text).toContain('Reglas de funciones');
    expect(es.text).toContain(BEHAVIOR_LABELS.classroom_disruption.es);
    expect(es.text).toContain('Solo personal escolar');
    expect(es.text).toContain('Firmado en papel (tinta) por Marcus Ortega');
    expect(es.text).not.toContain('Language of the text');
    expect(es.text).not.toContain('School staff only');
  });

  it('prints version 2 with the district’s own clause as signed, and takes the language from Accept-Language', async () => {
    const { d, admin } = await district();
    const created = await createMou(t.app, admin, d.id);
    const own = 'The SRO reports to the principal every Friday.';
    const res = await newVersion(t.app, admin, created, (v) => {
      v.clauses.find((c) => c.key === 'signatures')!.text = own;
    });
    const mou = res.json<MouDetail>();
    const out = await t.app.inject({
      method: 'GET',
      url: `/api/mous/${mou.id}/versions/2/pdf`,
      headers: { cookie: admin.cookie, 'accept-language': 'es-US,es;q=0.9,en;q=0.5' },
    });
    expect(out.statusCode).toBe(200);
    expect(out.headers['content-language']).toBe('es');
    const text = extract(out.rawPayload).all.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('(tal como se firmó, en inglés)');
    expect(text).toContain(own);
    expect(text).not.toContain(CLAUSE_LIBRARY.signatures.text.es.slice(0, 40));
    // An explicit lang wins over the header.
    const en = await pdf(admin, mou.id, '?lang=en', { 'accept-language': 'es' });
    expect(en.res.headers['content-language']).toBe('en');
  });

  it('prints a Spanish MOU in Spanish without a translation notice, and in English with the library translation', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { language: 'es' });
    const es = await pdf(admin, mou.id, '?lang=es');
    expect(es.text).toContain('Idioma del texto que firman las partes: español.');
    expect(es.text).not.toContain('(traducción)');
    const en = await pdf(admin, mou.id, '?lang=en');
    expect(en.text).toContain('Language of the text the parties sign: Spanish.');
    expect(en.text).toContain('The text signed in Spanish is the authoritative version.');
    expect(en.text).toContain('Purpose (translation)');
  });

  it('says on the public page which language the MOU in force was signed in', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { language: 'es' });
    const chief = await addSignatory(t.app, admin, mou.id, 'Marcus Ortega', 'agency');
    const superintendent = await addSignatory(t.app, admin, mou.id, 'Ana Ruiz', 'district');
    await sign(t.app, admin, mou.id, chief, 1);
    await sign(t.app, admin, mou.id, superintendent, 1);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/districts/${d.id}/mou` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PublicMou>().mou).toMatchObject({ language: 'es' });
  });
});
