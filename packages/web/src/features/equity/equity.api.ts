import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { EquityAuditSchema, type EquityQuery } from '@forefront/contract';
import { api } from '../../api/client';

export function useEquityAudit(districtId: string, query: EquityQuery) {
  return useQuery({
    queryKey: ['districts', districtId, 'equity', query],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/equity`, EquityAuditSchema, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
