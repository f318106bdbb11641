import { beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail, IncidentInput, InformationSharing } from '@forefront/contract';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  type IncidentWorld,
  buildIncidentWorld,
  buildSignedMou,
  hoursAgo,
  incidentInput,
  req,
} from './incident.helpers.js';

/**
 * Need-to-know per the MOU's information-sharing clause (and none in force), for every kind of
 * incident an officer may meet: their own, another officer's routine one, another officer's
 * serious one, a law-enforcement-unit record, a principal's with no officer, another school's.
 */
type Case = 'own' | 'routine' | 'serious' | 'leu' | 'staffOnly' | 'otherSchool';
type Who = 'sro' | 'principal' | 'admin' | 'auditor';
const VISIBLE: Record<InformationSharing | 'none', Record<Who, Case[]>> = {
  none: {
    sro: ['own'],
    principal: ['own', 'routine', 'serious', 'staffOnly'],
    admin: ['own', 'routine', 'serious', 'leu', 'staffOnly', 'otherSchool'],
    auditor: ['own', 'routine', 'serious', 'leu', 'staffOnly', 'otherSchool'],
  },
  own_incidents_only: {
    sro: ['own'],
    principal: ['own', 'routine', 'serious', 'staffOnly'],
    admin: ['own', 'routine', 'serious', 'leu', 'staffOnly', 'otherSchool'],
    auditor: ['own', 'routine', 'serious', 'leu', 'staffOnly', 'otherSchool'],
  },
  serious_incidents: {
    sro: ['own', 'serious', 'leu'],
    principal: ['own', 'routine', 'serious', 'staffOnly'],
    admin: ['own', 'routine', 'serious', 'leu', 'staffOnly', 'otherSchool'],
    auditor: ['own', 'routine', 'serious', 'leu', 'staffOnly', 'otherSchool'],
  },
  all_school_incidents: {
    sro: ['own', 'routine', 'serious', 'leu', 'staffOnly'],
    principal: ['own', 'routine', 'serious', 'leu', 'staffOnly'],
    admin: ['own', 'routine', 'serious', 'leu', 'staffOnly', 'otherSchool'],
    auditor: ['own', 'routine', 'serious', 'leu', 'staffOnly', 'otherSchool'],
  },
};
/** Out-of-scope schools answer 403 (policy convention); hidden in-scope records answer 404. */
const outOfScope = (who: Who, c: Case) => (who === 'sro' || who === 'principal') && c === 'otherSchool';

describe.each(Object.keys(VISIBLE) as (InformationSharing | 'none')[])(
  `incident need-to-know with sharing %s on ${TEST_DIALECT}`,
  (sharing) => {
    let t: TestApp;
    let w: IncidentWorld;
    const ids = {} as Record<Case, string>;

    beforeAll(async () => {
      t = await createTestApp();
      w = await buildIncidentWorld(t.app, t.ctx);
      if (sharing !== 'none')
        await buildSignedMou(t.ctx, w.district.id, { createdBy: w.admin.id, rules: { informationSharing: sharing } });
      const make = async (who: keyof IncidentWorld['sessions'], body: IncidentInput) => {
        const res = await req(t.app, w.sessions[who], 'POST', `/api/districts/${w.district.id}/incidents`, body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json<IncidentDetail>();
      };
      const serious = (officer: string): IncidentInput => ({
        ...incidentInput(w.school, officer, {
          behaviors: ['threat_with_weapon'],
          offenseAlleged: true,
          nibrsCodes: ['13C'],
        }),
        contacts: [{ ...incidentInput(w.school, officer).contacts[0]!, purpose: 'serious_threat_or_crime' }],
      });
      ids.own = (await make('sro', incidentInput(w.school, w.sro.id))).id;
      ids.routine = (await make('otherSro', incidentInput(w.school, w.otherSro.id))).id;
      // A serious incident the other officer's principal wrote (education record) ...
      ids.serious = (await make('principal', serious(w.otherSro.id))).id;
      // ... and one the other officer wrote for a law-enforcement purpose (law-enforcement-unit record).
      const leu = await make('otherSro', serious(w.otherSro.id));
      expect(leu.recordClass).toBe('law_enforcement_unit');
      ids.leu = leu.id;
      ids.staffOnly = (await make('principal', incidentInput(w.school, null, { occurredAt: hoursAgo(1) }))).id;
      ids.otherSchool = (await make('admin', incidentInput(w.otherSchool, null))).id;
    });

    it.each(['sro', 'principal', 'admin', 'auditor'] as Who[])(
      '%s reads exactly the incidents they need to know, and lists the same',
      async (who) => {
        const visible = VISIBLE[sharing][who];
        for (const c of Object.keys(ids) as Case[]) {
          const res = await req(t.app, w.sessions[who], 'GET', `/api/incidents/${ids[c]}`);
          const expected = visible.includes(c) ? 200 : outOfScope(who, c) ? 403 : 404;
          expect(res.statusCode, `${who} reading ${c}: ${res.body.slice(0, 200)}`).toBe(expected);
          if (expected === 404)
            expect(res.json()).toEqual(
              (await req(t.app, w.sessions[who], 'GET', `/api/incidents/${crypto.randomUUID()}`)).json(),
            );
          const history = await req(t.app, w.sessions[who], 'GET', `/api/incidents/${ids[c]}/versions`);
          expect(history.statusCode, `${who} history of ${c}`).toBe(expected);
        }
        const list = await req(t.app, w.sessions[who], 'GET', `/api/districts/${w.district.id}/incidents?limit=200`);
        expect(list.statusCode, list.body).toBe(200);
        const listed = (list.json().items as { id: string }[]).map((i) => i.id).sort();
        expect(listed).toEqual(visible.map((c) => ids[c]).sort());
      },
    );

    it('lets an officer change only incidents they are part of', async () => {
      const edit = (id: string) =>
        req(
          t.app,
          w.sessions.sro,
          'PUT',
          `/api/incidents/${id}`,
          incidentInput(w.school, w.sro.id, { description: 'Edited.' }),
        );
      expect((await edit(ids.own)).statusCode).toBe(200);
      const res = await edit(ids.serious);
      expect(res.statusCode).toBe(VISIBLE[sharing].sro.includes('serious') ? 403 : 404);
      const unchanged = (
        await req(t.app, w.sessions.admin, 'GET', `/api/incidents/${ids.serious}`)
      ).json<IncidentDetail>();
      expect(unchanged.description).not.toBe('Edited.');
    });
  },
);
