import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CourseListQuery,
  CoursePageSchema,
  CourseSchema,
  type CreateCourseInput,
  type CredentialTypeInput,
  CredentialTypeListSchema,
  TrainingPresetListSchema,
  type TrainingStandard,
  TrainingStandardViewSchema,
  type UpdateCourseInput,
} from '@forefront/contract';
import { api, request } from '../../api/client';

/** Issue 14 item 2: the district's training standard, presets, credential types and courses. */
const enc = encodeURIComponent;
const base = (districtId: string) => `/api/districts/${enc(districtId)}/training`;

export const trainingKeys = {
  all: (districtId: string) => ['districts', districtId, 'training'] as const,
  standard: (districtId: string) => ['districts', districtId, 'training', 'standard'] as const,
  presets: (districtId: string) => ['districts', districtId, 'training', 'presets'] as const,
  credentialTypes: (districtId: string) => ['districts', districtId, 'training', 'credential-types'] as const,
  courses: (districtId: string, q: Partial<CourseListQuery>) =>
    ['districts', districtId, 'training', 'courses', q] as const,
};

export function useTrainingStandard(districtId: string) {
  return useQuery({
    queryKey: trainingKeys.standard(districtId),
    queryFn: ({ signal }) => api.get(`${base(districtId)}/standard`, TrainingStandardViewSchema, undefined, signal),
  });
}

export function useTrainingPresets(districtId: string) {
  return useQuery({
    queryKey: trainingKeys.presets(districtId),
    queryFn: ({ signal }) => api.get(`${base(districtId)}/presets`, TrainingPresetListSchema, undefined, signal),
    staleTime: Infinity,
  });
}

export function useCredentialTypes(districtId: string) {
  return useQuery({
    queryKey: trainingKeys.credentialTypes(districtId),
    queryFn: ({ signal }) =>
      api.get(`${base(districtId)}/credential-types`, CredentialTypeListSchema, undefined, signal),
  });
}

export function useCourses(districtId: string, q: Partial<CourseListQuery>) {
  return useQuery({
    queryKey: trainingKeys.courses(districtId, q),
    queryFn: ({ signal }) => api.get(`${base(districtId)}/courses`, CoursePageSchema, q, signal),
  });
}

export function useSaveStandard(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TrainingStandard) =>
      request('PUT', `${base(districtId)}/standard`, { body: input, schema: TrainingStandardViewSchema }),
    onSuccess: (saved) => queryClient.setQueryData(trainingKeys.standard(districtId), saved),
  });
}

export function useSaveCredentialType(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, ...input }: CredentialTypeInput & { key: string }) =>
      request('PUT', `${base(districtId)}/credential-types/${enc(key)}`, {
        body: input,
        schema: CredentialTypeListSchema,
      }),
    onSuccess: (list) => queryClient.setQueryData(trainingKeys.credentialTypes(districtId), list),
  });
}

export function useCreateCourse(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCourseInput) => api.post(`${base(districtId)}/courses`, input, CourseSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...trainingKeys.all(districtId), 'courses'] }),
  });
}

export function useUpdateCourse(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateCourseInput & { id: string }) =>
      api.patch(`/api/training/courses/${enc(id)}`, input, CourseSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...trainingKeys.all(districtId), 'courses'] }),
  });
}
