import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf } from '@forefront/contract';
import { createIncidentIn } from '../src/modules/incidents/incident.service.js';
import { transitionIncidentIn } from '../src/modules/incidents/incident.workflow.js';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { importIncidentsCli } from '../src/modules/incident-import/import.service.js';
import {
  enrollmentDate,
  ensureEnrollment,
  snapshotEnrollment,
} from '../src/modules/transparency/transparency.enrollment.js';
import { importRoster } from '../src/modules/students/student.service.js';
import { loadDemo } from '../src/modules/demo/demo.service.js';
import { SMALL_SCHOOL_INDEX, SMALL_SCHOOL_STUDENTS } from '../src/modules/demo/demo.roster.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';
import { buildRiverside } from './fixtures/oneroster/index.js';
import {
  expectMatchesRebuild,
  expectedEnrollment,
  figures,
  storedEnrollment,
} from './transparency-aggregates.helpers.js';

/**
 * The transparency figures written in bulk (the incident import, the demo's history) equal the
 * rebuild from the raw rows, and the enrollment snapshot equals a count of the roster.
 */

describe(`transparency figures from bulk imports and rosters on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('the bulk import writes the same figures as the rebuild, added to what the district had', async () => {
    const w = await buildImportWorld(t.ctx, { students: 60 });
    const admin = {
      userId: w.admin.id,
      role: 'district_admin' as const,
      districtId: w.district.id,
      state: null,
      schoolIds: [],
    };
    // An incident through the service first, with students the files name again.
    const at = '2024-11-05T15:00:00.000Z';
    await t.ctx.db.transaction().execute(async (trx) => {
      const row = await createIncidentIn(trx, t.ctx, admin, w.district.id, {
        schoolId: w.schools[0]!.id,
        occurredAt: at,
        location: 'classroom',
        behaviors: ['fight_without_weapon'],
        description: '',
        weapon: 'none',
        offenseAlleged: false,
        nibrsCodes: [],
        students: w.students.slice(0, 3).map((s) => ({ studentId: s.id, role: 'offender' as const })),
        contacts: [
          {
            officerId: w.officers[0]!.id,
            purpose: 'serious_threat_or_crime',
            involvement: 'led',
            reportedAt: at,
            arrivedAt: at,
            actions: w.students.slice(0, 3).map((s) => ({
              action: 'arrested' as const,
              studentId: s.id,
              at,
              emergency: true,
              emergencyReason: 'Danger.',
              parentNotified: false,
            })),
          },
        ],
      });
      await transitionIncidentIn(trx, t.ctx, admin, row.id, 'submitted');
    });
    for (const seed of [31, 32]) {
      const report = await importIncidentsCli(t.ctx, w.district.id, undefined, {
        stream: Readable.from([toCsv(INCIDENT_COLUMNS, generateIncidentRows(w, 150, seed))]),
        file: `f${seed}.csv`,
      });
      expect(report.accepted, JSON.stringify(report.errors.slice(0, 3))).toBe(true);
      const oracle = await expectMatchesRebuild(t, w.district.id);
      expect(oracle.counts.some((c) => c.includes('|referred|all:*|'))).toBe(true);
      expect(oracle.counts.some((c) => c.includes('|arrested|all:*|'))).toBe(true);
    }
    const incidents = (await figures(t.ctx.db, w.district.id)).counts
      .filter((c) => c.split('|')[2] === 'incidents')
      .reduce((n, c) => n + Number(c.split('|')[4]), 0);
    expect(incidents).toBe(301);
  });

  it('the enrollment snapshot counts each active student once per dimension, with their demographics as of the count date', async () => {
    const w = await buildImportWorld(t.ctx, { students: 80, seed: 9 });
    await t.ctx.db.updateTable('students').set({ active: 0 }).where('id', '=', w.students[5]!.id).execute();
    // Every fourth student became an English learner on 2025-01-15: the two count dates differ.
    const fall2024 = await expectedEnrollment(t.ctx.db, w.district.id, '2024-10-01');
    const fall2025 = await expectedEnrollment(t.ctx.db, w.district.id, '2025-10-01');
    expect(fall2024).not.toEqual(fall2025);
    await t.ctx.db.transaction().execute(async (trx) => {
      expect(await snapshotEnrollment(trx, w.district.id, '2024-25')).toBe(79);
      await snapshotEnrollment(trx, w.district.id, '2025-26', '2025-10-01');
    });
    expect(enrollmentDate('2024-25', '2026-11-28')).toBe('2024-10-01');
    expect(enrollmentDate('2026-27', '2026-08-20')).toBe('2026-08-20');
    expect(await storedEnrollment(t.ctx.db, w.district.id, '2024-25')).toEqual(fall2024);
    expect(await storedEnrollment(t.ctx.db, w.district.id, '2025-26')).toEqual(fall2025);
    const all = fall2024.filter((l) => l.includes('|all:*|')).reduce((n, l) => n + Number(l.split('|')[2]), 0);
    expect(all).toBe(79);

    // ensureEnrollment fills only the years that have none, leaving a snapshot already taken alone.
    await t.ctx.db.updateTable('students').set({ active: 0 }).where('id', '=', w.students[6]!.id).execute();
    const filled = await t.ctx.db
      .transaction()
      .execute((trx) => ensureEnrollment(trx, w.district.id, ['2024-25', '2023-24']));
    expect(filled).toEqual(['2023-24']);
    expect(await storedEnrollment(t.ctx.db, w.district.id, '2024-25')).toEqual(fall2024);
    expect(await storedEnrollment(t.ctx.db, w.district.id, '2023-24')).toEqual(
      await expectedEnrollment(t.ctx.db, w.district.id, '2023-10-01'),
    );
  });

  it('a roster import refreshes the enrollment of the current school year', async () => {
    const r = await buildRiverside(t.ctx);
    const report = await importRoster(t.ctx, null, r.district.id, r.files, { source: 'test', asOf: '2026-08-15' });
    expect(report.accepted).toBe(true);
    const year = schoolYearOf(new Date().toISOString().slice(0, 10));
    const stored = await storedEnrollment(t.ctx.db, r.district.id, year);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).toEqual(await expectedEnrollment(t.ctx.db, r.district.id, enrollmentDate(year)));
  });
});

describe(`the demo district's transparency figures on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof loadDemo>>;
  beforeAll(async () => {
    t = await createTestApp();
    demo = await loadDemo(t.ctx);
  }, 120_000);

  it('equal the rebuild, and the role-drift aggregates equal the raw rows', async () => {
    const d = demo.districtId;
    const oracle = await expectMatchesRebuild(t, d);
    // Three school years (two in summer, before the current year's first school day).
    expect(new Set(oracle.counts.map((c) => c.split('|')[0])).size).toBeGreaterThanOrEqual(2);
    const db = t.ctx.db;
    const sum = async (col: 'contacts' | 'violations' | 'arrests' | 'referrals') =>
      Number(
        (
          await db
            .selectFrom('roleDriftMonthly')
            .select((eb) => eb.fn.sum<number>(col).as('n'))
            .where('districtId', '=', d)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const count = async (table: 'sroContacts' | 'incidentFlags') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('districtId', '=', d)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const actions = async (names: string[]) =>
      Number(
        (
          await db
            .selectFrom('sroActions')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('districtId', '=', d)
            .where('action', 'in', names)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await sum('contacts')).toBe(await count('sroContacts'));
    expect(await sum('violations')).toBe(await count('incidentFlags'));
    expect(await sum('arrests')).toBe(await actions(['arrested']));
    expect(await sum('referrals')).toBe(await actions(['arrested', 'cited', 'referred_to_law_enforcement']));
  });

  it('has enrollment for every year from the roster, one small school with few referred students, and district totals well above 10', async () => {
    const d = demo.districtId;
    const main = demo.districts.find((x) => x.id === d)!;
    const small = main.schools[SMALL_SCHOOL_INDEX]!;
    const rows = await t.ctx.db
      .selectFrom('transparencyCounts')
      .selectAll()
      .where('districtId', '=', d)
      .where('key', '=', 'all:*')
      .execute();
    const years = [...new Set(rows.map((r) => r.schoolYear))].sort();
    expect(years).toHaveLength(3);
    const roster = await t.ctx.db
      .selectFrom('students')
      .select(['schoolId'])
      .where('districtId', '=', d)
      .where('active', '=', 1)
      .execute();
    for (const year of years) {
      const of = (measure: string, schoolId?: string) =>
        rows
          .filter((r) => r.schoolYear === year && r.measure === measure && (!schoolId || r.schoolId === schoolId))
          .reduce((n, r) => n + Number(r.value), 0);
      for (const s of main.schools) expect(of('enrolled', s.id)).toBe(roster.filter((r) => r.schoolId === s.id).length);
      expect(of('enrolled', small.id)).toBe(SMALL_SCHOOL_STUDENTS);
      expect(of('referred', small.id)).toBeLessThanOrEqual(3);
      // The two complete years (the current one may have just begun).
      if (year === years[2]) continue;
      expect(of('referred', small.id)).toBeGreaterThanOrEqual(1);
      expect(of('referred')).toBeGreaterThan(50);
      expect(of('arrested')).toBeGreaterThan(10);
    }
  });
});
