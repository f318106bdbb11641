import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateMouInput,
  type CreateMouVersionInput,
  MouDetailSchema,
  MouDiffSchema,
  MouListSchema,
  PublicMouSchema,
  type SignInput,
  type SignatoryInput,
  type UpdateSignatoryInput,
} from '@forefront/contract';
import { api } from '../../api/client';

export const mouKeys = {
  ofDistrict: (districtId: string) => ['districts', districtId, 'mous'] as const,
  one: (id: string) => ['mous', id] as const,
  diff: (id: string, from: number | undefined, to: number | undefined) =>
    ['mous', id, 'diff', from ?? null, to ?? null] as const,
  public: (districtId: string) => ['public', 'districts', districtId, 'mou'] as const,
};

const enc = encodeURIComponent;

/** The PDF in the reader's language (the UI language); the server says in it which language was signed. */
export const mouPdfUrl = (id: string, version: number, lang: string) =>
  `/api/mous/${enc(id)}/versions/${version}/pdf?lang=${enc(lang)}`;

export function useMous(districtId: string) {
  return useQuery({
    queryKey: mouKeys.ofDistrict(districtId),
    queryFn: ({ signal }) => api.get(`/api/districts/${enc(districtId)}/mous`, MouListSchema, undefined, signal),
  });
}

export function useMou(id: string) {
  return useQuery({
    queryKey: mouKeys.one(id),
    queryFn: ({ signal }) => api.get(`/api/mous/${enc(id)}`, MouDetailSchema, undefined, signal),
  });
}

export function useMouDiff(id: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: mouKeys.diff(id, from, to),
    queryFn: ({ signal }) => api.get(`/api/mous/${enc(id)}/diff`, MouDiffSchema, { from, to }, signal),
  });
}

export function usePublicMou(districtId: string) {
  return useQuery({
    queryKey: mouKeys.public(districtId),
    queryFn: ({ signal }) =>
      api.get(`/api/public/districts/${enc(districtId)}/mou`, PublicMouSchema, undefined, signal),
  });
}

/** Every write answers with the whole MOU: put it in the cache and refresh the district's list. */
function useMouWrite<I>(mutate: (input: I) => Promise<import('@forefront/contract').MouDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mutate,
    onSuccess: (mou) => {
      queryClient.setQueryData(mouKeys.one(mou.id), mou);
      void queryClient.invalidateQueries({ queryKey: mouKeys.ofDistrict(mou.districtId) });
      void queryClient.invalidateQueries({ queryKey: ['mous', mou.id, 'diff'] });
    },
  });
}

export const useCreateMou = (districtId: string) =>
  useMouWrite((input: CreateMouInput) => api.post(`/api/districts/${enc(districtId)}/mous`, input, MouDetailSchema));
export const useCreateVersion = (id: string) =>
  useMouWrite((input: CreateMouVersionInput) => api.post(`/api/mous/${enc(id)}/versions`, input, MouDetailSchema));
export const useAddSignatory = (id: string) =>
  useMouWrite((input: SignatoryInput) => api.post(`/api/mous/${enc(id)}/signatories`, input, MouDetailSchema));
export const useUpdateSignatory = (id: string) =>
  useMouWrite(({ signatoryId, ...input }: UpdateSignatoryInput & { signatoryId: string }) =>
    api.patch(`/api/mous/${enc(id)}/signatories/${enc(signatoryId)}`, input, MouDetailSchema),
  );
export const useSign = (id: string) =>
  useMouWrite(({ signatoryId, ...input }: SignInput & { signatoryId: string }) =>
    api.post(`/api/mous/${enc(id)}/signatories/${enc(signatoryId)}/sign`, input, MouDetailSchema),
  );
