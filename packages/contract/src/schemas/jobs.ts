import { z } from 'zod';
import { IdSchema } from './common.js';

/** Issue 12.6: long work (imports, exports, publishing, rebuilds) runs as a durable job. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const JobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** A job's kind names its work ("incident.import"); the server's registry (modules/jobs/job.kinds.ts) lists them. */
export const JobKindNameSchema = z
  .string()
  .max(64)
  .regex(/^[a-z]+(?:[.-][a-z]+)*$/, 'A job kind looks like "incident.import"');

export const JobSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  /** The district whose job it is; null for a state's job (a state viewer's CRDC load), which names `state`. */
  districtId: IdSchema.nullable(),
  state: z.string().nullable(),
  requestedBy: IdSchema.nullable(),
  /** The name of who started it (the jobs page says who, not an id); null for the system or a removed account. */
  requestedByName: z.string().nullable(),
  status: JobStatusSchema,
  /** What the job is doing now (e.g. "reading", "writing", "publishing 2025-26"), and how far along (0-100). */
  phase: z.string().nullable(),
  percent: z.number().int().min(0).max(100),
  cancelRequested: z.boolean(),
  /** The job's own summary when done (an import's report, a publish's years); never student records. */
  result: z.unknown().nullable(),
  /** A downloadable file (an export): GET /api/jobs/:id/result. */
  resultFile: z.object({ name: z.string(), contentType: z.string(), bytes: z.number().int() }).nullable(),
  /** A translated error code and its English message when failed (`job_interrupted`, `forbidden`...). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  rerunOf: IdSchema.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

/** Newest first; `total` counts every job the query matches (for the jobs page's pager). */
export const JobListSchema = z.object({
  items: z.array(JobSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const JobListQuerySchema = z.object({
  status: JobStatusSchema.optional(),
  /** true: only jobs that ended (done, failed, cancelled); false: only queued and running ones. */
  finished: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const StartJobInputSchema = z.object({
  kind: JobKindNameSchema,
  /** The kind's own input, checked against the kind's schema (an import's CSV, an export's year). */
  input: z.unknown().default({}),
});

export const JobIdParamsSchema = z.object({ jobId: IdSchema });
