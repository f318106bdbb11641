import { type ClauseKey, type IncidentDetail, type IncidentSummary, REFERRAL_ACTIONS } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import * as repo from './incident.repository.js';
import { loadIncidentInput } from './incident.save.js';
import type { IncidentRow } from './incident.table.js';

/** Builds the API shapes from rows; the response schemas strip anything not in the contract. */

type D = IncidentDetail;

export async function toIncidentDetail(db: Db, row: IncidentRow): Promise<IncidentDetail> {
  const [input, school, students, contacts, actions, reviews, flags, outside] = await Promise.all([
    loadIncidentInput(db, row),
    repo.findSchool(db, row.districtId, row.schoolId),
    repo.findStudentRows(db, row.id),
    repo.findContactRows(db, row.id),
    repo.findActionRows(db, row.id),
    repo.findReviewRows(db, row.id),
    repo.findFlagRows(db, row.id),
    repo.findOutsideReferralRows(db, row.id),
  ]);
  const names = await repo.findUserNames(db, [row.createdBy]);
  const titles = await repo.findClauseTitles(
    db,
    flags.map((f) => f.mouVersionId).filter((v): v is string => v !== null),
  );
  return {
    ...summaryFields(row, school?.name ?? ''),
    studentCount: students.length,
    // Outside law enforcement counts as an SRO's would (CRDC: any agency, any officer).
    arrest: actions.some((a) => a.action === 'arrested') || outside.some((r) => r.kind === 'arrest'),
    referral: actions.some((a) => REFERRAL_ACTIONS.includes(a.action as never)) || outside.length > 0,
    description: row.description,
    weapon: input.weapon,
    offenseAlleged: input.offenseAlleged,
    nibrsCodes: input.nibrsCodes,
    version: row.version,
    createdBy: row.createdBy,
    createdByName: names.get(row.createdBy) ?? '',
    students: students.map((s) => ({
      studentId: s.studentId,
      localId: s.localId,
      name: `${s.givenName} ${s.familyName}`,
      role: s.role as D['students'][number]['role'],
      snapshot: {
        grade: s.grade as D['students'][number]['snapshot']['grade'],
        race: s.race as never,
        sex: s.sex as never,
        idea: s.idea === 1,
        section504: s.section504 === 1,
        englishLearner: s.englishLearner === 1,
      },
    })),
    contacts: contacts.map((c, i) => ({
      ...input.contacts[i]!,
      id: c.id,
      officerName: c.officerName,
      responseMinutes: c.responseSeconds === null ? null : Math.round((c.responseSeconds / 60) * 10) / 10,
      actions: input.contacts[i]!.actions.map((a, ai) => ({
        ...a,
        id: actions.filter((x) => x.contactId === c.id)[ai]!.id,
      })),
    })),
    outsideReferrals: (input.outsideReferrals ?? []).map((r, i) => ({
      ...r,
      id: outside[i]!.id,
      referredByName: outside[i]!.referredByName ?? null,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      studentId: r.studentId,
      reviewedAt: r.reviewedAt,
      decision: r.decision as 'approved' | 'declined',
      note: r.note,
      reviewerId: r.reviewerId,
      reviewerName: r.reviewerName,
      recordedAt: r.recordedAt,
    })),
    flags: flags.map((f) => ({
      kind: f.kind as D['flags'][number]['kind'],
      officerId: f.officerId,
      officerName: f.officerName ?? '',
      clause: f.clause as ClauseKey | null,
      clauseTitle: (f.clause && f.mouVersionId && titles.get(f.mouVersionId)?.[f.clause]) || null,
      mouVersionId: f.mouVersionId,
      behavior: f.behavior as D['flags'][number]['behavior'],
      action: f.action as D['flags'][number]['action'],
      studentId: f.studentId,
    })),
    mouVersionId: row.mouVersionId,
  };
}

function summaryFields(row: IncidentRow, schoolName: string) {
  return {
    id: row.id,
    districtId: row.districtId,
    schoolId: row.schoolId,
    schoolName,
    number: row.number,
    occurredAt: row.occurredAt,
    location: row.location as IncidentSummary['location'],
    behaviors: JSON.parse(row.behaviors) as IncidentSummary['behaviors'],
    state: row.state as IncidentSummary['state'],
    recordClass: row.recordClass as IncidentSummary['recordClass'],
    flagCount: row.flagCount,
    updatedAt: row.updatedAt,
  };
}

export function toIncidentSummary(
  row: IncidentRow & { schoolName: string; studentCount: unknown; arrest: unknown; referral: unknown },
): IncidentSummary {
  return {
    ...summaryFields(row, row.schoolName),
    flagCount: Number(row.flagCount),
    studentCount: Number(row.studentCount),
    arrest: Boolean(Number(row.arrest)) || row.arrest === true,
    referral: Boolean(Number(row.referral)) || row.referral === true,
  };
}
