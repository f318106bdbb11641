import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { AuditEntrySchema, AuditPeopleSchema, AuditVerifyResultSchema, pageOf } from '@forefront/contract';
import { api } from '../../api/client';

const AuditPageSchema = pageOf(AuditEntrySchema);

export interface AuditFilters {
  kind?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

export function useAuditEvents(districtId: string, filters: AuditFilters, page: { limit: number; offset: number }) {
  const query = { ...filters, ...page };
  return useQuery({
    queryKey: ['districts', districtId, 'audit', query],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/audit`, AuditPageSchema, query, signal),
    placeholderData: keepPreviousData,
    // Reading the log is itself logged, so do not re-read it behind the user's back.
    staleTime: Infinity,
  });
}

export function useVerifyAudit(districtId: string) {
  return useMutation({
    mutationFn: () =>
      api.post(`/api/districts/${encodeURIComponent(districtId)}/audit/verify`, undefined, AuditVerifyResultSchema),
  });
}

/** The district's people, for the "by person" filter (names and roles, disabled accounts too). */
export function useAuditPeople(districtId: string) {
  return useQuery({
    queryKey: ['districts', districtId, 'audit', 'people'],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/audit/people`, AuditPeopleSchema, undefined, signal),
    staleTime: 60_000,
  });
}
