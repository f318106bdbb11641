import { beforeAll, describe, expect, it } from 'vitest';
import { type PublicTraining, localDate } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { publishTransparency } from '../src/modules/transparency/transparency.publish.js';
import { TRAINING_DATASET } from '../src/modules/transparency/transparency.training.js';
import { buildDistrict, buildSchool } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { buildOfficer, insertActivityRow } from './activities.helpers.js';

/**
 * The public "Officer training and time" section (issue 14 item 5): made at publish time, counts of
 * officers through the suppression engine and the release ledger, aggregates withheld below n officers.
 */
describe(`public officer training and time on ${TEST_DIALECT}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  const record = (districtId: string, officerId: string, hours: number, topics: string[]) =>
    t.ctx.db
      .insertInto('trainingRecords')
      .values({
        id: newId(),
        districtId,
        officerId,
        courseId: null,
        title: 'Course',
        provider: 'Academy',
        minutes: hours * 60,
        topics: JSON.stringify(topics),
        credentialKey: null,
        completedOn: '2019-06-01',
        expiresOn: null,
        status: 'approved',
        source: 'entry',
        createdBy: null,
        reviewedBy: null,
        reviewedAt: null,
        reviewNote: null,
        createdAt: nowIso(),
      })
      .execute();
  const publicSection = async (districtId: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/districts/${districtId}/training` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicTraining>().section;
  };

  it('says nothing is published before the district publishes', async () => {
    const d = await buildDistrict(t.ctx);
    expect(await publicSection(d.id)).toBeNull();
    const missing = await t.app.inject({ method: 'GET', url: `/api/public/districts/${newId()}/training` });
    expect(missing.statusCode).toBe(404);
  });

  it('publishes the standard, the counts, hours by topic and time by function when enough officers contribute', async () => {
    const d = await buildDistrict(t.ctx);
    await t.ctx.db.updateTable('districts').set({ suppressionMinN: 5 }).where('id', '=', d.id).execute();
    const school = (await buildSchool(t.ctx, d.id)).id;
    const row = await t.ctx.db
      .selectFrom('districts')
      .select('timeZone')
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    const today = localDate(new Date(), row.timeZone);
    const officers: string[] = [];
    for (let i = 0; i < 12; i++) officers.push((await buildOfficer(t.ctx, d.id, { schoolIds: [school] })).id);
    // Not assigned: counts nowhere.
    const unassigned = (await buildOfficer(t.ctx, d.id)).id;
    await record(d.id, unassigned, 100, ['crisis_intervention', 'cultural_competency']);
    for (const [i, id] of officers.entries()) {
      if (i < 6) await record(d.id, id, 85, ['crisis_intervention', 'cultural_competency']);
      else await record(d.id, id, 45, ['de_escalation']);
      if (i < 5) {
        await insertActivityRow(t.ctx, {
          districtId: d.id,
          officerId: id,
          schoolId: school,
          activityOn: today,
          kind: 'patrol',
          minutes: 120,
        });
        await insertActivityRow(t.ctx, {
          districtId: d.id,
          officerId: id,
          schoolId: school,
          activityOn: today,
          kind: 'mentoring',
          minutes: 60,
        });
      }
    }
    await publishTransparency(t.ctx, null, d.id);
    const s = (await publicSection(d.id))!;
    expect(s.minN).toBe(5);
    expect(s.asOf).toBe(today);
    // The default standard (the brief's 40 hours, including crisis intervention and cultural competency).
    expect(s.standard.preset).toBe('brief_40');
    expect(s.standard.en.join(' ')).toContain('40');
    expect(s.standard.es.length).toBe(s.standard.en.length);
    expect(s.officers.assigned).toEqual({ value: 12, share: null, withheld: null });
    expect(s.officers.meetsStandard).toEqual({ value: 6, share: 0.5, withheld: null });
    expect(s.officers.atLeast40Hours).toEqual({ value: 12, share: 1, withheld: null });
    expect(s.officers.atLeast80Hours).toEqual({ value: 6, share: 0.5, withheld: null });
    const hours = Object.fromEntries(s.hoursByTopic.rows.map((r) => [r.topic, r.hours]));
    expect(s.hoursByTopic.withheld).toBe(false);
    expect(hours).toMatchObject({
      crisis_intervention: 510,
      cultural_competency: 510,
      de_escalation: 270,
      school_law: 0,
    });
    // 5 officers: patrol 10 h (law enforcement), mentoring 5 h (informal counseling).
    expect(s.timeByFunction.withheld).toBe(false);
    expect(s.timeByFunction.rows.map((r) => [r.function, r.hours])).toEqual([
      ['law_enforcement', 10],
      ['informal_counseling', 5],
      ['community_outreach', 0],
    ]);
    expect(s.timeByFunction.rows[0]!.share).toBeCloseTo(2 / 3, 10);
    expect(JSON.stringify(s)).not.toMatch(/Officer |officerId/);
  });

  it('withholds small counts of officers, records them in the release ledger, and withholds aggregates over few officers', async () => {
    const d = await buildDistrict(t.ctx); // n = 10
    const school = (await buildSchool(t.ctx, d.id)).id;
    for (let i = 0; i < 3; i++) {
      const id = (await buildOfficer(t.ctx, d.id, { schoolIds: [school] })).id;
      await record(d.id, id, i < 2 ? 50 : 10, ['de_escalation']);
      await insertActivityRow(t.ctx, {
        districtId: d.id,
        officerId: id,
        schoolId: school,
        activityOn: '2026-09-15',
        kind: 'patrol',
        minutes: 60,
      });
    }
    await publishTransparency(t.ctx, null, d.id);
    const s = (await publicSection(d.id))!;
    expect(s.officers.assigned).toEqual({ value: null, share: null, withheld: 'count' });
    expect(s.officers.atLeast40Hours.value).toBeNull();
    expect(s.officers.atLeast40Hours.withheld).not.toBeNull();
    expect(s.hoursByTopic).toEqual({ withheld: true, rows: [] });
    expect(s.timeByFunction.withheld).toBe(true);
    expect(s.timeByFunction.rows).toEqual([]);
    expect(JSON.stringify(s)).not.toContain('"value":3');

    const releases = await t.ctx.db
      .selectFrom('suppressionReleases')
      .selectAll()
      .where('districtId', '=', d.id)
      .where('dataset', '=', TRAINING_DATASET)
      .execute();
    expect(releases).toHaveLength(1);
    const snapshot = JSON.parse(releases[0]!.snapshot) as { hidden: string[] };
    expect(snapshot.hidden).toContain('assigned');
    expect(snapshot.hidden).toContain('atLeast40Hours');
    expect(JSON.parse(releases[0]!.published)).not.toHaveProperty('assigned');
    // Publishing again with nothing changed reuses the release.
    await publishTransparency(t.ctx, null, d.id);
    const again = await t.ctx.db
      .selectFrom('suppressionReleases')
      .select('id')
      .where('districtId', '=', d.id)
      .where('dataset', '=', TRAINING_DATASET)
      .execute();
    expect(again).toHaveLength(1);
  });
});
