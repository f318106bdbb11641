import {
  recordLapseDate,
  type TrainingRecord,
  type TrainingRecordStatus,
  type TrainingRule,
  type TrainingTopic,
} from '@forefront/contract';
import type { RecordRow } from './training.record.repository.js';

/** A record row as the API sends it: hours from minutes, topics parsed, the lapse date under `rules`. */
export function toRecord(r: RecordRow, rules: readonly TrainingRule[]): TrainingRecord {
  const topics = JSON.parse(r.topics) as TrainingTopic[];
  const minutes = Number(r.minutes);
  return {
    id: r.id,
    districtId: r.districtId,
    officerId: r.officerId,
    courseId: r.courseId,
    title: r.title,
    provider: r.provider,
    hours: minutes / 60,
    topics,
    credentialKey: r.credentialKey,
    completedOn: r.completedOn,
    expiresOn: r.expiresOn,
    status: r.status as TrainingRecordStatus,
    source: r.source === 'import' ? 'import' : 'entry',
    createdBy: r.createdBy,
    reviewedBy: r.reviewedBy,
    reviewedByName: r.reviewedByName ?? null,
    reviewedAt: r.reviewedAt,
    reviewNote: r.reviewNote,
    createdAt: r.createdAt,
    certificate:
      r.certFileName === null || r.certFileName === undefined
        ? null
        : {
            fileName: r.certFileName,
            mediaType: r.certMediaType!,
            byteSize: Number(r.certByteSize),
            sha256: r.certSha256!,
            uploadedAt: r.certCreatedAt!,
          },
    lapsesOn: recordLapseDate(
      { completedOn: r.completedOn, minutes, topics, credential: r.credentialKey, expiresOn: r.expiresOn },
      rules,
    ),
  };
}

export const officerRef = (
  r: Pick<RecordRow, 'officerId' | 'officerName' | 'officerAgency' | 'officerBadgeNumber'>,
) => ({
  id: r.officerId,
  name: r.officerName,
  agency: r.officerAgency,
  badgeNumber: r.officerBadgeNumber,
});
