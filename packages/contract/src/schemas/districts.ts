import { z } from 'zod';
import { SchoolYearStartSchema, TimeZoneSchema } from '../district-clock.js';
import { IdSchema, NcesLeaIdSchema, NcesSchoolIdSchema, StateCodeSchema } from './common.js';

export const GRADES = ['PK', 'KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
export const GradeSchema = z.enum(GRADES);

export const DistrictSchema = z.object({
  id: IdSchema,
  ncesLeaId: z.string(),
  name: z.string(),
  state: z.string(),
  /** Minimum published cell size (DOMAIN.md section 9): 5 to 30, default 10. */
  suppressionMinN: z.number().int(),
  /** IANA zone of the district's wall clock: school years, months and exported dates are read on it. */
  timeZone: z.string(),
  /** First day of the school year, MM-DD (default 07-01). */
  schoolYearStart: z.string(),
  createdAt: z.string(),
});
export type District = z.infer<typeof DistrictSchema>;

export const CreateDistrictInputSchema = z.object({
  ncesLeaId: NcesLeaIdSchema,
  name: z.string().trim().min(2).max(200),
  state: StateCodeSchema,
  /** Asked at setup (the state's most common zone preselected), never guessed silently. */
  timeZone: TimeZoneSchema,
  schoolYearStart: SchoolYearStartSchema.optional(),
});
export type CreateDistrictInput = z.infer<typeof CreateDistrictInputSchema>;

export const UpdateDistrictInputSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    suppressionMinN: z.number().int().min(5).max(30),
    timeZone: TimeZoneSchema,
    schoolYearStart: SchoolYearStartSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update', params: { rule: 'nothingToUpdate' } });
export type UpdateDistrictInput = z.infer<typeof UpdateDistrictInputSchema>;

export const SchoolSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  ncesSchoolId: z.string(),
  name: z.string(),
  gradeLow: GradeSchema,
  gradeHigh: GradeSchema,
  enrollment: z.number().int(),
  createdAt: z.string(),
});
export type School = z.infer<typeof SchoolSchema>;

const schoolFields = {
  ncesSchoolId: NcesSchoolIdSchema,
  name: z.string().trim().min(2).max(200),
  gradeLow: GradeSchema,
  gradeHigh: GradeSchema,
  enrollment: z.number().int().min(0).max(100_000),
};
const gradeOrder = (v: { gradeLow?: string; gradeHigh?: string }) =>
  v.gradeLow === undefined ||
  v.gradeHigh === undefined ||
  GRADES.indexOf(v.gradeLow as never) <= GRADES.indexOf(v.gradeHigh as never);

export const CreateSchoolInputSchema = z.object(schoolFields).refine(gradeOrder, {
  message: 'The lowest grade must not be above the highest',
  path: ['gradeHigh'],
  params: { rule: 'gradeOrder' },
});
export type CreateSchoolInput = z.infer<typeof CreateSchoolInputSchema>;

export const UpdateSchoolInputSchema = z
  .object(schoolFields)
  .omit({ ncesSchoolId: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update', params: { rule: 'nothingToUpdate' } })
  .refine(gradeOrder, {
    message: 'The lowest grade must not be above the highest',
    path: ['gradeHigh'],
    params: { rule: 'gradeOrder' },
  });
export type UpdateSchoolInput = z.infer<typeof UpdateSchoolInputSchema>;

/** What anyone may see about a district without signing in. */
export const PublicDistrictSchema = z.object({
  id: IdSchema,
  name: z.string(),
  state: z.string(),
  ncesLeaId: z.string(),
  schools: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      ncesSchoolId: z.string(),
      gradeLow: GradeSchema,
      gradeHigh: GradeSchema,
      enrollment: z.number().int(),
    }),
  ),
});
export type PublicDistrict = z.infer<typeof PublicDistrictSchema>;
