import { z } from 'zod';
import { RaceSchema, SexSchema } from '../taxonomy.js';
import { GradeSchema } from './districts.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';

/**
 * The district's student roster (imported from OneRoster 1.1 CSV plus a flags CSV for what
 * OneRoster lacks: IDEA, Section 504, English learner). Student-level data: every read is audited.
 */
export const StudentSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  schoolId: IdSchema,
  /** The district's own student id (OneRoster `identifier`, or `sourcedId` when empty). */
  localId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  grade: GradeSchema,
  race: RaceSchema,
  sex: SexSchema,
  /** Student with a disability served under IDEA. */
  idea: z.boolean(),
  /** Served under Section 504 only (not IDEA): CRDC counts these separately. */
  section504: z.boolean(),
  englishLearner: z.boolean(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Student = z.infer<typeof StudentSchema>;

export const StudentListQuerySchema = PageQuerySchema.extend({
  schoolId: IdSchema.optional(),
  /** Name or local id prefix (the incident form's student picker). */
  q: z.string().trim().max(100).optional(),
});
export const StudentPageSchema = pageOf(StudentSchema);
