import { z } from 'zod';
import {
  CredentialKeySchema,
  TrainingPresetSchema,
  TrainingRuleSchema,
  TrainingStandardSchema,
  TrainingTopicSchema,
} from '../training.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';

/**
 * Issue 14 item 2: the district's training standard and its catalog (courses, credential types).
 * The rules and presets are the contract's (training.ts); these are the API's shapes around them.
 */

/** The standard as saved, or the default with `saved: false` until the district saves one. */
export const TrainingStandardViewSchema = TrainingStandardSchema.extend({ saved: z.boolean() });
export type TrainingStandardView = z.infer<typeof TrainingStandardViewSchema>;

export const TrainingPresetListSchema = z.object({
  items: z.array(z.object({ preset: TrainingPresetSchema, rules: z.array(TrainingRuleSchema) })),
});
export type TrainingPresetList = z.infer<typeof TrainingPresetListSchema>;

/** A credential's validity: whole months, 1 to 20 years; null: it does not expire by itself. */
export const ValidityMonthsSchema = z.number().int().min(1).max(240).nullable();

export const CredentialTypeSchema = z.object({
  key: z.string(),
  nameEn: z.string(),
  nameEs: z.string(),
  validityMonths: z.number().int().nullable(),
  /** false: one of the contract's defaults the district has not changed. */
  saved: z.boolean(),
});
export type CredentialTypeView = z.infer<typeof CredentialTypeSchema>;
export const CredentialTypeListSchema = z.object({ items: z.array(CredentialTypeSchema) });
export type CredentialTypeList = z.infer<typeof CredentialTypeListSchema>;

/** The key is checked by the service after the district (CredentialKeySchema), so an unseen district answers 404 first. */
export const CredentialKeyParamsSchema = z.object({ id: IdSchema, key: z.string().min(1).max(64) });

const NameSchema = z.string().trim().min(2).max(120);
export const CredentialTypeInputSchema = z.object({
  nameEn: NameSchema,
  nameEs: NameSchema,
  validityMonths: ValidityMonthsSchema,
});
export type CredentialTypeInput = z.infer<typeof CredentialTypeInputSchema>;

/** A course's length: whole quarters of an hour, more than none and at most 400 hours. */
export const CourseHoursSchema = z.number().positive().max(400).multipleOf(0.25);

const topicsSchema = z
  .array(TrainingTopicSchema)
  .max(11)
  .refine((t) => new Set(t).size === t.length, { params: { rule: 'topicOnce' } });

export const CreateCourseInputSchema = z.object({
  title: z.string().trim().min(2).max(200),
  provider: z.string().trim().min(2).max(200),
  hours: CourseHoursSchema,
  topics: topicsSchema,
  credentialKey: CredentialKeySchema.nullable().optional(),
});
export type CreateCourseInput = z.infer<typeof CreateCourseInputSchema>;

export const UpdateCourseInputSchema = CreateCourseInputSchema.partial()
  .extend({ active: z.boolean().optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { params: { rule: 'nothingToUpdate' } });
export type UpdateCourseInput = z.infer<typeof UpdateCourseInputSchema>;

export const CourseSchema = z.object({
  id: IdSchema,
  title: z.string(),
  provider: z.string(),
  hours: z.number(),
  topics: z.array(TrainingTopicSchema),
  credentialKey: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Course = z.infer<typeof CourseSchema>;
export const CoursePageSchema = pageOf(CourseSchema);
export type CoursePage = z.infer<typeof CoursePageSchema>;

export const CourseListQuerySchema = PageQuerySchema.extend({
  /** `true`: only courses offered now; `false`: only deactivated ones; absent: all. */
  active: z.enum(['true', 'false']).optional(),
});
export type CourseListQuery = z.infer<typeof CourseListQuerySchema>;

export const CourseIdParamsSchema = z.object({ courseId: IdSchema });
