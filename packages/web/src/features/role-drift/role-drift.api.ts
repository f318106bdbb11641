import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { RoleDriftSchema, localMonth } from '@forefront/contract';
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

/** The default window: this month on the district's clock (as the server's monthly aggregates) and the five before it. */
export function defaultRange(timeZone: string, now = new Date()): DriftRange {
  const to = localMonth(now, timeZone);
  const first = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - 5;
  return { from: `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}`, to };
}
