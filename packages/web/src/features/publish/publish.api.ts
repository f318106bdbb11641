import { useMutation, useQuery } from '@tanstack/react-query';
import { JobSchema, TransparencyReleasesSchema } from '@forefront/contract';
import { api } from '../../api/client';

/**
 * The publish page's server calls: the release history, and the start of the preview and publish
 * jobs (their progress is read with the shared useJob of features/jobs).
 */

const enc = encodeURIComponent;

export const publishKeys = {
  all: ['transparency', 'releases'] as const,
  releases: (districtId: string) => ['transparency', 'releases', districtId] as const,
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
