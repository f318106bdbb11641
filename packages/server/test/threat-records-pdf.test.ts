import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ThreatWorld, api, buildThreatWorld, reportCase } from './threat.helpers.js';
import { extract } from './transparency-pdf.helpers.js';

/**
 * Issue 15 item 2: "Case PDFs (the record as it stands, for a team meeting or a records request),
 * in the reader's language", and item 4: "exports of cases record a disclosure (FERPA 99.32)".
 */
describe(`the case PDF and records requests on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ThreatWorld;
  let caseId: string;
  let number: string;
  const REQUEST = {
    party: 'Juvenile and Domestic Relations Court, Riverside County',
    purpose: 'Subpoena in a pending matter',
    legalBasis: '99.31(a)(9)',
  };
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildThreatWorld(t.app, t.ctx);
    ({ id: caseId, number } = await reportCase(t.app, t.ctx, w, w.s.counselor, {
      concern: 'Told two classmates he would bring a knife on the field trip',
    }));
    const res = await api(t.app, w.s.counselor, 'POST', `/api/threat-cases/${caseId}/interviews`, {
      intervieweeKind: 'witness',
      interviewee: 'A classmate on the bus',
      interviewedAt: new Date().toISOString(),
      summary: 'Heard the remark twice and saw no knife',
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t.close());

  const text = (pdf: Buffer) => extract(pdf).all.join(' ').replace(/\s+/g, ' ');
  const disclosures = async () =>
    t.ctx.db.selectFrom('ferpaDisclosures').selectAll().where('districtId', '=', w.districtId).execute();
  const pdfReads = async () =>
    (
      await t.ctx.db
        .selectFrom('auditEvents')
        .select('payload')
        .where('districtId', '=', w.districtId)
        .where('kind', '=', 'threat_records.pdf_read')
        .orderBy('seq')
        .execute()
    ).map((r) => JSON.parse(r.payload) as { caseId: string; lang: string; disclosureId: string | null });

  it('prints the record for a member in English and in Spanish, each print audited, no disclosure', async () => {
    const en = await api(t.app, w.s.counselor, 'GET', `/api/threat-cases/${caseId}/pdf?lang=en`);
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toBe('application/pdf');
    expect(en.headers['cache-control']).toBe('no-store');
    const words = text(en.rawPayload);
    expect(words).toContain(`Threat assessment case ${number}`);
    expect(words).toContain('would bring a knife');
    expect(words).toContain('Interviews');
    expect(words).toContain('Heard the remark twice');
    expect(words).toContain('Witness: A classmate on the bus');
    expect(words).toContain('Confidential education record');

    const es = await api(t.app, w.s.counselor, 'GET', `/api/threat-cases/${caseId}/pdf?lang=es`);
    expect(es.statusCode).toBe(200);
    const palabras = text(es.rawPayload);
    expect(palabras).toContain(`Caso de evaluación de amenazas ${number}`);
    expect(palabras).toContain('Entrevistas');
    expect(palabras).toContain('Testigo: A classmate on the bus');
    expect(palabras).not.toContain('Interviews');

    expect(await pdfReads()).toEqual([
      { caseId, lang: 'en', disclosureId: null },
      { caseId, lang: 'es', disclosureId: null },
    ]);
    expect(await disclosures()).toEqual([]);
    // The auditor reads it too (read only, with an expiry).
    expect((await api(t.app, w.s.auditor, 'GET', `/api/threat-cases/${caseId}/pdf`)).statusCode).toBe(200);
  });

  it('answers 404 to a district administrator off the team, as for a case that does not exist', async () => {
    const before = (await pdfReads()).length;
    const pdf = await api(t.app, w.s.admin, 'GET', `/api/threat-cases/${caseId}/pdf`);
    expect(pdf.statusCode).toBe(404);
    const post = await api(t.app, w.s.admin, 'POST', `/api/threat-cases/${caseId}/disclosures`, REQUEST);
    expect(post.statusCode).toBe(404);
    expect(pdf.json()).toEqual(
      (await api(t.app, w.s.admin, 'GET', '/api/threat-cases/00000000-0000-4000-a000-000000000000/pdf')).json(),
    );
    expect(await pdfReads()).toHaveLength(before);
    expect(await disclosures()).toEqual([]);
  });

  it('refuses a records request without the recipient, purpose and legal basis, changing nothing', async () => {
    const before = (await pdfReads()).length;
    const url = `/api/threat-cases/${caseId}/disclosures`;
    const none = await api(t.app, w.s.counselor, 'POST', url, {});
    expect(none.statusCode).toBe(400);
    expect(none.json<{ error: { code: string; issues: { path: string }[] } }>().error).toMatchObject({
      code: 'disclosure_required',
      issues: [{ path: 'party' }, { path: 'purpose' }, { path: 'legalBasis' }],
    });
    const blank = await api(t.app, w.s.counselor, 'POST', url, { ...REQUEST, purpose: '  ' });
    expect(blank.json<{ error: { code: string } }>().error.code).toBe('disclosure_required');
    const emergency = await api(t.app, w.s.counselor, 'POST', url, { ...REQUEST, legalBasis: '99.31(a)(10)' });
    expect(emergency.statusCode).toBe(400);
    expect(emergency.json<{ error: { code: string } }>().error.code).toBe('invalid_request');
    expect(await pdfReads()).toHaveLength(before);
    expect(await disclosures()).toEqual([]);
  });

  it('records the disclosure with the PDF it answers, in one transaction', async () => {
    const res = await api(t.app, w.s.counselor, 'POST', `/api/threat-cases/${caseId}/disclosures?lang=en`, REQUEST);
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toBe('application/pdf');
    const [d] = await disclosures();
    expect(d).toMatchObject({
      ...REQUEST,
      format: 'threat_case_pdf',
      recordCount: 1,
      disclosedBy: w.users.counselor.id,
    });
    const students = await t.ctx.db
      .selectFrom('ferpaDisclosureStudents')
      .select('studentId')
      .where('disclosureId', '=', d!.id)
      .execute();
    expect(students).toEqual([{ studentId: w.student }]);
    expect((await pdfReads()).at(-1)).toEqual({ caseId, lang: 'en', disclosureId: d!.id });
    const words = text(res.rawPayload);
    expect(words).toContain('Released to Juvenile and Domestic Relations Court');
    // The disclosure's id, which a line may break at a hyphen.
    expect(words.replace(/\s/g, '')).toContain(d!.id);
  });
});
