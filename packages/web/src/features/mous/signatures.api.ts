import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  LinkSignedSchema,
  type LinkSignInput,
  MouDetailSchema,
  SigningCodeSentSchema,
  SigningDocumentSchema,
  SigningLinkSentSchema,
  SigningLinkViewSchema,
} from '@forefront/contract';
import { api } from '../../api/client';
import { mouKeys } from './mous.api';

/** Signing links and paper signatures (issue 12 item 5). */

const enc = encodeURIComponent;

export const signatureScanUrl = (mouId: string, signatureId: string) =>
  `/api/mous/${enc(mouId)}/signatures/${enc(signatureId)}/scan`;

export const useSendSigningLink = (mouId: string) =>
  useMutation({
    mutationFn: (signatoryId: string) =>
      api.post(
        `/api/mous/${enc(mouId)}/signatories/${enc(signatoryId)}/signing-link`,
        undefined,
        SigningLinkSentSchema,
      ),
  });

export function useRecordPaper(mouId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ signatoryId, version, scan }: { signatoryId: string; version: number; scan: File }) => {
      // The field first, then the file: the server reads the parts in order.
      const form = new FormData();
      form.append('version', String(version));
      form.append('scan', scan);
      return api.post(`/api/mous/${enc(mouId)}/signatories/${enc(signatoryId)}/paper-signature`, form, MouDetailSchema);
    },
    onSuccess: (mou) => {
      queryClient.setQueryData(mouKeys.one(mou.id), mou);
      void queryClient.invalidateQueries({ queryKey: mouKeys.ofDistrict(mou.districtId) });
    },
  });
}

const linkPath = (token: string, tail = '') => `/api/public/mou-signing/${enc(token)}${tail}`;

export const useSigningLink = (token: string) =>
  useQuery({
    queryKey: ['public', 'mou-signing', token],
    queryFn: ({ signal }) => api.get(linkPath(token), SigningLinkViewSchema, undefined, signal),
    retry: false,
  });

export const useSendSigningCode = (token: string) =>
  useMutation({ mutationFn: () => api.post(linkPath(token, '/code'), undefined, SigningCodeSentSchema) });

export const useVerifySigningCode = (token: string) =>
  useMutation({
    mutationFn: (code: string) => api.post(linkPath(token, '/verify'), { code }, SigningDocumentSchema),
  });

export const useSignByLink = (token: string) =>
  useMutation({ mutationFn: (input: LinkSignInput) => api.post(linkPath(token, '/sign'), input, LinkSignedSchema) });
