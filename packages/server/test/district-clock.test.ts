import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IncidentInput, RoleDrift } from '@forefront/contract';
import {
  isClockApplied,
  recomputeDistrictClock,
  recomputePendingClocks,
} from '../src/modules/districts/district.recompute.js';
import { runners } from '../src/modules/jobs/job.routes.js';
import { expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type IncidentWorld, buildIncidentWorld, buildStudent, incidentInput, req } from './incident.helpers.js';

/**
 * Issue 12.1, the test the issue names: an incident at 21:00 EDT on 30 June 2025 (01:00 UTC on
 * 1 July) belongs to the school year ending that June (2024-25) and to June, in the stored
 * incident, the role-drift months, the transparency figures, the CRDC year and the exports; and
 * changing the district's zone moves it, recomputing every aggregate and republishing.
 */
const JUNE_30_9PM_EDT = '2025-07-01T01:00:00.000Z';

describe(`the district's own clock on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let incidentId: string;

  const district = (path = '') => `/api/districts/${w.district.id}${path}`;
  // A clock change starts a recompute job: the figures are read once it has finished.
  const patch = async (payload: unknown, session = w.sessions.admin) => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: district(),
      headers: session.headers,
      payload: payload as object,
    });
    await runners.get(t.ctx)!.idle();
    return res;
  };
  const schoolYearStored = async () =>
    (await t.ctx.db.selectFrom('incidents').select('schoolYear').where('id', '=', incidentId).executeTakeFirstOrThrow())
      .schoolYear;
  const incidentCounts = async () =>
    (
      await t.ctx.db
        .selectFrom('transparencyCounts')
        .select(['schoolYear', 'value'])
        .where('districtId', '=', w.district.id)
        .where('measure', '=', 'incidents')
        .execute()
    ).map((r) => [r.schoolYear, Number(r.value)]);
  const driftByMonth = async () => {
    const res = await req(t.app, w.sessions.admin, 'GET', district('/role-drift?from=2025-06&to=2025-07'));
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries((res.json<RoleDrift>().byMonth ?? []).map((m) => [m.month, m.contacts]));
  };
  const crdcArrests = async (year: string) => {
    const res = await req(t.app, w.sessions.admin, 'GET', district(`/exports/crdc?year=${year}`));
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ schools: { arrested: { total: number } }[] }>().schools.reduce((n, s) => n + s.arrested.total, 0);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    const student = (await buildStudent(t.ctx, w.district.id, w.school)).id;
    const moved = await patch({ timeZone: 'America/New_York' });
    expect(moved.statusCode, moved.body).toBe(200);
    // The recompute ran as a background job, which the jobs page lists as done.
    const jobs = await req(t.app, w.sessions.admin, 'GET', district('/jobs'));
    expect(jobs.statusCode, jobs.body).toBe(200);
    expect(jobs.json<{ items: { kind: string; status: string }[] }>().items).toContainEqual(
      expect.objectContaining({ kind: 'district.clock.recompute', status: 'done' }),
    );
    const input: IncidentInput = {
      schoolId: w.school,
      occurredAt: JUNE_30_9PM_EDT,
      location: 'classroom',
      behaviors: ['fight_without_weapon'],
      description: 'A fight at the evening graduation rehearsal.',
      weapon: 'none',
      offenseAlleged: true,
      nibrsCodes: ['13B'],
      students: [{ studentId: student, role: 'offender' }],
      contacts: [
        {
          officerId: w.sro.id,
          purpose: 'serious_threat_or_crime',
          involvement: 'led',
          reportedAt: JUNE_30_9PM_EDT,
          arrivedAt: '2025-07-01T01:05:00.000Z',
          actions: [
            {
              action: 'arrested',
              studentId: student,
              at: '2025-07-01T01:10:00.000Z',
              emergency: false,
              emergencyReason: null,
              parentNotified: true,
            },
          ],
        },
      ],
    };
    const created = await req(t.app, w.sessions.sro, 'POST', district('/incidents'), input);
    expect(created.statusCode, created.body).toBe(201);
    incidentId = created.json<{ id: string }>().id;
    const submitted = await req(t.app, w.sessions.sro, 'POST', `/api/incidents/${incidentId}/transition`, {
      to: 'submitted',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
  });

  it('counts 21:00 EDT on 30 June in 2024-25 and in June everywhere', async () => {
    expect(await schoolYearStored()).toBe('2024-25');
    expect(await driftByMonth()).toEqual({ '2025-06': 1, '2025-07': 0 });
    expect(await incidentCounts()).toEqual([['2024-25', 1]]);
    expect(await crdcArrests('2024-25')).toBe(1);
    expect(await crdcArrests('2025-26')).toBe(0);
    // The incident list's days are the district's days too.
    const listed = async (q: string) => {
      const res = await req(t.app, w.sessions.admin, 'GET', district(`/incidents?${q}`));
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ total: number }>().total;
    };
    expect(await listed('from=2025-06-30&to=2025-06-30')).toBe(1);
    expect(await listed('from=2025-07-01&to=2025-07-01')).toBe(0);

    const csv = await req(t.app, w.sessions.admin, 'GET', district('/exports/incidents.csv?year=2024-25'));
    expect(csv.statusCode, csv.body).toBe(200);
    const rows = parse<Record<string, string>>(csv.body, { columns: true, bom: true });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({
      occurred_at: JUNE_30_9PM_EDT,
      occurred_local_date: '2025-06-30',
      occurred_local_time: '21:00:00',
      utc_offset: 'UTC-04:00',
      time_zone: 'America/New_York',
      school_year: '2024-25',
    });

    const edfi = await req(t.app, w.sessions.admin, 'GET', district('/exports/incidents.edfi.json?year=2024-25'));
    expect(edfi.statusCode, edfi.body).toBe(200);
    const [inc] = edfi.json<{ disciplineIncidents: Record<string, unknown>[] }>().disciplineIncidents;
    expect(inc).toMatchObject({
      incidentDate: '2025-06-30',
      incidentTime: '21:00:00',
      _ext: { forefront: { timeZone: 'America/New_York', utcOffset: '-04:00' } },
    });
  });

  it('moves the incident, recomputes every aggregate and republishes when the zone changes', async () => {
    const published = await req(t.app, w.sessions.admin, 'POST', district('/transparency/publish'), {});
    expect(published.statusCode, published.body).toBe(200);
    const releases = async (period: string) =>
      Number(
        (
          await t.ctx.db
            .selectFrom('suppressionReleases')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('period', '=', period)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { y2024: await releases('2024-25'), y2025: await releases('2025-26') };
    expect(before.y2024).toBeGreaterThan(0);
    expect(before.y2025).toBe(0);

    const res = await patch({ timeZone: 'UTC' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ timeZone: 'UTC', schoolYearStart: '07-01' });
    // In UTC the same instant is 1 July: the next school year, and July.
    expect(await schoolYearStored()).toBe('2025-26');
    expect(await driftByMonth()).toEqual({ '2025-06': 0, '2025-07': 1 });
    expect(await incidentCounts()).toEqual([['2025-26', 1]]);
    expect(await crdcArrests('2024-25')).toBe(0);
    expect(await crdcArrests('2025-26')).toBe(1);
    // Republished through the ledger: the new year is released, and the old one again (now empty).
    expect(await releases('2025-26')).toBeGreaterThan(0);
    expect(await releases('2024-25')).toBeGreaterThan(before.y2024);
    const pages = await t.ctx.db
      .selectFrom('transparencyPages')
      .select('schoolYear')
      .where('scopeId', '=', w.district.id)
      .orderBy('schoolYear')
      .execute();
    expect(pages.map((p) => p.schoolYear)).toEqual(['2024-25', '2025-26']);

    // A school year starting 1 July on the wall clock of New York again, then starting 1 June.
    expect((await patch({ timeZone: 'America/New_York' })).statusCode).toBe(200);
    expect(await schoolYearStored()).toBe('2024-25');
    expect((await patch({ schoolYearStart: '06-01' })).statusCode).toBe(200);
    expect(await schoolYearStored()).toBe('2025-26');
    expect(await incidentCounts()).toEqual([['2025-26', 1]]);
    expect((await patch({ schoolYearStart: '07-01' })).statusCode).toBe(200);

    const events = await t.ctx.db
      .selectFrom('auditEvents')
      .select(['kind', 'actorId'])
      .where('districtId', '=', w.district.id)
      .where('kind', 'in', ['district.clock_changed', 'district.clock_recomputed'])
      .orderBy('seq')
      .execute();
    expect(events.filter((e) => e.kind === 'district.clock_changed')).toHaveLength(5);
    expect(events.filter((e) => e.kind === 'district.clock_recomputed')).toHaveLength(5);
    expect(events.filter((e) => e.kind === 'district.clock_changed').every((e) => e.actorId === w.admin.id)).toBe(true);
  });

  it('recomputes at start a district whose figures were computed on another clock, once', async () => {
    // As the migration leaves a district it gave a zone: its stored figures are on another clock.
    await t.ctx.db
      .updateTable('districts')
      .set({ timeZone: 'UTC', clockApplied: 'America/New_York|07-01' })
      .where('id', '=', w.district.id)
      .execute();
    expect(await schoolYearStored()).toBe('2024-25');
    const done = await recomputePendingClocks(t.ctx);
    expect(done.map((r) => [r.districtId, r.incidentsMoved])).toEqual([[w.district.id, 1]]);
    expect(await schoolYearStored()).toBe('2025-26');
    expect(await driftByMonth()).toEqual({ '2025-06': 0, '2025-07': 1 });
    expect(await recomputePendingClocks(t.ctx)).toEqual([]);
    // Back to New York through the API, as the last test expects.
    expect((await patch({ timeZone: 'America/New_York' })).statusCode).toBe(200);
    expect(await schoolYearStored()).toBe('2024-25');
  });

  it('leaves every stored figure as a fresh recompute makes it when incidents are saved during a clock change', async () => {
    const student = (await buildStudent(t.ctx, w.district.id, w.school)).id;
    const at = (h: number) => new Date(Date.parse(JUNE_30_9PM_EDT) + h * 3_600_000).toISOString();
    const create = (h: number) =>
      req(t.app, w.sessions.sro, 'POST', district('/incidents'), {
        ...incidentInput(w.school, w.sro.id, { occurredAt: at(h) }),
        students: [{ studentId: student, role: 'offender' }],
      });
    const answers = await Promise.all([
      create(-2),
      patch({ timeZone: 'America/Los_Angeles' }),
      create(2),
      create(3.5),
      patch({ timeZone: 'America/New_York' }),
      create(-1),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([201, 200, 201, 201, 200, 201]);
    const stored = async () => ({
      years: await t.ctx.db.selectFrom('incidents').select(['id', 'schoolYear']).orderBy('id').execute(),
      links: await t.ctx.db.selectFrom('incidentStudents').select(['id', 'schoolYear']).orderBy('id').execute(),
      flags: await t.ctx.db.selectFrom('incidentFlags').select(['id', 'month']).orderBy('id').execute(),
      drift: await t.ctx.db
        .selectFrom('roleDriftMonthly')
        .select(['month', 'schoolId', 'officerId', 'contacts', 'routineContacts', 'classroomContacts', 'violations'])
        .where((eb) => eb.or([eb('contacts', '<>', 0), eb('violations', '<>', 0)]))
        .orderBy(['month', 'schoolId', 'officerId'])
        .execute(),
    });
    const before = await stored();
    await recomputeDistrictClock(t.ctx, w.district.id);
    expect(await stored()).toEqual(before);
    expect(await isClockApplied(t.ctx.db, w.district.id)).toBe(true);
    // Which of the two changes committed last is up to the database; the next test starts from New York.
    expect((await patch({ timeZone: 'America/New_York' })).statusCode).toBe(200);
  });

  it('refuses an unknown zone or day with a 400 and changes nothing; only the district administrator may change it', async () => {
    const audits = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('auditEvents')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await audits();
    for (const body of [
      { timeZone: 'Mars/Olympus_Mons' },
      { timeZone: 'EST5EDT; drop table districts' },
      { timeZone: '' },
      { schoolYearStart: '02-30' },
      { schoolYearStart: '7-1' },
    ]) {
      const res = await patch(body);
      expectError(res, 400, 'invalid_request');
      expect(res.json<{ error: { issues: { path: string }[] } }>().error.issues[0]!.path).toBe(
        `body.${Object.keys(body)[0]}`,
      );
    }
    expectError(await patch({ timeZone: 'America/Chicago' }, w.sessions.principal), 403, 'forbidden');
    expect(await audits()).toBe(n);
    const d = await t.ctx.db
      .selectFrom('districts')
      .select(['timeZone', 'schoolYearStart'])
      .where('id', '=', w.district.id)
      .executeTakeFirstOrThrow();
    expect(d).toEqual({ timeZone: 'America/New_York', schoolYearStart: '07-01' });
  });
});
