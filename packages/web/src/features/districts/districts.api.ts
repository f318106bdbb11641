import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DistrictSchema, type UpdateDistrictInput } from '@forefront/contract';
import { api } from '../../api/client';
import { ME_QUERY_KEY } from '../../api/query-client';

export const districtKeys = {
  all: ['districts'] as const,
  one: (id: string) => ['districts', id] as const,
};

export function useDistrict(id: string) {
  return useQuery({
    queryKey: districtKeys.one(id),
    queryFn: ({ signal }) => api.get(`/api/districts/${encodeURIComponent(id)}`, DistrictSchema, undefined, signal),
  });
}

export function useUpdateDistrict(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateDistrictInput) =>
      api.patch(`/api/districts/${encodeURIComponent(id)}`, input, DistrictSchema),
    onSuccess: (district) => {
      queryClient.setQueryData(districtKeys.one(id), district);
      // The header and dashboard show the district's name from /api/me.
      void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
  });
}
