import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ExceptionPageSchema,
  LinkableAccountsSchema,
  MyOfficerSchema,
  OfficerDetailSchema,
  OfficerPageSchema,
  type AssignmentCreateInput,
  type ExceptionCreateInput,
  type OfficerCreateInput,
  type OfficerDetail,
  type OfficerPatchInput,
} from '@forefront/contract';
import { api } from '../../api/client';

export interface OfficerQuery {
  limit: number;
  offset: number;
  q?: string;
  status?: 'active' | 'inactive' | 'all';
  schoolId?: string;
  compliance?: 'compliant' | 'expiring' | 'not_compliant';
}

export const officerKeys = {
  all: ['officers'] as const,
  page: (districtId: string, query: OfficerQuery) => ['officers', 'district', districtId, query] as const,
  one: (id: string) => ['officers', id] as const,
  exceptions: (districtId: string, query: object) => ['officers', 'exceptions', districtId, query] as const,
  mine: ['officers', 'me'] as const,
  linkable: (districtId: string) => ['officers', 'linkable', districtId] as const,
};

/** SRO accounts no roster entry links yet (the officer page's account picker). */
export function useLinkableAccounts(districtId: string, enabled: boolean) {
  return useQuery({
    queryKey: officerKeys.linkable(districtId),
    queryFn: ({ signal }) =>
      api.get(
        `/api/districts/${encodeURIComponent(districtId)}/officers/linkable-accounts`,
        LinkableAccountsSchema,
        undefined,
        signal,
      ),
    enabled,
  });
}

export function useOfficers(districtId: string, query: OfficerQuery) {
  return useQuery({
    queryKey: officerKeys.page(districtId, query),
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/officers`, OfficerPageSchema, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOfficer(id: string) {
  return useQuery({
    queryKey: officerKeys.one(id),
    queryFn: ({ signal }) => api.get(`/api/officers/${encodeURIComponent(id)}`, OfficerDetailSchema, undefined, signal),
  });
}

export function useMyOfficer() {
  return useQuery({
    queryKey: officerKeys.mine,
    queryFn: ({ signal }) => api.get('/api/me/officer', MyOfficerSchema, undefined, signal),
  });
}

export function useExceptions(districtId: string, query: { limit: number; offset: number; state?: string }) {
  return useQuery({
    queryKey: officerKeys.exceptions(districtId, query),
    queryFn: ({ signal }) =>
      api.get(
        `/api/districts/${encodeURIComponent(districtId)}/assignment-exceptions`,
        ExceptionPageSchema,
        { ...query },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every write answers with the officer's page: keep it, and refresh the lists. */
function useOfficerWrite<I>(run: (input: I) => Promise<OfficerDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (officer) => {
      queryClient.setQueryData(officerKeys.one(officer.id), officer);
      void queryClient.invalidateQueries({ queryKey: officerKeys.all, predicate: (q) => q.queryKey[1] !== officer.id });
    },
  });
}

export const useCreateOfficer = (districtId: string) =>
  useOfficerWrite((input: OfficerCreateInput) =>
    api.post(`/api/districts/${encodeURIComponent(districtId)}/officers`, input, OfficerDetailSchema),
  );
export const useUpdateOfficer = (id: string) =>
  useOfficerWrite((input: OfficerPatchInput) =>
    api.patch(`/api/officers/${encodeURIComponent(id)}`, input, OfficerDetailSchema),
  );
export const useAssign = (id: string) =>
  useOfficerWrite((input: AssignmentCreateInput) =>
    api.post(`/api/officers/${encodeURIComponent(id)}/assignments`, input, OfficerDetailSchema),
  );
export const useEndAssignment = () =>
  useOfficerWrite((input: { assignmentId: string; endsOn: string }) =>
    api.post(
      `/api/assignments/${encodeURIComponent(input.assignmentId)}/end`,
      { endsOn: input.endsOn },
      OfficerDetailSchema,
    ),
  );
export const useApproveException = (id: string) =>
  useOfficerWrite((input: ExceptionCreateInput) =>
    api.post(`/api/officers/${encodeURIComponent(id)}/exceptions`, input, OfficerDetailSchema),
  );
export const useRevokeException = () =>
  useOfficerWrite((exceptionId: string) =>
    api.post(`/api/exceptions/${encodeURIComponent(exceptionId)}/revoke`, undefined, OfficerDetailSchema),
  );
