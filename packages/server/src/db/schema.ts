import type { AuditEventTable, AuditHeadTable } from '../modules/audit/audit.table.js';
import type { RecoveryCodeTable, SessionTable, UnknownSignInFailureTable } from '../modules/auth/auth.table.js';
import type { DistrictTable, SchoolTable } from '../modules/districts/district.table.js';
import type { CrdcSchoolTable } from '../modules/crdc/crdc.table.js';
import type { MailOutboxTable } from '../modules/mail/mail.table.js';
import type { SettingTable } from '../modules/setup/setting.table.js';
import type { FerpaDisclosureStudentTable, FerpaDisclosureTable } from '../modules/disclosures/disclosure.table.js';
import type {
  DistrictCounterTable,
  IncidentFlagTable,
  IncidentReviewTable,
  IncidentStudentTable,
  IncidentTable,
  IncidentVersionTable,
  OutsideReferralTable,
  RoleDriftFlagsMonthlyTable,
  RoleDriftMonthlyTable,
  SroActionTable,
  SroContactTable,
} from '../modules/incidents/incident.table.js';
import type {
  MouReminderTable,
  MouSignatoryTable,
  MouSignatureScanTable,
  MouSignatureTable,
  MouSigningLinkTable,
  MouTable,
  MouVersionTable,
} from '../modules/mous/mou.table.js';
import type { StudentDemographicsTable, StudentTable } from '../modules/students/student.table.js';
import type { SuppressionReleaseTable } from '../modules/suppression/suppression.table.js';
import type {
  TransparencyCountsTable,
  TransparencyPagesTable,
  TransparencyStudentsTable,
} from '../modules/transparency/transparency.table.js';
import type { JobFileTable, JobInputTable, JobTable, TransparencyReportFileTable } from '../modules/jobs/job.table.js';
import type {
  AssignmentExceptionTable,
  OfficerActivityTable,
  OfficerAssignmentTable,
  OfficerTable,
  TrainingCertificateTable,
  TrainingCourseTable,
  TrainingCredentialTypeTable,
  TrainingRecordTable,
  TrainingReminderTable,
  TrainingStandardTable,
} from '../modules/training/training.table.js';
import type { PublicTrainingPagesTable } from '../modules/transparency/transparency.training.table.js';
import type { PublicEquityPagesTable } from '../modules/equity/equity.table.js';
import type {
  ThreatCaseNoteTable,
  ThreatCaseSignoffTable,
  ThreatCaseTable,
  ThreatCaseThemeTable,
  ThreatCheckinTable,
  ThreatInterviewTable,
  ThreatParentContactTable,
  ThreatReminderTable,
  ThreatSafetyTaskTable,
  ThreatSettingsTable,
  ThreatTeamMemberTable,
  ThreatTeamTable,
} from '../modules/threats/threat.table.js';
import type { SupportProviderTable, SupportReferralTable } from '../modules/referrals/referral.table.js';
import type { DistrictKeyTable } from '../keys/district-key.table.js';
import type { InvitationTable, UserSchoolTable, UserTable } from '../modules/users/user.table.js';

/** The whole database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case SQL). */
export interface Database {
  districts: DistrictTable;
  schools: SchoolTable;
  users: UserTable;
  userSchools: UserSchoolTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  recoveryCodes: RecoveryCodeTable;
  unknownSignInFailures: UnknownSignInFailureTable;
  auditEvents: AuditEventTable;
  auditHeads: AuditHeadTable;
  mailOutbox: MailOutboxTable;
  settings: SettingTable;
  mous: MouTable;
  mouVersions: MouVersionTable;
  mouSignatories: MouSignatoryTable;
  mouSignatures: MouSignatureTable;
  mouReminders: MouReminderTable;
  mouSignatureScans: MouSignatureScanTable;
  mouSigningLinks: MouSigningLinkTable;
  students: StudentTable;
  studentDemographics: StudentDemographicsTable;
  districtCounters: DistrictCounterTable;
  incidents: IncidentTable;
  incidentVersions: IncidentVersionTable;
  incidentStudents: IncidentStudentTable;
  sroContacts: SroContactTable;
  sroActions: SroActionTable;
  outsideReferrals: OutsideReferralTable;
  incidentReviews: IncidentReviewTable;
  incidentFlags: IncidentFlagTable;
  roleDriftMonthly: RoleDriftMonthlyTable;
  roleDriftFlagsMonthly: RoleDriftFlagsMonthlyTable;
  ferpaDisclosures: FerpaDisclosureTable;
  ferpaDisclosureStudents: FerpaDisclosureStudentTable;
  crdcSchools: CrdcSchoolTable;
  suppressionReleases: SuppressionReleaseTable;
  transparencyStudents: TransparencyStudentsTable;
  transparencyCounts: TransparencyCountsTable;
  transparencyPages: TransparencyPagesTable;
  jobs: JobTable;
  jobInputs: JobInputTable;
  jobFiles: JobFileTable;
  transparencyReportFiles: TransparencyReportFileTable;
  officers: OfficerTable;
  officerAssignments: OfficerAssignmentTable;
  trainingStandards: TrainingStandardTable;
  trainingCredentialTypes: TrainingCredentialTypeTable;
  trainingCourses: TrainingCourseTable;
  trainingRecords: TrainingRecordTable;
  trainingCertificates: TrainingCertificateTable;
  assignmentExceptions: AssignmentExceptionTable;
  trainingReminders: TrainingReminderTable;
  officerActivities: OfficerActivityTable;
  publicTrainingPages: PublicTrainingPagesTable;
  publicEquityPages: PublicEquityPagesTable;
  // Issue 15: threat assessment, referrals to support services, district data keys.
  districtKeys: DistrictKeyTable;
  threatSettings: ThreatSettingsTable;
  threatTeams: ThreatTeamTable;
  threatTeamMembers: ThreatTeamMemberTable;
  threatCases: ThreatCaseTable;
  threatCaseNotes: ThreatCaseNoteTable;
  threatInterviews: ThreatInterviewTable;
  threatCaseThemes: ThreatCaseThemeTable;
  threatSafetyTasks: ThreatSafetyTaskTable;
  threatCheckins: ThreatCheckinTable;
  threatParentContacts: ThreatParentContactTable;
  threatCaseSignoffs: ThreatCaseSignoffTable;
  threatReminders: ThreatReminderTable;
  supportProviders: SupportProviderTable;
  supportReferrals: SupportReferralTable;
}
