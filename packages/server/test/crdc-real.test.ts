import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCrdcFiles } from '../src/modules/crdc/crdc.import.js';
import { crdcSummary } from '../src/modules/crdc/crdc.summary.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Every state file in ../shared/data/crdc-2020-21: the summary Forefront computes from its
 * imported rows equals a recomputation done here straight from the raw CSV with its own small code
 * (no module code). Runs on both databases (the 8 files import in a few seconds on either).
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
const DATA = resolve(repoRoot, '../shared/data/crdc-2020-21');
const present = existsSync(DATA) && readdirSync(DATA).some((f) => f.endsWith('.csv'));
const skipReason = present ? '' : `${DATA} is absent (the CRDC files live beside the project, not in it)`;
if (skipReason) console.log(`crdc-real.test.ts skipped: ${skipReason}`);

const RACES = ['HI', 'AM', 'AS', 'HP', 'BL', 'WH', 'TR'];

/** The oracle: sums of non-negative cells; a negative (reserve) cell or an empty one counts as missing. */
async function recompute(file: string) {
  const rows: Record<string, string>[] = [];
  for await (const r of createReadStream(file).pipe(parse({ columns: true, bom: true })))
    rows.push(r as Record<string, string>);
  const v = (r: Record<string, string>, k: string) => {
    const s = r[k];
    if (s === undefined) throw new Error(`no column ${k}`);
    const n = Number(s);
    return s === '' || n < 0 ? 0 : n;
  };
  const has = (r: Record<string, string>, k: string) => r[k] !== '' && Number(r[k]) >= 0;
  const sum = (keys: string[]) => rows.reduce((acc, r) => acc + keys.reduce((a, k) => a + v(r, k), 0), 0);
  const ms = (stem: string) => [`${stem}_M`, `${stem}_F`];
  const leoNoCounselor = rows.filter(
    (r) => v(r, 'SCH_FTESECURITY_LEO') > 0 && has(r, 'SCH_FTECOUNSELORS') && Number(r.SCH_FTECOUNSELORS) === 0,
  );
  const byRace = (f: (race: string) => string[]) => Object.fromEntries(RACES.map((race) => [race, sum(f(race))]));
  return {
    state: rows[0]!.LEA_STATE!,
    summary: {
      schools: rows.length,
      enrollment: sum(ms('TOT_ENR')),
      leo_fte: Math.round(sum(['SCH_FTESECURITY_LEO']) * 100) / 100,
      schools_with_leo: rows.filter((r) => v(r, 'SCH_FTESECURITY_LEO') > 0).length,
      schools_leo_no_counselor: leoNoCounselor.length,
      students_leo_no_counselor: leoNoCounselor.reduce((a, r) => a + v(r, 'TOT_ENR_M') + v(r, 'TOT_ENR_F'), 0),
      referrals: sum([...ms('TOT_DISCWODIS_REF'), ...ms('TOT_DISCWDIS_REF_IDEA'), ...ms('SCH_DISCWDIS_REF_504')]),
      arrests: sum([...ms('TOT_DISCWODIS_ARR'), ...ms('TOT_DISCWDIS_ARR_IDEA'), ...ms('SCH_DISCWDIS_ARR_504')]),
      referrals_by_race_excl_504: byRace((r) => [...ms(`SCH_DISCWODIS_REF_${r}`), ...ms(`SCH_DISCWDIS_REF_IDEA_${r}`)]),
      arrests_by_race_excl_504: byRace((r) => [...ms(`SCH_DISCWODIS_ARR_${r}`), ...ms(`SCH_DISCWDIS_ARR_IDEA_${r}`)]),
      enrollment_by_race: byRace((r) => ms(`SCH_ENR_${r}`)),
      offenses: Object.fromEntries(
        (
          [
            ['rape_or_attempted_rape', 'RAPE'],
            ['sexual_assault', 'BATT'],
            ['robbery_with_weapon', 'ROBWW'],
            ['robbery_without_weapon', 'ROBWOW'],
            ['physical_attack_with_weapon', 'ATTWW'],
            ['physical_attack_without_weapon', 'ATTWOW'],
            ['threat_with_weapon', 'THRWW'],
            ['threat_without_weapon', 'THRWOW'],
            ['possession_of_firearm_or_explosive', 'POSSWX'],
          ] as const
        ).map(([name, code]) => [name, sum([`SCH_OFFENSE_${code}`])]),
      ),
      restraint: Object.fromEntries(
        (
          [
            ['mechanical', 'MECH'],
            ['physical', 'PHYS'],
            ['seclusion', 'SECL'],
          ] as const
        ).map(([name, k]) => [
          name,
          {
            students: sum([...ms(`TOT_RS_IDEA_${k}`), ...ms(`TOT_RS_NONIDEA_${k}`)]),
            instances: sum(['WODIS', 'IDEA', '504'].map((g) => `SCH_RSINSTANCES_${k}_${g}`)),
          },
        ]),
      ),
    },
  };
}

describe.skipIf(Boolean(skipReason))('CRDC 2020-21 state summaries against the raw public-use files', () => {
  const files = present
    ? readdirSync(DATA)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((f) => join(DATA, f))
    : [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const started = Date.now();
    const reports = await importCrdcFiles(t.ctx.db, files);
    console.log(
      `${TEST_DIALECT}: imported ${reports.reduce((a, r) => a + r.rows, 0)} schools from ${files.length} files in ${Date.now() - started} ms`,
    );
  }, 120_000);

  it('covers the whole 8-state set', () => {
    expect(files.length).toBe(8);
  });

  it.each(files.map((f) => [f.split('/').pop()!, f]))(
    '%s: summary equals the recomputation from the raw CSV',
    async (_name, file) => {
      const { state, summary } = await recompute(file);
      expect(await crdcSummary(t.ctx.db, { year: '2020-21', state })).toEqual(summary);
    },
  );
});
