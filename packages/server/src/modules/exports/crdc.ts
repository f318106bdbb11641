import {
  BEHAVIORS,
  type Behavior,
  CRDC_OFFENSES,
  CRDC_RESTRAINT_KINDS,
  type CrdcOffense,
  type CrdcRestraintKind,
  RACES,
  RESTRAINT_ACTIONS,
  type Race,
} from '@forefront/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * A district's CRDC figures per school and school year, in OCR's own groups (DOMAIN.md sections 3
 * and 10). Demographics come from the snapshot kept with each incident (as of the incident date);
 * when a student's snapshot changed between two counted incidents of the year, a status counts when
 * it held at any of them (MAX over the rows), race and sex likewise. Sex X (nonbinary) students are
 * counted in the totals and in their own `X` cells; CRDC forms that collect only M and F leave the X
 * cells out, and the totals tell how many were left out.
 */
export type SexCell = { M: number; F: number; X: number };
export type ByRace = Record<Race, SexCell>;

/**
 * Students referred to law enforcement or arrested: three disjoint groups that add up to `total`,
 * as in the public-use files: without disabilities (neither IDEA nor Section 504), IDEA (with or
 * without a 504 plan), and Section 504 only (no race breakdown). English learners are reported
 * within the first two groups, as the layout does (`..._WODIS_..._LEP_`, `..._WDIS_..._LEP_`).
 */
export interface CrdcCounts {
  withoutDisabilities: ByRace;
  idea: ByRace;
  section504Only: SexCell;
  englishLearnersWithoutDisabilities: SexCell;
  englishLearnersIdea: SexCell;
  total: number;
}

/**
 * Students restrained or secluded. CRDC's groups here differ from discipline: IDEA and non-IDEA
 * (which includes the Section 504-only students), and the 504-only students shown again on their
 * own, a subset of non-IDEA, not an addition. `total` = IDEA + non-IDEA.
 */
export interface CrdcRestraintStudents {
  idea: ByRace;
  nonIdea: ByRace;
  section504Only: SexCell;
  englishLearnersIdea: SexCell;
  englishLearnersNonIdea: SexCell;
  total: number;
}
/** Instances (not students), in the three disjoint discipline groups. */
export interface CrdcRestraintInstances {
  withoutDisabilities: number;
  idea: number;
  section504Only: number;
}
export interface CrdcRestraint {
  students: CrdcRestraintStudents;
  instances: CrdcRestraintInstances;
}

export interface CrdcSchool {
  schoolId: string;
  ncesSchoolId: string;
  name: string;
  referred: CrdcCounts;
  arrested: CrdcCounts;
  /** Incidents per CRDC offense category, each incident once (see `offenseOf`). */
  offenses: Record<CrdcOffense, number>;
  restraint: Record<CrdcRestraintKind, CrdcRestraint>;
}
export interface CrdcReport {
  districtId: string;
  schoolYear: string;
  schools: CrdcSchool[];
}

interface Snapshot {
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
}

const sexCell = (): SexCell => ({ M: 0, F: 0, X: 0 });
const byRace = (): ByRace => Object.fromEntries(RACES.map((r) => [r, sexCell()])) as ByRace;
const emptyCounts = (): CrdcCounts => ({
  withoutDisabilities: byRace(),
  idea: byRace(),
  section504Only: sexCell(),
  englishLearnersWithoutDisabilities: sexCell(),
  englishLearnersIdea: sexCell(),
  total: 0,
});
const emptyRestraint = (): CrdcRestraint => ({
  students: {
    idea: byRace(),
    nonIdea: byRace(),
    section504Only: sexCell(),
    englishLearnersIdea: sexCell(),
    englishLearnersNonIdea: sexCell(),
    total: 0,
  },
  instances: { withoutDisabilities: 0, idea: 0, section504Only: 0 },
});

const sexOf = (s: Snapshot) => (s.sex === 'M' || s.sex === 'F' ? s.sex : 'X');
const raceOf = (s: Snapshot) => ((RACES as readonly string[]).includes(s.race) ? (s.race as Race) : null);

/** The discipline group of a student: CRDC's three disjoint groups. */
export function disabilityGroup(s: Pick<Snapshot, 'idea' | 'section504'>): keyof CrdcRestraintInstances {
  if (s.idea) return 'idea';
  if (s.section504) return 'section504Only';
  return 'withoutDisabilities';
}

/** Counts one referred (or arrested) student in exactly one of the three groups. */
function countDiscipline(c: CrdcCounts, s: Snapshot) {
  const sex = sexOf(s);
  const race = raceOf(s);
  const group = disabilityGroup(s);
  if (group === 'section504Only') c.section504Only[sex] += 1;
  else {
    if (race) c[group][race][sex] += 1;
    if (s.englishLearner) (group === 'idea' ? c.englishLearnersIdea : c.englishLearnersWithoutDisabilities)[sex] += 1;
  }
  c.total += 1;
}

function countRestrained(c: CrdcRestraintStudents, s: Snapshot) {
  const sex = sexOf(s);
  const race = raceOf(s);
  const idea = s.idea === 1;
  if (race) (idea ? c.idea : c.nonIdea)[race][sex] += 1;
  if (!idea && s.section504) c.section504Only[sex] += 1;
  if (s.englishLearner) (idea ? c.englishLearnersIdea : c.englishLearnersNonIdea)[sex] += 1;
  c.total += 1;
}

const OFFENSE_RANK = new Map(CRDC_OFFENSES.map((o, i) => [o, i]));
/**
 * The CRDC offense an incident is counted under: its most serious one, in the layout's order
 * (rape first, possession of a firearm or explosive last), so that each incident is counted once
 * and the offense columns add up to the incidents with an offense. Null: no CRDC offense.
 */
export function offenseOf(behaviors: readonly string[]): CrdcOffense | null {
  let best: CrdcOffense | null = null;
  for (const b of behaviors) {
    const o = (BEHAVIORS as Record<string, { crdc: CrdcOffense | null }>)[b]?.crdc ?? null;
    if (o && (best === null || OFFENSE_RANK.get(o)! < OFFENSE_RANK.get(best)!)) best = o;
  }
  return best;
}

const snapshotOf = (r: Record<string, unknown>): Snapshot => ({
  race: String(r.race),
  sex: String(r.sex),
  idea: Number(r.idea),
  section504: Number(r.section504),
  englishLearner: Number(r.englishLearner),
});

/** The behaviors that carry a CRDC offense, for the query's filter. */
const OFFENSE_BEHAVIORS = (Object.keys(BEHAVIORS) as Behavior[]).filter((b) => BEHAVIORS[b].crdc !== null);

export async function crdcCounts(db: Db, districtId: string, schoolYear: string): Promise<CrdcReport> {
  const schools = await db
    .selectFrom('schools')
    .select(['id', 'ncesSchoolId', 'name'])
    .where('districtId', '=', districtId)
    .orderBy('ncesSchoolId')
    .execute();
  const bySchool = new Map<string, CrdcSchool>(
    schools.map((s) => [
      s.id,
      {
        schoolId: s.id,
        ncesSchoolId: s.ncesSchoolId,
        name: s.name,
        referred: emptyCounts(),
        arrested: emptyCounts(),
        offenses: Object.fromEntries(CRDC_OFFENSES.map((o) => [o, 0])) as Record<CrdcOffense, number>,
        restraint: Object.fromEntries(CRDC_RESTRAINT_KINDS.map((k) => [k, emptyRestraint()])) as Record<
          CrdcRestraintKind,
          CrdcRestraint
        >,
      },
    ]),
  );
  await countReferralsAndArrests(db, districtId, schoolYear, bySchool);
  await countOffenses(db, districtId, schoolYear, bySchool);
  await countRestraintAndSeclusion(db, districtId, schoolYear, bySchool);
  return { districtId, schoolYear, schools: [...bySchool.values()] };
}

/**
 * CRDC "referred to law enforcement" and "school-related arrest" (DOMAIN.md section 3): unduplicated
 * students (a student referred three times in the year counts once per school); every arrest is
 * also a referral (the per-student outcomes in incident_students mark both). One GROUP BY over
 * incident_students (indexed on district, school year, school): one row per school and referred
 * student. Everything that decides who counts as referred or arrested is here and in the outcomes.
 */
async function countReferralsAndArrests(
  db: Db,
  districtId: string,
  schoolYear: string,
  bySchool: Map<string, CrdcSchool>,
) {
  const rows = await db
    .selectFrom('incidentStudents')
    .select((eb) => [
      'schoolId',
      'studentId',
      eb.fn.max('arrested').as('arrested'),
      eb.fn.max('race').as('race'),
      eb.fn.max('sex').as('sex'),
      eb.fn.max('idea').as('idea'),
      eb.fn.max('section504').as('section504'),
      eb.fn.max('englishLearner').as('englishLearner'),
    ])
    .where('districtId', '=', districtId)
    .where('schoolYear', '=', schoolYear)
    // A literal, not a bound parameter: only then can the planner use the partial index of referred rows.
    .where(sql<boolean>`referred = 1`)
    .groupBy(['schoolId', 'studentId'])
    .execute();
  for (const r of rows) {
    const school = bySchool.get(r.schoolId);
    if (!school) continue;
    const s = snapshotOf(r);
    countDiscipline(school.referred, s);
    if (Number(r.arrested) === 1) countDiscipline(school.arrested, s);
  }
}

/** Offenses are counted per incident at the school where it happened (incidents.school_id). */
async function countOffenses(db: Db, districtId: string, schoolYear: string, bySchool: Map<string, CrdcSchool>) {
  const rows = await db
    .selectFrom('incidents')
    .select(['schoolId', 'behaviors'])
    .where('districtId', '=', districtId)
    .where('schoolYear', '=', schoolYear)
    // Only incidents whose JSON list may name an offense behavior are read back (LIKE's `_` matches
    // any character, so this is a superset); offenseOf decides from the parsed list.
    .where((eb) => eb.or(OFFENSE_BEHAVIORS.map((b) => eb('behaviors', 'like', `%"${b}"%`))))
    .execute();
  for (const r of rows) {
    const offense = offenseOf(JSON.parse(r.behaviors) as string[]);
    const school = bySchool.get(r.schoolId);
    if (offense && school) school.offenses[offense] += 1;
  }
}

/**
 * Restraint and seclusion: each recorded action with a student is one instance, in the group of the
 * student's snapshot at that incident; students are unduplicated per school and kind. An action
 * recorded without a student cannot be placed in a group and is not counted (docs/crdc.md).
 */
async function countRestraintAndSeclusion(
  db: Db,
  districtId: string,
  schoolYear: string,
  bySchool: Map<string, CrdcSchool>,
) {
  const kindOf = new Map(CRDC_RESTRAINT_KINDS.map((k) => [RESTRAINT_ACTIONS[k] as string, k]));
  const rows = await db
    .selectFrom('incidentStudents as s')
    .innerJoin('sroActions as a', (j) =>
      j.onRef('a.incidentId', '=', 's.incidentId').onRef('a.studentId', '=', 's.studentId'),
    )
    .select(['s.schoolId', 's.studentId', 'a.action', 's.race', 's.sex', 's.idea', 's.section504', 's.englishLearner'])
    .where('s.districtId', '=', districtId)
    .where('s.schoolYear', '=', schoolYear)
    .where('a.action', 'in', [...kindOf.keys()])
    .execute();
  const students = new Map<string, Snapshot & { school: CrdcSchool; kind: CrdcRestraintKind }>();
  for (const r of rows) {
    const school = bySchool.get(r.schoolId);
    const kind = kindOf.get(r.action);
    if (!school || !kind) continue;
    const s = snapshotOf(r);
    school.restraint[kind].instances[disabilityGroup(s)] += 1;
    const key = `${r.schoolId}|${kind}|${r.studentId}`;
    const seen = students.get(key);
    // As for referrals: a status counts when it held at any of the student's counted incidents.
    students.set(
      key,
      seen
        ? {
            ...seen,
            race: s.race > seen.race ? s.race : seen.race,
            sex: s.sex > seen.sex ? s.sex : seen.sex,
            idea: Math.max(seen.idea, s.idea),
            section504: Math.max(seen.section504, s.section504),
            englishLearner: Math.max(seen.englishLearner, s.englishLearner),
          }
        : { ...s, school, kind },
    );
  }
  for (const s of students.values()) countRestrained(s.school.restraint[s.kind].students, s);
}
