import {
  type Student,
  type StudentImportInput,
  type StudentImportReport,
  type StudentListQuery,
  localDate,
  schoolYearOfDate,
} from '@forefront/contract';
import type { Actor, AuditActor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictFor, loadDistrictForList } from '../../shared/load-district.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendAudit } from '../audit/audit.service.js';
import * as districts from '../districts/district.repository.js';
import { type Progress, type RosterFiles, readRoster } from './student.oneroster.js';
import * as repo from './student.repository.js';
import type { StudentRow } from './student.table.js';
import { enrollmentDate, snapshotEnrollment } from '../transparency/transparency.enrollment.js';
import { loadClock } from '../districts/district.clock.js';
import { upsertStudentsIn } from './student.upsert.js';

export function toStudent(r: StudentRow): Student {
  return {
    id: r.id,
    districtId: r.districtId,
    schoolId: r.schoolId,
    localId: r.localId,
    givenName: r.givenName,
    familyName: r.familyName,
    grade: r.grade as Student['grade'],
    race: r.race as Student['race'],
    sex: r.sex as Student['sex'],
    idea: r.idea === 1,
    section504: r.section504 === 1,
    englishLearner: r.englishLearner === 1,
    active: r.active === 1,
    updatedAt: r.updatedAt,
  };
}

/** A page of the roster; the school scope narrows it to the actor's schools. The read is audited with the ids returned. */
export async function listStudents(ctx: AppContext, actor: Actor, districtId: string, q: StudentListQuery) {
  const { district: d, scope } = await loadDistrictForList(ctx.db, actor, 'student.list', districtId);
  return ctx.db.transaction().execute(async (trx) => {
    const { items, total } = await repo.findStudentPage(trx, d.id, q, scope === 'school' ? actor.schoolIds : undefined);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      { kind: 'student.listed', schoolId: q.schoolId ?? null, count: items.length, studentIds: items.map((s) => s.id) },
    );
    return { items: items.map(toStudent), total, limit: q.limit, offset: q.offset };
  });
}

export async function readStudent(ctx: AppContext, actor: Actor, id: string): Promise<Student> {
  const s = await repo.findStudent(ctx.db, id);
  const d = s ? await districts.findDistrict(ctx.db, s.districtId) : undefined;
  if (!s || !d) throw new NotFoundError('Student');
  authorize(actor, 'student.read', { districtId: d.id, state: d.state, schoolIds: [s.schoolId] }, 'Student');
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await repo.findStudent(trx, id);
    if (!fresh) throw new NotFoundError('Student');
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      { kind: 'student.viewed', studentId: id },
    );
    return toStudent(fresh);
  });
}

export interface ImportOptions {
  asOf?: string;
  deactivateMissing?: boolean;
  /** Recorded on the audit event ("cli" or "api"). */
  source: string;
  onProgress?: Progress;
}

/**
 * Reads and checks every row of every file first; writes only when all are valid, in one
 * transaction with its audit event. A rejected import changes nothing at all.
 */
export async function importRoster(
  ctx: AppContext,
  actor: AuditActor,
  districtId: string,
  files: RosterFiles,
  opts: ImportOptions,
): Promise<StudentImportReport> {
  // Today and the current school year on the district's clock.
  const clock = await loadClock(ctx.db, districtId);
  const today = localDate(new Date(), clock.timeZone);
  const asOf = opts.asOf ?? today;
  const schools = await districts.findAllSchools(ctx.db, districtId);
  const read = await readRoster(files, schools, opts.onProgress);
  const base = {
    rowsRead: read.rowsRead,
    students: read.rows.length,
    asOf,
    errors: read.errors,
    errorCount: read.errorCount,
  };
  const none = { created: 0, updated: 0, unchanged: 0, deactivated: 0, demographicChanges: 0 };
  if (read.errorCount > 0) return { accepted: false, ...base, ...none };
  try {
    const counts = await ctx.db.transaction().execute(async (trx) => {
      const c = await upsertStudentsIn(trx, districtId, read.rows, asOf, {
        dialect: ctx.dialect,
        actor,
        source: opts.source,
        deactivateMissing: opts.deactivateMissing,
      });
      // The public figures' denominators follow the roster of the current school year.
      await snapshotEnrollment(
        trx,
        districtId,
        schoolYearOfDate(today, clock.schoolYearStart),
        enrollmentDate(schoolYearOfDate(today, clock.schoolYearStart), today),
      );
      return c;
    });
    return { accepted: true, ...base, ...counts };
  } catch (err) {
    // Two imports of the same new student at once: the loser rolled back whole; say so, not 500.
    const e = err as { code?: string };
    if (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new ConflictError(
        'Another import changed this roster at the same time; nothing was changed, try again',
        'roster_changed',
      );
    throw err;
  }
}

export async function importStudents(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: StudentImportInput,
): Promise<StudentImportReport> {
  const d = await loadDistrictFor(ctx.db, actor, 'student.import', districtId);
  const files: RosterFiles = {
    users: input.users,
    demographics: input.demographics,
    ...(input.orgs !== undefined && { orgs: input.orgs }),
    ...(input.flags !== undefined && { flags: input.flags }),
  };
  return importRoster(ctx, actor, d.id, files, {
    asOf: input.asOf,
    deactivateMissing: input.deactivateMissing,
    source: 'api',
  });
}
