import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  type Action,
  IncidentExportJobInputSchema,
  IncidentImportJobInputSchema,
  SchoolYearSchema,
  StudentImportInputSchema,
  TrainingImportJobInputSchema,
  TrainingRemindersInputSchema,
  can,
  schoolYearAt,
} from '@forefront/contract';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { ForbiddenError } from '../../shared/errors.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { loadClock } from '../districts/district.clock.js';
import { recomputeDistrictClock } from '../districts/district.recompute.js';
import { importCrdcFile } from '../crdc/crdc.import.js';
import { crdcExport, crdcLayoutExport, startIncidentExport } from '../exports/export.service.js';
import { importIncidentsAs } from '../incident-import/import.service.js';
import { importStudents } from '../students/student.service.js';
import { previewTransparency } from '../transparency/transparency.preview.js';
import { publishTransparency } from '../transparency/transparency.publish.js';
import { rebuildTransparency } from '../transparency/transparency.rebuild.js';
import { importTranscript } from '../training/training.import.service.js';
import { sendTrainingReminders } from '../training/training.reminders.js';
import { sendThreatReminders } from '../threats/threat.reminders.js';

/**
 * THE list of job kinds. Adding a kind is one entry here: the policy action that may start it
 * (and see, download and cancel it), the zod schema of its input, and `run`, which calls the
 * module's ordinary service (the service authorizes again, opens its transaction and audits, as
 * for a request). `run` executes in a worker thread (job.worker.ts) with its own database handle.
 */
export interface JobRun<I> {
  ctx: AppContext;
  actor: Actor;
  districtId: string;
  input: I;
  /** Records what the job is doing; throws JobCancelled once a cancel was asked for (job.progress.ts). */
  progress: (phase: string, percent: number) => void;
}

export interface JobOutput {
  /** A JSON summary shown with the job (never student records). */
  result: unknown;
  /** A downloadable result (an export), kept in job_files. */
  file?: { name: string; contentType: string; content: string };
}

export interface JobKind<I = unknown> {
  action: Action;
  input: z.ZodType<I>;
  /** A district's job (started at POST /api/districts/:id/jobs), the default. */
  scope?: 'district';
  run(job: JobRun<I>): Promise<JobOutput>;
  /**
   * The job releases student records (FERPA 99.32): starting it without the recipient, the purpose
   * and the legal basis is refused with `disclosure_required` (job.service.ts).
   */
  disclosure?: true;
}

/** A state's job (started at POST /api/state/jobs by a state viewer, for the viewer's own state). */
export interface StateJobRun<I> extends Omit<JobRun<I>, 'districtId'> {
  state: string;
}
export interface StateJobKind<I = unknown> {
  action: Action;
  input: z.ZodType<I>;
  scope: 'state';
  run(job: StateJobRun<I>): Promise<JobOutput>;
}

const kind = <I>(k: JobKind<I>): JobKind => k;
const stateKind = <I>(k: StateJobKind<I>): StateJobKind => k;

const CrdcImportInput = z.object({
  csv: z.string().min(1),
  fileName: z.string().trim().min(1).max(200),
  year: SchoolYearSchema.optional(),
});

/**
 * OCR's public-use school file, sent from the app: written to a private temporary file, then read
 * by the same streaming import as `forefront crdc import`, keeping only the rows of `state`.
 */
async function loadCrdcFile(
  ctx: AppContext,
  state: string,
  input: z.infer<typeof CrdcImportInput>,
  progress: JobRun<unknown>['progress'],
) {
  const dir = await mkdtemp(join(tmpdir(), 'forefront-crdc-'));
  try {
    // The name carries OCR's collection year (CRDC_2020-21_NH.csv); nothing else of it is used.
    const file = join(dir, basename(input.fileName).replace(/[^\w.-]/g, '_'));
    await writeFile(file, input.csv, { mode: 0o600 });
    const total = Buffer.byteLength(input.csv);
    progress('importing', 0);
    const report = await importCrdcFile(ctx.db, file, {
      ...(input.year !== undefined && { year: input.year }),
      onlyState: state,
      onRows: (_rows, bytes) => progress('importing', Math.min(99, Math.floor((bytes / total) * 99))),
    });
    return { result: report };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const collect = async (parts: AsyncIterable<string>) => {
  const all: string[] = [];
  for await (const p of parts) all.push(p);
  return all.join('');
};

function incidentExport(format: 'csv' | 'edfi'): JobKind {
  return kind({
    action: 'incident.export',
    input: IncidentExportJobInputSchema,
    disclosure: true,
    async run({ ctx, actor, districtId, input, progress }) {
      progress('recording disclosure', 0);
      const out = await startIncidentExport(
        ctx,
        { actor },
        { districtId, schoolYear: input.year ?? null, ...input },
        format,
      );
      progress('writing', 10);
      const content = await collect(out.text);
      const name = `incidents${input.year ? `-${input.year}` : ''}.${format === 'csv' ? 'csv' : 'edfi.json'}`;
      const contentType = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
      return { result: { records: out.records, disclosureId: out.disclosureId }, file: { name, contentType, content } };
    },
  });
}

export const JOB_KINDS: Record<string, JobKind | StateJobKind> = {
  'incident.import': kind({
    action: 'incident.import',
    // No length limit here: an upload is bounded by the start route's body limit (job.routes.ts).
    // `dryRun` (issue 13): the same checks, nothing written; the report is the job's result either way.
    input: IncidentImportJobInputSchema,
    async run({ ctx, actor, districtId, input, progress }) {
      const total = Buffer.byteLength(input.csv);
      const report = await importIncidentsAs(ctx, actor, districtId, {
        stream: Readable.from([input.csv]),
        file: input.fileName ?? 'upload.csv',
        dryRun: input.dryRun === true,
        // Reading and writing happen together (one pass); the last percent is the aggregates.
        onProgress: ({ bytes }) => progress('importing', Math.min(99, Math.floor((bytes / total) * 99))),
      });
      return { result: report };
    },
  }),
  // Issue 14: an agency's training transcript; `dryRun` checks every row and writes nothing.
  'training.import': kind({
    action: 'training.import',
    input: TrainingImportJobInputSchema,
    async run({ ctx, actor, districtId, input, progress }) {
      return { result: await importTranscript(ctx, actor, districtId, input, progress) };
    },
  }),
  'student.import': kind({
    action: 'student.import',
    input: StudentImportInputSchema,
    async run({ ctx, actor, districtId, input, progress }) {
      progress('reading', 0);
      return { result: await importStudents(ctx, actor, districtId, input) };
    },
  }),
  'incident.export.csv': incidentExport('csv'),
  'incident.export.edfi': incidentExport('edfi'),
  'crdc.export': kind({
    action: 'crdc.export',
    input: z.object({ year: SchoolYearSchema.optional() }),
    async run({ ctx, actor, districtId, input }) {
      // The current school year on the district's own clock (issue 12.1).
      const year = input.year ?? schoolYearAt(new Date(), await loadClock(ctx.db, districtId));
      const report = await crdcExport(ctx, { actor }, districtId, year);
      const content = JSON.stringify(report);
      return {
        result: { schoolYear: year, schools: report.schools.length },
        file: { name: `crdc-${year}.json`, contentType: 'application/json; charset=utf-8', content },
      };
    },
  }),
  // The same counts in OCR's public-use file layout (crdc.layout.ts): aggregates, no disclosure.
  'crdc.export.layout': kind({
    action: 'crdc.export',
    input: z.object({ year: SchoolYearSchema.optional() }),
    async run({ ctx, actor, districtId, input, progress }) {
      const year = input.year ?? schoolYearAt(new Date(), await loadClock(ctx.db, districtId));
      progress('counting', 0);
      const out = await crdcLayoutExport(ctx, { actor }, districtId, year);
      return {
        result: { schoolYear: year, schools: out.schools },
        file: { name: `crdc-${year}-schools.csv`, contentType: 'text/csv; charset=utf-8', content: out.csv },
      };
    },
  }),
  // The public-use file of the district's own state; another state's rows refuse the file.
  'crdc.import': kind({
    action: 'crdc.import',
    input: CrdcImportInput,
    async run({ ctx, actor, districtId, input, progress }) {
      const d = await loadDistrictFor(ctx.db, actor, 'crdc.import', districtId);
      return loadCrdcFile(ctx, d.state, input, progress);
    },
  }),
  'transparency.publish': kind({
    action: 'transparency.publish',
    input: z.object({ year: SchoolYearSchema.optional() }),
    async run({ ctx, actor, districtId, input, progress }) {
      progress('publishing', 0);
      let steps = 0;
      const result = await publishTransparency(ctx, actor, districtId, {
        ...(input.year !== undefined && { year: input.year }),
        // Years x families are not known up front: the percent creeps toward 99 as each is released.
        onProgress: (p) => progress(`publishing ${p.year}`, Math.min(99, Math.round(100 * (1 - 0.9 ** ++steps)))),
      });
      return { result };
    },
  }),
  // Issue 13: what publishing a year would show, with every withheld figure's reason; nothing released.
  'transparency.preview': kind({
    action: 'transparency.publish',
    input: z.object({ year: SchoolYearSchema }),
    async run({ ctx, actor, districtId, input, progress }) {
      progress('previewing', 0);
      let steps = 0;
      const result = await previewTransparency(ctx, actor, districtId, input.year, () =>
        progress(`previewing ${input.year}`, Math.min(99, Math.round(100 * (1 - 0.8 ** ++steps)))),
      );
      return { result };
    },
  }),
  // A district's new time zone or school-year start moves every school year, month and public figure.
  'district.clock.recompute': kind({
    action: 'district.update',
    input: z.object({}),
    async run({ ctx, actor, districtId, progress }) {
      await loadDistrictFor(ctx.db, actor, 'district.update', districtId);
      progress('recomputing', 0);
      return { result: await recomputeDistrictClock(ctx, districtId) };
    },
  }),
  'transparency.rebuild': kind({
    action: 'transparency.publish',
    input: z.object({}),
    async run({ ctx, actor, districtId, progress }) {
      await loadDistrictFor(ctx.db, actor, 'transparency.publish', districtId);
      progress('recomputing', 0);
      return { result: await ctx.db.transaction().execute((trx) => rebuildTransparency(trx, districtId)) };
    },
  }),
  // Issue 14: the training lapse reminders of one district (the daily schedule runs every district's
  // without a person; a coordinator may run them now, or `asOf` a date to check ahead).
  'training.reminders': kind({
    action: 'training.approve',
    input: TrainingRemindersInputSchema,
    async run({ ctx, actor, districtId, input, progress }) {
      await loadDistrictFor(ctx.db, actor, 'training.approve', districtId);
      progress('sending', 0);
      const sent = await sendTrainingReminders(ctx, districtId, input.asOf);
      return { result: { sent: sent.length } };
    },
  }),
  // Issue 15: overdue case tasks, check-ins and referral follow-ups of one district (the daily
  // schedule runs every district's); the coordinator may run them now or `asOf` a date.
  'threat.reminders': kind({
    action: 'threat.settings',
    input: TrainingRemindersInputSchema,
    async run({ ctx, actor, districtId, input, progress }) {
      await loadDistrictFor(ctx.db, actor, 'threat.settings', districtId);
      progress('sending', 0);
      const sent = await sendThreatReminders(ctx, districtId, input.asOf);
      return { result: { sent: sent.length } };
    },
  }),
  // Issue 13: a state viewer loads the public-use file of their own state (public federal data).
  'crdc.import.state': stateKind({
    action: 'crdc.import.state',
    scope: 'state',
    input: CrdcImportInput,
    async run({ ctx, actor, state, input, progress }) {
      if (!can(actor, 'crdc.import.state', { districtId: '', state })) throw new ForbiddenError();
      return loadCrdcFile(ctx, state, input, progress);
    },
  }),
};

export const jobKindOf = (name: string): JobKind | StateJobKind | undefined =>
  Object.prototype.hasOwnProperty.call(JOB_KINDS, name) ? JOB_KINDS[name] : undefined;
