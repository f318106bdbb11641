/** Issue 14's tables (migration 20261209T0101_training). Dates are `YYYY-MM-DD`, times ISO. */
export interface OfficerTable {
  id: string;
  districtId: string;
  userId: string | null;
  name: string;
  agency: string;
  badgeNumber: string;
  email: string | null;
  /** OfficerStatus */
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface OfficerAssignmentTable {
  id: string;
  districtId: string;
  officerId: string;
  schoolId: string;
  startsOn: string;
  endsOn: string | null;
  /** What the gate said: `met`, `warned`, `exception` or `off`. */
  gate: string;
  exceptionId: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface TrainingStandardTable {
  districtId: string;
  /** TrainingPreset or `custom` */
  preset: string;
  /** JSON array of TrainingRule */
  rules: string;
  /** GateMode */
  gateMode: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface TrainingCredentialTypeTable {
  id: string;
  districtId: string;
  key: string;
  nameEn: string;
  nameEs: string;
  validityMonths: number | null;
  createdAt: string;
}

export interface TrainingCourseTable {
  id: string;
  districtId: string;
  title: string;
  provider: string;
  minutes: number;
  /** JSON array of TrainingTopic */
  topics: string;
  credentialKey: string | null;
  /** 1 or 0 (portable boolean) */
  active: number;
  createdAt: string;
}

export interface TrainingRecordTable {
  id: string;
  districtId: string;
  officerId: string;
  courseId: string | null;
  title: string;
  provider: string;
  minutes: number;
  /** JSON array of TrainingTopic */
  topics: string;
  credentialKey: string | null;
  completedOn: string;
  expiresOn: string | null;
  /** TrainingRecordStatus */
  status: string;
  /** `entry` (typed in) or `import` (an agency transcript) */
  source: string;
  createdBy: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  createdAt: string;
}

export interface TrainingCertificateTable {
  id: string;
  districtId: string;
  recordId: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  contentBase64: string;
  createdAt: string;
}

export interface AssignmentExceptionTable {
  id: string;
  districtId: string;
  officerId: string;
  /** null: any school */
  schoolId: string | null;
  reason: string;
  approvedBy: string;
  expiresOn: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface TrainingReminderTable {
  id: string;
  districtId: string;
  officerId: string;
  ruleKey: string;
  lapsesOn: string;
  daysBefore: number;
  sentAt: string;
}

export interface OfficerActivityTable {
  id: string;
  districtId: string;
  officerId: string;
  schoolId: string | null;
  activityOn: string;
  /** ActivityKind */
  kind: string;
  minutes: number;
  /** Sealed with the data key (keys/): a note may name a student. */
  noteSealed: string | null;
  createdBy: string | null;
  createdAt: string;
}
