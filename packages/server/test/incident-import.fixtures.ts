import { CLAUSE_KEYS, RACES, type RoleRules, defaultRoleRules } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { seededRandom } from '../src/shared/random.js';
import type { AppContext } from '../src/shared/context.js';
import { type BuiltUser, buildDistrict, buildSchool, buildUser } from './builders.js';

/**
 * A district ready for incident imports: schools, a roster with varied demographics (some with a
 * demographic history, so snapshots as of the incident date matter), officers, administrators and
 * a signed MOU in force from 2024-07-01. Written directly: these tests are about the import.
 */
export interface ImportWorld {
  district: { id: string; state: string };
  schools: { id: string; ncesSchoolId: string }[];
  students: { id: string; localId: string }[];
  officers: BuiltUser[];
  admin: BuiltUser;
  principal: BuiltUser;
  mouVersionId: string;
}

export async function buildImportWorld(
  ctx: AppContext,
  opts: { students?: number; seed?: number; rules?: RoleRules } = {},
): Promise<ImportWorld> {
  const rnd = seededRandom(opts.seed ?? 7);
  const district = await buildDistrict(ctx);
  const schools = [await buildSchool(ctx, district.id), await buildSchool(ctx, district.id)];
  const admin = await buildUser(ctx, { role: 'district_admin', districtId: district.id });
  const principal = await buildUser(ctx, {
    role: 'school_admin',
    districtId: district.id,
    schoolIds: [schools[0]!.id],
  });
  const officers = [
    await buildUser(ctx, { role: 'sro', districtId: district.id, schoolIds: [schools[0]!.id] }),
    await buildUser(ctx, { role: 'sro', districtId: district.id, schoolIds: [schools[1]!.id] }),
  ];
  const now = nowIso();
  const students: ImportWorld['students'] = [];
  const rows = [];
  const history = [];
  for (let i = 0; i < (opts.students ?? 40); i++) {
    const school = schools[i % 2]!;
    const idea = rnd.next() < 0.2 ? 1 : 0;
    const s = {
      id: newId(),
      districtId: district.id,
      schoolId: school.id,
      localId: `S${String(i).padStart(5, '0')}`,
      sourceId: null,
      givenName: `Given${i}`,
      familyName: `Family${i}`,
      grade: '10',
      race: rnd.pick(RACES),
      sex: rnd.pick(['M', 'F', 'F', 'M', 'X'] as const),
      idea,
      section504: idea === 0 && rnd.next() < 0.25 ? 1 : 0,
      englishLearner: rnd.next() < 0.2 ? 1 : 0,
      active: 1,
      createdAt: now,
      updatedAt: now,
    };
    rows.push(s);
    students.push({ id: s.id, localId: s.localId });
    // Every fourth student became an English learner (and changed grade) on 2025-01-15.
    if (i % 4 === 0) {
      const base = {
        districtId: district.id,
        studentId: s.id,
        schoolId: s.schoolId,
        race: s.race,
        sex: s.sex,
        idea: s.idea,
        section504: s.section504,
      };
      history.push({ ...base, id: newId(), validFrom: '2024-07-01', grade: '09', englishLearner: 0 });
      history.push({ ...base, id: newId(), validFrom: '2025-01-15', grade: '10', englishLearner: 1 });
    }
  }
  await ctx.db.insertInto('students').values(rows).execute();
  if (history.length) await ctx.db.insertInto('studentDemographics').values(history).execute();

  const mouId = newId();
  const mouVersionId = newId();
  const signatoryId = newId();
  const clauses = CLAUSE_KEYS.map((key) => ({ key, title: `Clause ${key}`, text: `Text of ${key}` }));
  await ctx.db
    .insertInto('mous')
    .values({
      id: mouId,
      districtId: district.id,
      title: 'SRO MOU',
      agencyName: 'County Police',
      template: 'comprehensive',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await ctx.db
    .insertInto('mouVersions')
    .values({
      id: mouVersionId,
      districtId: district.id,
      mouId,
      version: 1,
      clauses: JSON.stringify(clauses),
      roleRules: JSON.stringify(opts.rules ?? defaultRoleRules()),
      effectiveDate: '2024-07-01',
      reviewDate: '2027-06-30',
      changeNote: '',
      contentHash: 'hash-v1',
      createdBy: admin.id,
      createdAt: now,
    })
    .execute();
  await ctx.db
    .insertInto('mouSignatories')
    .values({
      id: signatoryId,
      districtId: district.id,
      mouId,
      party: 'district',
      name: 'Superintendent',
      title: 'Superintendent',
      email: null,
      active: 1,
      createdAt: now,
    })
    .execute();
  await ctx.db
    .insertInto('mouSignatures')
    .values({
      id: newId(),
      districtId: district.id,
      mouVersionId,
      signatoryId,
      signedName: 'Superintendent',
      signedAt: now,
      contentHash: 'hash-v1',
      recordedBy: admin.id,
    })
    .execute();
  return { district, schools, students, officers, admin, principal, mouVersionId };
}

export const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const toCsv = (header: readonly string[], rows: Record<string, string>[]) =>
  [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h] ?? '')).join(','))].join('\n') + '\n';

const ROUTINE = ['classroom_disruption', 'defiance', 'tobacco_or_vaping', 'theft'];
const SERIOUS = ['fight_without_weapon', 'threat_with_weapon', 'drugs', 'weapon_possession'];

/**
 * Seeded incident rows in the import format: mixes of routine and serious behaviors, officers who
 * lead or assist, arrests and referrals with and without a prior review, emergencies, restraint.
 */
export function generateIncidentRows(w: ImportWorld, count: number, seed = 11): Record<string, string>[] {
  const rnd = seededRandom(seed);
  const out: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const school = rnd.pick(w.schools);
    const day = new Date(Date.UTC(2024, 8, 1) + rnd.int(0, 300) * 86_400_000 + rnd.int(8, 15) * 3_600_000);
    const occurredAt = day.toISOString();
    const serious = rnd.next() < 0.4;
    const behavior = serious ? rnd.pick(SERIOUS) : rnd.pick(ROUTINE);
    const offense = serious && rnd.next() < 0.7;
    const base = {
      incident_ref: `R${i}`,
      school_nces_id: school.ncesSchoolId,
      occurred_at: occurredAt,
      location: rnd.pick(['classroom', 'hallway', 'cafeteria', 'grounds']),
      behaviors: behavior,
      description: `Incident ${i}, "quoted", with a comma`,
      weapon: behavior === 'threat_with_weapon' ? 'knife' : 'none',
      offense_alleged: offense ? 'true' : 'false',
      nibrs_codes: offense
        ? (
            {
              fight_without_weapon: '13B',
              threat_with_weapon: '13C',
              drugs: '35A',
              weapon_possession: '520',
            } as Record<string, string>
          )[behavior]!
        : '',
    };
    const nStudents = rnd.int(0, 3);
    const picked = new Set<number>();
    while (picked.size < nStudents) picked.add(rnd.int(0, w.students.length - 1));
    const officer = rnd.next() < 0.85 ? rnd.pick(w.officers) : null;
    const reported = new Date(day.getTime() + 60_000).toISOString();
    const arrived = new Date(day.getTime() + rnd.int(60, 900) * 1000).toISOString();
    const contact: Record<string, string> = officer
      ? {
          officer_email: officer.email,
          purpose: serious
            ? 'serious_threat_or_crime'
            : rnd.pick(['routine_discipline', 'mentoring_or_teaching', 'other']),
          involvement: rnd.pick(['assisted_on_request', 'led']),
          reported_at: reported,
          arrived_at: arrived,
        }
      : {};
    const rows = [...picked].map((si, k) => {
      const student = w.students[si]!;
      const row: Record<string, string> = {
        ...base,
        student_local_id: student.localId,
        student_role: k === 0 ? 'offender' : rnd.pick(['victim', 'witness', 'reporter']),
      };
      if (officer && (k === 0 || rnd.next() < 0.3)) {
        Object.assign(row, contact);
        const acts: string[] = [];
        const r = rnd.next();
        if (r < 0.2) acts.push('arrested');
        else if (r < 0.35) acts.push('referred_to_law_enforcement');
        else if (r < 0.45) acts.push('cited');
        if (rnd.next() < 0.15) acts.push(rnd.next() < 0.5 ? 'restrained_physical:emergency' : 'restrained_physical');
        if (rnd.next() < 0.2) acts.push(rnd.next() < 0.5 ? 'questioned:parent_notified' : 'questioned');
        if (rnd.next() < 0.2) acts.push('de_escalated');
        row.actions = acts.join(';');
        if (acts.some((a) => a.includes(':emergency'))) row.emergency_reason = 'Student was hitting another student';
        if (acts.length && rnd.next() < 0.4)
          Object.assign(row, {
            review_decision: 'approved',
            reviewed_at: reported,
            reviewer_email: rnd.pick([w.admin.email, w.principal.email]),
            review_note: 'Approved by phone',
          });
      }
      return row;
    });
    if (officer && (rows.length === 0 || rnd.next() < 0.2)) rows.push({ ...base, ...contact, actions: 'observed' });
    if (rows.length === 0) rows.push(base);
    // A citation or arrest stands on an alleged offense (issue 12); decided after the rows so the
    // seeded sequence, and so every other value, stays what it was.
    if (!offense && rows.some((r) => /(^|;)(arrested|cited)/.test(r.actions ?? '')))
      for (const r of rows) r.offense_alleged = 'true';
    out.push(...rows);
  }
  return out;
}
