import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateTrainingRecordInput,
  OfficerTrainingRecordsSchema,
  TrainingRecordQueueSchema,
  TrainingRecordSchema,
  type TrainingRecordStatus,
} from '@forefront/contract';
import { api, request } from '../../api/client';

/** Completion records (issue 14 item 3): an officer's file, one's own file, the review queue. */
const enc = encodeURIComponent;

export const trainingRecordKeys = {
  all: ['training-records'] as const,
  officer: (id: string) => ['training-records', 'officer', id] as const,
  mine: ['training-records', 'mine'] as const,
  queue: (districtId: string) => ['training-records', 'queue', districtId] as const,
};

/** Whose file a form writes to: an officer's (a coordinator enters it) or the signed-in officer's own. */
export type RecordOwner = { officerId: string } | 'me';

const recordsPath = (owner: RecordOwner) =>
  owner === 'me' ? '/api/me/training-records' : `/api/officers/${enc(owner.officerId)}/training-records`;
const certificatePath = (owner: RecordOwner, recordId: string) =>
  owner === 'me'
    ? `/api/me/training-records/${enc(recordId)}/certificate`
    : `/api/training-records/${enc(recordId)}/certificate`;

/** The certificate download (a plain link: the session cookie goes with it). */
export const certificateHref = (recordId: string) => `/api/training-records/${enc(recordId)}/certificate`;

export function useTrainingRecords(owner: RecordOwner) {
  return useQuery({
    queryKey: owner === 'me' ? trainingRecordKeys.mine : trainingRecordKeys.officer(owner.officerId),
    queryFn: ({ signal }) => api.get(recordsPath(owner), OfficerTrainingRecordsSchema, undefined, signal),
    retry: false,
  });
}

export function useAddTrainingRecord(owner: RecordOwner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTrainingRecordInput) => api.post(recordsPath(owner), input, TrainingRecordSchema),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trainingRecordKeys.all }),
  });
}

export function useUploadCertificate(owner: RecordOwner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recordId, file }: { recordId: string; file: File }) => {
      const form = new FormData();
      form.append('certificate', file);
      return request('PUT', certificatePath(owner, recordId), { body: form, schema: TrainingRecordSchema });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: trainingRecordKeys.all }),
  });
}

export function useTrainingQueue(
  districtId: string,
  status: TrainingRecordStatus,
  page: { limit: number; offset: number },
) {
  const query = { status, ...page };
  return useQuery({
    queryKey: [...trainingRecordKeys.queue(districtId), query],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${enc(districtId)}/training-records`, TrainingRecordQueueSchema, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReviewRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recordId, decision, note }: { recordId: string; decision: 'approve' | 'reject'; note?: string }) =>
      api.post(`/api/training-records/${enc(recordId)}/${decision}`, note ? { note } : {}, TrainingRecordSchema),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trainingRecordKeys.all }),
  });
}
