import type { Db } from '../../db/database.js';
import type { FerpaDisclosureTable } from './disclosure.table.js';

export async function insertDisclosure(
  trx: Db,
  row: FerpaDisclosureTable,
  studentIds: readonly string[],
): Promise<void> {
  await trx.insertInto('ferpaDisclosures').values(row).execute();
  const unique = [...new Set(studentIds)];
  for (let i = 0; i < unique.length; i += 1000)
    await trx
      .insertInto('ferpaDisclosureStudents')
      .values(
        unique.slice(i, i + 1000).map((studentId) => ({ districtId: row.districtId, disclosureId: row.id, studentId })),
      )
      .execute();
}

export async function findDisclosures(
  db: Db,
  districtId: string,
  q: { limit: number; offset: number; studentId?: string },
) {
  let base = db.selectFrom('ferpaDisclosures as d').where('d.districtId', '=', districtId);
  if (q.studentId) {
    const sid = q.studentId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('ferpaDisclosureStudents as s')
          .select('s.studentId')
          .whereRef('s.disclosureId', '=', 'd.id')
          .where('s.studentId', '=', sid),
      ),
    );
  }
  const items = await base
    .leftJoin('users as u', 'u.id', 'd.disclosedBy')
    .selectAll('d')
    .select(['u.displayName as disclosedByName', 'u.role as disclosedByRole'])
    .select((eb) =>
      eb
        .selectFrom('ferpaDisclosureStudents as s')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.disclosureId', '=', 'd.id')
        .as('studentCount'),
    )
    .orderBy('d.disclosedAt', 'desc')
    .orderBy('d.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

/** A student, for the disclosure record printed for them. */
export function findStudent(db: Db, studentId: string) {
  return db
    .selectFrom('students')
    .select(['id', 'districtId', 'givenName', 'familyName', 'localId'])
    .where('id', '=', studentId)
    .executeTakeFirst();
}
