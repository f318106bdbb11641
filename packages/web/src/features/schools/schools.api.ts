import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SchoolSchema, pageOf, type CreateSchoolInput, type UpdateSchoolInput } from '@forefront/contract';
import { api } from '../../api/client';

const SchoolPageSchema = pageOf(SchoolSchema);

export const schoolKeys = {
  ofDistrict: (districtId: string) => ['districts', districtId, 'schools'] as const,
  page: (districtId: string, page: { limit: number; offset: number }) =>
    ['districts', districtId, 'schools', page] as const,
  one: (id: string) => ['schools', id] as const,
};

export function useSchools(districtId: string, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: schoolKeys.page(districtId, page),
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/schools`, SchoolPageSchema, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSchool(id: string) {
  return useQuery({
    queryKey: schoolKeys.one(id),
    queryFn: ({ signal }) => api.get(`/api/schools/${encodeURIComponent(id)}`, SchoolSchema, undefined, signal),
  });
}

export function useCreateSchool(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSchoolInput) =>
      api.post(`/api/districts/${encodeURIComponent(districtId)}/schools`, input, SchoolSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: schoolKeys.ofDistrict(districtId) }),
  });
}

export function useUpdateSchool(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSchoolInput) => api.patch(`/api/schools/${encodeURIComponent(id)}`, input, SchoolSchema),
    onSuccess: (school) => {
      queryClient.setQueryData(schoolKeys.one(id), school);
      void queryClient.invalidateQueries({ queryKey: schoolKeys.ofDistrict(school.districtId) });
    },
  });
}
