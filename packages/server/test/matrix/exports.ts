import { INCIDENT_COLUMNS } from '../../src/modules/incident-import/import.columns.js';
import { recordDisclosure } from '../../src/modules/disclosures/disclosure.service.js';
import type { MatrixModule } from './types.js';

/**
 * Request builders for the import, export and disclosure-log routes (see policy-matrix.test.ts).
 * The import body names a school of the target district, so an allowed import succeeds; every
 * district gets one disclosure record so the log is never empty.
 */
const ncesByDistrict = new Map<string, string>();

const oneIncidentCsv = (nces: string) =>
  `${INCIDENT_COLUMNS.join(',')}\n${INCIDENT_COLUMNS.map((c) => ({ incident_ref: 'M1', school_nces_id: nces, occurred_at: '2025-10-01T10:00:00Z', location: 'hallway', behaviors: 'defiance' })[c as string] ?? '').join(',')}\n`;

export const exportsMatrix: MatrixModule = {
  async extend(_app, ctx, w) {
    for (const schoolId of Object.values(w.schools)) {
      const s = await ctx.db
        .selectFrom('schools')
        .select(['districtId', 'ncesSchoolId'])
        .where('id', '=', schoolId)
        .executeTakeFirstOrThrow();
      if (!ncesByDistrict.has(s.districtId)) ncesByDistrict.set(s.districtId, s.ncesSchoolId);
    }
    for (const t of w.districtTargets)
      await ctx.db.transaction().execute((trx) =>
        recordDisclosure(trx, {
          districtId: t.resource.districtId,
          party: 'Matrix party',
          purpose: 'Matrix purpose',
          legalBasis: 'Matrix basis',
          format: 'csv',
          recordCount: 0,
          studentIds: [],
          disclosedBy: null,
        }),
      );
  },
  specs: {
    'POST /api/districts/:id/incidents/import': {
      action: 'incident.import',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
      payload: (t) => ({ csv: oneIncidentCsv(ncesByDistrict.get(t?.resource.districtId ?? '') ?? '000000000000') }),
    },
    'GET /api/districts/:id/exports/incidents.csv': {
      action: 'incident.export',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
      contentType: 'text/csv',
    },
    'GET /api/districts/:id/exports/incidents.edfi.json': {
      action: 'incident.export',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
      contentType: 'application/json',
    },
    'GET /api/districts/:id/exports/crdc': {
      action: 'crdc.export',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
      contentType: 'application/json',
    },
    'GET /api/districts/:id/disclosures': {
      action: 'audit.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t) => item.districtId === t!.resource.districtId,
    },
    // One student's record of disclosures, printed: the log's policy on the student's district.
    'GET /api/students/:id/disclosures.pdf': {
      action: 'audit.list',
      kind: 'item',
      targets: (w) => w.extra.students!,
      success: 200,
      contentType: 'application/pdf',
    },
  },
};
