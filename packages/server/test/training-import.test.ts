import { beforeAll, describe, expect, it } from 'vitest';
import type { Job, TrainingImportReport } from '@forefront/contract';
import { runners } from '../src/modules/jobs/job.routes.js';
import { auditEvents, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type TrainingWorld, buildTrainingWorld, countOf } from './training.helpers.js';
import type { Session } from './builders.js';

/**
 * The transcript import (issue 14 item 3) through the job system: a dry run reports every row and
 * writes nothing; a real run writes every row or none.
 */
describe(`training transcript import on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: TrainingWorld;
  const HEADER = 'badge_number,agency,course_title,provider,hours,topics,credential,completed_on,expires_on';
  // Two officers of the world (insertOfficer in training.helpers.ts), by agency and badge.
  const GOOD = [
    '4411,Springfield Police Department,Crisis Intervention Team,CIT International,40,crisis_intervention;de-escalation,,2025-03-10,',
    '4411,springfield police department,Youth Mental Health First Aid,National Council,8,youth mental health first aid,ymhfa,2025-04-02,2028-04-02',
    'S-77,County Sheriff,Implicit Bias,POST,4.5,implicit_bias,,2024-11-20,',
  ];
  const file = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

  const run = async (csv: string, dryRun: boolean, session: Session = w.coordinator) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/jobs`,
      headers: session.headers,
      payload: { kind: 'training.import', input: { csv, fileName: 'transcript.csv', dryRun } },
    });
    if (res.statusCode !== 202) return { res, report: null };
    await runners.get(t.ctx)!.idle();
    const job = (
      await t.app.inject({ method: 'GET', url: `/api/jobs/${res.json<Job>().id}`, headers: session.headers })
    ).json<Job>();
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    expect(job.percent).toBe(100);
    return { res, report: job.result as TrainingImportReport };
  };
  const records = () => countOf(t.ctx, 'trainingRecords');

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildTrainingWorld(t.app, t.ctx);
  });

  it('checks a file in a dry run: a per-row report, nothing written but one audit event', async () => {
    const before = await records();
    const { report } = await run(file(...GOOD), true);
    expect(report).toMatchObject({ dryRun: true, accepted: false, rows: 3, records: 3, officers: 2, errors: [] });
    expect(await records()).toBe(before);
    const kinds = (await auditEvents(t.ctx, w.district.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'training.import_checked')).toHaveLength(1);
    expect(kinds).not.toContain('training.imported');
  });

  it('reports each bad row with its code, and a real run with one bad row imports nothing', async () => {
    const bad = [
      '9999,Springfield Police Department,Unknown Officer Course,Academy,8,,,2025-01-01,',
      '4411,Springfield Police Department,Negative,Academy,-3,,,2025-01-01,',
      '4411,Springfield Police Department,Absurd,Academy,9000,,,2025-01-01,',
      '4411,Springfield Police Department,Expiry,Academy,8,,,2025-05-01,2025-04-01',
      '4411,Springfield Police Department,No such day,Academy,8,,,2025-02-30,',
      '4411,Springfield Police Department,Wrong topic,Academy,8,juggling,,2025-01-01,',
      '4411,Springfield Police Department,Wrong credential,Academy,8,,astronaut,2025-01-01,',
    ];
    const dry = (await run(file(GOOD[0]!, ...bad), true)).report!;
    expect(dry.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'unknown_officer'],
      [4, 'bad_hours'],
      [5, 'bad_hours'],
      [6, 'expiry_before_completion'],
      [7, 'bad_date'],
      [8, 'unknown_topic'],
      [9, 'unknown_credential'],
    ]);
    expect(dry.errors[0]!.params).toEqual({ agency: 'Springfield Police Department', badge: '9999' });
    const before = [await records(), (await auditEvents(t.ctx, w.district.id)).length];
    // One bad row among good ones: the real run refuses the whole file.
    const real = (await run(file(...GOOD, bad[0]!), false)).report!;
    expect(real).toMatchObject({ dryRun: false, accepted: false, records: 0, errorCount: 1 });
    // Only the job's start is recorded; no record and no import event.
    expect([await records(), (await auditEvents(t.ctx, w.district.id)).length]).toEqual([before[0], before[1]! + 1]);
  });

  it('refuses a file without the required columns, or with no rows', async () => {
    const noBadge = (await run('agency,course_title,provider,hours,completed_on\nX,Y,Z,1,2025-01-01\n', true)).report!;
    expect(noBadge.errors).toEqual([{ row: 1, code: 'missing_column', params: { column: 'badge_number' } }]);
    const empty = (await run(`${HEADER}\n`, true)).report!;
    expect(empty.errors.map((e) => e.code)).toEqual(['empty_file']);
  });

  it('imports a good file whole: approved records from the agency, one audit event with the count', async () => {
    const before = await records();
    const { report } = await run(file(...GOOD), false);
    expect(report).toMatchObject({ accepted: true, records: 3, errorCount: 0 });
    expect(await records()).toBe(before + 3);
    const rows = await t.ctx.db
      .selectFrom('trainingRecords')
      .select(['officerId', 'title', 'minutes', 'topics', 'status', 'source', 'expiresOn'])
      .where('districtId', '=', w.district.id)
      .orderBy('completedOn')
      .execute();
    expect(rows.map((r) => ({ ...r, minutes: Number(r.minutes) }))).toEqual([
      {
        officerId: w.deputy.id,
        title: 'Implicit Bias',
        minutes: 270,
        topics: '["implicit_bias"]',
        status: 'approved',
        source: 'import',
        expiresOn: null,
      },
      {
        officerId: w.mine.id,
        title: 'Crisis Intervention Team',
        minutes: 2400,
        topics: '["crisis_intervention","de_escalation"]',
        status: 'approved',
        source: 'import',
        expiresOn: null,
      },
      {
        officerId: w.mine.id,
        title: 'Youth Mental Health First Aid',
        minutes: 480,
        topics: '["youth_mental_health_first_aid"]',
        status: 'approved',
        source: 'import',
        expiresOn: '2028-04-02',
      },
    ]);
    const imported = (await auditEvents(t.ctx, w.district.id)).filter((e) => e.kind === 'training.imported');
    expect(imported.map((e) => e.payload)).toEqual([{ rows: 3, records: 3, file: 'transcript.csv' }]);
  });

  it('lets only those who may import start it', async () => {
    expectError((await run(file(...GOOD), true, w.principal)).res, 403, 'forbidden');
    expectError((await run(file(...GOOD), true, w.otherDistrictCoordinator)).res, 404, 'not_found');
  });
});
