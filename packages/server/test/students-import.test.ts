import { beforeAll, describe, expect, it } from 'vitest';
import type { StudentImportReport } from '@forefront/contract';
import { importRoster } from '../src/modules/students/student.service.js';
import { demographicSnapshots } from '../src/modules/students/student.snapshot.js';
import { upsertStudentsIn } from '../src/modules/students/student.upsert.js';
import { buildSchool } from './builders.js';
import { buildRiverside, dumpStudentTables, fixture, rowOf } from './fixtures/oneroster/index.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/** The OneRoster import through the service (the API and CLI call the same function). */
describe(`student roster import on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  const run = (
    districtId: string,
    files: Parameters<typeof importRoster>[3],
    opts: Partial<Parameters<typeof importRoster>[4]> = {},
  ) => importRoster(t.ctx, null, districtId, files, { source: 'test', ...opts });
  const byLocal = async (districtId: string) =>
    new Map(
      (await t.ctx.db.selectFrom('students').selectAll().where('districtId', '=', districtId).execute()).map((s) => [
        s.localId,
        s,
      ]),
    );
  const importEvents = async (districtId: string) =>
    (
      await t.ctx.db
        .selectFrom('auditEvents')
        .selectAll()
        .where('chain', '=', districtId)
        .where('kind', '=', 'student.imported')
        .orderBy('seq')
        .execute()
    ).map((e) => JSON.parse(e.payload) as Record<string, unknown>);

  it('imports the realistic fixture: students only, federal race rule, sex, grades, schools via orgs.csv, flags, one audit event', async () => {
    const r = await buildRiverside(t.ctx);
    const report = await run(r.district.id, r.files, { asOf: '2026-08-15' });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({
      accepted: true,
      rowsRead: 23,
      students: 20,
      created: 20,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
      demographicChanges: 20,
      asOf: '2026-08-15',
    });

    const s = await byLocal(r.district.id);
    expect(s.size).toBe(20);
    const pick = (id: string) => {
      const x = s.get(id)!;
      return {
        school: x.schoolId === r.rhs.id ? 'rhs' : 'rms',
        grade: x.grade,
        race: x.race,
        sex: x.sex,
        idea: x.idea,
        s504: x.section504,
        el: x.englishLearner,
        active: x.active,
      };
    };
    // Hispanic with a race is HI; Hispanic with two races is still HI.
    expect(pick('100001')).toEqual({
      school: 'rhs',
      grade: '09',
      race: 'HI',
      sex: 'F',
      idea: 0,
      s504: 0,
      el: 1,
      active: 1,
    });
    expect(pick('100008')).toMatchObject({ race: 'HI', sex: 'M', idea: 1, s504: 0, el: 1 });
    // Two race flags, or only demographicRaceTwoOrMoreRaces: TR.
    expect(pick('100007').race).toBe('TR');
    expect(pick('100015').race).toBe('TR');
    expect(pick('100009')).toMatchObject({ race: 'TR', sex: 'X' });
    expect([
      pick('100002').race,
      pick('100003').race,
      pick('100004').race,
      pick('100005').race,
      pick('100006').race,
    ]).toEqual(['BL', 'AM', 'AS', 'HP', 'WH']);
    expect(pick('100002')).toMatchObject({ idea: 1, s504: 0 });
    expect(pick('100003')).toMatchObject({ idea: 0, s504: 1 });
    expect(pick('100014')).toMatchObject({ race: 'AS', s504: 1, el: 1 });
    // An empty identifier: the local id is the sourcedId (and the flags file names it so).
    expect(pick('stu-016')).toMatchObject({ idea: 1, school: 'rms' });
    expect(pick('100013').grade).toBe('06');
    expect(pick('100018').school).toBe('rhs');
    expect(pick('100020').active).toBe(0);
    expect(s.get('100017')!.familyName).toBe('Smith, Jr.');
    expect(s.get('100012')).toMatchObject({ givenName: 'Sofía', familyName: 'Martínez', sourceId: 'stu-012' });
    expect(s.has('T-77') || s.has('A-1')).toBe(false);

    const history = await t.ctx.db
      .selectFrom('studentDemographics')
      .selectAll()
      .where('districtId', '=', r.district.id)
      .execute();
    expect(history).toHaveLength(20);
    expect(new Set(history.map((h) => h.validFrom))).toEqual(new Set(['2026-08-15']));
    expect(await importEvents(r.district.id)).toEqual([{ created: 20, updated: 0, source: 'test' }]);
  });

  it('is idempotent: the same files again change nothing but record the import', async () => {
    const r = await buildRiverside(t.ctx);
    await run(r.district.id, r.files, { asOf: '2026-08-15' });
    const before = await dumpStudentTables(t.ctx, r.district.id);
    const again = await run(r.district.id, r.files, { asOf: '2026-09-01' });
    expect(again).toMatchObject({ accepted: true, created: 0, updated: 0, unchanged: 20, demographicChanges: 0 });
    const after = await dumpStudentTables(t.ctx, r.district.id);
    expect(after.students).toEqual(before.students);
    expect(after.history).toEqual(before.history);
    expect(await importEvents(r.district.id)).toHaveLength(2);
  });

  it('keeps demographic history: snapshots before the change date show the old values, after it the new', async () => {
    const r = await buildRiverside(t.ctx);
    await run(r.district.id, r.files, { asOf: '2026-08-15' });
    const maria = (await byLocal(r.district.id)).get('100001')!;
    // Maria moves up a grade, stops being an English learner and starts an IEP; James only gets a new spelling of his name.
    const users = r.files.users
      .replace(',Maria,Garcia,,100001,,,,,09,', ',Maria,Garcia,,100001,,,,,10,')
      .replace(',James,Johnson,', ',Jaime,Johnson,');
    const flags = r.files.flags.replace('100001,false,false,true', '100001,true,false,false');
    const report = await run(r.district.id, { ...r.files, users, flags }, { asOf: '2026-10-01' });
    expect(report).toMatchObject({ accepted: true, created: 0, updated: 2, unchanged: 18, demographicChanges: 1 });

    const rows = await t.ctx.db
      .selectFrom('studentDemographics')
      .selectAll()
      .where('studentId', '=', maria.id)
      .orderBy('validFrom')
      .execute();
    expect(rows.map((h) => [h.validFrom, h.grade, h.idea, h.englishLearner])).toEqual([
      ['2026-08-15', '09', 0, 1],
      ['2026-10-01', '10', 1, 0],
    ]);
    const old = (await demographicSnapshots(t.ctx.db, r.district.id, [maria.id], '2026-09-20')).get(maria.id);
    const onDay = (await demographicSnapshots(t.ctx.db, r.district.id, [maria.id], '2026-10-01T08:30:00Z')).get(
      maria.id,
    );
    const later = (await demographicSnapshots(t.ctx.db, r.district.id, [maria.id], '2027-03-01')).get(maria.id);
    expect(old).toEqual({
      schoolId: r.rhs.id,
      grade: '09',
      race: 'HI',
      sex: 'F',
      idea: false,
      section504: false,
      englishLearner: true,
    });
    expect(onDay).toEqual({ ...old, grade: '10', idea: true, englishLearner: false });
    expect(later).toEqual(onDay);
    const james = (await byLocal(r.district.id)).get('100002')!;
    expect(james.givenName).toBe('Jaime');
    expect(
      await t.ctx.db.selectFrom('studentDemographics').select('id').where('studentId', '=', james.id).execute(),
    ).toHaveLength(1);

    // A correction on the same day replaces that day's row; an import dated before the history is refused.
    const again = await run(
      r.district.id,
      { ...r.files, users, flags: flags.replace('100001,true,false,false', '100001,true,false,true') },
      { asOf: '2026-10-01' },
    );
    expect(again.demographicChanges).toBe(1);
    expect(
      await t.ctx.db.selectFrom('studentDemographics').select('id').where('studentId', '=', maria.id).execute(),
    ).toHaveLength(2);
    const before = await dumpStudentTables(t.ctx, r.district.id);
    await expect(run(r.district.id, r.files, { asOf: '2026-09-01' })).rejects.toMatchObject({ statusCode: 400 });
    expect(await dumpStudentTables(t.ctx, r.district.id)).toEqual(before);
  });

  it('rejects invalid rows with file, row, column and reason, and leaves every student table and the audit chain exactly as before', async () => {
    const r = await buildRiverside(t.ctx);
    await run(r.district.id, r.files, { asOf: '2026-08-15' });
    const before = await dumpStudentTables(t.ctx, r.district.id);
    const files = {
      users: fixture('invalid/users.csv'),
      demographics: fixture('invalid/demographics.csv'),
      orgs: r.orgs,
      flags: fixture('invalid/flags.csv'),
    };
    const report = await run(r.district.id, files, { asOf: '2026-10-01', deactivateMissing: true });
    expect(report.accepted).toBe(false);
    expect(report).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
    const key = (e: StudentImportReport['errors'][number]) => `${e.file}:${e.row}:${e.column}`;
    expect(report.errors.map(key).sort()).toEqual(
      [
        `users.csv:${rowOf(files.users, 'stu-004,')}:orgSourcedIds`,
        `users.csv:${rowOf(files.users, 'stu-006,')}:grades`,
        `users.csv:${rowOf(files.users, 'stu-019,')}:identifier`,
        `demographics.csv:${rowOf(files.demographics, 'stu-005,')}:sex`,
        `flags.csv:${rowOf(files.flags, '100002,')}:section504`,
      ].sort(),
    );
    const reason = (column: string) => report.errors.find((e) => e.column === column)!.reason;
    expect(reason('orgSourcedIds')).toMatch(/org-unknown.*NCES/);
    expect(reason('grades')).toMatch(/"13"/);
    expect(reason('identifier')).toMatch(
      new RegExp(`Duplicate local id "100002" \\(also row ${rowOf(files.users, 'stu-002,')}\\)`),
    );
    expect(reason('sex')).toMatch(/unspecified/);
    expect(reason('section504')).toMatch(/IDEA/);
    expect(report.errorCount).toBe(5);
    expect(await dumpStudentTables(t.ctx, r.district.id)).toEqual(before);
  });

  it('reports broken files (missing columns, unreadable CSV, wrong field counts, unknown students in flags) without writing', async () => {
    const r = await buildRiverside(t.ctx);
    const before = await dumpStudentTables(t.ctx, r.district.id);
    const noSex = await run(r.district.id, {
      ...r.files,
      demographics: r.files.demographics.replace(
        'sourcedId,status,dateLastModified,birthDate,sex,',
        'sourcedId,status,dateLastModified,birthDate,gender,',
      ),
    });
    expect(noSex.errors).toContainEqual({
      file: 'demographics.csv',
      row: 1,
      column: 'sex',
      reason: 'The header has no "sex" column',
      code: 'header_missing',
      params: { value: 'sex' },
    });
    const quote = await run(r.district.id, { ...r.files, users: `${r.files.users}stu-999,"active,x\n` });
    expect(quote.errors.some((e) => e.file === 'users.csv' && /Not readable as CSV/.test(e.reason))).toBe(true);
    const fields = await run(r.district.id, {
      ...r.files,
      users: r.files.users.replace('stu-003,active,', 'stu-003,active,extra,'),
    });
    expect(fields.errors).toContainEqual({
      file: 'users.csv',
      row: rowOf(r.files.users, 'stu-003,'),
      column: null,
      reason: 'The row has 19 fields; the header has 18',
      code: 'field_count',
      params: { count: 19, expected: 18 },
    });
    const ghost = await run(r.district.id, { ...r.files, flags: `${r.files.flags}999999,1,0,0\n` });
    expect(ghost.errors).toEqual([
      {
        file: 'flags.csv',
        row: 9,
        column: 'local_id',
        reason: 'No student "999999" in users.csv',
        code: 'no_student',
        params: { value: '999999' },
      },
    ]);
    const empty = await run(r.district.id, { ...r.files, users: '' });
    expect(empty.errors).toContainEqual({
      file: 'users.csv',
      row: 1,
      column: null,
      reason: 'The file is empty; it needs a header row',
      code: 'empty_file',
    });
    const noDemo = await run(r.district.id, {
      ...r.files,
      demographics: r.files.demographics
        .split('\n')
        .filter((l) => !l.startsWith('stu-010,'))
        .join('\n'),
    });
    expect(noDemo.errors).toEqual([
      {
        file: 'users.csv',
        row: rowOf(r.files.users, 'stu-010,'),
        column: 'sourcedId',
        reason: 'No demographics.csv row for sourcedId "stu-010"',
        code: 'no_demographics',
        params: { value: 'stu-010' },
      },
    ]);
    for (const rep of [noSex, quote, fields, ghost, empty, noDemo]) expect(rep.accepted).toBe(false);
    expect(await dumpStudentTables(t.ctx, r.district.id)).toEqual(before);
  });

  it('without a flags file keeps the flags it has; marks missing students inactive only when asked', async () => {
    const r = await buildRiverside(t.ctx);
    await run(r.district.id, r.files, { asOf: '2026-08-15' });
    const { flags: _ignored, ...noFlags } = r.files;
    const fewer = {
      ...noFlags,
      users: r.files.users
        .split('\n')
        .filter((l) => !/^stu-01[0-4],/.test(l))
        .join('\n'),
    };
    const kept = await run(r.district.id, fewer, { asOf: '2026-09-01' });
    expect(kept).toMatchObject({ accepted: true, students: 15, updated: 0, unchanged: 15, deactivated: 0 });
    expect((await byLocal(r.district.id)).get('100002')!.idea).toBe(1);
    const full = await run(r.district.id, fewer, { asOf: '2026-09-01', deactivateMissing: true });
    expect(full).toMatchObject({ accepted: true, deactivated: 5, demographicChanges: 0 });
    const s = await byLocal(r.district.id);
    expect(['100010', '100011', '100012', '100013', '100014'].map((id) => s.get(id)!.active)).toEqual([0, 0, 0, 0, 0]);
    expect(s.get('100001')!.active).toBe(1);
    // Back on the roster: active again.
    const back = await run(r.district.id, r.files, { asOf: '2026-09-02' });
    expect(back).toMatchObject({ updated: 5, deactivated: 0 });
    expect((await byLocal(r.district.id)).get('100012')!.active).toBe(1);
  });

  it('keeps districts apart: the same local ids in another district are other students', async () => {
    const a = await buildRiverside(t.ctx);
    const b = await buildRiverside(t.ctx);
    await run(a.district.id, a.files, { asOf: '2026-08-15' });
    const rb = await run(b.district.id, b.files, { asOf: '2026-08-15' });
    expect(rb.created).toBe(20);
    // District A's schools are unknown in district B.
    const cross = await run(b.district.id, { ...b.files, orgs: a.orgs });
    expect(cross.errors.filter((e) => e.column === 'orgSourcedIds')).toHaveLength(20);
  });

  it('upsertStudentsIn loads synthetic students without CSV and refuses rows that break the rules', async () => {
    const r = await buildRiverside(t.ctx);
    const other = await buildSchool(t.ctx, (await buildRiverside(t.ctx)).district.id);
    const row = {
      localId: 'syn-1',
      sourceId: null,
      givenName: 'Syn',
      familyName: 'Thetic',
      schoolId: r.rhs.id,
      grade: '09' as const,
      race: 'WH' as const,
      sex: 'F' as const,
      idea: true,
    };
    const write = (rows: (typeof row & { section504?: boolean })[]) =>
      t.ctx.db.transaction().execute((trx) =>
        upsertStudentsIn(trx, r.district.id, rows, '2026-08-15', {
          dialect: t.ctx.dialect,
          actor: null,
          source: 'demo',
        }),
      );
    expect(await write([row])).toMatchObject({ created: 1, demographicChanges: 1 });
    await expect(write([{ ...row, localId: 'syn-2', section504: true }])).rejects.toMatchObject({ statusCode: 400 });
    await expect(write([{ ...row, localId: 'syn-3', schoolId: other.id }])).rejects.toMatchObject({ statusCode: 400 });
    await expect(write([row, row])).rejects.toMatchObject({ statusCode: 400 });
    expect((await byLocal(r.district.id)).size).toBe(1);
  });
});
