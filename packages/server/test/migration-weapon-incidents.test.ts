import { describe, expect, it } from 'vitest';
import type { IncidentDetail } from '@forefront/contract';
import { up } from '../src/db/migrations/20261208T0801_weapon_incidents.js';
import { rebuildTransparency } from '../src/modules/transparency/transparency.rebuild.js';
import { TEST_DIALECT, createTestApp } from './harness.js';
import { buildIncidentWorld, incidentInput, req } from './incident.helpers.js';

/**
 * Migration 20261208T0801_weapon_incidents counts the new weapon-offense measure for incidents
 * stored before it existed: with the rows gone (as in a database upgraded from before issue 13),
 * it writes back exactly what the incremental code and the rebuild oracle count.
 */
describe(`migration: weapon-offense counts for stored incidents on ${TEST_DIALECT}`, async () => {
  const t = await createTestApp();
  const w = await buildIncidentWorld(t.app, t.ctx);
  const weaponRows = () =>
    t.ctx.db
      .selectFrom('transparencyCounts')
      .select(['schoolYear', 'schoolId', 'value'])
      .where('districtId', '=', w.district.id)
      .where('measure', '=', 'weapon_incidents')
      .orderBy('schoolId')
      .execute();

  it('writes the counts the incident writes keep, once per incident, drafts left out', async () => {
    const submit = async (behaviors: string[], schoolId: string, draft = false) => {
      const created = await req(
        t.app,
        w.sessions.admin,
        'POST',
        `/api/districts/${w.district.id}/incidents`,
        incidentInput(schoolId, null, { behaviors: behaviors as never, location: 'hallway' }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<IncidentDetail>().id;
      if (!draft)
        expect(
          (await req(t.app, w.sessions.admin, 'POST', `/api/incidents/${id}/transition`, { to: 'submitted' }))
            .statusCode,
        ).toBe(200);
    };
    await submit(['weapon_possession', 'threat_with_firearm'], w.school); // one incident, two weapon behaviors
    await submit(['attack_with_weapon'], w.school);
    await submit(['fight_without_weapon'], w.school); // no weapon
    await submit(['robbery_with_weapon'], w.otherSchool);
    await submit(['firearm_or_explosive_possession'], w.otherSchool, true); // a draft never counts

    const incremental = await weaponRows();
    expect(incremental.map((r) => [r.schoolId, Number(r.value)]).sort()).toEqual(
      [
        [w.school, 2],
        [w.otherSchool, 1],
      ].sort(),
    );

    // A database from before the measure: the rows are not there; the migration writes them.
    await t.ctx.db.deleteFrom('transparencyCounts').where('measure', '=', 'weapon_incidents').execute();
    expect(await weaponRows()).toEqual([]);
    await up(t.ctx.db as never);
    const migrated = await weaponRows();
    expect(migrated.map((r) => ({ ...r, value: Number(r.value) }))).toEqual(
      incremental.map((r) => ({ ...r, value: Number(r.value) })),
    );

    // And the rebuild oracle agrees.
    await rebuildTransparency(t.ctx.db, w.district.id);
    expect((await weaponRows()).map((r) => Number(r.value))).toEqual(migrated.map((r) => Number(r.value)));
  });
});
