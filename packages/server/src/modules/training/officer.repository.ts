import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { OfficerTable } from './training.table.js';

/** Queries for the SRO roster (issue 14 item 1). Services authorize first; these only read and write. */

export const findOfficer = (db: Db, id: string) =>
  db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();

export const findOfficerOfUser = (db: Db, userId: string) =>
  db.selectFrom('officers').selectAll().where('userId', '=', userId).executeTakeFirst();

export const insertOfficer = (db: Db, row: OfficerTable) => db.insertInto('officers').values(row).execute();

export const updateOfficer = (db: Db, id: string, patch: Partial<OfficerTable>) =>
  db.updateTable('officers').set(patch).where('id', '=', id).execute();

/** The district's SRO accounts, not disabled, that no roster entry links to yet. */
export const findLinkableAccounts = (db: Db, districtId: string) =>
  db
    .selectFrom('users as u')
    .select(['u.id', 'u.displayName', 'u.email'])
    .where('u.districtId', '=', districtId)
    .where('u.role', '=', 'sro')
    .where('u.disabled', '=', 0)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('officers as o').select('o.id').whereRef('o.userId', '=', 'u.id'))))
    .orderBy('u.displayName')
    .execute();

/** Another officer of the district with this agency and badge, compared without case or outer spaces. */
export async function findSameBadge(db: Db, districtId: string, agency: string, badge: string, exceptId?: string) {
  let q = db
    .selectFrom('officers')
    .select('id')
    .where('districtId', '=', districtId)
    .where(sql<boolean>`lower(agency) = ${agency.toLowerCase()}`)
    .where(sql<boolean>`lower(badge_number) = ${badge.toLowerCase()}`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/** Schools an officer serves on `day` (their current assignments). */
export async function currentSchoolIds(db: Db, officerId: string, day: string): Promise<string[]> {
  const rows = await db
    .selectFrom('officerAssignments')
    .select('schoolId')
    .where('officerId', '=', officerId)
    .where('startsOn', '<=', day)
    .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', day)]))
    .execute();
  return [...new Set(rows.map((r) => r.schoolId))];
}

const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface RosterFilter {
  q?: string;
  status: 'active' | 'inactive' | 'all';
  schoolId?: string;
  /** School scope: only officers serving one of these schools on `day`. */
  onlySchoolIds?: readonly string[];
  day: string;
}

/**
 * Ids of the district's officers matching the filter, by name. A roster is dozens to hundreds of
 * officers, so the service judges compliance for all of them and pages in memory (a compliance
 * filter cannot be said in SQL: it is the contract's evaluator).
 */
export async function findRosterIds(db: Db, districtId: string, f: RosterFilter): Promise<string[]> {
  let q = db.selectFrom('officers').select('id').where('districtId', '=', districtId);
  if (f.status !== 'all') q = q.where('status', '=', f.status);
  const serving = (schoolIds: readonly string[]) =>
    q.where('id', 'in', (eb) =>
      eb
        .selectFrom('officerAssignments')
        .select('officerId')
        .where('districtId', '=', districtId)
        .where('schoolId', 'in', [...schoolIds])
        .where('startsOn', '<=', f.day)
        .where((w) => w.or([w('endsOn', 'is', null), w('endsOn', '>=', f.day)])),
    );
  if (f.onlySchoolIds) {
    if (f.onlySchoolIds.length === 0) return [];
    q = serving(f.onlySchoolIds);
  }
  if (f.schoolId) q = serving([f.schoolId]);
  for (const word of (f.q ?? '').split(/[\s,]+/).filter(Boolean)) {
    const p = likePrefix(word);
    // A word may start any word of the name ("reyes" finds "Officer Daniel Reyes").
    const inside = `% ${p}`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(name) like ${p} escape '\\'`,
        sql<boolean>`lower(name) like ${inside} escape '\\'`,
        sql<boolean>`lower(badge_number) like ${p} escape '\\'`,
      ]),
    );
  }
  const rows = await q.orderBy('name').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export const schoolNames = async (db: Db, districtId: string) =>
  new Map(
    (await db.selectFrom('schools').select(['id', 'name']).where('districtId', '=', districtId).execute()).map((s) => [
      s.id,
      s.name,
    ]),
  );

export const findSchoolOfDistrict = (db: Db, districtId: string, schoolId: string) =>
  db
    .selectFrom('schools')
    .select(['id', 'name'])
    .where('districtId', '=', districtId)
    .where('id', '=', schoolId)
    .executeTakeFirst();

export const findAssignments = (db: Db, officerId: string) =>
  db
    .selectFrom('officerAssignments')
    .selectAll()
    .where('officerId', '=', officerId)
    .orderBy('startsOn', 'desc')
    .orderBy('id')
    .execute();

export const findAssignment = (db: Db, id: string) =>
  db.selectFrom('officerAssignments').selectAll().where('id', '=', id).executeTakeFirst();
