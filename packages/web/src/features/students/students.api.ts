import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ApiErrorSchema,
  type StudentImportInput,
  type StudentImportReport,
  StudentImportRejectedSchema,
  StudentImportReportSchema,
  StudentPageSchema,
  StudentSchema,
} from '@forefront/contract';
import { ApiError, api, getCsrfToken } from '../../api/client';

export interface StudentQuery {
  limit: number;
  offset: number;
  q?: string;
  schoolId?: string;
}

export const studentKeys = {
  ofDistrict: (districtId: string) => ['districts', districtId, 'students'] as const,
  page: (districtId: string, query: StudentQuery) => ['districts', districtId, 'students', query] as const,
  one: (id: string) => ['students', id] as const,
};

/** `enabled: false` waits (a search box with fewer than two letters typed). */
export function useStudents(districtId: string, query: StudentQuery, enabled = true) {
  return useQuery({
    queryKey: studentKeys.page(districtId, query),
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId)}/students`, StudentPageSchema, { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One student; null asks nothing (no student chosen yet). */
export function useStudent(id: string | null) {
  return useQuery({
    queryKey: studentKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get(`/api/students/${encodeURIComponent(id!)}`, StudentSchema, undefined, signal),
    enabled: id !== null,
  });
}

/**
 * The import answers 200 with the counts, or 422 with the per-row report: both are results to
 * show, so both resolve; anything else is an ApiError. XMLHttpRequest rather than fetch, because
 * only it reports upload progress (a large users.csv takes a while on a school network).
 */
export function uploadImport(
  districtId: string,
  input: StudentImportInput,
  onProgress: (fraction: number) => void,
): Promise<StudentImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/districts/${encodeURIComponent(districtId)}/students/import`);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, { code: 'network_error', message: 'The server could not be reached.' }));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      const ok = StudentImportReportSchema.safeParse(data);
      if (xhr.status === 200 && ok.success) return resolve(ok.data);
      const rejected = StudentImportRejectedSchema.safeParse(data);
      if (xhr.status === 422 && rejected.success) return resolve(rejected.data.report);
      const err = ApiErrorSchema.safeParse(data);
      reject(
        new ApiError(
          xhr.status,
          err.success ? err.data.error : { code: 'http_error', message: `${xhr.status} ${xhr.statusText}`.trim() },
        ),
      );
    };
    xhr.send(JSON.stringify(input));
  });
}

export function useImportStudents(districtId: string, onProgress: (fraction: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StudentImportInput) => uploadImport(districtId, input, onProgress),
    onSuccess: (report) => {
      if (report.accepted) void queryClient.invalidateQueries({ queryKey: studentKeys.ofDistrict(districtId) });
    },
  });
}
