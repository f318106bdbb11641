import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Job, JobListSchema, JobSchema, type JobStatus } from '@forefront/contract';
import { api } from '../../api/client';

/** How often a page asks how a running job is doing. */
export const JOB_POLL_MS = 1000;

export const jobKeys = {
  all: ['jobs'] as const,
  one: (id: string) => ['jobs', 'one', id] as const,
  ofDistrict: (districtId: string) => ['jobs', 'district', districtId] as const,
};

export const isJobActive = (job: Pick<Job, 'status'> | undefined) =>
  job !== undefined && (job.status === 'queued' || job.status === 'running');

/** How far a job is, 0-100: a done job is at 100 whatever its last reported percent; none yet is at 0. */
export const jobPercent = (job: Pick<Job, 'status' | 'percent'> | undefined) =>
  job?.status === 'done' ? 100 : (job?.percent ?? 0);

/**
 * One job, polled every second while it is queued or running (GET /api/jobs/:id); polling stops
 * by itself once the job has ended. Pass null before a job has been started.
 */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: jobKeys.one(jobId ?? ''),
    queryFn: ({ signal }) => api.get(`/api/jobs/${encodeURIComponent(jobId!)}`, JobSchema, undefined, signal),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (query) => (isJobActive(query.state.data) ? JOB_POLL_MS : false),
  });
}

export interface JobListFilters {
  status?: JobStatus;
  finished?: 'true' | 'false';
}

/** A page of the district's jobs the person may see; polled while any of them is still running. */
export function useJobs(districtId: string, filters: JobListFilters, page: { limit: number; offset: number }) {
  const query = { ...filters, ...page };
  return useQuery({
    queryKey: [...jobKeys.ofDistrict(districtId), query],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/jobs`, JobListSchema, query, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.items.some(isJobActive) ? JOB_POLL_MS * 2 : false),
  });
}

export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => api.post(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, undefined, JobSchema),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.one(job.id), job);
      // A state's job (a state viewer's CRDC load) belongs to no district's list.
      if (job.districtId) void queryClient.invalidateQueries({ queryKey: jobKeys.ofDistrict(job.districtId) });
    },
  });
}

/** The address of a finished job's file (an export): a plain link downloads it with the session cookie. */
export const jobResultHref = (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}/result`;
