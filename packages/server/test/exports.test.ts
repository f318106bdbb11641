import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { EXPORT_COLUMNS } from '../src/modules/exports/export.csv.js';
import { type Session, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ImportWorld, buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';

type CsvRow = Record<(typeof EXPORT_COLUMNS)[number], string>;
const readCsv = (text: string) => parse<CsvRow>(text, { columns: true, bom: true });

describe(`incident exports and FERPA disclosure records on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ImportWorld;
  let admin: Session;
  let auditor: Session;
  const get = (url: string, s = admin) =>
    t.app.inject({ method: 'GET', url: `/api/districts/${w.district.id}${url}`, headers: s.headers });

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildImportWorld(t.ctx, { seed: 3 });
    admin = await signIn(t.app, w.admin);
    auditor = await signIn(t.app, await buildUser(t.ctx, { role: 'auditor', districtId: w.district.id }));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/incidents/import`,
      headers: admin.headers,
      payload: { csv: toCsv(INCIDENT_COLUMNS, generateIncidentRows(w, 80, 8)) },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('exports one row per student per incident with the snapshot, actions and flags, and records the disclosure with its students', async () => {
    const res = await get('/exports/incidents.csv?year=2024-25&party=State%20auditor&purpose=Program%20audit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const rows = readCsv(res.body);
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
    const db = t.ctx.db;
    const links = await db
      .selectFrom('incidentStudents')
      .selectAll()
      .where('districtId', '=', w.district.id)
      .where('schoolYear', '=', '2024-25')
      .execute();
    const studentRows = rows.filter((r) => r.student_local_id !== '');
    // Every (incident, student) appears, with the snapshot kept with the incident.
    const localOf = new Map(w.students.map((s) => [s.id, s.localId]));
    const numbers = new Map(
      (await db.selectFrom('incidents').select(['id', 'number']).execute()).map((i) => [i.id, i.number]),
    );
    expect(new Set(studentRows.map((r) => `${r.incident_number}|${r.student_local_id}`))).toEqual(
      new Set(links.map((l) => `${numbers.get(l.incidentId)}|${localOf.get(l.studentId)}`)),
    );
    for (const l of links) {
      const r = studentRows.find(
        (x) => x.incident_number === numbers.get(l.incidentId) && x.student_local_id === localOf.get(l.studentId),
      )!;
      expect([
        r.student_race,
        r.student_sex,
        r.student_grade,
        r.student_english_learner,
        r.referred,
        r.arrested,
      ]).toEqual([
        l.race,
        l.sex,
        l.grade,
        Number(l.englishLearner) ? 'true' : 'false',
        Number(l.referred) ? 'true' : 'false',
        Number(l.arrested) ? 'true' : 'false',
      ]);
    }
    expect(rows.some((r) => /arrested(:emergency)?@/.test(r.actions))).toBe(true);
    expect(rows.some((r) => /review_missing:roles_and_responsibilities/.test(r.flags))).toBe(true);

    const disclosureId = res.headers['x-disclosure-id'] as string;
    const d = await db
      .selectFrom('ferpaDisclosures')
      .selectAll()
      .where('id', '=', disclosureId)
      .executeTakeFirstOrThrow();
    expect(d).toMatchObject({
      districtId: w.district.id,
      party: 'State auditor',
      purpose: 'Program audit',
      format: 'csv',
      disclosedBy: w.admin.id,
    });
    expect(d.legalBasis).toMatch(/99\.31/);
    expect(Number(d.recordCount)).toBe(links.length);
    const disclosed = await db
      .selectFrom('ferpaDisclosureStudents')
      .select('studentId')
      .where('disclosureId', '=', disclosureId)
      .execute();
    expect(new Set(disclosed.map((s) => s.studentId))).toEqual(new Set(links.map((l) => l.studentId)));
    const ev = await db
      .selectFrom('auditEvents')
      .select(['payload'])
      .where('chain', '=', w.district.id)
      .where('kind', '=', 'export.created')
      .execute();
    expect(ev.map((e) => JSON.parse(e.payload))).toContainEqual({ format: 'csv', disclosureId, records: links.length });
  });

  it('round-trips: importing an export stores the same incidents again (same students, snapshots, actions and flags)', async () => {
    const first = readCsv((await get('/exports/incidents.csv')).body);
    const before = new Set(first.map((r) => r.incident_number));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/incidents/import`,
      headers: admin.headers,
      payload: { csv: (await get('/exports/incidents.csv')).body },
    });
    expect(res.statusCode, res.body).toBe(200);
    const again = readCsv((await get('/exports/incidents.csv')).body).filter((r) => !before.has(r.incident_number));
    const strip = (r: CsvRow) => JSON.stringify({ ...r, incident_ref: '', incident_number: '' });
    const sortedBy = (rows: CsvRow[]) => rows.map(strip).sort();
    expect(again.length).toBe(first.length);
    expect(sortedBy(again)).toEqual(sortedBy(first));
  });

  it('exports Ed-Fi DisciplineIncident and StudentDisciplineIncidentBehaviorAssociation resources with the CRDC extension', async () => {
    const res = await get('/exports/incidents.edfi.json?year=2024-25', auditor);
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const n = await t.ctx.db
      .selectFrom('incidents')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('districtId', '=', w.district.id)
      .where('schoolYear', '=', '2024-25')
      .executeTakeFirstOrThrow();
    expect(doc.disciplineIncidents).toHaveLength(Number(n.n));
    const inc = doc.disciplineIncidents.find((i: { weapons: unknown[] }) => i.weapons.length > 0);
    expect(inc).toEqual({
      incidentIdentifier: expect.stringMatching(/^INC-/),
      schoolReference: { schoolId: expect.stringMatching(/^\d{12}$/) },
      incidentDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      incidentTime: expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/),
      incidentLocationDescriptor: expect.stringMatching(/^uri:\/\/ed-fi\.org\/IncidentLocationDescriptor#/),
      incidentDescription: expect.any(String),
      behaviors: [{ behaviorDescriptor: 'uri://forefront.org/BehaviorDescriptor#threat_with_weapon' }],
      weapons: [{ weaponDescriptor: 'uri://ed-fi.org/WeaponDescriptor#Knife' }],
      reportedToLawEnforcement: expect.any(Boolean),
      // The fixture district has no zone of its own (UTC, the column default): the local time is UTC.
      _ext: { forefront: { timeZone: 'UTC', utcOffset: '+00:00' } },
    });
    const assoc = doc.studentDisciplineIncidentBehaviorAssociations;
    expect(assoc.length).toBeGreaterThan(0);
    expect(assoc[0]).toEqual({
      studentReference: { studentUniqueId: expect.stringMatching(/^S\d{5}$/) },
      disciplineIncidentReference: {
        incidentIdentifier: expect.stringMatching(/^INC-/),
        schoolId: expect.stringMatching(/^\d{12}$/),
      },
      behaviorDescriptor: expect.stringMatching(/^uri:\/\/forefront\.org\/BehaviorDescriptor#/),
      disciplineIncidentParticipationCodes: [
        {
          disciplineIncidentParticipationCodeDescriptor: expect.stringMatching(
            /#(Perpetrator|Victim|Witness|Reporter)$/,
          ),
        },
      ],
      _ext: {
        forefront: { referralToLawEnforcement: expect.any(Boolean), schoolRelatedArrestIndicator: expect.any(Boolean) },
      },
    });
    // Every arrest is a referral, and an incident with a referred student was reported to law enforcement.
    for (const a of assoc)
      if (a._ext.forefront.schoolRelatedArrestIndicator) expect(a._ext.forefront.referralToLawEnforcement).toBe(true);
    const reported = new Set(
      doc.disciplineIncidents
        .filter((i: { reportedToLawEnforcement: boolean }) => i.reportedToLawEnforcement)
        .map((i: { incidentIdentifier: string }) => i.incidentIdentifier),
    );
    for (const a of assoc)
      if (a._ext.forefront.referralToLawEnforcement)
        expect(reported.has(a.disciplineIncidentReference.incidentIdentifier)).toBe(true);
    const d = await t.ctx.db
      .selectFrom('ferpaDisclosures')
      .selectAll()
      .where('id', '=', res.headers['x-disclosure-id'] as string)
      .executeTakeFirstOrThrow();
    expect(d.format).toBe('edfi');
  });

  it('lists disclosures for administrators and auditors, filterable by student; officers and principals may not', async () => {
    const list = await get('/disclosures', auditor);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.items[0]).toMatchObject({
      districtId: w.district.id,
      format: expect.any(String),
      studentCount: expect.any(Number),
    });
    const someone = await t.ctx.db.selectFrom('ferpaDisclosureStudents').select('studentId').executeTakeFirstOrThrow();
    const forStudent = (await get(`/disclosures?studentId=${someone.studentId}`)).json();
    expect(forStudent.total).toBeGreaterThan(0);
    expect((await get('/disclosures?studentId=nobody')).json().total).toBe(0);
    expect((await get('/disclosures', await signIn(t.app, w.officers[0]!))).statusCode).toBe(403);
    expect((await get('/disclosures', await signIn(t.app, w.principal))).statusCode).toBe(403);
    expect((await get('/exports/incidents.csv', await signIn(t.app, w.principal))).statusCode).toBe(403);
  });

  it('answers 400 for a malformed school year and changes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('ferpaDisclosures')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await get('/exports/incidents.csv?year=2024-26')).statusCode).toBe(400);
    expect((await get('/exports/crdc?year=24-25')).statusCode).toBe(400);
    const after = await t.ctx.db
      .selectFrom('ferpaDisclosures')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
