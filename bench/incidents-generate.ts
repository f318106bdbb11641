import { CLAUSE_KEYS, RACES, defaultRoleRules, type IncidentInput } from '@forefront/contract';
import type { Db } from '../packages/server/src/db/database.js';
import type { AssembledIncident } from '../packages/server/src/modules/incident-import/import.group.js';
import type { StudentRef } from '../packages/server/src/modules/incident-import/import.lookups.js';
import { seededRandom } from '../packages/server/src/shared/random.js';

/**
 * The issue-3 benchmark district, deterministic for a seed: 100 schools, 500 students each with
 * varied demographics, one or two SROs per school, administrators, and a signed MOU (the
 * evidence-based default rules) in force from 2024-07-01. Incidents are drawn from the same seed
 * as the objects the import rebuilds from the CSV, so the raw-insert baseline writes the same rows.
 */
export const BENCH_NOW = '2026-01-15T12:00:00.000Z';
export const ADMIN_EMAIL = 'bench-admin@forefront.test';

export interface IncidentWorld {
  districtId: string;
  schools: { id: string; nces: string }[];
  students: { id: string; localId: string; school: number; ref: StudentRef }[];
  officers: { id: string; email: string; school: number }[];
  adminId: string;
  reviewer: { id: string; email: string };
  mouVersionId: string;
  /** Students per school (the roster is schools x perSchool). */
  perSchool: number;
}

/** 100 schools of 500 students unless told otherwise (the transparency bench uses fewer, larger schools: docs/benchmarks.md). */
export function buildWorld(
  seed = 2026,
  size: { schools: number; perSchool: number } = { schools: 100, perSchool: 500 },
): IncidentWorld {
  const rnd = seededRandom(seed);
  const districtId = rnd.uuid();
  const schools = Array.from({ length: size.schools }, (_, s) => ({
    id: rnd.uuid(),
    nces: `9800001${String(s + 1).padStart(5, '0')}`,
  }));
  const students: IncidentWorld['students'] = [];
  for (let s = 0; s < schools.length; s++)
    for (let k = 0; k < size.perSchool; k++) {
      const idea = rnd.next() < 0.14 ? 1 : 0;
      const roster = {
        schoolId: schools[s]!.id,
        grade: String(9 + (k % 4)).padStart(2, '0'),
        race: rnd.pick(RACES),
        sex: rnd.next() < 0.02 ? 'X' : rnd.pick(['M', 'F']),
        idea,
        section504: !idea && rnd.next() < 0.06 ? 1 : 0,
        englishLearner: rnd.next() < 0.1 ? 1 : 0,
      };
      const id = rnd.uuid();
      students.push({
        id,
        localId: `B${String(s * size.perSchool + k).padStart(6, '0')}`,
        school: s,
        ref: { id, roster, history: [] },
      });
    }
  const officers = schools.flatMap((_, s) =>
    Array.from({ length: s % 2 === 0 ? 2 : 1 }, (_, k) => ({
      id: rnd.uuid(),
      email: `sro-${s}-${k}@forefront.test`,
      school: s,
    })),
  );
  return {
    districtId,
    schools,
    students,
    officers,
    adminId: rnd.uuid(),
    reviewer: { id: rnd.uuid(), email: 'bench-principal@forefront.test' },
    mouVersionId: rnd.uuid(),
    perSchool: size.perSchool,
  };
}

/** Writes the world through Kysely (a few seconds): both benchmark databases get identical rows. */
export async function seedWorld(db: Db, w: IncidentWorld, passwordHash: string, mfaSecret: string) {
  const now = BENCH_NOW;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('districts')
      .values({
        id: w.districtId,
        ncesLeaId: '9800001',
        name: 'Bench Unified School District',
        state: 'VA',
        suppressionMinN: 10,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('schools')
      .values(
        w.schools.map((s, i) => ({
          id: s.id,
          districtId: w.districtId,
          ncesSchoolId: s.nces,
          name: `Bench School ${i + 1}`,
          gradeLow: '09' as const,
          gradeHigh: '12' as const,
          enrollment: w.perSchool,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
    const user = (id: string, email: string, role: string, mfa: boolean) => ({
      id,
      districtId: w.districtId,
      email,
      displayName: email.split('@')[0]!,
      role,
      profession: null,
      state: null,
      passwordHash,
      mfaSecret: mfa ? mfaSecret : null,
      mfaEnabled: mfa ? 1 : 0,
      disabled: 0,
      accessExpiresAt: null,
      failedSignIns: 0,
      lockedUntil: null,
      lastSignInAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await trx
      .insertInto('users')
      .values([
        user(w.adminId, ADMIN_EMAIL, 'district_admin', true),
        user(w.reviewer.id, w.reviewer.email, 'school_admin', true),
        ...w.officers.map((o) => user(o.id, o.email, 'sro', false)),
      ])
      .execute();
    await trx
      .insertInto('userSchools')
      .values([
        ...w.officers.map((o) => ({ userId: o.id, schoolId: w.schools[o.school]!.id, districtId: w.districtId })),
        { userId: w.reviewer.id, schoolId: w.schools[0]!.id, districtId: w.districtId },
      ])
      .execute();
    for (let i = 0; i < w.students.length; i += 2000)
      await trx
        .insertInto('students')
        .values(
          w.students.slice(i, i + 2000).map((s) => ({
            id: s.id,
            districtId: w.districtId,
            localId: s.localId,
            sourceId: null,
            givenName: 'Bench',
            familyName: s.localId,
            active: 1,
            createdAt: now,
            updatedAt: now,
            ...s.ref.roster,
          })),
        )
        .execute();
    const mouId = `${w.mouVersionId}-mou`;
    const signatoryId = `${w.mouVersionId}-sig`;
    await trx
      .insertInto('mous')
      .values({
        id: mouId,
        districtId: w.districtId,
        title: 'Bench MOU',
        agencyName: 'Bench Police',
        template: 'comprehensive',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('mouVersions')
      .values({
        id: w.mouVersionId,
        districtId: w.districtId,
        mouId,
        version: 1,
        clauses: JSON.stringify(CLAUSE_KEYS.map((key) => ({ key, title: key, text: key }))),
        roleRules: JSON.stringify(defaultRoleRules()),
        effectiveDate: '2024-07-01',
        reviewDate: '2027-06-30',
        changeNote: '',
        contentHash: 'bench',
        createdBy: w.adminId,
        createdAt: now,
      })
      .execute();
    await trx
      .insertInto('mouSignatories')
      .values({
        id: signatoryId,
        districtId: w.districtId,
        mouId,
        party: 'district',
        name: 'Superintendent',
        title: 'Superintendent',
        email: null,
        active: 1,
        createdAt: now,
      })
      .execute();
    await trx
      .insertInto('mouSignatures')
      .values({
        id: `${w.mouVersionId}-sgn`,
        districtId: w.districtId,
        mouVersionId: w.mouVersionId,
        signatoryId,
        signedName: 'Superintendent',
        signedAt: now,
        contentHash: 'bench',
        recordedBy: w.adminId,
      })
      .execute();
  });
}

const ROUTINE = ['classroom_disruption', 'defiance', 'tobacco_or_vaping', 'theft', 'disorderly_conduct'] as const;
const SERIOUS = ['fight_without_weapon', 'threat_with_weapon', 'drugs', 'weapon_possession'] as const;
const NIBRS: Record<string, string> = {
  fight_without_weapon: '13B',
  threat_with_weapon: '13C',
  drugs: '35A',
  weapon_possession: '520',
};
const LOCS = ['classroom', 'hallway', 'cafeteria', 'grounds', 'gym'] as const;
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2024, 7, 26); // the 2024-25 school year, 280 days

export const CSV_HEADER =
  'incident_ref,school_nces_id,occurred_at,location,behaviors,description,weapon,offense_alleged,nibrs_codes,student_local_id,student_role,officer_email,purpose,involvement,reported_at,arrived_at,actions,emergency_reason,review_decision,reviewed_at,reviewer_email,review_note\n';

/**
 * Incident i of the benchmark, as CSV text (its rows) and as the object the import rebuilds from
 * those rows. Cheap to draw (a few random numbers), so the baseline's time is the inserts'.
 */
export function makeIncidentGenerator(w: IncidentWorld, seed = 77) {
  const rnd = seededRandom(seed);
  return (i: number): { csv: string; incident: AssembledIncident } => {
    const s = rnd.int(0, w.schools.length - 1);
    const school = w.schools[s]!;
    const t = YEAR_START + rnd.int(0, 279) * DAY + rnd.int(8 * 60, 15 * 60) * 60_000;
    const occurredAt = new Date(t).toISOString();
    const serious = rnd.next() < 0.35;
    const behavior = serious ? rnd.pick(SERIOUS) : rnd.pick(ROUTINE);
    const offense = serious && rnd.next() < 0.6;
    const location = rnd.pick(LOCS);
    const weapon = behavior === 'threat_with_weapon' ? 'knife' : 'none';
    const nStudents = rnd.next() < 0.1 ? 0 : rnd.next() < 0.7 ? 1 : 2;
    const first = rnd.int(0, 499);
    const studs = Array.from(
      { length: nStudents },
      (_, k) => w.students[s * w.perSchool + ((first + k * 7) % w.perSchool)]!,
    );
    const officers = w.officers.filter((o) => o.school === s);
    const officer = rnd.next() < 0.9 ? officers[rnd.int(0, officers.length - 1)]! : null;
    const reportedAt = new Date(t + 60_000).toISOString();
    const arrivedAt = new Date(t + rnd.int(60, 900) * 1000).toISOString();
    const purpose = serious
      ? 'serious_threat_or_crime'
      : rnd.next() < 0.5
        ? 'routine_discipline'
        : 'mentoring_or_teaching';
    const involvement = rnd.next() < 0.5 ? 'led' : 'assisted_on_request';
    const base = `I${i},${school.nces},${occurredAt},${location},${behavior},Bench incident ${i},${weapon},${offense},${offense ? NIBRS[behavior] : ''}`;
    const input: IncidentInput = {
      schoolId: school.id,
      occurredAt,
      location,
      behaviors: [behavior],
      description: `Bench incident ${i}`,
      weapon,
      offenseAlleged: offense,
      nibrsCodes: offense ? [NIBRS[behavior]!] : [],
      students: [],
      contacts: officer ? [{ officerId: officer.id, purpose, involvement, reportedAt, arrivedAt, actions: [] }] : [],
    };
    const reviews: AssembledIncident['reviews'] = [];
    let csv = '';
    studs.forEach((st, k) => {
      const role = k === 0 ? 'offender' : 'victim';
      input.students.push({ studentId: st.id, role });
      let line = `${base},${st.localId},${role}`;
      if (officer && k === 0) {
        const r = rnd.next();
        const act =
          r < 0.12 ? 'arrested' : r < 0.25 ? 'referred_to_law_enforcement' : r < 0.5 ? 'de_escalated' : 'observed';
        input.contacts[0]!.actions.push({
          action: act,
          studentId: st.id,
          at: arrivedAt,
          emergency: false,
          emergencyReason: null,
          parentNotified: false,
        });
        const review = (act === 'arrested' || act === 'referred_to_law_enforcement') && rnd.next() < 0.5;
        line += `,${officer.email},${purpose},${involvement},${reportedAt},${arrivedAt},${act},`;
        if (review) {
          reviews.push({
            studentId: st.id,
            reviewerId: w.reviewer.id,
            reviewedAt: reportedAt,
            decision: 'approved',
            note: '',
          });
          line += `,approved,${reportedAt},${w.reviewer.email},`;
        } else line += ',,,,';
      } else line += ',,,,,,,,,,,';
      csv += `${line}\n`;
    });
    if (officer && nStudents === 0)
      csv += `${base},,,${officer.email},${purpose},${involvement},${reportedAt},${arrivedAt},,,,,,\n`;
    if (!officer && nStudents === 0) csv += `${base},,,,,,,,,,,,,\n`;
    return {
      csv,
      incident: { ref: `I${i}`, firstRow: 0, input, students: new Map(studs.map((st) => [st.id, st.ref])), reviews },
    };
  };
}
