import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { DisclosurePageSchema, type IncidentExportJobInput, JobSchema } from '@forefront/contract';
import { api } from '../../api/client';

/** The exports a district can start from the app, as job kinds (server: modules/jobs/job.kinds.ts). */
export const EXPORT_KINDS = [
  'incident.export.csv',
  'incident.export.edfi',
  'crdc.export',
  'crdc.export.layout',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
/** The exports that release student records, and so first record a FERPA 99.32 disclosure. */
export const RELEASES_RECORDS: readonly ExportKind[] = ['incident.export.csv', 'incident.export.edfi'];

export type ExportInput = { year?: string } | IncidentExportJobInput;

export function useStartExport(districtId: string) {
  return useMutation({
    mutationFn: ({ kind, input }: { kind: ExportKind; input: ExportInput }) =>
      api.post(`/api/districts/${encodeURIComponent(districtId)}/jobs`, { kind, input }, JobSchema),
  });
}

export interface DisclosureQuery {
  limit: number;
  offset: number;
  studentId?: string;
}

export function useDisclosures(districtId: string, query: DisclosureQuery) {
  return useQuery({
    queryKey: ['districts', districtId, 'disclosures', query],
    queryFn: ({ signal }) =>
      api.get(
        `/api/districts/${encodeURIComponent(districtId)}/disclosures`,
        DisclosurePageSchema,
        { ...query },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Students of the district matching a name or number, to filter the log (a parent's request). */
/** One student's record of disclosures as a PDF, in the reader's language. */
export const disclosurePdfUrl = (studentId: string, lang: string) =>
  `/api/students/${encodeURIComponent(studentId)}/disclosures.pdf?lang=${lang === 'es' ? 'es' : 'en'}`;
