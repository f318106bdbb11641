import { useMutation, useQuery } from '@tanstack/react-query';
import { type Job, JobSchema } from '@forefront/contract';
import { api } from '../../api/client';

/** How often a running job is asked for its progress: often enough for a bar that moves, no more. */
const POLL_MS = 700;

const isRunning = (job: Job | undefined) => !job || job.status === 'queued' || job.status === 'running';

/** Starts a job of the district (POST /api/districts/:id/jobs); 202 with the queued job. */
export function useStartJob(districtId: string) {
  return useMutation({
    mutationFn: (body: { kind: string; input: unknown }) =>
      api.post(`/api/districts/${encodeURIComponent(districtId)}/jobs`, body, JobSchema),
  });
}

/** Starts a job of the viewer's own state (POST /api/state/jobs): CRDC files for a state viewer. */
export function useStartStateJob() {
  return useMutation({
    mutationFn: (body: { kind: string; input: unknown }) => api.post('/api/state/jobs', body, JobSchema),
  });
}

/** A job followed until it ends (GET /api/jobs/:id), polled while it is queued or running. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api.get(`/api/jobs/${encodeURIComponent(id!)}`, JobSchema, undefined, signal),
    refetchInterval: (q) => (isRunning(q.state.data) ? POLL_MS : false),
  });
}
