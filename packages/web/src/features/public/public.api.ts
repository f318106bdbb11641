import { useQuery } from '@tanstack/react-query';
import { PublicDistrictSchema, type PublicDistrict } from '@forefront/contract';
import { api, type ResponseSchema } from '../../api/client';

export type PublicDistrictSummary = Omit<PublicDistrict, 'schools'>;

const PublicDistrictSummarySchema = PublicDistrictSchema.omit({ schools: true });

/** The server answers `{ items }` (no paging: a state has at most a few hundred districts). */
const PublicDistrictListSchema: ResponseSchema<PublicDistrictSummary[]> = {
  safeParse: (data) => PublicDistrictSummarySchema.array().safeParse((data as { items?: unknown } | undefined)?.items),
};

export const publicKeys = {
  districts: ['public', 'districts'] as const,
  district: (id: string) => ['public', 'districts', id] as const,
};

export function usePublicDistricts() {
  return useQuery({
    queryKey: publicKeys.districts,
    queryFn: ({ signal }) => api.get('/api/public/districts', PublicDistrictListSchema, undefined, signal),
  });
}

export function usePublicDistrict(id: string) {
  return useQuery({
    queryKey: publicKeys.district(id),
    queryFn: ({ signal }) =>
      api.get(`/api/public/districts/${encodeURIComponent(id)}`, PublicDistrictSchema, undefined, signal),
  });
}
