import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  InvitationCreatedSchema,
  InvitationSchema,
  OkSchema,
  UserSchema,
  pageOf,
  type InviteUserInput,
  type UpdateUserInput,
} from '@forefront/contract';
import { api } from '../../api/client';

const UserPageSchema = pageOf(UserSchema);
const InvitationPageSchema = pageOf(InvitationSchema);
type Page = { limit: number; offset: number };

export const userKeys = {
  ofDistrict: (districtId: string) => ['districts', districtId, 'users'] as const,
  page: (districtId: string, page: Page) => ['districts', districtId, 'users', page] as const,
  one: (id: string) => ['users', id] as const,
  invitations: (districtId: string) => ['districts', districtId, 'invitations'] as const,
  invitationPage: (districtId: string, page: Page) => ['districts', districtId, 'invitations', page] as const,
};

const districtPath = (districtId: string) => `/api/districts/${encodeURIComponent(districtId)}`;

export function useUsers(districtId: string, page: Page) {
  return useQuery({
    queryKey: userKeys.page(districtId, page),
    queryFn: ({ signal }) => api.get(`${districtPath(districtId)}/users`, UserPageSchema, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: userKeys.one(id),
    queryFn: ({ signal }) => api.get(`/api/users/${encodeURIComponent(id)}`, UserSchema, undefined, signal),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUserInput) => api.patch(`/api/users/${encodeURIComponent(id)}`, input, UserSchema),
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.one(id), user);
      if (user.districtId) void queryClient.invalidateQueries({ queryKey: userKeys.ofDistrict(user.districtId) });
    },
  });
}

export function useInvitations(districtId: string, page: Page) {
  return useQuery({
    queryKey: userKeys.invitationPage(districtId, page),
    queryFn: ({ signal }) => api.get(`${districtPath(districtId)}/invitations`, InvitationPageSchema, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useInviteUser(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteUserInput) =>
      api.post(`${districtPath(districtId)}/invitations`, input, InvitationCreatedSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.invitations(districtId) }),
  });
}

export function useRevokeInvitation(districtId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.post(
        `${districtPath(districtId)}/invitations/${encodeURIComponent(invitationId)}/revoke`,
        undefined,
        OkSchema,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.invitations(districtId) }),
  });
}
