import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { RACES } from '@forefront/contract';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { type Session, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ImportWorld, buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';

type Sexes = { M: number; F: number; X: number };
type Counts = {
  withoutDisabilities: Record<string, Sexes>;
  idea: Record<string, Sexes>;
  section504Only: Sexes;
  englishLearners: Sexes;
  total: number;
};

/**
 * The independent count: straight from the exported incidents CSV, written without the server's
 * code. Per school and student over the year's rows that were referred: count the student once,
 * statuses as held at any of those incidents; IDEA students in the IDEA table, everyone else in the
 * "without disabilities" table; 504-only (504 and not IDEA) and English learners counted besides.
 */
function countFromCsv(csv: string, year: string) {
  const rows = parse<Record<string, string>>(csv, { columns: true });
  const students = new Map<
    string,
    { school: string; arrested: boolean; race: string; sex: string; idea: boolean; s504: boolean; el: boolean }
  >();
  for (const r of rows) {
    if (r.school_year !== year || r.student_local_id === '' || r.referred !== 'true') continue;
    // CRDC counts a student at the school they are enrolled in (the snapshot's school).
    const key = `${r.student_school_nces_id}|${r.student_local_id}`;
    const s = students.get(key) ?? {
      school: r.student_school_nces_id!,
      arrested: false,
      race: '',
      sex: '',
      idea: false,
      s504: false,
      el: false,
    };
    s.arrested ||= r.arrested === 'true';
    s.race = r.student_race! > s.race ? r.student_race! : s.race;
    s.sex = r.student_sex! > s.sex ? r.student_sex! : s.sex;
    s.idea ||= r.student_idea === 'true';
    s.s504 ||= r.student_section504 === 'true';
    s.el ||= r.student_english_learner === 'true';
    students.set(key, s);
  }
  const empty = (): Counts => ({
    withoutDisabilities: Object.fromEntries(RACES.map((r) => [r, { M: 0, F: 0, X: 0 }])),
    idea: Object.fromEntries(RACES.map((r) => [r, { M: 0, F: 0, X: 0 }])),
    section504Only: { M: 0, F: 0, X: 0 },
    englishLearners: { M: 0, F: 0, X: 0 },
    total: 0,
  });
  const out = new Map<string, { referred: Counts; arrested: Counts }>();
  for (const s of students.values()) {
    const school = out.get(s.school) ?? out.set(s.school, { referred: empty(), arrested: empty() }).get(s.school)!;
    for (const c of s.arrested ? [school.referred, school.arrested] : [school.referred]) {
      (s.idea ? c.idea : c.withoutDisabilities)[s.race]![s.sex as keyof Sexes] += 1;
      if (s.s504 && !s.idea) c.section504Only[s.sex as keyof Sexes] += 1;
      if (s.el) c.englishLearners[s.sex as keyof Sexes] += 1;
      c.total += 1;
    }
  }
  return out;
}

describe(`CRDC export on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ImportWorld;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    // Few students, many incidents: the same students are referred again and again (unduplication).
    w = await buildImportWorld(t.ctx, { students: 30, seed: 17 });
    admin = await signIn(t.app, w.admin);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/incidents/import`,
      headers: admin.headers,
      payload: { csv: toCsv(INCIDENT_COLUMNS, generateIncidentRows(w, 400, 23)) },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('equals an independent count from the incidents export: unduplicated students, 504-only apart from IDEA, every arrest a referral', async () => {
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${w.district.id}/exports/incidents.csv`,
      headers: admin.headers,
    });
    const expected = countFromCsv(csv.body, '2024-25');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${w.district.id}/exports/crdc?year=2024-25`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const report = res.json<{
      schoolYear: string;
      schools: { ncesSchoolId: string; referred: Counts; arrested: Counts }[];
    }>();
    expect(report.schoolYear).toBe('2024-25');
    expect(report.schools).toHaveLength(2);
    for (const s of report.schools) {
      expect({ referred: s.referred, arrested: s.arrested }).toEqual(expected.get(s.ncesSchoolId));
      // Unduplicated: never more students than the roster has, though there are far more referrals.
      expect(s.referred.total).toBeLessThanOrEqual(30);
      expect(s.arrested.total).toBeLessThanOrEqual(s.referred.total);
    }
    const referralRows = parse<Record<string, string>>(csv.body, { columns: true }).filter(
      (r) => r.referred === 'true' && r.school_year === '2024-25',
    ).length;
    const total = report.schools.reduce((n, s) => n + s.referred.total, 0);
    expect(referralRows).toBeGreaterThan(total); // the data does repeat students
    expect(
      report.schools.some(
        (s) => s.referred.section504Only.M + s.referred.section504Only.F + s.referred.section504Only.X > 0,
      ),
    ).toBe(true);
    expect(report.schools.some((s) => Object.values(s.referred.idea).some((c) => c.M + c.F + c.X > 0))).toBe(true);
    const ev = await t.ctx.db
      .selectFrom('auditEvents')
      .select('payload')
      .where('chain', '=', w.district.id)
      .where('kind', '=', 'export.created')
      .execute();
    expect(ev.map((e) => JSON.parse(e.payload))).toContainEqual({ format: 'crdc', disclosureId: null, records: 2 });
  });

  it('a year without incidents counts zero for every school', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${w.district.id}/exports/crdc?year=2019-20`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    for (const s of res.json().schools) expect([s.referred.total, s.arrested.total]).toEqual([0, 0]);
  });
});
