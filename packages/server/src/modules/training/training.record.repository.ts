import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { TrainingCertificateTable, TrainingRecordTable } from './training.table.js';

/** Queries for completion records and their certificates (issue 14 item 3). Callers authorize. */
export const findOfficer = (db: Db, id: string) =>
  db
    .selectFrom('officers')
    .select(['id', 'districtId', 'userId', 'name', 'agency', 'badgeNumber', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();

export const findOfficerOfUser = (db: Db, userId: string) =>
  db
    .selectFrom('officers')
    .select(['id', 'districtId', 'userId', 'name', 'agency', 'badgeNumber', 'status'])
    .where('userId', '=', userId)
    .executeTakeFirst();

/** The schools the officer is assigned to on `day` (a principal reads the officers of their schools). */
export async function officerSchoolIds(db: Db, officerId: string, day: string): Promise<string[]> {
  const rows = await db
    .selectFrom('officerAssignments')
    .select('schoolId')
    .where('officerId', '=', officerId)
    .where('startsOn', '<=', day)
    .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', day)]))
    .execute();
  return [...new Set(rows.map((r) => r.schoolId))];
}

/** A record with its reviewer's name and its certificate's metadata (never the bytes). */
function recordsQuery(db: Db) {
  return db
    .selectFrom('trainingRecords as r')
    .leftJoin('users as u', 'u.id', 'r.reviewedBy')
    .leftJoin('trainingCertificates as c', 'c.recordId', 'r.id')
    .innerJoin('officers as o', 'o.id', 'r.officerId')
    .select([
      'r.id',
      'r.districtId',
      'r.officerId',
      'r.courseId',
      'r.title',
      'r.provider',
      'r.minutes',
      'r.topics',
      'r.credentialKey',
      'r.completedOn',
      'r.expiresOn',
      'r.status',
      'r.source',
      'r.createdBy',
      'r.reviewedBy',
      'r.reviewedAt',
      'r.reviewNote',
      'r.createdAt',
      'u.displayName as reviewedByName',
      'c.fileName as certFileName',
      'c.mediaType as certMediaType',
      'c.byteSize as certByteSize',
      'c.sha256 as certSha256',
      'c.createdAt as certCreatedAt',
      'o.name as officerName',
      'o.agency as officerAgency',
      'o.badgeNumber as officerBadgeNumber',
    ]);
}
export type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['executeTakeFirstOrThrow']>>;

export const listOfficerRecords = (db: Db, officerId: string) =>
  recordsQuery(db).where('r.officerId', '=', officerId).orderBy('r.completedOn', 'desc').orderBy('r.id').execute();

export const findRecord = (db: Db, id: string) => recordsQuery(db).where('r.id', '=', id).executeTakeFirst();

export async function listQueue(
  db: Db,
  districtId: string,
  status: string,
  page: { limit: number; offset: number },
): Promise<{ rows: RecordRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    recordsQuery(db)
      .where('r.districtId', '=', districtId)
      .where('r.status', '=', status)
      .orderBy('r.createdAt')
      .orderBy('r.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('trainingRecords')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('districtId', '=', districtId)
      .where('status', '=', status)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const insertRecord = (db: Db, row: Insertable<TrainingRecordTable>) =>
  db.insertInto('trainingRecords').values(row).execute();

export async function insertRecords(db: Db, rows: Insertable<TrainingRecordTable>[]): Promise<void> {
  // Batches keep PostgreSQL under its 65,535 bound parameters per statement (19 columns a row).
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('trainingRecords')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Marks a pending record reviewed; false when it was no longer pending (someone else reviewed it). */
export async function reviewRecord(
  db: Db,
  id: string,
  review: { status: 'approved' | 'rejected'; reviewedBy: string; reviewedAt: string; reviewNote: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('trainingRecords')
    .set(review)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** One certificate per record: a new upload replaces the old one. */
export async function putCertificate(db: Db, row: Insertable<TrainingCertificateTable>): Promise<void> {
  await db.deleteFrom('trainingCertificates').where('recordId', '=', row.recordId).execute();
  await db.insertInto('trainingCertificates').values(row).execute();
}

export const findCertificate = (db: Db, recordId: string) =>
  db.selectFrom('trainingCertificates').selectAll().where('recordId', '=', recordId).executeTakeFirst();

export const findCourse = (db: Db, districtId: string, id: string) =>
  db
    .selectFrom('trainingCourses')
    .select(['id', 'title', 'provider', 'minutes', 'topics', 'credentialKey'])
    .where('id', '=', id)
    .where('districtId', '=', districtId)
    .executeTakeFirst();

/** The district's active catalog courses, for the add-record form. */
export const listActiveCourses = (db: Db, districtId: string) =>
  db
    .selectFrom('trainingCourses')
    .select(['id', 'title', 'provider', 'minutes', 'topics', 'credentialKey'])
    .where('districtId', '=', districtId)
    .where('active', '=', 1)
    .orderBy('title')
    .orderBy('id')
    .limit(500)
    .execute();
