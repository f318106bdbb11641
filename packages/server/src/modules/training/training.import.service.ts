import { localDate, type TrainingImportJobInput, type TrainingImportReport } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { newId } from '../../shared/ids.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { credentialTypesOf } from './training.catalog.repository.js';
import { checkTranscript, officerKey } from './training.import.rows.js';
import { insertRecords } from './training.record.repository.js';

/** Reports list the first problems; a file with thousands of bad rows is counted, not listed whole. */
const MAX_LISTED_ERRORS = 200;

/**
 * An agency's transcript (issue 14 item 3), run as the job kind `training.import`. A dry run checks
 * every row and writes nothing but its audit event. A real run is all or nothing: any bad row and no
 * record is written. Imported records are `approved` with source `import`: the agency's system of
 * record is the evidence, and the coordinator who imports it is the reviewer.
 */
export async function importTranscript(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: TrainingImportJobInput,
  progress: (phase: string, percent: number) => void = () => {},
): Promise<TrainingImportReport> {
  const d = await loadDistrictFor(ctx.db, actor, 'training.import', districtId);
  const dryRun = input.dryRun === true;
  const file = (input.fileName ?? 'transcript.csv').slice(0, 200);
  progress('checking', 0);
  const [officers, credentials] = await Promise.all([
    ctx.db.selectFrom('officers').select(['id', 'agency', 'badgeNumber']).where('districtId', '=', d.id).execute(),
    credentialTypesOf(ctx.db, d.id),
  ]);
  const checked = checkTranscript(
    input.csv,
    {
      officers: new Map(officers.map((o) => [officerKey(o.agency, o.badgeNumber), o.id])),
      credentials: new Map(credentials.map((c) => [c.key, c.validityMonths])),
      today: localDate(new Date(), d.timeZone),
    },
    (done, total) => {
      if (done % 100 === 0) progress('checking', Math.floor((done / total) * (dryRun ? 99 : 50)));
    },
  );
  const report: TrainingImportReport = {
    dryRun,
    accepted: false,
    rows: checked.total,
    records: checked.errors.length === 0 ? checked.rows.length : 0,
    officers: new Set(checked.rows.map((r) => r.officerId)).size,
    errors: checked.errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: checked.errors.length,
  };
  const auditCtx = { dialect: ctx.dialect, actor, districtId: d.id };
  if (dryRun || checked.errors.length > 0) {
    // A refused real run writes nothing at all; a dry run records only that the roster was read.
    if (dryRun)
      await ctx.db.transaction().execute((trx) =>
        appendAudit(trx, auditCtx, {
          kind: 'training.import_checked',
          rows: checked.total,
          errors: checked.errors.length,
          file,
        }),
      );
    return report;
  }
  progress('importing', 50);
  const at = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    await insertRecords(
      trx,
      checked.rows.map((r) => ({
        id: newId(),
        districtId: d.id,
        ...r,
        topics: JSON.stringify(r.topics),
        status: 'approved',
        source: 'import',
        createdBy: actor.userId,
        reviewedBy: actor.userId,
        reviewedAt: at,
        reviewNote: null,
        createdAt: at,
      })),
    );
    await appendAudit(trx, auditCtx, {
      kind: 'training.imported',
      rows: checked.total,
      records: checked.rows.length,
      file,
    });
  });
  return { ...report, accepted: true };
}
