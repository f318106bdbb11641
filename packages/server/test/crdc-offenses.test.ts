import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrdcReportResponse, schoolYearOf } from '@forefront/contract';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { type Session, signIn } from './builders.js';
import { hoursAgo, incidentInput, req } from './incident.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ImportWorld, buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';

const YEAR = '2024-25';

/**
 * Written by hand for this test, not imported from the code under test: CRDC's offense category of
 * each behavior that has one, most serious first (OCR's order), and the action behind each
 * restraint and seclusion kind.
 */
const OFFENSE_BY_SEVERITY: [string, string][] = [
  ['rape_or_attempted_rape', 'rape_or_attempted_rape'],
  ['sexual_assault', 'sexual_assault'],
  ['robbery_with_firearm', 'robbery_with_firearm'],
  ['robbery_with_weapon', 'robbery_with_weapon'],
  ['robbery_without_weapon', 'robbery_without_weapon'],
  ['attack_with_firearm', 'physical_attack_with_firearm'],
  ['attack_with_weapon', 'physical_attack_with_weapon'],
  ['fight_without_weapon', 'physical_attack_without_weapon'],
  ['threat_with_firearm', 'threat_with_firearm'],
  ['threat_with_weapon', 'threat_with_weapon'],
  ['threat_without_weapon', 'threat_without_weapon'],
  ['firearm_or_explosive_possession', 'possession_of_firearm_or_explosive'],
];
const KIND: Record<string, 'mechanical' | 'physical' | 'seclusion'> = {
  restrained_mechanical: 'mechanical',
  restrained_physical: 'physical',
  secluded: 'seclusion',
};

type Expected = {
  offenses: Record<string, number>;
  instances: Record<string, { withoutDisabilities: number; idea: number; section504Only: number }>;
  students: Record<string, Map<string, { idea: boolean; s504: boolean }>>;
};

/** The independent count, from the exported incidents CSV (docs/incident-csv.md). */
function countFromCsv(csv: string): Map<string, Expected> {
  const rows = parse<Record<string, string>>(csv, { columns: true }).filter((r) => r.school_year === YEAR);
  const out = new Map<string, Expected>();
  const at = (school: string) =>
    out.get(school) ??
    out
      .set(school, {
        offenses: {},
        instances: Object.fromEntries(
          Object.values(KIND).map((k) => [k, { withoutDisabilities: 0, idea: 0, section504Only: 0 }]),
        ),
        students: Object.fromEntries(Object.values(KIND).map((k) => [k, new Map()])),
      })
      .get(school)!;
  const seen = new Set<string>();
  for (const r of rows) {
    // Offenses: once per incident, at the incident's school, under its most serious offense.
    if (!seen.has(r.incident_number!)) {
      seen.add(r.incident_number!);
      const behaviors = r.behaviors!.split(';');
      const hit = OFFENSE_BY_SEVERITY.find(([b]) => behaviors.includes(b));
      if (hit) {
        const e = at(r.school_nces_id!);
        e.offenses[hit[1]] = (e.offenses[hit[1]] ?? 0) + 1;
      }
    }
    if (!r.student_local_id || !r.actions) continue;
    // Restraint and seclusion: each action toward a student is an instance, at the student's school.
    for (const token of r.actions.split(';')) {
      const kind = KIND[token.split(/[:@]/)[0]!];
      if (!kind) continue;
      const e = at(r.student_school_nces_id!);
      const idea = r.student_idea === 'true';
      const s504 = r.student_section504 === 'true';
      e.instances[kind]![idea ? 'idea' : s504 ? 'section504Only' : 'withoutDisabilities'] += 1;
      const prev = e.students[kind]!.get(r.student_local_id);
      e.students[kind]!.set(r.student_local_id, { idea: idea || !!prev?.idea, s504: s504 || !!prev?.s504 });
    }
  }
  return out;
}

describe(`CRDC offenses, restraint and seclusion on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ImportWorld;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildImportWorld(t.ctx, { students: 30, seed: 5 });
    admin = await signIn(t.app, w.admin);
    const rows = generateIncidentRows(w, 200, 9);
    // Incidents with several offenses (counted once, under the most serious) and every restraint kind.
    const behaviorSets = [
      'fight_without_weapon;attack_with_firearm',
      'threat_with_weapon;rape_or_attempted_rape',
      'robbery_without_weapon;dress_code',
      'firearm_or_explosive_possession',
      'sexual_assault;threat_with_firearm',
      'robbery_with_firearm',
      'robbery_with_weapon;threat_without_weapon',
      'attack_with_weapon',
    ];
    behaviorSets.forEach((behaviors, i) => {
      const student = w.students[(i * 7) % w.students.length]!;
      const at = `2024-1${i % 3}-0${1 + i}T15:00:00.000Z`;
      rows.push({
        incident_ref: `X${i}`,
        school_nces_id: w.schools[i % 2]!.ncesSchoolId,
        occurred_at: at,
        location: 'grounds',
        behaviors,
        description: 'Offense and restraint',
        weapon: 'none',
        offense_alleged: 'false',
        nibrs_codes: '',
        student_local_id: student.localId,
        student_role: 'offender',
        officer_email: w.officers[i % 2]!.email,
        purpose: 'emergency_response',
        involvement: 'led',
        reported_at: at,
        arrived_at: at,
        actions: ['secluded:emergency', 'restrained_mechanical:emergency;secluded:emergency', 'restrained_physical'][
          i % 3
        ]!,
        emergency_reason: 'Student was hurting another student',
      });
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/incidents/import`,
      headers: admin.headers,
      payload: { csv: toCsv(INCIDENT_COLUMNS, rows) },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('counts each incident once under its most serious CRDC offense, and restraint and seclusion by OCR group', async () => {
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${w.district.id}/exports/incidents.csv?year=${YEAR}`,
      headers: admin.headers,
    });
    expect(csv.statusCode).toBe(200);
    const expected = countFromCsv(csv.body);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${w.district.id}/exports/crdc?year=${YEAR}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const report = res.json<CrdcReportResponse>();
    let secluded = 0;
    for (const s of report.schools) {
      const e = expected.get(s.ncesSchoolId)!;
      const offenses = Object.fromEntries(Object.entries(s.offenses).filter(([, n]) => n > 0));
      expect(offenses).toEqual(e.offenses);
      for (const kind of ['mechanical', 'physical', 'seclusion'] as const) {
        const r = s.restraint[kind];
        expect(r.instances).toEqual(e.instances[kind]);
        const students = [...e.students[kind]!.values()];
        expect(r.students.total).toBe(students.length);
        const cells = (byRace: Record<string, { M: number; F: number; X: number }>) =>
          Object.values(byRace).reduce((n, c) => n + c.M + c.F + c.X, 0);
        // IDEA and non-IDEA make the total; the 504-only students are a subset of non-IDEA.
        expect(cells(r.students.idea)).toBe(students.filter((x) => x.idea).length);
        expect(cells(r.students.nonIdea)).toBe(students.filter((x) => !x.idea).length);
        const s504 = r.students.section504Only;
        expect(s504.M + s504.F + s504.X).toBe(students.filter((x) => !x.idea && x.s504).length);
      }
      secluded += s.restraint.seclusion.students.total;
    }
    // The data does exercise each part.
    expect(secluded).toBeGreaterThan(0);
    const all = report.schools.flatMap((s) =>
      Object.entries(s.offenses)
        .filter(([, n]) => n > 0)
        .map(([o]) => o),
    );
    for (const o of [
      'rape_or_attempted_rape',
      'physical_attack_with_firearm',
      'robbery_with_firearm',
      'sexual_assault',
    ])
      expect(all).toContain(o);
  });

  it('records seclusion through the incident API, and refuses an unknown action with a 400 that changes nothing', async () => {
    const officer = await signIn(t.app, w.officers[0]!);
    const at = hoursAgo(2.9);
    const seclusion = (action: string) =>
      incidentInput(w.schools[0]!.id, w.officers[0]!.id, {
        students: [{ studentId: w.students[0]!.id, role: 'offender' }],
        contacts: [
          {
            officerId: w.officers[0]!.id,
            purpose: 'emergency_response',
            involvement: 'led',
            reportedAt: hoursAgo(3),
            arrivedAt: at,
            actions: [
              {
                action,
                studentId: w.students[0]!.id,
                at,
                emergency: true,
                emergencyReason: 'Hurting others',
                parentNotified: true,
              },
            ],
          },
        ],
      } as never);
    const url = `/api/districts/${w.district.id}/incidents`;
    const bad = await req(t.app, officer, 'POST', url, seclusion('isolated'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('invalid_request');
    const year = schoolYearOf(at.slice(0, 10));
    const crdc = () =>
      t.app
        .inject({
          method: 'GET',
          url: `/api/districts/${w.district.id}/exports/crdc?year=${year}`,
          headers: admin.headers,
        })
        .then(
          (r) => r.json<CrdcReportResponse>().schools.find((x) => x.schoolId === w.schools[0]!.id)!.restraint.seclusion,
        );
    expect((await crdc()).students.total).toBe(0); // the refused request recorded nothing
    const ok = await req(t.app, officer, 'POST', url, seclusion('secluded'));
    expect(ok.statusCode, ok.body).toBe(201);
    const after = await crdc();
    expect(after.students.total).toBe(1);
    expect(Object.values(after.instances).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
