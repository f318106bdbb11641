import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  IncidentDetailSchema,
  IncidentPageSchema,
  IncidentHistorySchema,
  StudentPageSchema,
  UserSchema,
  pageOf,
  type AdminReviewInput,
  type IncidentDetail,
  type IncidentInput,
  type IncidentState,
  type RecordClass,
} from '@forefront/contract';
import { api, request } from '../../api/client';

export interface IncidentFilters {
  schoolId?: string;
  state?: string;
  from?: string;
  to?: string;
  behavior?: string;
  flagged?: 'true';
}
type Page = { limit: number; offset: number };

export const incidentKeys = {
  ofDistrict: (districtId: string) => ['districts', districtId, 'incidents'] as const,
  list: (districtId: string, filters: IncidentFilters, page: Page) =>
    ['districts', districtId, 'incidents', filters, page] as const,
  one: (id: string) => ['incidents', id] as const,
  versions: (id: string) => ['incidents', id, 'versions'] as const,
  students: (districtId: string, schoolId: string, q: string) =>
    ['districts', districtId, 'students', schoolId, q] as const,
};

const districtPath = (districtId: string) => `/api/districts/${encodeURIComponent(districtId)}`;
const incidentPath = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export function useIncidents(districtId: string, filters: IncidentFilters, page: Page) {
  return useQuery({
    queryKey: incidentKeys.list(districtId, filters, page),
    queryFn: ({ signal }) =>
      api.get(`${districtPath(districtId)}/incidents`, IncidentPageSchema, { ...filters, ...page }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentKeys.one(id),
    queryFn: ({ signal }) => api.get(incidentPath(id), IncidentDetailSchema, undefined, signal),
  });
}

export function useIncidentVersions(id: string) {
  return useQuery({
    queryKey: incidentKeys.versions(id),
    queryFn: ({ signal }) => api.get(`${incidentPath(id)}/versions`, IncidentHistorySchema, undefined, signal),
  });
}

/** After any change the detail, its history and every list are stale. */
function useRefreshIncident() {
  const queryClient = useQueryClient();
  return (incident: { id: string; districtId: string }) => {
    void queryClient.invalidateQueries({ queryKey: incidentKeys.one(incident.id) });
    void queryClient.invalidateQueries({ queryKey: incidentKeys.versions(incident.id) });
    void queryClient.invalidateQueries({ queryKey: incidentKeys.ofDistrict(incident.districtId) });
    void queryClient.invalidateQueries({ queryKey: ['districts', incident.districtId, 'role-drift'] });
  };
}

/** Saves (creates or replaces) the incident, then moves it to `submit` when asked. */
export function useSaveIncident(districtId: string, id: string | null) {
  const refresh = useRefreshIncident();
  return useMutation({
    mutationFn: async ({ input, submit }: { input: IncidentInput; submit: boolean }): Promise<IncidentDetail> => {
      const saved = id
        ? await request('PUT', incidentPath(id), { body: input, schema: IncidentDetailSchema })
        : await api.post(`${districtPath(districtId)}/incidents`, input, IncidentDetailSchema);
      if (submit && saved.state === 'draft')
        await api.post(`${incidentPath(saved.id)}/transition`, { to: 'submitted' });
      return saved;
    },
    onSuccess: (saved) => refresh(saved),
  });
}

export function useTransition(incident: IncidentDetail) {
  const refresh = useRefreshIncident();
  return useMutation({
    mutationFn: (to: IncidentState) => api.post(`${incidentPath(incident.id)}/transition`, { to }),
    onSuccess: () => refresh(incident),
  });
}

export function useRecordReview(incident: IncidentDetail) {
  const refresh = useRefreshIncident();
  return useMutation({
    mutationFn: (input: AdminReviewInput) => api.post(`${incidentPath(incident.id)}/reviews`, input),
    onSuccess: () => refresh(incident),
  });
}

export function useReclassify(incident: IncidentDetail) {
  const refresh = useRefreshIncident();
  return useMutation({
    mutationFn: (input: { recordClass: RecordClass; reason: string }) =>
      api.post(`${incidentPath(incident.id)}/reclassify`, input),
    onSuccess: () => refresh(incident),
  });
}

/** The student picker: the roster of one school, by name or local id. */
export function useStudentSearch(districtId: string, schoolId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: incidentKeys.students(districtId, schoolId, q),
    queryFn: ({ signal }) =>
      api.get(`${districtPath(districtId)}/students`, StudentPageSchema, { schoolId, q, limit: 10 }, signal),
    enabled: enabled && schoolId !== '',
    placeholderData: keepPreviousData,
  });
}

const UserPageSchema = pageOf(UserSchema);

/** The district's officers, for administrators naming who was involved (SROs cannot list people). */
export function useOfficerChoices(districtId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['districts', districtId, 'users', 'officers'],
    queryFn: ({ signal }) =>
      api.get(`${districtPath(districtId)}/users`, UserPageSchema, { limit: 200, offset: 0 }, signal),
    select: (page) =>
      page.items.filter((u) => u.role === 'sro' && !u.disabled).map((u) => ({ id: u.id, displayName: u.displayName })),
    enabled,
  });
}

/** The district's active staff, for naming who made a referral to police (issue 12). */
export function useStaffChoices(districtId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['districts', districtId, 'users', 'staff'],
    queryFn: ({ signal }) =>
      api.get(`${districtPath(districtId)}/users`, UserPageSchema, { limit: 200, offset: 0 }, signal),
    select: (page) => page.items.filter((u) => !u.disabled).map((u) => ({ id: u.id, displayName: u.displayName })),
    enabled,
  });
}
