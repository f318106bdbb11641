import { addMonths, type CreateTrainingRecordInput, type TrainingTopic } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { type Issue, ValidationError } from '../../shared/errors.js';
import { credentialTypesOf } from './training.catalog.repository.js';
import { findCourse } from './training.record.repository.js';

/** What a record stores, once its input is checked and filled from the catalog. */
export interface RecordFields {
  courseId: string | null;
  title: string;
  provider: string;
  minutes: number;
  topics: TrainingTopic[];
  credentialKey: string | null;
  completedOn: string;
  expiresOn: string | null;
}

/**
 * The rules the schema cannot see: a course and a credential type of this district, completion
 * not after today (the district's date), expiry after completion. Every problem is reported at once;
 * nothing is written unless all pass. An expiry left out is filled from the credential's validity.
 */
export async function checkRecordInput(
  db: Db,
  districtId: string,
  input: CreateTrainingRecordInput,
  today: string,
): Promise<RecordFields> {
  const issues: Issue[] = [];
  const course = input.courseId === undefined ? undefined : await findCourse(db, districtId, input.courseId);
  if (input.courseId !== undefined && !course)
    issues.push({ path: 'courseId', message: 'No such course in the catalog', code: 'unknown_course' });
  const title = input.title ?? course?.title;
  const provider = input.provider ?? course?.provider;
  const minutes =
    input.hours !== undefined ? Math.round(input.hours * 60) : course ? Number(course.minutes) : undefined;
  const topics = input.topics ?? (course ? (JSON.parse(course.topics) as TrainingTopic[]) : []);
  const credentialKey = input.credentialKey !== undefined ? input.credentialKey : (course?.credentialKey ?? null);
  for (const [path, value] of [
    ['title', title],
    ['provider', provider],
    ['hours', minutes],
  ] as const)
    if (value === undefined)
      issues.push({
        path,
        message: `Give the ${path}, or pick a course from the catalog`,
        code: 'required_without_course',
      });

  const types = await credentialTypesOf(db, districtId);
  const type = credentialKey === null ? null : types.find((t) => t.key === credentialKey);
  if (credentialKey !== null && !type)
    issues.push({
      path: 'credentialKey',
      message: 'Not a credential type of this district',
      code: 'unknown_credential',
      params: { values: types.map((t) => t.key) },
    });
  if (input.completedOn > today)
    issues.push({ path: 'completedOn', message: 'The completion date cannot be in the future', code: 'in_future' });
  let expiresOn = input.expiresOn ?? null;
  if (expiresOn !== null && expiresOn <= input.completedOn)
    issues.push({
      path: 'expiresOn',
      message: 'The expiry must come after the completion date',
      code: 'expiry_before_completion',
      params: { completedOn: input.completedOn },
    });
  if (issues.length > 0) throw new ValidationError('The completion record is not valid', issues);
  if (expiresOn === null && type?.validityMonths) expiresOn = addMonths(input.completedOn, type.validityMonths);
  return {
    courseId: course?.id ?? null,
    title: title!,
    provider: provider!,
    minutes: minutes!,
    topics: [...new Set(topics)],
    credentialKey,
    completedOn: input.completedOn,
    expiresOn,
  };
}
