import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  InvitationPreviewSchema,
  MeSchema,
  MfaEnrolmentDoneSchema,
  MfaEnrolmentSchema,
  OkSchema,
  SetupStatusSchema,
  SignInResultSchema,
  type SetupInput,
} from '@forefront/contract';
import { api, setCsrfToken } from '../../api/client';
import { ME_QUERY_KEY } from '../../api/query-client';

export function useMe(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => api.get('/api/me', MeSchema, undefined, signal),
    staleTime: 60_000,
    enabled: options.enabled,
  });
}

/** After any change of session (signed in, MFA passed, signed out) the cached "me" is wrong. */
function useResetSession() {
  const queryClient = useQueryClient();
  return () => queryClient.removeQueries({ queryKey: ME_QUERY_KEY });
}

export function useSignIn() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api.post('/api/auth/sign-in', input, SignInResultSchema),
    onSuccess: reset,
  });
}

export function useVerifyMfa() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: (code: string) => api.post('/api/auth/mfa/verify', { code: code.trim() }, SignInResultSchema),
    onSuccess: reset,
  });
}

export function useStartMfaEnrolment() {
  return useMutation({ mutationFn: () => api.post('/api/auth/mfa/enrol', undefined, MfaEnrolmentSchema) });
}

export function useConfirmMfaEnrolment() {
  const reset = useResetSession();
  return useMutation({
    mutationFn: (code: string) =>
      api.post('/api/auth/mfa/enrol/confirm', { code: code.trim() }, MfaEnrolmentDoneSchema),
    onSuccess: reset,
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/sign-out', undefined, OkSchema),
    // Whatever the server said, forget everything this session loaded.
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitations', token],
    queryFn: ({ signal }) =>
      api.get(`/api/invitations/${encodeURIComponent(token)}`, InvitationPreviewSchema, undefined, signal),
    staleTime: Infinity,
  });
}

export function useAcceptInvitation(token: string) {
  const reset = useResetSession();
  return useMutation({
    mutationFn: (password: string) =>
      api.post(`/api/invitations/${encodeURIComponent(token)}/accept`, { password }, SignInResultSchema),
    onSuccess: reset,
  });
}

export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup', 'status'],
    queryFn: ({ signal }) => api.get('/api/setup/status', SetupStatusSchema, undefined, signal),
  });
}

export function useSetup() {
  return useMutation({ mutationFn: (input: SetupInput) => api.post('/api/setup', input) });
}

/** Only same-site paths inside the staff app: a `next` parameter must not become an open redirect. */
export function safeNext(next: string | null): string {
  return next && /^\/app(\/|$|\?)/.test(next) ? next : '/app';
}
