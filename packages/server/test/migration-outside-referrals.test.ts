import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IncidentDetail, type IncidentInput } from '@forefront/contract';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  type IncidentWorld,
  buildIncidentWorld,
  buildSignedMou,
  buildStudent,
  hoursAgo,
  req,
} from './incident.helpers.js';

/**
 * Migration 20261207T0201 keeps every stored incident valid: incidents saved before it (the schema
 * without `outside_referrals` and `sro_actions.behavior`) read back with no behavior link, keep
 * their flags, and save again unchanged.
 */
const MIGRATION = '20261207T0201_outside_referrals';

describe(`migration 20261207T0201 (outside referrals, action behavior) on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let student: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    student = (await buildStudent(t.ctx, w.district.id, w.school)).id;
    await buildSignedMou(t.ctx, w.district.id, { createdBy: w.admin.id });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps an incident saved before it readable, with its flags, and savable again', async () => {
    // Back to the schema before the migration, then an incident written as the code then wrote it.
    // The migration just before this one, whichever it is once other migrations are added.
    const applied = (
      await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.handle.db)
    ).rows.map((r) => r.name);
    const previous = applied[applied.indexOf(MIGRATION) - 1]!;
    expect(await migrateTo(t.handle.db, previous)).toContain(MIGRATION);
    const columns = (await t.handle.db.introspection.getTables()).find((x) => x.name === 'sro_actions')!.columns;
    expect(columns.map((c) => c.name)).not.toContain('behavior');
    const input: IncidentInput = {
      schoolId: w.school,
      occurredAt: hoursAgo(3),
      location: 'hallway',
      behaviors: ['dress_code', 'drugs'],
      description: 'Dress code, then pills found.',
      weapon: 'none',
      offenseAlleged: true,
      nibrsCodes: ['35A'],
      students: [{ studentId: student, role: 'offender' }],
      contacts: [
        {
          officerId: w.sro.id,
          purpose: 'serious_threat_or_crime',
          involvement: 'assisted_on_request',
          reportedAt: hoursAgo(3),
          arrivedAt: null,
          actions: [],
        },
      ],
    };
    const now = new Date().toISOString();
    const id = 'old-incident';
    const db = t.handle.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
    await db
      .insertInto('incidents')
      .values({
        id,
        districtId: w.district.id,
        schoolId: w.school,
        number: 'INC-2026-999999',
        occurredAt: input.occurredAt,
        schoolYear: '2026-27',
        location: input.location,
        behaviors: JSON.stringify(input.behaviors),
        description: input.description,
        weapon: 'none',
        offenseAlleged: 1,
        nibrsCodes: JSON.stringify(input.nibrsCodes),
        state: 'draft',
        recordClass: 'education',
        version: 1,
        mouVersionId: null,
        flagCount: 0,
        createdBy: w.sro.id,
        createdAt: now,
        updatedAt: now,
        submittedAt: null,
      })
      .execute();
    await db
      .insertInto('incidentStudents')
      .values({
        id: `${id}-s000`,
        districtId: w.district.id,
        incidentId: id,
        studentId: student,
        role: 'offender',
        schoolId: w.school,
        schoolYear: '2026-27',
        grade: '10',
        race: 'WH',
        sex: 'F',
        idea: 0,
        section504: 0,
        englishLearner: 0,
        referred: 1,
        arrested: 0,
      })
      .execute();
    await db
      .insertInto('sroContacts')
      .values({
        id: `${id}-c00`,
        districtId: w.district.id,
        incidentId: id,
        officerId: w.sro.id,
        purpose: 'serious_threat_or_crime',
        involvement: 'assisted_on_request',
        reportedAt: input.occurredAt,
        arrivedAt: null,
        responseSeconds: null,
      })
      .execute();
    await db
      .insertInto('sroActions')
      .values({
        id: `${id}-c00-a000`,
        districtId: w.district.id,
        incidentId: id,
        contactId: `${id}-c00`,
        action: 'cited',
        studentId: student,
        at: hoursAgo(2.9),
        emergency: 1,
        emergencyReason: 'Running toward the road',
        parentNotified: 0,
      })
      .execute();

    expect(await migrateToLatest(t.handle.db)).toContain(MIGRATION);
    const read = await req(t.app, w.sessions.admin, 'GET', `/api/incidents/${id}`);
    expect(read.statusCode, read.body).toBe(200);
    const detail = read.json<IncidentDetail>();
    expect(detail.contacts[0]!.actions.map((a) => [a.action, a.behavior ?? null])).toEqual([['cited', null]]);
    expect(detail.outsideReferrals).toEqual([]);
    expect(detail.referral).toBe(true);

    // Saved again as it is: judged as before the migration (against the governing drug behavior).
    const saved = await req(t.app, w.sessions.sro, 'PUT', `/api/incidents/${id}`, {
      ...input,
      contacts: [{ ...input.contacts[0]!, actions: detail.contacts[0]!.actions.map(({ id: _id, ...a }) => a) }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<IncidentDetail>().flags).toEqual([]);
  });
});
