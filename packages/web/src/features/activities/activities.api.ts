import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ActivityInput,
  ActivityLoggedSchema,
  ActivityPageSchema,
  ActivitySummarySchema,
  OkSchema,
} from '@forefront/contract';
import { api, request } from '../../api/client';

export interface ActivityFilters {
  officerId?: string;
  schoolId?: string;
  from?: string;
  to?: string;
}

const keys = {
  all: (districtId: string) => ['districts', districtId, 'activities'] as const,
};

export function useActivities(districtId: string, query: ActivityFilters & { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...keys.all(districtId), 'list', query],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/activities`, ActivityPageSchema, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useActivitySummary(districtId: string, query: ActivityFilters) {
  return useQuery({
    queryKey: [...keys.all(districtId), 'summary', query],
    queryFn: ({ signal }) =>
      api.get(
        `/api/districts/${encodeURIComponent(districtId)}/activities/summary`,
        ActivitySummarySchema,
        { ...query },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useLogActivity(districtId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ officerId, input }: { officerId: string; input: ActivityInput }) =>
      api.post(`/api/officers/${encodeURIComponent(officerId)}/activities`, input, ActivityLoggedSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(districtId) }),
  });
}

export function useDeleteActivity(districtId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request('DELETE', `/api/activities/${encodeURIComponent(id)}`, { schema: OkSchema }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(districtId) }),
  });
}
