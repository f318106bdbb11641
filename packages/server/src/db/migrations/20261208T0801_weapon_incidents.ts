import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Issue 13: the public weapon-offense trend reads a new transparency measure, `weapon_incidents`
 * `*` (incidents coded with at least one weapon behavior, once each), kept in step with every
 * incident write from now on (transparency.derive.ts). This counts it for the incidents already
 * stored, so the next publication's trend covers every year, not only incidents written after the
 * upgrade. The same statement as transparency.rebuild.ts, over every district; the behaviors are
 * written out here (a migration must not change when the contract's list does).
 */
const WEAPON_BEHAVIORS = [
  'attack_with_weapon',
  'attack_with_firearm',
  'threat_with_weapon',
  'threat_with_firearm',
  'robbery_with_weapon',
  'robbery_with_firearm',
  'weapon_possession',
  'firearm_or_explosive_possession',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const behaviors = pg
    ? sql`cross join lateral jsonb_array_elements_text(i.behaviors::jsonb) as b(value)`
    : sql`cross join json_each(i.behaviors) b`;
  const weapons = sql.join(WEAPON_BEHAVIORS.map((b) => sql.lit(b)));
  await sql`delete from transparency_counts where measure = 'weapon_incidents'`.execute(db);
  await sql`insert into transparency_counts (district_id, school_year, school_id, measure, ${sql.id('key')}, value)
    select i.district_id, i.school_year, i.school_id, 'weapon_incidents', '*', count(distinct i.id)
    from incidents i ${behaviors}
    where i.state in ('submitted', 'reviewed', 'closed') and b.value in (${weapons})
    group by i.district_id, i.school_year, i.school_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from transparency_counts where measure = 'weapon_incidents'`.execute(db);
}
