import { useMutation } from '@tanstack/react-query';
import { JobSchema } from '@forefront/contract';
import { api } from '../../api/client';

/** Starting the import jobs; their progress is read with the shared useJob of features/jobs. */

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
