import type { IncidentInput } from '@forefront/contract';
import { scopeOf } from '@forefront/contract';
import { createIncidentIn } from '../../src/modules/incidents/incident.service.js';
import type { AppContext } from '../../src/shared/context.js';
import { buildUser } from '../builders.js';
import type { MatrixModule, Target, World } from './types.js';

/**
 * Request builders for the incidents module's routes (see policy-matrix.test.ts). Each of the
 * world's schools gets an incident (the world's SRO is a contact on the own school's, so need-to-
 * know lets them at it) and a law-enforcement-unit record for the reclassification route, which
 * turns it into an education record (the other direction would hide it from the principal, who
 * would then get 404 rather than the policy's 403).
 */
let world: World | null = null;
const schoolOf = (t: Target | null) => t!.resource.schoolIds![0]!;
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

function body(
  schoolId: string,
  officerId: string | null,
  purpose: 'routine_discipline' | 'serious_threat_or_crime' = 'routine_discipline',
  over: Partial<IncidentInput> = {},
): IncidentInput {
  const at = hourAgo();
  return {
    schoolId,
    occurredAt: at,
    location: 'classroom',
    behaviors: ['fight_without_weapon'],
    description: 'Matrix incident.',
    weapon: 'none',
    offenseAlleged: false,
    nibrsCodes: [],
    students: [],
    contacts: officerId
      ? [
          {
            officerId,
            purpose,
            involvement: 'led',
            reportedAt: at,
            arrivedAt: at,
            actions: [
              {
                action: 'observed',
                studentId: null,
                at,
                emergency: false,
                emergencyReason: null,
                parentNotified: false,
              },
            ],
          },
        ]
      : [],
    ...over,
  };
}

/** The world's SRO works in the own district only; elsewhere incidents have no officer. */
const officerFor = (t: Target | null) =>
  world && t!.resource.districtId === world.dA.id ? world.actors.sro.user.id : null;

export const incidentsMatrix: MatrixModule = {
  async extend(_app, ctx: AppContext, w) {
    world = w;
    const sro = w.actors.sro.user;
    const states: Record<string, string> = { [w.dA.id]: 'VA', [w.dB.id]: 'VA', [w.dC.id]: 'MD' };
    const admins = new Map<
      string,
      { userId: string; role: 'district_admin'; districtId: string; state: null; schoolIds: string[] }
    >();
    const adminOf = async (districtId: string) => {
      if (!admins.has(districtId))
        admins.set(districtId, {
          userId: (await buildUser(ctx, { role: 'district_admin', districtId })).id,
          role: 'district_admin',
          districtId,
          state: null,
          schoolIds: [],
        });
      return admins.get(districtId)!;
    };
    const schoolTargets = w.schoolTargets;
    const incidents: Target[] = [];
    const leuRecords: Target[] = [];
    for (const st of schoolTargets) {
      const schoolId = st.ids.id!;
      const districtId = st.resource.districtId;
      const inOwnDistrict = districtId === w.dA.id;
      const create = (actor: Parameters<typeof createIncidentIn>[2], input: IncidentInput) =>
        ctx.db.transaction().execute((trx) => createIncidentIn(trx, ctx, actor, districtId, input));
      const admin = await adminOf(districtId);
      const general = await create(admin, body(schoolId, inOwnDistrict ? sro.id : null));
      incidents.push({ label: `incident of ${st.label}`, resource: st.resource, ids: { id: general.id } });
      // A law-enforcement-unit record is written by an officer of that school for a law-enforcement purpose.
      const officer =
        schoolId === w.schools.a1 ? sro : await buildUser(ctx, { role: 'sro', districtId, schoolIds: [schoolId] });
      const officerActor = {
        userId: officer.id,
        role: 'sro' as const,
        districtId,
        state: states[districtId] ?? null,
        schoolIds: [schoolId],
      };
      const leu = await create(
        officerActor,
        body(schoolId, officer.id, 'serious_threat_or_crime', { offenseAlleged: true, nibrsCodes: ['13B'] }),
      );
      if (leu.recordClass !== 'law_enforcement_unit') throw new Error('matrix: expected a law-enforcement-unit record');
      leuRecords.push({
        label: `law-enforcement-unit record of ${st.label}`,
        resource: st.resource,
        ids: { id: leu.id },
      });
    }
    w.extra.incidents = incidents;
    w.extra.incidentsToReclassify = leuRecords;
    // Creating names a school: the target is the school, the path its district.
    w.extra.incidentSchools = schoolTargets.map((st) => ({
      label: st.label,
      resource: st.resource,
      ids: { id: st.resource.districtId },
    }));
  },
  specs: {
    'POST /api/districts/:id/incidents': {
      action: 'incident.create',
      kind: 'item',
      targets: (w) => w.extra.incidentSchools!,
      success: 201,
      payload: (t) => body(schoolOf(t), officerFor(t)),
    },
    'GET /api/districts/:id/incidents': {
      action: 'incident.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t, actor) =>
        item.districtId === t!.resource.districtId &&
        (scopeOf(actor.role, 'incident.list') !== 'school' || actor.schoolIds.includes(item.schoolId as string)),
    },
    'GET /api/incidents/:id': {
      action: 'incident.read',
      kind: 'item',
      targets: (w) => w.extra.incidents!,
      success: 200,
    },
    'GET /api/incidents/:id/versions': {
      action: 'incident.read',
      kind: 'item',
      targets: (w) => w.extra.incidents!,
      success: 200,
    },
    'PUT /api/incidents/:id': {
      action: 'incident.update',
      kind: 'item',
      targets: (w) => w.extra.incidents!,
      success: 200,
      payload: (t) => body(schoolOf(t), officerFor(t), 'routine_discipline', { description: 'Edited by the matrix.' }),
    },
    // Every allowed role asks for `submitted`: the first moves the draft, the rest find it there (no change, 200).
    'POST /api/incidents/:id/transition': {
      action: 'incident.update',
      kind: 'item',
      targets: (w) => w.extra.incidents!,
      success: 200,
      payload: () => ({ to: 'submitted' }),
    },
    'POST /api/incidents/:id/reviews': {
      action: 'incident.review',
      kind: 'item',
      targets: (w) => w.extra.incidents!,
      success: 201,
      payload: () => ({ reviewedAt: hourAgo(), decision: 'approved', note: 'Matrix review.' }),
    },
    'POST /api/incidents/:id/reclassify': {
      action: 'incident.reclassify',
      kind: 'item',
      targets: (w) => w.extra.incidentsToReclassify!,
      success: 200,
      payload: () => ({ recordClass: 'education', reason: 'Kept by the school for its own discipline process.' }),
    },
    'GET /api/districts/:id/role-drift': {
      action: 'drift.read',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      // Items are the per-school rows: a principal must get only their own schools'.
      itemAllowed: (item, t, actor) =>
        world !== null &&
        Object.values(world.schools).includes(item.schoolId as string) &&
        w2d(item.schoolId as string) === t!.resource.districtId &&
        (scopeOf(actor.role, 'drift.read') !== 'school' || actor.schoolIds.includes(item.schoolId as string)),
    },
  },
};

/** The district of one of the world's schools. */
function w2d(schoolId: string) {
  const s = world!.schools;
  return schoolId === s.a1 || schoolId === s.a2 ? world!.dA.id : schoolId === s.b1 ? world!.dB.id : world!.dC.id;
}
