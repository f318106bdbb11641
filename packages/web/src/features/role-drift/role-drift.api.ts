import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { RoleDriftSchema } from '@forefront/contract';
import { api } from '../../api/client';

export interface DriftRange {
  from: string;
  to: string;
  schoolId?: string;
}

export function useRoleDrift(districtId: string, range: DriftRange) {
  return useQuery({
    queryKey: ['districts', districtId, 'role-drift', range],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/role-drift`, RoleDriftSchema, { ...range }, signal),
    placeholderData: keepPreviousData,
  });
}

/** YYYY-MM of a date, in UTC like the server's monthly aggregates. */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The default window: this month and the five before it. */
export function defaultRange(now = new Date()): DriftRange {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1));
  return { from: monthOf(start), to: monthOf(now) };
}
