import { beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { runners } from '../src/modules/jobs/job.routes.js';
import { type Session, buildDistrict, buildUser, signIn } from './builders.js';
import { auditEvents, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ImportWorld, buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';
import { extract } from './transparency-pdf.helpers.js';

interface JobBody {
  id: string;
  status: string;
  result: Record<string, unknown> | null;
  resultFile: { name: string; contentType: string } | null;
}
interface DisclosureBody {
  id: string;
  party: string;
  purpose: string;
  legalBasis: string;
  format: string;
  emergencyThreat: string | null;
  disclosedBy: string | null;
  disclosedByName: string | null;
  disclosedByRole: string | null;
}

const DISCLOSURE = {
  party: 'Riverside County Juvenile Court',
  purpose: 'Court-ordered review',
  legalBasis: '99.31(a)(9)',
};

describe(`exports from the app with their FERPA disclosure, and the disclosure log on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ImportWorld;
  let admin: Session;
  let auditor: Session;
  let otherAdmin: Session;
  let otherStudentId: string;

  const start = (kind: string, input: unknown, s = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/jobs`,
      headers: s.headers,
      payload: { kind, input },
    });
  const finished = async (res: { statusCode: number; body: string; json: <T>() => T }, s = admin) => {
    expect(res.statusCode, res.body).toBe(202);
    await runners.get(t.ctx)!.idle();
    const job = await t.app.inject({ method: 'GET', url: `/api/jobs/${res.json<JobBody>().id}`, headers: s.headers });
    return job.json<JobBody>();
  };
  const get = (url: string, s = admin) =>
    t.app.inject({ method: 'GET', url: `/api/districts/${w.district.id}${url}`, headers: s.headers });
  const pdf = (studentId: string, query = '', s = admin) =>
    t.app.inject({ method: 'GET', url: `/api/students/${studentId}/disclosures.pdf${query}`, headers: s.headers });
  const count = async (table: 'jobs' | 'ferpaDisclosures') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildImportWorld(t.ctx, { seed: 5 });
    admin = await signIn(t.app, w.admin);
    auditor = await signIn(t.app, await buildUser(t.ctx, { role: 'auditor', districtId: w.district.id }));
    const other = await buildDistrict(t.ctx);
    otherAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: other.id }));
    const otherWorld = await buildImportWorld(t.ctx, { seed: 6 });
    otherStudentId = otherWorld.students[0]!.id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/incidents/import`,
      headers: admin.headers,
      payload: { csv: toCsv(INCIDENT_COLUMNS, generateIncidentRows(w, 30, 4)) },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses a student-record export job without its recipient, purpose or legal basis, creating nothing', async () => {
    const [jobs, disclosures] = [await count('jobs'), await count('ferpaDisclosures')];
    const none = expectError(await start('incident.export.csv', { year: '2024-25' }), 400, 'disclosure_required');
    expect((none as { issues?: { path: string }[] }).issues?.map((i) => i.path)).toEqual([
      'input.party',
      'input.purpose',
      'input.legalBasis',
    ]);
    expectError(
      await start('incident.export.edfi', { party: 'A court', purpose: 'Review', legalBasis: '  ' }),
      400,
      'disclosure_required',
    );
    expectError(await start('incident.export.csv', undefined), 400, 'disclosure_required');
    // A ground outside FERPA's list, and an emergency with no threat written down.
    expectError(await start('incident.export.csv', { ...DISCLOSURE, legalBasis: 'because' }), 400, 'invalid_request');
    const emergency = expectError(
      await start('incident.export.csv', { ...DISCLOSURE, legalBasis: '99.31(a)(10)' }),
      400,
      'invalid_request',
    );
    expect(JSON.stringify(emergency)).toContain('emergencyThreat');
    expect([await count('jobs'), await count('ferpaDisclosures')]).toEqual([jobs, disclosures]);
  });

  it('runs each export as a job: the file downloads from the job, the disclosure is recorded with who released it', async () => {
    const csv = await finished(await start('incident.export.csv', { year: '2024-25', ...DISCLOSURE }));
    expect(csv.status).toBe('done');
    const file = await t.app.inject({ method: 'GET', url: `/api/jobs/${csv.id}/result`, headers: admin.headers });
    expect(file.statusCode).toBe(200);
    expect(file.body.split('\n')[0]).toContain('incident_number');
    const edfi = await finished(
      await start(
        'incident.export.edfi',
        { ...DISCLOSURE, legalBasis: '99.31(a)(10)', emergencyThreat: 'A threat of violence at school' },
        auditor,
      ),
      auditor,
    );
    expect(edfi.status).toBe('done');
    expect(edfi.resultFile?.name).toBe('incidents.edfi.json');

    const log = (await get('/disclosures?limit=2', auditor)).json<{ items: DisclosureBody[]; total: number }>();
    expect(log.items.map((d) => d.id)).toEqual([edfi.result!.disclosureId, csv.result!.disclosureId]);
    expect(log.items[0]).toMatchObject({
      ...DISCLOSURE,
      legalBasis: '99.31(a)(10)',
      format: 'edfi',
      emergencyThreat: 'A threat of violence at school',
      disclosedByRole: 'auditor',
    });
    expect(log.items[1]).toMatchObject({
      ...DISCLOSURE,
      format: 'csv',
      disclosedBy: w.admin.id,
      disclosedByName: (
        await t.ctx.db.selectFrom('users').select('displayName').where('id', '=', w.admin.id).executeTakeFirstOrThrow()
      ).displayName,
      disclosedByRole: 'district_admin',
    });
  });

  it('runs the CRDC counts and the CRDC school file as jobs without a disclosure (aggregates, no student records)', async () => {
    const before = await count('ferpaDisclosures');
    const counts = await finished(await start('crdc.export', { year: '2024-25' }));
    expect(counts.resultFile?.name).toBe('crdc-2024-25.json');
    const layout = await finished(await start('crdc.export.layout', { year: '2024-25' }, auditor), auditor);
    expect(layout.status).toBe('done');
    expect(layout.resultFile).toMatchObject({
      name: 'crdc-2024-25-schools.csv',
      contentType: 'text/csv; charset=utf-8',
    });
    const file = await t.app.inject({ method: 'GET', url: `/api/jobs/${layout.id}/result`, headers: auditor.headers });
    const lines = file.body.trim().split(/\r?\n/);
    expect(lines[0]).toContain('COMBOKEY');
    expect(lines).toHaveLength(1 + w.schools.length);
    expect(await count('ferpaDisclosures')).toBe(before);
  });

  it("prints one student's disclosure record as a PDF in English or Spanish; printing is audited", async () => {
    const [row] = await t.ctx.db
      .selectFrom('ferpaDisclosureStudents as s')
      .innerJoin('ferpaDisclosures as d', 'd.id', 's.disclosureId')
      .innerJoin('students as st', 'st.id', 's.studentId')
      .select(['s.studentId', 'st.givenName', 'st.familyName', 'st.localId'])
      .where('d.districtId', '=', w.district.id)
      .where('d.party', '=', DISCLOSURE.party)
      .limit(1)
      .execute();
    const student = row!;
    const forStudent = (await get(`/disclosures?studentId=${student.studentId}`)).json<{ total: number }>();
    expect(forStudent.total).toBeGreaterThanOrEqual(1);

    const res = await pdf(student.studentId, '', auditor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="record-of-disclosures-${student.localId}.pdf"`,
    );
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const en = extract(res.rawPayload).all.join(' ');
    expect(en).toContain(`${student.givenName} ${student.familyName}`);
    expect(en).toContain(DISCLOSURE.party);
    expect(en).toContain('Court order or lawfully issued subpoena');
    expect(en).toContain('Record of disclosures');

    const es = await pdf(student.studentId, '?lang=es');
    expect(es.statusCode).toBe(200);
    const esText = extract(es.rawPayload).all.join(' ');
    expect(esText).toContain('Registro de divulgaciones');
    expect(esText).toContain('Orden judicial o citación legalmente emitida');
    expect(esText).not.toContain('Court order or lawfully issued subpoena');

    const viewed = (await auditEvents(t.ctx, w.district.id)).filter(
      (e) => e.kind === 'disclosure.viewed' && e.payload.studentId === student.studentId,
    );
    // The list filtered to the student, then the two PDFs.
    expect(viewed.length).toBe(3);
    expect(viewed.at(-1)!.payload.count).toBe(forStudent.total);
  });

  it('prints an empty record that says so for a student with no disclosures', async () => {
    const none = await t.ctx.db
      .insertInto('students')
      .values({
        ...(await t.ctx.db
          .selectFrom('students')
          .selectAll()
          .where('id', '=', w.students[0]!.id)
          .executeTakeFirstOrThrow()),
        id: 'stu-no-disclosures',
        localId: 'NOPE-1',
        sourceId: null,
      })
      .execute();
    expect(none).toBeDefined();
    const res = await pdf('stu-no-disclosures', '?lang=es');
    expect(res.statusCode).toBe(200);
    expect(extract(res.rawPayload).all.join(' ')).toContain('No se ha divulgado ningún expediente de este estudiante.');
  });

  it('refuses the PDF to those who may not read the log, and for a student or district they cannot see', async () => {
    const sid = w.students[0]!.id;
    expectError(await pdf(sid, '', await signIn(t.app, w.officers[0]!)), 403, 'forbidden');
    expectError(await pdf(sid, '', await signIn(t.app, w.principal)), 403, 'forbidden');
    expectError(await pdf(sid, '', otherAdmin), 404, 'not_found');
    expectError(await pdf(otherStudentId), 404, 'not_found');
    expectError(await pdf('no-such-student'), 404, 'not_found');
    expectError(await pdf(sid, '?lang=fr'), 400, 'invalid_request');
  });
});
