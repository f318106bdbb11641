import type { Kysely } from 'kysely';

/**
 * Issue 12.1: a district's own clock. `time_zone` (IANA) and `school_year_start` (MM-DD).
 *
 * Stated default for districts that existed before: the most common zone of their state (the
 * table below, a frozen copy of STATE_TIME_ZONES in contract/district-clock.ts, because a
 * migration must not change when app code does; Eastern for a code it does not know), and
 * 07-01. `clock_applied` says which clock the stored school years and month buckets were computed
 * on ("zone|MM-DD"); null means the UTC and 07-01 every figure used before this migration, so the
 * districts moved here are recomputed by `recomputePendingClocks` when the server starts.
 * A row inserted without a zone (outside the services) gets UTC, which is what it is computed in.
 */
const STATE_ZONES: Record<string, string> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
  GU: 'Pacific/Guam',
  AS: 'Pacific/Pago_Pago',
  MP: 'Pacific/Saipan',
};

// A migration sees the schema as it was then, not today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('districts')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
  await db.schema
    .alterTable('districts')
    .addColumn('school_year_start', 'text', (c) => c.notNull().defaultTo('07-01'))
    .execute();
  await db.schema.alterTable('districts').addColumn('clock_applied', 'text').execute();
  // The app's Kysely instance maps result columns to camelCase (CamelCasePlugin).
  const districts = (await db.selectFrom('districts').select(['id', 'state']).execute()) as {
    id: string;
    state: string;
  }[];
  for (const d of districts)
    await db
      .updateTable('districts')
      .set({ time_zone: STATE_ZONES[d.state] ?? 'America/New_York' })
      .where('id', '=', d.id)
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('districts').dropColumn('clock_applied').execute();
  await db.schema.alterTable('districts').dropColumn('school_year_start').execute();
  await db.schema.alterTable('districts').dropColumn('time_zone').execute();
}
