import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Job, JobSchema, TransparencyReleasesSchema } from '@forefront/contract';
import { api } from '../../api/client';

/** The publish page's server calls: the release history, and the preview and publish jobs. */

const enc = encodeURIComponent;

export const publishKeys = {
  releases: (districtId: string) => ['transparency', 'releases', districtId] as const,
  job: (jobId: string) => ['jobs', jobId] as const,
};

export function useReleases(districtId: string) {
  return useQuery({
    queryKey: publishKeys.releases(districtId),
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${enc(districtId)}/transparency/releases`, TransparencyReleasesSchema, undefined, signal),
  });
}

export type PublishJobKind = 'transparency.preview' | 'transparency.publish';

export function useStartJob(districtId: string, kind: PublishJobKind) {
  return useMutation({
    mutationFn: (input: { year: string }) =>
      api.post(`/api/districts/${enc(districtId)}/jobs`, { kind, input }, JobSchema),
  });
}

export const isRunning = (job: Job | undefined) => job?.status === 'queued' || job?.status === 'running';

/** How often a running job is asked about: often enough for a moving bar, rarely enough for two cores. */
const POLL_MS = 700;

/** A job, asked about again while it runs; a finished job never changes, so it is kept. */
export function useJob(jobId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: publishKeys.job(jobId ?? ''),
    queryFn: async ({ signal }) => {
      const job = await api.get(`/api/jobs/${enc(jobId ?? '')}`, JobSchema, undefined, signal);
      if (job.kind === 'transparency.publish' && job.status === 'done')
        void queryClient.invalidateQueries({ queryKey: ['transparency', 'releases'] });
      return job;
    },
    enabled: jobId !== null,
    refetchInterval: (q) => (isRunning(q.state.data) ? POLL_MS : false),
    staleTime: (q) => (isRunning(q.state.data) ? 0 : Infinity),
  });
}
