import type { Race, Sex } from '@forefront/contract';
import { type Db, type Dialect, nowIso } from '../../db/database.js';
import type { AuditActor } from '../../shared/actor.js';
import { ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import type { Grade } from './student.oneroster.js';
import * as repo from './student.repository.js';
import type { StudentDemographicsTable, StudentTable } from './student.table.js';

/** One student as an import (or the demo) states it. */
export interface StudentUpsert {
  /** The district's own id: the upsert key within the district. */
  localId: string;
  sourceId: string | null;
  givenName: string;
  familyName: string;
  schoolId: string;
  grade: Grade;
  race: Race;
  sex: Sex;
  /** Undefined keeps what the roster has (false for a new student): imports without a flags file. */
  idea?: boolean;
  section504?: boolean;
  englishLearner?: boolean;
  /** Default true; OneRoster status=tobedeleted gives false. */
  active?: boolean;
}

export interface UpsertOptions {
  dialect: Dialect;
  actor: AuditActor;
  /** Recorded on the audit event: where the rows came from ("cli", "api", "demo"). */
  source: string;
  /** Mark the district's students that are absent from `rows` inactive (a full roster). */
  deactivateMissing?: boolean;
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  demographicChanges: number;
}

type Demo = Pick<
  StudentDemographicsTable,
  'schoolId' | 'grade' | 'race' | 'sex' | 'idea' | 'section504' | 'englishLearner'
>;
const DEMO_FIELDS = ['schoolId', 'grade', 'race', 'sex', 'idea', 'section504', 'englishLearner'] as const;
const bit = (v: boolean | undefined, keep: number) => (v === undefined ? keep : v ? 1 : 0);

/**
 * Upserts students by (district, local id) inside the caller's transaction and appends one
 * student.imported event to it. When a student's demographics (school, grade, race, sex, IDEA,
 * 504, EL) differ from the latest history row, a history row valid from `asOf` is added (or the
 * one already dated `asOf` is corrected), so incidents snapshot what was true on their date.
 * Used by the CSV import, and by the demo and benchmarks to load synthetic students directly.
 */
export async function upsertStudentsIn(
  trx: Db,
  districtId: string,
  rows: readonly StudentUpsert[],
  asOf: string,
  opts: UpsertOptions,
): Promise<UpsertCounts> {
  const day = asOf.slice(0, 10);
  await assertRowsFit(trx, districtId, rows);
  const now = nowIso();
  const existing = new Map((await repo.findStudentsOfDistrict(trx, districtId)).map((s) => [s.localId, s]));
  const latest = await repo.findLatestDemographics(trx, districtId);
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, deactivated: 0, demographicChanges: 0 };
  const newStudents: StudentTable[] = [];
  const newHistory: StudentDemographicsTable[] = [];
  const history = (studentId: string, d: Demo): StudentDemographicsTable => ({
    id: newId(),
    districtId,
    studentId,
    validFrom: day,
    ...d,
  });

  for (const r of rows) {
    const old = existing.get(r.localId);
    const demo: Demo = {
      schoolId: r.schoolId,
      grade: r.grade,
      race: r.race,
      sex: r.sex,
      idea: bit(r.idea, old?.idea ?? 0),
      section504: bit(r.section504, old?.section504 ?? 0),
      englishLearner: bit(r.englishLearner, old?.englishLearner ?? 0),
    };
    const active = r.active === false ? 0 : 1;
    if (!old) {
      const row: StudentTable = {
        id: newId(),
        districtId,
        localId: r.localId,
        sourceId: r.sourceId,
        givenName: r.givenName,
        familyName: r.familyName,
        ...demo,
        active,
        createdAt: now,
        updatedAt: now,
      };
      newStudents.push(row);
      newHistory.push(history(row.id, demo));
      counts.created++;
      counts.demographicChanges++;
      continue;
    }
    const patch: Partial<StudentTable> = {};
    for (const k of DEMO_FIELDS) if (old[k] !== demo[k]) Object.assign(patch, { [k]: demo[k] });
    const demographicsChanged = Object.keys(patch).length > 0;
    if (old.givenName !== r.givenName) patch.givenName = r.givenName;
    if (old.familyName !== r.familyName) patch.familyName = r.familyName;
    if (old.sourceId !== r.sourceId) patch.sourceId = r.sourceId;
    if (old.active !== active) patch.active = active;
    if (!Object.keys(patch).length) {
      counts.unchanged++;
      continue;
    }
    await repo.updateStudent(trx, old.id, { ...patch, updatedAt: now });
    counts.updated++;
    const last = latest.get(old.id);
    if (demographicsChanged || !last || DEMO_FIELDS.some((k) => last[k] !== demo[k])) {
      await recordHistory(trx, last, day, () => newHistory.push(history(old.id, demo)), demo);
      counts.demographicChanges++;
    }
  }
  await repo.insertStudents(trx, newStudents);
  await repo.insertDemographics(trx, newHistory);

  if (opts.deactivateMissing) {
    const present = new Set(rows.map((r) => r.localId));
    const gone = [...existing.values()].filter((s) => s.active === 1 && !present.has(s.localId)).map((s) => s.id);
    await repo.deactivateStudents(trx, gone, now);
    counts.deactivated = gone.length;
  }
  await appendAudit(
    trx,
    { dialect: opts.dialect, actor: opts.actor, districtId },
    { kind: 'student.imported', created: counts.created, updated: counts.updated, source: opts.source },
  );
  return counts;
}

/** A correction on the same day replaces that day's row; history never runs backwards. */
async function recordHistory(
  trx: Db,
  last: StudentDemographicsTable | undefined,
  day: string,
  add: () => void,
  demo: Demo,
) {
  if (last && last.validFrom === day) return repo.updateDemographics(trx, last.id, demo);
  if (last && last.validFrom > day)
    throw new ValidationError(
      `Demographics are already recorded as of ${last.validFrom}; an import as of ${day} cannot come before them (use a later --as-of / asOf)`,
      [{ path: 'asOf', message: `On or after ${last.validFrom}` }],
    );
  add();
}

/** The same rules the CSV import checks, for callers that build rows themselves (demo, benchmarks). */
async function assertRowsFit(trx: Db, districtId: string, rows: readonly StudentUpsert[]) {
  const schoolIds = [...new Set(rows.map((r) => r.schoolId))];
  const known = schoolIds.length
    ? new Set(
        (
          await trx
            .selectFrom('schools')
            .select('id')
            .where('districtId', '=', districtId)
            .where('id', 'in', schoolIds)
            .execute()
        ).map((s) => s.id),
      )
    : new Set<string>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (!known.has(r.schoolId)) throw new ValidationError(`Student ${r.localId}: the school is not in this district`);
    if (r.idea && r.section504)
      throw new ValidationError(`Student ${r.localId}: a student served under IDEA is not also "Section 504 only"`);
    if (seen.has(r.localId)) throw new ValidationError(`Student ${r.localId} appears twice`);
    seen.add(r.localId);
  }
}
