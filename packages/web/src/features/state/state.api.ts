import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DistrictSchema, pageOf } from '@forefront/contract';
import { api } from '../../api/client';

const DistrictPageSchema = pageOf(DistrictSchema);

export function useStateDistricts(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ['state', 'districts', page],
    queryFn: ({ signal }) => api.get('/api/state/districts', DistrictPageSchema, page, signal),
    placeholderData: keepPreviousData,
  });
}
