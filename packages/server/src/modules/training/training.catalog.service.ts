import {
  type Course,
  type CoursePage,
  type CourseListQuery,
  type CreateCourseInput,
  CredentialKeySchema,
  type CredentialTypeInput,
  type CredentialTypeList,
  type TrainingTopic,
  type UpdateCourseInput,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import * as repo from './training.catalog.repository.js';
import type { TrainingCourseTable } from './training.table.js';

/**
 * Issue 14 item 2: the district's catalog. Credential types start as the contract's defaults and a
 * district renames them, sets their validity or adds its own; courses are kept in whole minutes so
 * sums are exact on both databases.
 */
const audit = (ctx: AppContext, actor: Actor, districtId: string) => ({ dialect: ctx.dialect, actor, districtId });

export async function listCredentialTypes(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
): Promise<CredentialTypeList> {
  const d = await loadDistrictFor(ctx.db, actor, 'training.read', districtId);
  return { items: await repo.credentialTypesOf(ctx.db, d.id) };
}

export async function saveCredentialType(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  key: string,
  input: CredentialTypeInput,
): Promise<CredentialTypeList> {
  const d = await loadDistrictFor(ctx.db, actor, 'training.standard', districtId);
  if (!CredentialKeySchema.safeParse(key).success)
    throw new ValidationError('A credential key is lower-case letters, digits and underscores', [
      { path: 'key', code: 'invalid_format', params: { format: 'regex' }, message: 'Not a credential key' },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    const own = await repo.findOwnCredentialType(trx, d.id, key);
    const set = { nameEn: input.nameEn, nameEs: input.nameEs, validityMonths: input.validityMonths };
    if (own) await repo.updateCredentialType(trx, own.id, set);
    else await repo.insertCredentialType(trx, { id: newId(), districtId: d.id, key, ...set, createdAt: nowIso() });
    await appendAudit(trx, audit(ctx, actor, d.id), {
      kind: 'training.credential_type_saved',
      key,
      validityMonths: input.validityMonths,
      created: !own,
    });
  });
  return { items: await repo.credentialTypesOf(ctx.db, d.id) };
}

const toCourse = (r: TrainingCourseTable): Course => ({
  id: r.id,
  title: r.title,
  provider: r.provider,
  hours: Number(r.minutes) / 60,
  topics: JSON.parse(r.topics) as TrainingTopic[],
  credentialKey: r.credentialKey,
  active: Number(r.active) === 1,
  createdAt: r.createdAt,
});

export async function listCourses(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: CourseListQuery,
): Promise<CoursePage> {
  const d = await loadDistrictFor(ctx.db, actor, 'training.read', districtId);
  const active = q.active === undefined ? undefined : q.active === 'true';
  const { rows, total } = await repo.findCourses(ctx.db, d.id, { active, limit: q.limit, offset: q.offset });
  return { items: rows.map(toCourse), total, limit: q.limit, offset: q.offset };
}

/** A course's credential must be one of the district's credential types: else 400, nothing written. */
async function checkCredential(db: Db, districtId: string, key: string | null | undefined) {
  if (key === null || key === undefined) return;
  const known = (await repo.credentialTypesOf(db, districtId)).some((c) => c.key === key);
  if (!known)
    throw new ValidationError('No such credential type in this district', [
      {
        path: 'credentialKey',
        code: 'unknown_credential',
        params: { value: key },
        message: `Unknown credential ${key}`,
      },
    ]);
}

export async function createCourse(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: CreateCourseInput,
): Promise<Course> {
  const d = await loadDistrictFor(ctx.db, actor, 'training.standard', districtId);
  const row: TrainingCourseTable = {
    id: newId(),
    districtId: d.id,
    title: input.title,
    provider: input.provider,
    minutes: Math.round(input.hours * 60),
    topics: JSON.stringify(input.topics),
    credentialKey: input.credentialKey ?? null,
    active: 1,
    createdAt: nowIso(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await checkCredential(trx, d.id, input.credentialKey);
    await repo.insertCourse(trx, row);
    await appendAudit(trx, audit(ctx, actor, d.id), { kind: 'training.course_created', courseId: row.id });
  });
  return toCourse(row);
}

export async function updateCourse(
  ctx: AppContext,
  actor: Actor,
  courseId: string,
  input: UpdateCourseInput,
): Promise<Course> {
  const course = await repo.findCourse(ctx.db, courseId);
  const district = course && (await findDistrict(ctx.db, course.districtId));
  if (!course || !district) throw new NotFoundError('Course');
  authorize(actor, 'training.standard', { districtId: district.id, state: district.state }, 'Course');
  const set: Partial<TrainingCourseTable> = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.provider !== undefined) set.provider = input.provider;
  if (input.hours !== undefined) set.minutes = Math.round(input.hours * 60);
  if (input.topics !== undefined) set.topics = JSON.stringify(input.topics);
  if (input.credentialKey !== undefined) set.credentialKey = input.credentialKey;
  if (input.active !== undefined) set.active = input.active ? 1 : 0;
  const fields = Object.keys(input).filter((k) => input[k as keyof UpdateCourseInput] !== undefined);
  await ctx.db.transaction().execute(async (trx) => {
    await checkCredential(trx, district.id, input.credentialKey);
    await repo.updateCourse(trx, course.id, set);
    await appendAudit(trx, audit(ctx, actor, district.id), { kind: 'training.course_updated', courseId, fields });
  });
  return toCourse({ ...course, ...set });
}
