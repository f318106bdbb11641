import type { Selectable } from 'kysely';

export interface DistrictCounterTable {
  districtId: string;
  name: string;
  value: number;
}

export interface IncidentTable {
  id: string;
  districtId: string;
  schoolId: string;
  /** Human-readable, per district: INC-2026-000123. */
  number: string;
  occurredAt: string;
  schoolYear: string;
  location: string;
  /** JSON array of behavior keys (contract taxonomy). */
  behaviors: string;
  description: string;
  weapon: string;
  offenseAlleged: number;
  /** JSON array of NIBRS codes. */
  nibrsCodes: string;
  state: string;
  recordClass: string;
  version: number;
  mouVersionId: string | null;
  flagCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}
export type IncidentRow = Selectable<IncidentTable>;

export interface IncidentVersionTable {
  id: string;
  districtId: string;
  incidentId: string;
  version: number;
  state: string;
  /** JSON of the whole incident as saved. */
  snapshot: string;
  changedBy: string;
  changedAt: string;
}

export interface IncidentStudentTable {
  id: string;
  districtId: string;
  incidentId: string;
  studentId: string;
  role: string;
  schoolId: string;
  schoolYear: string;
  grade: string;
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
  /** CRDC: referred to law enforcement (citations and arrests included). */
  referred: number;
  /** CRDC: school-related arrest. */
  arrested: number;
}

export interface SroContactTable {
  id: string;
  districtId: string;
  incidentId: string;
  officerId: string;
  purpose: string;
  involvement: string;
  reportedAt: string;
  arrivedAt: string | null;
  responseSeconds: number | null;
}

export interface SroActionTable {
  id: string;
  districtId: string;
  incidentId: string;
  contactId: string;
  action: string;
  studentId: string | null;
  at: string;
  emergency: number;
  emergencyReason: string | null;
  parentNotified: number;
  /** The incident behavior the action addresses; null: judged against the governing one. */
  behavior: string | null;
}

/** A referral to, or arrest by, law enforcement outside Forefront (issue 12). */
export interface OutsideReferralTable {
  id: string;
  districtId: string;
  incidentId: string;
  /** The incident's school and month (YYYY-MM), for the role-drift dashboard. */
  schoolId: string;
  month: string;
  kind: string;
  studentId: string;
  /** The staff member (user) who referred; null for an arrest nobody at school asked for. */
  referredBy: string | null;
  officerName: string;
  agency: string;
  badgeNumber: string | null;
  at: string;
  behavior: string | null;
}

export interface IncidentReviewTable {
  id: string;
  districtId: string;
  incidentId: string;
  studentId: string | null;
  reviewerId: string;
  reviewedAt: string;
  decision: string;
  note: string;
  recordedAt: string;
}

export interface IncidentFlagTable {
  id: string;
  districtId: string;
  incidentId: string;
  schoolId: string;
  officerId: string;
  month: string;
  kind: string;
  clause: string | null;
  mouVersionId: string | null;
  behavior: string | null;
  action: string | null;
  studentId: string | null;
}

export interface RoleDriftMonthlyTable {
  districtId: string;
  schoolId: string;
  officerId: string;
  month: string;
  contacts: number;
  routineContacts: number;
  classroomContacts: number;
  violations: number;
  arrests: number;
  referrals: number;
}

export interface RoleDriftFlagsMonthlyTable {
  districtId: string;
  schoolId: string;
  officerId: string;
  month: string;
  kind: string;
  count: number;
}
