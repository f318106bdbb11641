/**
 * Issue 15's threat assessment tables (migration 20261210T0101_threat_assessment). `*Sealed`
 * columns hold text sealed with the district's data key (keys/district-key.ts); dates are
 * `YYYY-MM-DD`, times ISO.
 */
export interface ThreatSettingsTable {
  districtId: string;
  /** Protocol */
  protocol: string;
  /** The district's threshold for involving law enforcement, decided in advance (plain words). */
  leThreshold: string;
  equityThreshold: number;
  equityPublic: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface ThreatTeamTable {
  id: string;
  districtId: string;
  /** Null: the district's team. */
  schoolId: string | null;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface ThreatTeamMemberTable {
  teamId: string;
  userId: string;
  districtId: string;
  /** TeamRole */
  teamRole: string;
  addedAt: string;
}

export interface ThreatCaseTable {
  id: string;
  districtId: string;
  /** `TA-2026-0001`, per district (district_counters `threat_case:<year>`). */
  number: string;
  schoolId: string;
  teamId: string;
  studentId: string;
  /** Protocol, fixed at intake: a later change of the district's protocol leaves open cases alone. */
  protocol: string;
  /** CaseSource */
  source: string;
  incidentId: string | null;
  tipId: string | null;
  /** CaseStatus */
  status: string;
  reportedBy: string | null;
  concernSealed: string;
  openedAt: string;
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
  iepCheckedAt: string | null;
  iepCheckedBy: string | null;
  iepNoteSealed: string | null;
  classification: string | null;
  /** Severity of the classification */
  severity: string | null;
  rationaleSealed: string | null;
  classifiedAt: string | null;
  classifiedBy: string | null;
  screeningAt: string | null;
  screeningBy: string | null;
  screeningSealed: string | null;
  leInvolved: number;
  leReasonSealed: string | null;
  safetyPlanSealed: string | null;
  safetyPlanAt: string | null;
  /** CaseOutcome */
  outcome: string | null;
  closureSealed: string | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface CaseChild {
  id: string;
  districtId: string;
  caseId: string;
}

export interface ThreatCaseNoteTable extends CaseChild {
  authorId: string | null;
  /** CaseRecordClass, derived from the author's role and purpose (FERPA 99.8). */
  recordClass: string;
  bodySealed: string;
  createdAt: string;
}

export interface ThreatInterviewTable extends CaseChild {
  intervieweeKind: string;
  intervieweeSealed: string;
  interviewedAt: string;
  interviewerId: string | null;
  summarySealed: string;
  createdAt: string;
}

export interface ThreatCaseThemeTable extends CaseChild {
  /** NtacTheme */
  theme: string;
  findingSealed: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface ThreatSafetyTaskTable extends CaseChild {
  titleSealed: string;
  ownerId: string;
  dueOn: string;
  /** TaskStatus */
  status: string;
  doneAt: string | null;
  createdAt: string;
}

export interface ThreatCheckinTable extends CaseChild {
  dueOn: string;
  ownerId: string;
  doneAt: string | null;
  noteSealed: string | null;
  createdAt: string;
}

export interface ThreatParentContactTable extends CaseChild {
  contactedAt: string;
  method: string;
  byUserId: string | null;
  noteSealed: string | null;
  createdAt: string;
}

export interface ThreatCaseSignoffTable extends CaseChild {
  userId: string;
  teamRole: string;
  signedAt: string;
}

export interface ThreatReminderTable {
  id: string;
  districtId: string;
  /** `task`, `checkin` or `referral` */
  subjectKind: string;
  subjectId: string;
  sentOn: string;
}
