import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  INCIDENT_COLUMN_VALUES,
  type IncidentImportReport,
  type Role,
  isCodedIncidentColumn,
  localDate,
} from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Actor, AuditActor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { districtOrNotFound, loadDistrictFor } from '../../shared/load-district.js';
import { INVALID_CHARACTERS_MESSAGE, isStorableText } from '../../shared/text.js';
import { unneutralise } from '../exports/export.csv.js';
import { appendAudit } from '../audit/audit.service.js';
import { loadClock, lockClock } from '../districts/district.clock.js';
import { TransparencyAccumulator, refreshDistrictYears } from '../transparency/transparency.aggregates.js';
import { DriftAccumulator } from './import.aggregates.js';
import { type RowError, mapHeader } from './import.columns.js';
import { type AssembledIncident, IncidentAssembler } from './import.group.js';
import { type ImportLookups, loadLookups } from './import.lookups.js';
import type { MouInForce } from '../mous/mou.in-force.js';
import { incidentNumber, readCounter, reserveNumbers } from './import.numbers.js';
import { parseRow } from './import.row.js';
import { type ImportRun, emitIncident } from './import.rows.js';
import { type BulkWriter, KyselyBulkWriter, SqliteBulkWriter } from './import.writer.js';

/** Errors kept for the report; the rest are counted. Enough to fix a file, small enough to return. */
const MAX_REPORTED_ERRORS = 1000;

/** Data rows are counted without the header; `numbers` are the first and last given, when accepted. */
export type ImportReport = IncidentImportReport;

export interface ImportSource {
  /** The CSV; read once. */
  stream: Readable;
  /** A name for the audit trail and the report (file name, or "upload"). */
  file: string;
  onProgress?: (p: { rows: number; bytes: number }) => void;
  /** Check every row exactly as an import does, and write nothing (issue 13). */
  dryRun?: boolean;
}

class Rejected extends Error {}

/** API: the signed-in district administrator imports into their district. */
export async function importIncidentsAs(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  source: ImportSource,
): Promise<ImportReport> {
  await loadDistrictFor(ctx.db, actor, 'incident.import', districtId);
  return runImport(ctx, districtId, { userId: actor.userId, role: actor.role }, source);
}

/** CLI: the operator names the user recorded as creator (default: the district's first administrator). */
export async function importIncidentsCli(
  ctx: AppContext,
  districtId: string,
  asEmail: string | undefined,
  source: ImportSource,
): Promise<ImportReport> {
  await districtOrNotFound(ctx.db, districtId);
  let q = ctx.db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('districtId', '=', districtId)
    .where('disabled', '=', 0);
  q = asEmail
    ? q.where('email', '=', asEmail.toLowerCase())
    : q.where('role', '=', 'district_admin').orderBy('createdAt');
  const user = await q.executeTakeFirst();
  if (!user)
    throw new ValidationError(
      asEmail
        ? `No active user ${asEmail} in this district`
        : 'The district has no active district administrator to record as creator; use --as <email>',
    );
  if (!['district_admin', 'school_admin', 'sro'].includes(user.role))
    throw new ValidationError(`${asEmail} may not create incidents (role ${user.role})`);
  return runImport(ctx, districtId, { userId: user.id, role: user.role as Role }, source);
}

/**
 * One pass, one transaction: each row is checked as it streams in and, while the file is still
 * valid, its incident is written at once. At the first invalid row writing stops, checking goes on
 * to the end (so the report lists every problem), and the transaction is rolled back, leaving the
 * database exactly as it was. On SQLite the writes are raw multi-row prepared INSERTs on the
 * connection Kysely's transaction holds; on PostgreSQL batched multi-row INSERTs in the same trx.
 */
async function runImport(
  ctx: AppContext,
  districtId: string,
  creator: NonNullable<AuditActor>,
  source: ImportSource,
): Promise<ImportReport> {
  const lookups = await loadLookups(ctx.db, districtId);
  const report: ImportReport = {
    accepted: false,
    dryRun: source.dryRun === true,
    validValues: {},
    file: source.file,
    rows: 0,
    incidents: 0,
    studentLinks: 0,
    flags: 0,
    errorCount: 0,
    errors: [],
    numbers: null,
  };
  const run: ImportRun = {
    districtId,
    createdBy: creator.userId,
    creatorRole: creator.role,
    now: nowIso(),
    clock: await loadClock(ctx.db, districtId),
  };
  if (source.dryRun) return dryRun(ctx, creator, source, lookups, run, report);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // The clock as it is while this transaction holds it (a clock change waits for the import).
      run.clock = await lockClock(trx, ctx.dialect, districtId);
      const writer: BulkWriter =
        ctx.dialect === 'sqlite' && ctx.sqlite ? new SqliteBulkWriter(ctx.sqlite) : new KyselyBulkWriter(trx);
      const start = await readCounter(trx, districtId, run.now);
      const state = {
        next: start,
        drift: new DriftAccumulator(),
        transparency: new TransparencyAccumulator(),
        first: null as string | null,
        last: null as string | null,
      };
      // Synchronous per incident (a promise only for a new day's MOU or a flush): a million
      // incidents should not cost a million awaits.
      const write = (inc: AssembledIncident, mou: MouInForce | null) => {
        state.next += 1;
        const number = incidentNumber(run.now, state.next);
        state.first ??= number;
        state.last = number;
        const { flags, drift, transparency } = emitIncident(run, inc, number, mou, (t, r) => writer.add(t, r));
        state.drift.add(drift);
        state.transparency.add(transparency);
        report.incidents += 1;
        report.studentLinks += inc.input.students.length;
        report.flags += flags.length;
        return writer.full ? writer.flush() : undefined;
      };
      await streamRows(
        source,
        lookups,
        report,
        (inc) => {
          // The MOU in force on the incident's day on the district's calendar.
          const day = localDate(inc.input.occurredAt, run.clock.timeZone);
          const mou = lookups.mouKnown(day);
          return mou !== undefined ? write(inc, mou) : lookups.mouOn(trx, day).then((m) => write(inc, m));
        },
        () => writer.discard(),
      );
      if (report.errorCount > 0 || report.rows === 0) {
        if (report.rows === 0 && report.errorCount === 0)
          addError(report, { row: 1, column: null, code: 'no_data_rows', reason: 'The file has no data rows' });
        throw new Rejected();
      }
      await writer.flush();
      await state.drift.write(trx, districtId);
      // Incident measures as summed in memory; distinct students recomputed set-based per touched year.
      await state.transparency.write(trx, districtId);
      await refreshDistrictYears(trx, districtId, state.transparency.years);
      await reserveNumbers(trx, districtId, run.now, state.next - start);
      await appendAudit(
        trx,
        { dialect: ctx.dialect, actor: creator, districtId },
        { kind: 'incident.imported', rows: report.rows, incidents: report.incidents, file: source.file.slice(0, 200) },
      );
      report.numbers = { first: state.first!, last: state.last! };
    });
  } catch (err) {
    if (!(err instanceof Rejected)) throw err;
    report.numbers = null;
    return { ...report, incidents: 0, studentLinks: 0, flags: 0 };
  }
  report.accepted = true;
  return report;
}

/**
 * The dry run: the same stream, the same checks of each row and of each incident's rows, the same
 * MOU in force and role-clarity flags as an import, with nothing written: no transaction, the
 * incidents' rows handed to a sink that drops them. Only the audit trail records that the roster
 * was read to check the file.
 */
async function dryRun(
  ctx: AppContext,
  creator: NonNullable<AuditActor>,
  source: ImportSource,
  lookups: ImportLookups,
  run: ImportRun,
  report: ImportReport,
): Promise<ImportReport> {
  const drop = () => undefined;
  let next = 0;
  const count = (inc: AssembledIncident, mou: MouInForce | null) => {
    next += 1;
    const { flags } = emitIncident(run, inc, incidentNumber(run.now, next), mou, drop);
    report.incidents += 1;
    report.studentLinks += inc.input.students.length;
    report.flags += flags.length;
  };
  await streamRows(
    source,
    lookups,
    report,
    (inc) => {
      const day = localDate(inc.input.occurredAt, run.clock.timeZone);
      const mou = lookups.mouKnown(day);
      return mou !== undefined ? count(inc, mou) : lookups.mouOn(ctx.db, day).then((m) => count(inc, m));
    },
    () => undefined,
  );
  if (report.rows === 0 && report.errorCount === 0)
    addError(report, { row: 1, column: null, code: 'no_data_rows', reason: 'The file has no data rows' });
  await ctx.db.transaction().execute((trx) =>
    appendAudit(
      trx,
      { dialect: ctx.dialect, actor: creator, districtId: run.districtId },
      {
        kind: 'incident.import_checked',
        rows: report.rows,
        errors: report.errorCount,
        file: source.file.slice(0, 200),
      },
    ),
  );
  report.accepted = report.errorCount === 0;
  if (!report.accepted) Object.assign(report, { incidents: 0, studentLinks: 0, flags: 0 });
  return report;
}

function addError(report: ImportReport, e: RowError) {
  report.errorCount += 1;
  if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
  // A wrong code: the report carries the column's valid values once, however many rows have one.
  if (e.code === 'unknown_value' && isCodedIncidentColumn(e.column))
    report.validValues[e.column] ??= [...INCIDENT_COLUMN_VALUES[e.column]];
}

/**
 * Streams the CSV, checks each row, and hands over each finished incident while the file has no
 * error. Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
async function streamRows(
  source: ImportSource,
  lk: ImportLookups,
  report: ImportReport,
  onIncident: (inc: AssembledIncident) => Promise<void> | void,
  onFirstError: () => void,
) {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  source.stream.pipe(parser);
  source.stream.on('error', (e) => parser.destroy(e));
  let index: Map<string, number> | null = null;
  let width = 0;
  let headerNames: readonly string[] = [];
  let rowNumber = 0;
  const seen = new Set<string>();
  const assembler = new IncidentAssembler();
  let failed = false;
  const error = (e: RowError) => {
    if (!failed) onFirstError();
    failed = true;
    addError(report, e);
  };
  const finishIncident = async () => {
    const { incident, errors } = assembler.finish();
    errors.forEach(error);
    if (incident && !failed) {
      const pending = onIncident(incident);
      if (pending) await pending;
    }
  };
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      if (!index) {
        const h = mapHeader(cells);
        h.errors.forEach(error);
        if (h.errors.length > 0) return;
        index = h.index;
        width = cells.length;
        headerNames = cells;
        continue;
      }
      report.rows += 1;
      if (source.onProgress && (report.rows & 0x3fff) === 0)
        source.onProgress({ rows: report.rows, bytes: parser.info.bytes });
      if (cells.length !== width) {
        error({
          row: rowNumber,
          column: null,
          code: 'cell_count',
          params: { cells: cells.length, width },
          reason: `Has ${cells.length} cells; the header has ${width}`,
        });
        continue;
      }
      const bad = cells.findIndex((c) => !isStorableText(c));
      if (bad >= 0) {
        error({
          row: rowNumber,
          column: headerNames[bad] ?? null,
          code: 'invalid_characters',
          reason: INVALID_CHARACTERS_MESSAGE,
        });
        continue;
      }
      // A cell our export neutralised against CSV injection ('=...) is read back as it was written.
      const parsed = parseRow(cells.map(unneutralise), index, rowNumber, lk);
      if (Array.isArray(parsed)) {
        parsed.forEach(error);
        continue;
      }
      if (parsed.ref !== assembler.ref) {
        if (assembler.ref !== null) await finishIncident();
        // Rows of one incident must be together: a ref seen before means the file is out of order.
        if (seen.has(parsed.ref)) {
          error({
            row: rowNumber,
            column: 'incident_ref',
            code: 'ref_not_together',
            params: { value: parsed.ref },
            reason: `incident_ref "${parsed.ref}" appeared earlier, separated by other incidents; keep an incident's rows together`,
          });
          continue;
        }
        seen.add(parsed.ref);
      }
      assembler.add(parsed).forEach(error);
    }
    await finishIncident();
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    if (!e.code?.startsWith('CSV_')) throw err;
    error({
      row: e.lines ?? rowNumber + 1,
      column: null,
      code: 'not_csv',
      params: { value: e.message ?? e.code },
      reason: `Not readable as CSV: ${e.message ?? e.code}`,
    });
  } finally {
    source.onProgress?.({ rows: report.rows, bytes: parser.info.bytes });
  }
}
