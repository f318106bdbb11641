import { nowIso } from '../../src/db/database.js';
import type { AppContext } from '../../src/shared/context.js';
import { newId } from '../../src/shared/ids.js';
import { TINY_PDF, certificateBody, insertOfficer } from '../training.helpers.js';
import { type MatrixModule, RawBody, type Target, type World } from './types.js';

/**
 * Request builders for completion records (modules/training/training.record.routes.ts). Officers
 * are resources of their schools (officer.read is school-scoped for principals); records are the
 * district's (training.* actions are district-wide).
 */
async function insertRecord(ctx: AppContext, districtId: string, officerId: string, status: string) {
  const id = newId();
  await ctx.db
    .insertInto('trainingRecords')
    .values({
      id,
      districtId,
      officerId,
      courseId: null,
      title: 'Matrix course',
      provider: 'Matrix academy',
      minutes: 480,
      topics: '["de_escalation"]',
      credentialKey: null,
      completedOn: '2025-01-15',
      expiresOn: null,
      status,
      source: 'entry',
      createdBy: null,
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
      createdAt: nowIso(),
    })
    .execute();
  return id;
}

async function assign(ctx: AppContext, districtId: string, officerId: string, schoolId: string) {
  await ctx.db
    .insertInto('officerAssignments')
    .values({
      id: newId(),
      districtId,
      officerId,
      schoolId,
      startsOn: '2020-01-01',
      endsOn: null,
      gate: 'off',
      exceptionId: null,
      createdBy: null,
      createdAt: nowIso(),
    })
    .execute();
}

/** Each call of a review route's `targets` takes fresh pending records: a record is reviewed once. */
const reviewPools: Target[][] = [];
const nextPendingTargets = () => reviewPools.shift() ?? [];

// The 401 test and one run per role, for each of the two review routes.
const ROLE_RUNS = 20;

export const trainingRecordsMatrix: MatrixModule = {
  async extend(_app, ctx, w: World) {
    const [own, sameState, otherState] = w.districtTargets as [Target, Target, Target];
    const places: [Target, string][] = [
      [own, w.schools.a1],
      [own, w.schools.a2],
      [sameState, w.schools.b1],
      [otherState, w.schools.c1],
    ];
    const officers: Target[] = [];
    const records: Target[] = [];
    for (const [d, schoolId] of places) {
      const districtId = d.resource.districtId;
      const officer = await insertOfficer(ctx, districtId, { name: 'Matrix Officer' });
      await assign(ctx, districtId, officer.id, schoolId);
      officers.push({
        label: `officer at a school (${schoolId === w.schools.a2 ? 'another school of ' : ''}${d.label})`,
        resource: { ...d.resource, schoolIds: [schoolId] },
        ids: { officerId: officer.id },
      });
      if (schoolId === w.schools.a2) continue;
      const recordId = await insertRecord(ctx, districtId, officer.id, 'approved');
      await ctx.db
        .insertInto('trainingCertificates')
        .values({
          id: newId(),
          districtId,
          recordId,
          fileName: 'certificate.pdf',
          mediaType: 'application/pdf',
          byteSize: TINY_PDF.length,
          sha256: 'matrix',
          contentBase64: TINY_PDF.toString('base64'),
          createdAt: nowIso(),
        })
        .execute();
      // A pending record too, so the queue of every district has something to list.
      await insertRecord(ctx, districtId, officer.id, 'pending');
      records.push({ label: `record of ${d.label}`, resource: d.resource, ids: { recordId } });
    }
    w.extra.trainingOfficers = officers;
    w.extra.trainingRecords = records;
    for (let i = 0; i < ROLE_RUNS; i++) {
      const pool: Target[] = [];
      for (const r of records) {
        const officerId = (
          await ctx.db
            .selectFrom('trainingRecords')
            .select('officerId')
            .where('id', '=', r.ids.recordId!)
            .executeTakeFirstOrThrow()
        ).officerId;
        const recordId = await insertRecord(ctx, r.resource.districtId, officerId, 'pending');
        pool.push({ ...r, ids: { recordId } });
      }
      reviewPools.push(pool);
    }
  },
  specs: {
    'GET /api/officers/:officerId/training-records': {
      action: 'officer.read',
      kind: 'item',
      targets: (w) => w.extra.trainingOfficers!,
      success: 200,
    },
    'POST /api/officers/:officerId/training-records': {
      action: 'training.record',
      kind: 'item',
      targets: (w) => w.extra.trainingOfficers!,
      success: 201,
      payload: () => ({ title: 'Matrix entry', provider: 'Academy', hours: 2, topics: [], completedOn: '2025-02-01' }),
    },
    'GET /api/districts/:id/training-records': {
      action: 'training.approve',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t) => item.districtId === t!.resource.districtId,
    },
    'POST /api/training-records/:recordId/approve': {
      action: 'training.approve',
      kind: 'item',
      targets: () => nextPendingTargets(),
      success: 200,
      payload: () => ({}),
    },
    'POST /api/training-records/:recordId/reject': {
      action: 'training.approve',
      kind: 'item',
      targets: () => nextPendingTargets(),
      success: 200,
      payload: () => ({ note: 'Matrix' }),
    },
    'PUT /api/training-records/:recordId/certificate': {
      action: 'training.record',
      kind: 'item',
      targets: (w) => w.extra.trainingRecords!,
      success: 200,
      payload: () => {
        const body = certificateBody('certificate.pdf', 'application/pdf', TINY_PDF);
        return new RawBody(body.contentType, body.payload);
      },
    },
    'GET /api/training-records/:recordId/certificate': {
      action: 'training.record',
      kind: 'item',
      targets: (w) => w.extra.trainingRecords!,
      success: 200,
      contentType: 'application/pdf',
    },
  },
};
