import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ProviderInput,
  ProviderListSchema,
  ProviderSchema,
  type ReferralInput,
  ReferralPageSchema,
  ReferralSchema,
  type ReferralStatusInput,
  ReferralStudentListSchema,
} from '@forefront/contract';
import { api } from '../../api/client';

export interface ReferralFilters {
  status?: string;
  providerId?: string;
  overdue?: 'true';
}

const enc = encodeURIComponent;
const keys = {
  referrals: (districtId: string) => ['districts', districtId, 'referrals'] as const,
  providers: (districtId: string) => ['districts', districtId, 'providers'] as const,
  one: (id: string) => ['referrals', id] as const,
};

export function useReferrals(districtId: string, query: ReferralFilters & { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...keys.referrals(districtId), query],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${enc(districtId)}/referrals`, ReferralPageSchema, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReferral(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: ({ signal }) => api.get(`/api/referrals/${enc(id)}`, ReferralSchema, undefined, signal),
  });
}

export function useProviders(districtId: string) {
  return useQuery({
    queryKey: keys.providers(districtId),
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${enc(districtId)}/providers`, ProviderListSchema, undefined, signal),
  });
}

/** Students the referrer may pick; asks nothing until two characters are typed. */
export function useReferralStudents(districtId: string, q: string) {
  return useQuery({
    queryKey: ['districts', districtId, 'referral-students', q],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${enc(districtId)}/referral-students`, ReferralStudentListSchema, { q }, signal),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useMakeReferral(districtId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReferralInput) =>
      api.post(`/api/districts/${enc(districtId)}/referrals`, input, ReferralSchema),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.referrals(districtId) });
      void client.invalidateQueries({ queryKey: keys.providers(districtId) });
    },
  });
}

export function useMoveReferral(districtId: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReferralStatusInput) => api.post(`/api/referrals/${enc(id)}/status`, input, ReferralSchema),
    onSuccess: (r) => {
      client.setQueryData(keys.one(id), r);
      void client.invalidateQueries({ queryKey: keys.referrals(districtId) });
      void client.invalidateQueries({ queryKey: keys.providers(districtId) });
    },
  });
}

export function useSaveProvider(districtId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ProviderInput }) =>
      id
        ? api.patch(`/api/providers/${enc(id)}`, input, ProviderSchema)
        : api.post(`/api/districts/${enc(districtId)}/providers`, input, ProviderSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.providers(districtId) }),
  });
}
