import { z } from 'zod';
import { RoleSchema } from './roles.js';

/**
 * Every audit event kind, one schema each (ARCHITECTURE-GUIDE example 6). The server writes an
 * event in the same transaction as the change it records; reads of student-level data are events
 * too. Payloads name ids, never student names or free text, so the log itself leaks nothing.
 */
const Id = z.string();

export const AuditEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setup.completed'), districtId: Id, adminUserId: Id }),
  z.object({ kind: z.literal('district.created'), districtId: Id, ncesLeaId: z.string() }),
  z.object({ kind: z.literal('district.updated'), districtId: Id, fields: z.array(z.string()) }),
  // Issue 12.1: the district's clock moved; every date-derived figure is recomputed after it.
  z.object({
    kind: z.literal('district.clock_changed'),
    districtId: Id,
    from: z.object({ timeZone: z.string(), schoolYearStart: z.string() }),
    to: z.object({ timeZone: z.string(), schoolYearStart: z.string() }),
  }),
  z.object({
    kind: z.literal('district.clock_recomputed'),
    districtId: Id,
    timeZone: z.string(),
    schoolYearStart: z.string(),
    incidentsMoved: z.number().int(),
    republished: z.boolean(),
  }),
  z.object({ kind: z.literal('school.created'), schoolId: Id, ncesSchoolId: z.string() }),
  z.object({ kind: z.literal('school.updated'), schoolId: Id, fields: z.array(z.string()) }),
  z.object({ kind: z.literal('user.invited'), invitationId: Id, role: RoleSchema, schoolIds: z.array(Id) }),
  z.object({ kind: z.literal('invitation.revoked'), invitationId: Id }),
  z.object({ kind: z.literal('invitation.accepted'), invitationId: Id, userId: Id }),
  z.object({
    kind: z.literal('user.updated'),
    userId: Id,
    fields: z.array(z.string()),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('user.password_changed'), userId: Id }),
  z.object({ kind: z.literal('auth.signed_in'), userId: Id }),
  z.object({ kind: z.literal('auth.sign_in_failed'), userId: Id, reason: z.string() }),
  z.object({ kind: z.literal('auth.locked'), userId: Id, until: z.string() }),
  z.object({ kind: z.literal('auth.signed_out'), userId: Id }),
  z.object({ kind: z.literal('auth.mfa_enrolled'), userId: Id }),
  z.object({ kind: z.literal('auth.recovery_code_used'), userId: Id }),
  z.object({ kind: z.literal('audit.viewed'), filters: z.record(z.string(), z.string()) }),
  z.object({ kind: z.literal('audit.verified'), ok: z.boolean(), checked: z.number() }),
  z.object({ kind: z.literal('demo.loaded'), seed: z.number() }),
  // MOUs
  z.object({ kind: z.literal('mou.created'), mouId: Id }),
  z.object({ kind: z.literal('mou.version_created'), mouId: Id, mouVersionId: Id, version: z.number() }),
  z.object({ kind: z.literal('mou.signatory_changed'), mouId: Id, signatoryId: Id }),
  z.object({ kind: z.literal('mou.signed'), mouId: Id, mouVersionId: Id, signatoryId: Id }),
  // MOU signatures that are what they say (issue 12 item 5): how each was made, every step of a signing link
  z.object({
    kind: z.literal('mou.signature_method'),
    mouId: Id,
    signatureId: Id,
    method: z.enum(['staff_entered', 'electronic_account', 'electronic_link', 'paper']),
    scanSha256: z.string().nullable(),
  }),
  z.object({ kind: z.literal('mou.signing_link_sent'), mouId: Id, signatoryId: Id, linkId: Id }),
  z.object({ kind: z.literal('mou.signing_link_opened'), mouId: Id, linkId: Id }),
  z.object({ kind: z.literal('mou.signing_code_sent'), mouId: Id, linkId: Id, codeNumber: z.number() }),
  z.object({ kind: z.literal('mou.signing_code_failed'), mouId: Id, linkId: Id, attempts: z.number() }),
  z.object({ kind: z.literal('mou.signing_code_verified'), mouId: Id, linkId: Id }),
  z.object({ kind: z.literal('mou.signing_link_revoked'), mouId: Id, linkId: Id }),
  z.object({ kind: z.literal('mou.signature_scan_viewed'), mouId: Id, signatureId: Id }),
  // Students (every read of student-level data is an event: FERPA need-to-know is auditable)
  z.object({ kind: z.literal('student.imported'), created: z.number(), updated: z.number(), source: z.string() }),
  z.object({ kind: z.literal('student.listed'), schoolId: Id.nullable(), count: z.number(), studentIds: z.array(Id) }),
  z.object({ kind: z.literal('student.viewed'), studentId: Id }),
  // Incidents
  z.object({ kind: z.literal('incident.created'), incidentId: Id, schoolId: Id }),
  z.object({ kind: z.literal('incident.updated'), incidentId: Id, version: z.number() }),
  z.object({ kind: z.literal('incident.transitioned'), incidentId: Id, from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('incident.reviewed'), incidentId: Id, reviewId: Id, decision: z.string() }),
  z.object({ kind: z.literal('incident.reclassified'), incidentId: Id, from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('incident.viewed'), incidentId: Id }),
  z.object({ kind: z.literal('incident.listed'), count: z.number(), incidentIds: z.array(Id) }),
  z.object({ kind: z.literal('incident.imported'), rows: z.number(), incidents: z.number(), file: z.string() }),
  // Issue 13: a dry run of an import read the roster to check a file and wrote nothing else.
  z.object({
    kind: z.literal('incident.import_checked'),
    rows: z.number(),
    errors: z.number(),
    file: z.string(),
  }),
  // Exports and FERPA 99.32 disclosures
  z.object({ kind: z.literal('export.created'), format: z.string(), disclosureId: Id.nullable(), records: z.number() }),
  z.object({ kind: z.literal('database.restored'), file: z.string() }),
  // Issue 12.7: the disclosure log was looked at (it names whose records went where).
  z.object({ kind: z.literal('disclosure.viewed'), studentId: Id.nullable(), count: z.number() }),
  // Issue 12.7: a signed-in read of student data refused (403): who tried what, on which record.
  z.object({ kind: z.literal('access.refused'), action: z.string(), route: z.string(), resourceId: Id.nullable() }),
  // Issue 4: the public transparency report was (re)published; `changed` lists the years whose figures changed.
  z.object({
    kind: z.literal('transparency.published'),
    years: z.array(z.string()),
    changed: z.array(z.string()),
    minN: z.number(),
    /** How many schools' reports were published beside the district's (absent in events before issue 13). */
    schools: z.number().optional(),
  }),
  // Issue 13: a district administrator previewed a year's figures before publishing (nothing released).
  z.object({ kind: z.literal('transparency.previewed'), year: z.string(), minN: z.number() }),
  // Issue 12.6: long work as jobs (starting one is audited; its own work audits what it does).
  z.object({ kind: z.literal('job.started'), jobId: Id, jobKind: z.string(), rerunOf: Id.nullable() }),
  z.object({ kind: z.literal('job.cancelled'), jobId: Id }),
  z.object({ kind: z.literal('job.result_downloaded'), jobId: Id, jobKind: z.string() }),
  // Issue 14 item 2: the training standard and its catalog (no personal data: codes and ids only).
  z.object({
    kind: z.literal('training.standard_updated'),
    preset: z.string(),
    ruleKeys: z.array(z.string()),
    gateMode: z.string(),
  }),
  z.object({
    kind: z.literal('training.credential_type_saved'),
    key: z.string(),
    validityMonths: z.number().nullable(),
    created: z.boolean(),
  }),
  z.object({ kind: z.literal('training.course_created'), courseId: Id }),
  z.object({ kind: z.literal('training.course_updated'), courseId: Id, fields: z.array(z.string()) }),
  // Issue 14 item 4: officers' time outside incidents (the note is sealed and never in the log).
  z.object({
    kind: z.literal('activity.logged'),
    activityId: Id,
    officerId: Id,
    schoolId: Id.nullable(),
    activityOn: z.string(),
    activityKind: z.string(),
    minutes: z.number(),
  }),
  z.object({ kind: z.literal('activity.deleted'), activityId: Id, officerId: Id, activityOn: z.string() }),
  // The log's notes may name a student: reading a page of them is recorded.
  z.object({
    kind: z.literal('activity.listed'),
    count: z.number(),
    officerId: Id.nullable(),
    schoolId: Id.nullable(),
  }),
  // Issue 15 item 3: referrals to support services (ids only: the reason is sealed and never in the log).
  z.object({
    kind: z.literal('referral.made'),
    referralId: Id,
    studentId: Id,
    schoolId: Id,
    source: z.string(),
    caseId: Id.nullable(),
    /** The incident whose officer made it (not `incidentId`: the incident's own trail stays its own events). */
    fromIncidentId: Id.nullable(),
  }),
  z.object({ kind: z.literal('referral.viewed'), referralId: Id, studentId: Id }),
  z.object({ kind: z.literal('referral.listed'), count: z.number(), providerId: Id.nullable() }),
  z.object({ kind: z.literal('referral.students_searched'), count: z.number() }),
  z.object({
    kind: z.literal('referral.status_changed'),
    referralId: Id,
    studentId: Id,
    from: z.string(),
    to: z.string(),
    on: z.string(),
  }),
  z.object({ kind: z.literal('provider.created'), providerId: Id }),
  z.object({ kind: z.literal('provider.updated'), providerId: Id, fields: z.array(z.string()) }),
  // Issue 14: the SRO roster (staff, not students: the list, a page, every write), assignments and the gate.
  z.object({ kind: z.literal('officer.listed'), count: z.number(), officerIds: z.array(Id) }),
  z.object({ kind: z.literal('officer.viewed'), officerId: Id }),
  z.object({ kind: z.literal('officer.created'), officerId: Id, userId: Id.nullable() }),
  z.object({ kind: z.literal('officer.updated'), officerId: Id, fields: z.array(z.string()) }),
  z.object({
    kind: z.literal('assignment.created'),
    officerId: Id,
    assignmentId: Id,
    schoolId: Id,
    startsOn: z.string(),
    gate: z.string(),
    exceptionId: Id.nullable(),
    /** The gate's reason codes the officer was assigned despite (a warning confirmed, an exception). */
    reasons: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('assignment.blocked'),
    officerId: Id,
    schoolId: Id,
    startsOn: z.string(),
    reasons: z.array(z.string()),
  }),
  z.object({ kind: z.literal('assignment.ended'), officerId: Id, assignmentId: Id, schoolId: Id, endsOn: z.string() }),
  z.object({
    kind: z.literal('assignment.exception_approved'),
    officerId: Id,
    exceptionId: Id,
    schoolId: Id.nullable(),
    expiresOn: z.string(),
  }),
  z.object({ kind: z.literal('assignment.exception_revoked'), officerId: Id, exceptionId: Id }),
  // Issue 14: officers' completion records (ids only; the log labels them when read).
  z.object({ kind: z.literal('training.record_added'), officerId: Id, recordId: Id }),
  z.object({ kind: z.literal('training.record_submitted'), officerId: Id, recordId: Id }),
  z.object({ kind: z.literal('training.record_approved'), officerId: Id, recordId: Id }),
  z.object({ kind: z.literal('training.record_rejected'), officerId: Id, recordId: Id }),
  z.object({ kind: z.literal('training.records_viewed'), officerId: Id, count: z.number() }),
  z.object({ kind: z.literal('training.certificate_uploaded'), officerId: Id, recordId: Id }),
  z.object({ kind: z.literal('training.certificate_read'), officerId: Id, recordId: Id }),
  z.object({ kind: z.literal('training.imported'), rows: z.number(), records: z.number(), file: z.string() }),
  z.object({ kind: z.literal('training.import_checked'), rows: z.number(), errors: z.number(), file: z.string() }),
  // Issue 14 item 3: officers' compliance was read (the dashboard: a page of officers; or one officer).
  z.object({
    kind: z.literal('compliance.viewed'),
    officerId: Id.nullable(),
    count: z.number(),
    asOf: z.string(),
    /** The dashboard: the officers on the page shown. */
    officerIds: z.array(Id).optional(),
  }),
  // Issue 14 item 3: a reminder that an officer's training lapses (or is due) went out, once per threshold.
  z.object({
    kind: z.literal('training.reminder_sent'),
    officerId: Id,
    ruleKey: z.string(),
    lapsesOn: z.string(),
    daysBefore: z.number(),
    recipients: z.number(),
  }),
  // Issue 15: threat assessment. Payloads name ids and step names only: the texts are sealed, never logged.
  z.object({ kind: z.literal('threat_settings.updated'), protocol: z.string(), fields: z.array(z.string()) }),
  z.object({ kind: z.literal('threat_team.created'), teamId: Id, schoolId: Id.nullable() }),
  z.object({ kind: z.literal('threat_team.members_set'), teamId: Id, memberIds: z.array(Id) }),
  z.object({
    kind: z.literal('threat_case.opened'),
    caseId: Id,
    number: z.string(),
    source: z.string(),
    schoolId: Id,
    teamId: Id,
    incidentId: Id.nullable(),
    tipId: Id.nullable(),
  }),
  // No student id in these payloads: the log's readers (a district administrator) may be off the
  // team, and a student id there would tell them which student has a case.
  z.object({ kind: z.literal('threat_case.read'), caseId: Id }),
  z.object({ kind: z.literal('threat_case.listed'), count: z.number(), caseIds: z.array(Id) }),
  // Someone of the district was answered 404 on a case route: recorded for real and unknown ids
  // alike, so the log does not tell its readers which ids are cases.
  z.object({ kind: z.literal('threat_case.refused'), caseId: Id, route: z.string() }),
  z.object({ kind: z.literal('threat_case.step'), caseId: Id, step: z.string(), childId: Id.nullable() }),
  z.object({ kind: z.literal('threat_case.closed'), caseId: Id, outcome: z.string() }),
  // Issue 15 records (H5): the demo's threat assessment data, the case PDF and records requests, reminders.
  z.object({
    kind: z.literal('threat_records.demo_loaded'),
    teamIds: z.array(Id),
    providerIds: z.array(Id),
    caseIds: z.array(Id),
    referralIds: z.array(Id),
  }),
  z.object({ kind: z.literal('threat_records.pdf_read'), caseId: Id, lang: z.string(), disclosureId: Id.nullable() }),
  z.object({
    kind: z.literal('threat_records.reminder_sent'),
    subjectKind: z.enum(['task', 'checkin', 'referral']),
    subjectId: Id,
    caseId: Id.nullable(),
    recipients: z.number(),
  }),
]);
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type AuditEventKind = AuditEvent['kind'];
export const AUDIT_EVENT_KINDS = AuditEventSchema.options.map<AuditEventKind>((o) => o.shape.kind.value);
