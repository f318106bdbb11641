import type { JobStatus } from '@forefront/contract';

/** Tables of long-running work (migration 20261207T0501_jobs; modules/jobs). */
export interface JobTable {
  id: string;
  kind: string;
  /** The district whose job it is; null for a state's job (migration 20261208T0201_state_jobs). */
  districtId: string | null;
  /** The state (two-letter code) of a state's job: a state viewer loading CRDC files; null otherwise. */
  state: string | null;
  requestedBy: string | null;
  status: JobStatus;
  phase: string | null;
  percent: number;
  /** 1 once someone asked to cancel a running job; the worker stops at its next progress point. */
  cancelRequested: number;
  /** JSON summary of a finished job. */
  result: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  rerunOf: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

/** JSON of a job's input; deleted when the job succeeds (kept for a rerun otherwise). */
export interface JobInputTable {
  jobId: string;
  input: string;
}

export interface JobFileTable {
  jobId: string;
  name: string;
  contentType: string;
  bytes: number;
  content: string;
}

/** The annual report PDF, rendered once per page (scope and year), language and publication (etag). */
export interface TransparencyReportFileTable {
  scopeId: string;
  schoolYear: string;
  lang: string;
  etag: string;
  content: Buffer;
  createdAt: string;
}
