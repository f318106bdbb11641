import { z } from 'zod';
import { CredentialKeySchema, TrainingRecordStatusSchema, TrainingTopicSchema } from '../training.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';

/**
 * Issue 14 item 3: officers' completion records, their certificates, the coordinator's approval
 * and the transcript import. Hours travel as hours (quarters); the database keeps minutes.
 */
const TrainingDateSchema = z.iso.date();
const TitleSchema = z.string().trim().min(1).max(200);

/** More than 400 hours in one record is a typing mistake (a 40-hour course typed as 400 is still allowed). */
export const TRAINING_RECORD_MAX_HOURS = 400;
export const TrainingHoursSchema = z.number().positive().max(TRAINING_RECORD_MAX_HOURS).multipleOf(0.25);

/** A certificate is a PDF or a photo of one; its type is read from its content (magic bytes). */
export const TRAINING_CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024;
export const TRAINING_CERTIFICATE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

export const CreateTrainingRecordInputSchema = z.object({
  /** A course of the district's catalog: fills whatever of title, provider, hours, topics, credential is left out. */
  courseId: IdSchema.optional(),
  title: TitleSchema.optional(),
  provider: TitleSchema.optional(),
  hours: TrainingHoursSchema.optional(),
  topics: z.array(TrainingTopicSchema).max(20).optional(),
  credentialKey: CredentialKeySchema.nullable().optional(),
  completedOn: TrainingDateSchema,
  expiresOn: TrainingDateSchema.nullable().optional(),
});
export type CreateTrainingRecordInput = z.infer<typeof CreateTrainingRecordInputSchema>;

export const ReviewTrainingRecordInputSchema = z.object({ note: z.string().trim().max(1000).optional() });
export type ReviewTrainingRecordInput = z.infer<typeof ReviewTrainingRecordInputSchema>;

export const TrainingCertificateMetaSchema = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const TrainingRecordSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  officerId: IdSchema,
  courseId: IdSchema.nullable(),
  title: z.string(),
  provider: z.string(),
  hours: z.number(),
  topics: z.array(TrainingTopicSchema),
  credentialKey: z.string().nullable(),
  completedOn: z.string(),
  expiresOn: z.string().nullable(),
  status: TrainingRecordStatusSchema,
  /** `entry` (typed in) or `import` (an agency's transcript). */
  source: z.enum(['entry', 'import']),
  createdBy: IdSchema.nullable(),
  reviewedBy: IdSchema.nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  createdAt: z.string(),
  certificate: TrainingCertificateMetaSchema.nullable(),
  /** The first day the record stops counting under the district's standard; null: never. */
  lapsesOn: z.string().nullable(),
});
export type TrainingRecord = z.infer<typeof TrainingRecordSchema>;

export const TrainingOfficerRefSchema = z.object({
  id: IdSchema,
  name: z.string(),
  agency: z.string(),
  badgeNumber: z.string(),
});
export type TrainingOfficerRef = z.infer<typeof TrainingOfficerRefSchema>;

/** What the add-record form offers: the district's active catalog courses and credential types. */
export const TrainingCourseChoiceSchema = z.object({
  id: IdSchema,
  title: z.string(),
  provider: z.string(),
  hours: z.number(),
  topics: z.array(TrainingTopicSchema),
  credentialKey: z.string().nullable(),
});
export type TrainingCourseChoice = z.infer<typeof TrainingCourseChoiceSchema>;
export const TrainingCredentialChoiceSchema = z.object({ key: z.string(), nameEn: z.string(), nameEs: z.string() });

export const OfficerTrainingRecordsSchema = z.object({
  officer: TrainingOfficerRefSchema,
  districtId: IdSchema,
  items: z.array(TrainingRecordSchema),
  courses: z.array(TrainingCourseChoiceSchema),
  credentialTypes: z.array(TrainingCredentialChoiceSchema),
});
export type OfficerTrainingRecords = z.infer<typeof OfficerTrainingRecordsSchema>;

export const QueuedTrainingRecordSchema = TrainingRecordSchema.extend({ officer: TrainingOfficerRefSchema });
export type QueuedTrainingRecord = z.infer<typeof QueuedTrainingRecordSchema>;
export const TrainingRecordQueueQuerySchema = PageQuerySchema.extend({
  status: TrainingRecordStatusSchema.default('pending'),
});
export const TrainingRecordQueueSchema = pageOf(QueuedTrainingRecordSchema);
export type TrainingRecordQueue = z.infer<typeof TrainingRecordQueueSchema>;

/** The transcript CSV's columns, in the order the page documents them. */
export const TRAINING_IMPORT_COLUMNS = [
  'badge_number',
  'agency',
  'course_title',
  'provider',
  'hours',
  'topics',
  'credential',
  'completed_on',
  'expires_on',
] as const;
export const REQUIRED_TRAINING_IMPORT_COLUMNS = [
  'badge_number',
  'agency',
  'course_title',
  'provider',
  'hours',
  'completed_on',
] as const;

/** Why a transcript row was refused (`trainingRecords.importCodes.<code>` in the web app), with params. */
export const TRAINING_IMPORT_CODES = [
  'not_csv',
  'empty_file',
  'too_many_rows',
  'missing_column',
  'empty_value',
  'too_long',
  'unknown_officer',
  'bad_hours',
  'bad_date',
  'in_future',
  'expiry_before_completion',
  'unknown_topic',
  'unknown_credential',
  'duplicate_row',
] as const;
export type TrainingImportCode = (typeof TRAINING_IMPORT_CODES)[number];
/** A transcript has one row per completed course; a file past this is split. */
export const TRAINING_IMPORT_MAX_ROWS = 5000;

export const TrainingImportJobInputSchema = z.object({
  csv: z.string().min(1),
  fileName: z.string().trim().min(1).max(200).optional(),
  dryRun: z.boolean().optional(),
});
export type TrainingImportJobInput = z.infer<typeof TrainingImportJobInputSchema>;

export const TrainingImportRowErrorSchema = z.object({
  /** The file's line number (the header is row 1). */
  row: z.number().int(),
  code: z.enum(TRAINING_IMPORT_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type TrainingImportRowError = z.infer<typeof TrainingImportRowErrorSchema>;

export const TrainingImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** True when the rows were written (never for a dry run). */
  accepted: z.boolean(),
  rows: z.number().int(),
  /** Records written (real run) or that would be written (dry run, when every row is good). */
  records: z.number().int(),
  officers: z.number().int(),
  errors: z.array(TrainingImportRowErrorSchema),
  /** Errors past the first 200 are counted, not listed. */
  errorCount: z.number().int(),
});
export type TrainingImportReport = z.infer<typeof TrainingImportReportSchema>;
