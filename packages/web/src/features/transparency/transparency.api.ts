import { useQuery } from '@tanstack/react-query';
import {
  CpiTableSchema,
  CrdcDistrictBenchmarkAnswerSchema,
  TransparencyIndexSchema,
  TransparencyReportSchema,
  type TransparencyTableKey,
} from '@forefront/contract';
import { api, isApiError } from '../../api/client';

/** The federal benchmark year the public pages compare against (the latest CRDC on file). */
export const CRDC_YEAR = '2020-21';

export type Scope = { kind: 'district'; id: string } | { kind: 'school'; id: string };

const enc = encodeURIComponent;

/** Where a scope's figures live in the public API; the open-data files hang off the same path. */
export function reportPath(scope: Scope, year: string): string {
  const base =
    scope.kind === 'district' ? `/api/public/districts/${enc(scope.id)}` : `/api/public/schools/${enc(scope.id)}`;
  return `${base}/transparency/${enc(year)}`;
}

export function tableFileUrl(scope: Scope, year: string, table: TransparencyTableKey, format: 'csv' | 'json'): string {
  return `${reportPath(scope, year)}/tables/${table}.${format}`;
}

export function reportFileUrl(scope: Scope, year: string, format: 'json' | 'pdf', lang: string): string {
  return format === 'pdf'
    ? `${reportPath(scope, year)}/report.pdf?lang=${lang === 'es' ? 'es' : 'en'}`
    : `${reportPath(scope, year)}/report.json`;
}

export const transparencyKeys = {
  index: (districtId: string) => ['public', 'transparency', 'index', districtId] as const,
  report: (scope: Scope, year: string) => ['public', 'transparency', scope.kind, scope.id, year] as const,
  benchmark: (districtId: string) => ['public', 'benchmarks', districtId, CRDC_YEAR] as const,
  cpi: ['public', 'benchmarks', 'cpi-2017-18'] as const,
};

// Published figures change once a year at most: keep them for the visit instead of refetching.
const staleTime = 10 * 60_000;
// A 404 is an answer ("nothing published"), not a hiccup worth retrying.
const retry = (count: number, error: unknown) => !isApiError(error, 404) && count < 2;

export function useTransparencyIndex(districtId: string) {
  return useQuery({
    queryKey: transparencyKeys.index(districtId),
    queryFn: ({ signal }) =>
      api.get(`/api/public/districts/${enc(districtId)}/transparency`, TransparencyIndexSchema, undefined, signal),
    staleTime,
    retry,
  });
}

export function useTransparencyReport(scope: Scope, year: string | null) {
  return useQuery({
    queryKey: transparencyKeys.report(scope, year ?? ''),
    queryFn: ({ signal }) => api.get(reportPath(scope, year ?? ''), TransparencyReportSchema, undefined, signal),
    enabled: year !== null,
    staleTime,
    retry,
  });
}

export function useDistrictBenchmark(districtId: string) {
  return useQuery({
    queryKey: transparencyKeys.benchmark(districtId),
    queryFn: ({ signal }) =>
      api.get(
        `/api/public/districts/${enc(districtId)}/benchmarks/${CRDC_YEAR}`,
        CrdcDistrictBenchmarkAnswerSchema,
        undefined,
        signal,
      ),
    staleTime,
    retry,
  });
}

export function useCpiTable() {
  return useQuery({
    queryKey: transparencyKeys.cpi,
    queryFn: ({ signal }) => api.get('/api/public/benchmarks/cpi-2017-18', CpiTableSchema, undefined, signal),
    staleTime: Infinity,
    retry,
  });
}
