import { schoolYearAt } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { districtOrNotFound, loadDistrictFor } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { DEFAULT_DISCLOSURE, recordDisclosure } from '../disclosures/disclosure.service.js';
import { clockOf } from '../districts/district.clock.js';
import { type CrdcReport, crdcCounts } from './crdc.js';
import { crdcLayoutCsv, crdcLayoutRows } from './crdc.layout.js';
import { csvHeader, csvLine, incidentCsvRows } from './export.csv.js';
import { toEdFiAssociations, toEdFiIncident } from './export.edfi.js';
import { type ExportIncident, type ExportScope, incidentBatches, loadNames } from './export.query.js';

export type IncidentExportFormat = 'csv' | 'edfi';

export interface ExportRequest {
  districtId: string;
  schoolYear: string | null;
  party?: string;
  purpose?: string;
  legalBasis?: string;
  /** FERPA 99.32(a)(5): the threat, for a health or safety emergency disclosure. */
  emergencyThreat?: string;
}

/** Who asks: a signed-in user (authorized by policy) or the operator at the CLI (no policy, no user). */
export type Requester = { actor: Actor } | { operator: true };

async function districtFor(
  ctx: AppContext,
  who: Requester,
  districtId: string,
  action: 'incident.export' | 'crdc.export',
) {
  // A CLI operator (no actor) is trusted; a person is authorized.
  return 'actor' in who
    ? loadDistrictFor(ctx.db, who.actor, action, districtId)
    : districtOrNotFound(ctx.db, districtId);
}

const auditActor = (who: Requester) => ('actor' in who ? { userId: who.actor.userId, role: who.actor.role } : null);

/**
 * Starts an incident export. First, in one transaction: which students' records the export
 * releases (one read), the FERPA disclosure record with those students, and the audit event. Then
 * the text streams in batches outside any transaction, limited to what the disclosure recorded:
 * incidents created up to that moment and the recorded students, so the record stays complete.
 */
export async function startIncidentExport(
  ctx: AppContext,
  who: Requester,
  req: ExportRequest,
  format: IncidentExportFormat,
): Promise<{ disclosureId: string; records: number; text: AsyncIterable<string> }> {
  await districtFor(ctx, who, req.districtId, 'incident.export');
  const asOf = nowIso();
  const scope: ExportScope = { districtId: req.districtId, schoolYear: req.schoolYear, asOf };
  const { disclosureId, students, records } = await ctx.db.transaction().execute(async (trx) => {
    const perStudent = await studentRecords(trx, scope);
    const records = perStudent.reduce((n, s) => n + Number(s.n), 0);
    const studentIds = perStudent.map((s) => s.studentId);
    const disclosure = await recordDisclosure(trx, {
      districtId: req.districtId,
      party: req.party ?? DEFAULT_DISCLOSURE.party,
      purpose: req.purpose ?? DEFAULT_DISCLOSURE.purpose,
      legalBasis: req.legalBasis ?? DEFAULT_DISCLOSURE.legalBasis,
      emergencyThreat: req.emergencyThreat ?? null,
      format,
      recordCount: records,
      studentIds,
      disclosedBy: 'actor' in who ? who.actor.userId : null,
    });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: auditActor(who), districtId: req.districtId },
      { kind: 'export.created', format, disclosureId: disclosure.id, records },
    );
    return { disclosureId: disclosure.id, students: new Set(studentIds), records };
  });
  const keep = (inc: ExportIncident) => ({ ...inc, students: inc.students.filter((s) => students.has(s.studentId)) });
  const text = format === 'csv' ? csvText(ctx.db, scope, keep) : edfiText(ctx.db, scope, keep);
  return { disclosureId, records, text };
}

function studentRecords(trx: Db, scope: ExportScope) {
  let q = trx
    .selectFrom('incidentStudents as s')
    .innerJoin('incidents as i', 'i.id', 's.incidentId')
    .select((eb) => ['s.studentId', eb.fn.countAll<number>().as('n')])
    .where('s.districtId', '=', scope.districtId)
    .where('i.createdAt', '<=', scope.asOf)
    .groupBy('s.studentId');
  if (scope.schoolYear) q = q.where('s.schoolYear', '=', scope.schoolYear);
  return q.execute();
}

async function* csvText(
  db: Db,
  scope: ExportScope,
  keep: (i: ExportIncident) => ExportIncident,
): AsyncGenerator<string> {
  const names = await loadNames(db, scope.districtId);
  yield csvHeader();
  for await (const batch of incidentBatches(db, scope)) {
    let chunk = '';
    for (const inc of batch) for (const row of incidentCsvRows(keep(inc), names)) chunk += csvLine(row);
    yield chunk;
  }
}

/** One JSON document with both resource collections, written as it streams (two passes). */
async function* edfiText(
  db: Db,
  scope: ExportScope,
  keep: (i: ExportIncident) => ExportIncident,
): AsyncGenerator<string> {
  const names = await loadNames(db, scope.districtId);
  yield `{"schoolYear":${JSON.stringify(scope.schoolYear)},"disciplineIncidents":[`;
  let first = true;
  for await (const batch of incidentBatches(db, scope)) {
    const parts = batch.map((inc) => JSON.stringify(toEdFiIncident(inc, names)));
    if (parts.length) yield (first ? '' : ',') + parts.join(',');
    first = false;
  }
  yield '],"studentDisciplineIncidentBehaviorAssociations":[';
  first = true;
  for await (const batch of incidentBatches(db, scope)) {
    const parts = batch.flatMap((inc) => toEdFiAssociations(keep(inc), names).map((a) => JSON.stringify(a)));
    if (parts.length === 0) continue;
    yield (first ? '' : ',') + parts.join(',');
    first = false;
  }
  yield ']}';
}

/** CRDC counts are aggregates, not student records: no disclosure record, but an audit event. */
export async function crdcExport(
  ctx: AppContext,
  who: Requester,
  districtId: string,
  year: string | undefined,
): Promise<CrdcReport> {
  const d = await districtFor(ctx, who, districtId, 'crdc.export');
  // Without a year: the school year it is now on the district's clock.
  const schoolYear = year ?? schoolYearAt(new Date(), clockOf(d));
  return ctx.db.transaction().execute(async (trx) => {
    const report = await crdcCounts(trx, districtId, schoolYear);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: auditActor(who), districtId },
      { kind: 'export.created', format: 'crdc', disclosureId: null, records: report.schools.length },
    );
    return report;
  });
}

/**
 * The same counts in OCR's public-use file layout (crdc.layout.ts): one row per school, text ready
 * for `forefront crdc import`. Aggregates again: an audit event, no disclosure record.
 */
export async function crdcLayoutExport(
  ctx: AppContext,
  who: Requester,
  districtId: string,
  schoolYear: string,
): Promise<{ csv: string; schools: number }> {
  const district = await districtFor(ctx, who, districtId, 'crdc.export');
  return ctx.db.transaction().execute(async (trx) => {
    const report = await crdcCounts(trx, districtId, schoolYear);
    const grades = await trx
      .selectFrom('schools')
      .select(['id', 'gradeLow', 'gradeHigh'])
      .where('districtId', '=', districtId)
      .execute();
    const rows = crdcLayoutRows(district, report, new Map(grades.map((g) => [g.id, g])));
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: auditActor(who), districtId },
      { kind: 'export.created', format: 'crdc-csv', disclosureId: null, records: rows.length },
    );
    return { csv: crdcLayoutCsv(rows), schools: rows.length };
  });
}
