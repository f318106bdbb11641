import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ComplianceDashboardSchema } from '@forefront/contract';
import { api } from '../../api/client';

export interface ComplianceFilter {
  status?: string;
  schoolId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** The compliance dashboard (GET /api/districts/:id/training/compliance). */
export function useCompliance(districtId: string, filter: ComplianceFilter) {
  return useQuery({
    queryKey: ['districts', districtId, 'training', 'compliance', filter],
    queryFn: ({ signal }) =>
      api.get(
        `/api/districts/${encodeURIComponent(districtId)}/training/compliance`,
        ComplianceDashboardSchema,
        { ...filter },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
