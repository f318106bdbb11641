import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CaseCountsSchema,
  CaseDetailSchema,
  CasePageSchema,
  TeamCandidateListSchema,
  TeamListSchema,
  TeamSchema,
  ThreatReportReceiptSchema,
  ThreatSettingsSchema,
  type TeamInput,
  type TeamMembersInput,
  type ThreatReportInput,
  type ThreatSettingsInput,
} from '@forefront/contract';
import { api, type ResponseSchema } from '../../api/client';

const districtPath = (id: string) => `/api/districts/${encodeURIComponent(id)}`;
const casePath = (id: string) => `/api/threat-cases/${encodeURIComponent(id)}`;

export interface CaseQuery {
  limit: number;
  offset: number;
  status?: 'open' | 'closed';
  schoolId?: string;
  overdue?: 'true';
}

export const threatKeys = {
  all: ['threat'] as const,
  settings: (districtId: string) => ['threat', 'settings', districtId] as const,
  teams: (districtId: string) => ['threat', 'teams', districtId] as const,
  candidates: (districtId: string) => ['threat', 'candidates', districtId] as const,
  cases: (districtId: string, query: CaseQuery) => ['threat', 'cases', districtId, query] as const,
  counts: (districtId: string) => ['threat', 'counts', districtId] as const,
  case: (id: string) => ['threat', 'case', id] as const,
};

export function useThreatSettings(districtId: string, enabled = true) {
  return useQuery({
    queryKey: threatKeys.settings(districtId),
    queryFn: ({ signal }) =>
      api.get(`${districtPath(districtId)}/threat-settings`, ThreatSettingsSchema, undefined, signal),
    enabled,
  });
}

export function useSaveThreatSettings(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ThreatSettingsInput) =>
      api.put(`${districtPath(districtId)}/threat-settings`, input, ThreatSettingsSchema),
    onSuccess: (settings) => queryClient.setQueryData(threatKeys.settings(districtId), settings),
  });
}

export function useTeams(districtId: string) {
  return useQuery({
    queryKey: threatKeys.teams(districtId),
    queryFn: ({ signal }) => api.get(`${districtPath(districtId)}/threat-teams`, TeamListSchema, undefined, signal),
  });
}

export function useTeamCandidates(districtId: string, enabled: boolean) {
  return useQuery({
    queryKey: threatKeys.candidates(districtId),
    queryFn: ({ signal }) =>
      api.get(`${districtPath(districtId)}/threat-teams/candidates`, TeamCandidateListSchema, undefined, signal),
    enabled,
  });
}

export function useCreateTeam(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamInput) => api.post(`${districtPath(districtId)}/threat-teams`, input, TeamSchema),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: threatKeys.teams(districtId) }),
  });
}

export function useSetTeamMembers(districtId: string, teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamMembersInput) =>
      api.put(`/api/threat-teams/${encodeURIComponent(teamId)}/members`, input, TeamSchema),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: threatKeys.teams(districtId) }),
  });
}

export function useReportConcern(districtId: string) {
  return useMutation({
    mutationFn: (input: ThreatReportInput) =>
      api.post(`${districtPath(districtId)}/threat-reports`, input, ThreatReportReceiptSchema),
  });
}

export function useCases(districtId: string, query: CaseQuery, enabled = true) {
  return useQuery({
    queryKey: threatKeys.cases(districtId, query),
    queryFn: ({ signal }) => api.get(`${districtPath(districtId)}/threat-cases`, CasePageSchema, { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCaseCounts(districtId: string, enabled = true) {
  return useQuery({
    queryKey: threatKeys.counts(districtId),
    queryFn: ({ signal }) =>
      api.get(`${districtPath(districtId)}/threat-cases/counts`, CaseCountsSchema, undefined, signal),
    enabled,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: threatKeys.case(id),
    queryFn: ({ signal }) => api.get(casePath(id), CaseDetailSchema, undefined, signal),
    // A 404 is the answer for someone off the team: asking again will not change it.
    retry: false,
  });
}

type Verb = 'post' | 'patch' | 'put';

/**
 * A step of a case. Read the case again afterwards rather than trusting the answer's shape (a step
 * may answer with the case or with the child it made), and refresh the lists, whose step, overdue
 * count and status may have changed.
 */
export function useCaseStep<I>(caseId: string, verb: Verb, path: (input: I) => string, body?: (input: I) => unknown) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I): Promise<unknown> =>
      api[verb](`${casePath(caseId)}${path(input)}`, body ? body(input) : input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: threatKeys.case(caseId) });
      void queryClient.invalidateQueries({
        queryKey: threatKeys.all,
        predicate: (q) => q.queryKey[1] === 'cases' || q.queryKey[1] === 'counts',
      });
    },
  });
}

export interface FoundStudent {
  id: string;
  name: string;
  localId: string;
}

/**
 * The referral module's student search (GET /api/districts/:id/referral-students, policy
 * referral.write): support staff may not list the roster (student.list) but report concerns about
 * the students of their schools. Checked by hand: the schema lives with the referral module.
 */
const FoundStudentsAnswer: ResponseSchema<{ items: FoundStudent[] }> = {
  safeParse(data) {
    const items = (data as { items?: unknown } | null)?.items;
    const ok =
      Array.isArray(items) &&
      items.every(
        (i: unknown) =>
          typeof i === 'object' &&
          i !== null &&
          ['id', 'name', 'localId'].every((k) => typeof (i as Record<string, unknown>)[k] === 'string'),
      );
    if (!ok) return { success: false, error: new Error('not a list of students') };
    return {
      success: true,
      data: { items: (items as FoundStudent[]).map(({ id, name, localId }) => ({ id, name, localId })) },
    };
  },
};

export function useReferralStudentSearch(districtId: string, schoolId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['threat', 'referral-students', districtId, schoolId, q],
    queryFn: ({ signal }) =>
      api.get(`${districtPath(districtId)}/referral-students`, FoundStudentsAnswer, { schoolId, q }, signal),
    enabled: enabled && schoolId !== '',
    placeholderData: keepPreviousData,
  });
}
