import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrdcReportResponse, RACES } from '@forefront/contract';
import { nowIso, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import type { AppContext } from '../src/shared/context.js';
import { newId } from '../src/shared/ids.js';
import { type CliTarget, cliOk, createCliTarget, runCli } from './cli-helpers.js';
import { TEST_DIALECT, testConfig } from './harness.js';
import { type ImportWorld, buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';

const YEAR = '2024-25';
/** OCR's published 2020-21 files, when this machine has them (../shared/data; see its README). */
const PUBLISHED = new URL('../../../../shared/data/crdc-2020-21/CRDC_2020-21_NH.csv', import.meta.url);

/**
 * Issue 12.3's round trip, through the real command: `forefront export crdc --format crdc-csv`,
 * then `forefront crdc import` of that file and `forefront crdc summary`, which must give back the
 * district's own counts (`forefront export crdc --format json`).
 */
describe(`forefront export crdc --format crdc-csv round trip on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  let w: ImportWorld;
  let preschoolNces: string;
  let csvFile: string;
  let report: CrdcReportResponse;
  let leaId: string;
  let restrainedMf: number;

  beforeAll(async () => {
    target = await createCliTarget();
    const config = testConfig(target.database);
    const handle = openDatabase(config.database);
    try {
      await migrateToLatest(handle.db);
      w = await buildImportWorld({ db: handle.db, dialect: handle.dialect, config } as AppContext, {
        students: 60,
        seed: 41,
      });
      leaId = (
        await handle.db
          .selectFrom('districts')
          .select('ncesLeaId')
          .where('id', '=', w.district.id)
          .executeTakeFirstOrThrow()
      ).ncesLeaId;
      const sexes = await handle.db
        .selectFrom('students')
        .select('sex')
        .where('id', 'in', [w.students[0]!.id, w.students[2]!.id])
        .execute();
      restrainedMf = sexes.filter((s) => s.sex !== 'X').length;
      // A preschool-only school: OCR's files mark its referral, arrest and restraint cells not applicable.
      preschoolNces = '880000000001'; // builders' NCES ids are padded with 9s: no clash
      const now = nowIso();
      await handle.db
        .insertInto('schools')
        .values({
          id: newId(),
          districtId: w.district.id,
          ncesSchoolId: preschoolNces,
          name: 'Little Learners Preschool',
          gradeLow: 'PK',
          gradeHigh: 'PK',
          enrollment: 40,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    } finally {
      await handle.close();
    }
    const rows = generateIncidentRows(w, 300, 43);
    const school = w.schools[0]!.ncesSchoolId;
    const officer = w.officers[0]!.email;
    const at = '2024-11-04T14:00:00.000Z';
    const contact = {
      officer_email: officer,
      purpose: 'emergency_response',
      involvement: 'led',
      reported_at: at,
      arrived_at: at,
      emergency_reason: 'Student was hitting another student',
    };
    const incident = (ref: string, behaviors: string) => ({
      incident_ref: ref,
      school_nces_id: school,
      occurred_at: at,
      location: 'hallway',
      behaviors,
      description: 'Round trip',
      weapon: 'none',
      offense_alleged: 'false',
      nibrs_codes: '',
    });
    // Offenses (one incident each) and the three restraint and seclusion kinds, twice for one student.
    rows.push(incident('OFF1', 'robbery_with_firearm'), incident('OFF2', 'rape_or_attempted_rape'));
    for (const [k, student] of [w.students[0]!, w.students[2]!, w.students[0]!].entries())
      rows.push({
        ...incident(`RS${k}`, 'classroom_disruption'),
        ...contact,
        student_local_id: student.localId,
        student_role: 'offender',
        actions: 'secluded:emergency;restrained_mechanical:emergency;restrained_physical:emergency',
      });
    const file = join(target.dataDir, 'incidents.csv');
    writeFileSync(file, toCsv(INCIDENT_COLUMNS, rows));
    await cliOk(['import', 'incidents', '--district', w.district.id, '--file', file], target);
    csvFile = join(target.dataDir, `CRDC_${YEAR}_${w.district.state}.csv`);
    await cliOk(
      ['export', 'crdc', '--district', w.district.id, '--year', YEAR, '--format', 'crdc-csv', '--out', csvFile],
      target,
    );
    report = JSON.parse(
      await cliOk(['export', 'crdc', '--district', w.district.id, '--year', YEAR, '--format', 'json'], target),
    ) as CrdcReportResponse;
  }, 120_000);
  afterAll(() => target?.drop());

  const mf = (c: { M: number; F: number }) => c.M + c.F;

  it("writes OCR's 2020-21 columns in OCR's order: filled, blank when not collected, -9 when not applicable", () => {
    const [header, ...records] = parse(readFileSync(csvFile));
    if (existsSync(PUBLISHED)) {
      const published = parse(readFileSync(PUBLISHED), { to_line: 1 })[0]!;
      expect(header).toEqual(published);
    } else console.warn(`skipped the comparison with OCR's own header: ${PUBLISHED.pathname} is absent`);
    expect(header).toHaveLength(1733);
    const rows = records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
    expect(rows.map((r) => r.COMBOKEY).sort()).toEqual([...w.schools.map((s) => s.ncesSchoolId), preschoolNces].sort());
    const main = rows.find((r) => r.COMBOKEY === w.schools[0]!.ncesSchoolId)!;
    const ours = report.schools.find((s) => s.ncesSchoolId === w.schools[0]!.ncesSchoolId)!;
    expect([main.LEA_STATE, main.LEAID, main.NCESSCH]).toEqual([w.district.state, leaId, main.COMBOKEY]);
    // Not collected by Forefront: blank, never 0.
    for (const c of ['TOT_ENR_M', 'SCH_ENR_504_F', 'SCH_FTESECURITY_LEO', 'SCH_FTECOUNSELORS', 'SCH_APENR_IND', 'JJ'])
      expect(main[c], c).toBe('');
    // Offenses: the firearm robbery is counted with the weapon robberies (no firearm column in 2020-21).
    expect(Number(main.SCH_OFFENSE_ROBWW)).toBe(ours.offenses.robbery_with_weapon + ours.offenses.robbery_with_firearm);
    expect(Number(main.SCH_OFFENSE_ROBWW)).toBeGreaterThanOrEqual(1);
    expect(Number(main.SCH_OFFENSE_RAPE)).toBe(1);
    // Seclusion: two students, three instances, in their groups.
    const secl = ours.restraint.seclusion;
    expect(secl.students.total).toBe(2);
    const instances = secl.instances.withoutDisabilities + secl.instances.idea + secl.instances.section504Only;
    expect(instances).toBe(3);
    expect(
      Number(main.SCH_RSINSTANCES_SECL_WODIS) +
        Number(main.SCH_RSINSTANCES_SECL_IDEA) +
        Number(main.SCH_RSINSTANCES_SECL_504),
    ).toBe(3);
    const mech = ['TOT_RS_IDEA_MECH_M', 'TOT_RS_IDEA_MECH_F', 'TOT_RS_NONIDEA_MECH_M', 'TOT_RS_NONIDEA_MECH_F'];
    // Two students restrained mechanically; the layout's M and F cells hold those who are M or F.
    expect(mech.reduce((n, c) => n + Number(main[c]), 0)).toBe(restrainedMf);
    // The preschool: not applicable where OCR's files say so, offenses reported.
    const pk = rows.find((r) => r.COMBOKEY === preschoolNces)!;
    for (const c of [
      'TOT_DISCWODIS_REF_M',
      'SCH_DISCWDIS_ARR_504_F',
      'TOT_RS_IDEA_SECL_F',
      'SCH_RSINSTANCES_PHYS_WODIS',
    ])
      expect(pk[c], c).toBe('-9');
    expect(pk.SCH_OFFENSE_ATTWOW).toBe('0');
    expect(pk.TOT_ENR_F).toBe('');
  });

  it("`crdc import` of the file, then `crdc summary`, gives back the district's own counts", async () => {
    const imported = JSON.parse(await cliOk(['crdc', 'import', csvFile, '--json'], target)) as {
      files: { year: string; rows: number; linked: number }[];
    };
    expect(imported.files).toEqual([expect.objectContaining({ year: YEAR, rows: 3, linked: 3 })]);
    const summary = JSON.parse(
      await cliOk(['crdc', 'summary', '--state', w.district.state, '--year', YEAR, '--json'], target),
    ) as Record<string, unknown>;
    // The district's own counts (students with sex X are outside a layout that has only M and F).
    const sum = (f: (s: CrdcReportResponse['schools'][number]) => number) =>
      report.schools.filter((s) => s.ncesSchoolId !== preschoolNces).reduce((n, s) => n + f(s), 0);
    const groups = (c: CrdcReportResponse['schools'][number]['referred']) =>
      RACES.reduce((n, r) => n + mf(c.withoutDisabilities[r]) + mf(c.idea[r]), 0) + mf(c.section504Only);
    const referrals = sum((s) => groups(s.referred));
    const arrests = sum((s) => groups(s.arrested));
    expect(referrals).toBeGreaterThan(10);
    expect(arrests).toBeGreaterThan(0);
    const byRace = (k: 'referred' | 'arrested') =>
      Object.fromEntries(RACES.map((r) => [r, sum((s) => mf(s[k].withoutDisabilities[r]) + mf(s[k].idea[r]))]));
    expect(summary).toMatchObject({
      schools: 3,
      referrals,
      arrests,
      referrals_by_race_excl_504: byRace('referred'),
      arrests_by_race_excl_504: byRace('arrested'),
      // Not collected: enrollment and staff are blank in the file, so nothing is summed.
      enrollment: 0,
      leo_fte: 0,
      // The 2020-21 layout has no firearm columns: firearm offenses are in the weapon ones.
      offenses: {
        rape_or_attempted_rape: sum((s) => s.offenses.rape_or_attempted_rape),
        sexual_assault: sum((s) => s.offenses.sexual_assault),
        robbery_with_weapon: sum((s) => s.offenses.robbery_with_weapon + s.offenses.robbery_with_firearm),
        robbery_without_weapon: sum((s) => s.offenses.robbery_without_weapon),
        physical_attack_with_weapon: sum(
          (s) => s.offenses.physical_attack_with_weapon + s.offenses.physical_attack_with_firearm,
        ),
        physical_attack_without_weapon: sum((s) => s.offenses.physical_attack_without_weapon),
        threat_with_weapon: sum((s) => s.offenses.threat_with_weapon + s.offenses.threat_with_firearm),
        threat_without_weapon: sum((s) => s.offenses.threat_without_weapon),
        possession_of_firearm_or_explosive: sum((s) => s.offenses.possession_of_firearm_or_explosive),
      },
      restraint: Object.fromEntries(
        (['mechanical', 'physical', 'seclusion'] as const).map((k) => [
          k,
          {
            students: sum((s) =>
              RACES.reduce(
                (n, r) => n + mf(s.restraint[k].students.idea[r]) + mf(s.restraint[k].students.nonIdea[r]),
                0,
              ),
            ),
            instances: sum((s) => Object.values(s.restraint[k].instances).reduce((a, b) => a + b, 0)),
          },
        ]),
      ),
    });
    expect(summary.offenses).toMatchObject({ rape_or_attempted_rape: 1 });
    expect(summary.restraint).toMatchObject({ seclusion: { instances: 3 }, mechanical: { instances: 3 } });
    // And the X students are the whole difference from the district's totals.
    const xs = sum((s) => s.referred.total) - referrals;
    const xCells = sum(
      (s) =>
        RACES.reduce((n, r) => n + s.referred.withoutDisabilities[r].X + s.referred.idea[r].X, 0) +
        s.referred.section504Only.X,
    );
    expect(xs).toBe(xCells);
  }, 60_000);

  it('refuses an unknown format, year or district with a clear message, exit 1 and no file', async () => {
    const out = join(target.dataDir, 'refused.csv');
    const base = ['export', 'crdc', '--district', w.district.id, '--out', out];
    const cases: [string[], RegExp][] = [
      [[...base, '--year', YEAR, '--format', 'xlsx'], /--format must be table, json or crdc-csv/],
      [[...base, '--year', '2024-2025', '--format', 'crdc-csv'], /school year like 2025-26/],
      [
        ['export', 'crdc', '--district', 'no-such-district', '--year', YEAR, '--format', 'crdc-csv', '--out', out],
        /District/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, target);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  }, 60_000);
});
