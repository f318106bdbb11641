import { GRADES, type Race, type Sex } from '@forefront/contract';
import type { seededRandom } from '../../shared/random.js';
import type { StudentUpsert } from '../students/student.upsert.js';

type Rnd = ReturnType<typeof seededRandom>;
type Grade = (typeof GRADES)[number];

/** The original demo roster per school, which the scenario incidents draw from (demoRosterRest adds the rest). */
export const STUDENTS_PER_SCHOOL = 40;

const GIVEN = [
  'Aaliyah',
  'Aiden',
  'Amara',
  'Andre',
  'Ava',
  'Benjamin',
  'Camila',
  'Carlos',
  'Chloe',
  'Daniel',
  'Destiny',
  'Diego',
  'Elijah',
  'Emily',
  'Ethan',
  'Fatima',
  'Gabriel',
  'Grace',
  'Hannah',
  'Isaiah',
  'Jada',
  'Jamal',
  'Jasmine',
  'Jayden',
  'Jose',
  'Kai',
  'Kayla',
  'Liam',
  'Lucia',
  'Malik',
  'Maria',
  'Mason',
  'Mei',
  'Mia',
  'Noah',
  'Nia',
  'Omar',
  'Priya',
  'Riley',
  'Santiago',
  'Sofia',
  'Tyler',
  'Valentina',
  'Wyatt',
  'Xavier',
  'Yusuf',
  'Zoe',
  'Zion',
];
const FAMILY = [
  'Adams',
  'Alvarez',
  'Anderson',
  'Baker',
  'Bennett',
  'Brooks',
  'Chen',
  'Clark',
  'Cruz',
  'Davis',
  'Diaz',
  'Edwards',
  'Evans',
  'Flores',
  'Foster',
  'Garcia',
  'Gomez',
  'Green',
  'Hall',
  'Harris',
  'Hernandez',
  'Hughes',
  'Jackson',
  'James',
  'Johnson',
  'Kim',
  'King',
  'Lee',
  'Lopez',
  'Martin',
  'Martinez',
  'Mitchell',
  'Morales',
  'Nguyen',
  'Ortiz',
  'Patel',
  'Perez',
  'Ramirez',
  'Reed',
  'Rivera',
  'Robinson',
  'Sanchez',
  'Scott',
  'Singh',
  'Taylor',
  'Thomas',
  'Torres',
  'Walker',
  'Washington',
  'White',
  'Williams',
  'Wilson',
  'Young',
];

/** Roughly the national public-school mix (NCES), in CRDC order, as cumulative weights. */
const RACE_WEIGHTS: [Race, number][] = [
  ['HI', 0.28],
  ['AM', 0.01],
  ['AS', 0.055],
  ['HP', 0.005],
  ['BL', 0.15],
  ['WH', 0.45],
  ['TR', 0.05],
];

function pickRace(rnd: Rnd): Race {
  let x = rnd.next();
  for (const [race, w] of RACE_WEIGHTS) {
    if (x < w) return race;
    x -= w;
  }
  return 'WH';
}

export interface DemoRosterSchool {
  id: string;
  ncesSchoolId: string;
  gradeLow: string;
  gradeHigh: string;
  enrollment: number;
}

/**
 * One school of the main district is small (an elementary school of 60 students with one to three
 * students referred a year), so the public pages show its cells suppressed while the district's
 * totals are published.
 */
export const SMALL_SCHOOL_INDEX = 11;
export const SMALL_SCHOOL_STUDENTS = 60;

/**
 * Students on a demo school's roster: as many as the school enrolls (the small school 60). The
 * first STUDENTS_PER_SCHOOL are the original roster the scenario incidents draw from.
 */
export const rosterSizeOf = (school: Pick<DemoRosterSchool, 'enrollment'>, index: number) =>
  index === SMALL_SCHOOL_INDEX ? SMALL_SCHOOL_STUDENTS : Math.max(STUDENTS_PER_SCHOOL, school.enrollment);

/** The main district's whole roster size. */
export const demoRosterSize = (schools: readonly Pick<DemoRosterSchool, 'enrollment'>[]) =>
  schools.reduce((n, s, i) => n + rosterSizeOf(s, i), 0);

function demoStudent(rnd: Rnd, s: DemoRosterSchool, n: number): StudentUpsert {
  const grades = GRADES.slice(GRADES.indexOf(s.gradeLow as Grade), GRADES.indexOf(s.gradeHigh as Grade) + 1);
  const idea = rnd.next() < 0.15;
  const sex: Sex = rnd.next() < 0.5 ? 'F' : 'M';
  return {
    localId: `${s.ncesSchoolId.slice(-3)}${String(n).padStart(4, '0')}`,
    sourceId: null,
    givenName: rnd.pick(GIVEN),
    familyName: rnd.pick(FAMILY),
    schoolId: s.id,
    grade: rnd.pick(grades),
    race: pickRace(rnd),
    sex,
    idea,
    // Section 504 only: a student served under IDEA is not counted again under 504.
    section504: !idea && rnd.next() < 0.04,
    englishLearner: rnd.next() < 0.1,
  };
}

/**
 * A seeded roster: local ids are the school's last three NCES digits and a sequence number
 * (e.g. 0010007), so they are unique in the district and easy to type in the student picker.
 */
export function demoRoster(rnd: Rnd, schools: readonly DemoRosterSchool[]): StudentUpsert[] {
  const out: StudentUpsert[] = [];
  for (const s of schools) for (let n = 1; n <= STUDENTS_PER_SCHOOL; n++) out.push(demoStudent(rnd, s, n));
  return out;
}

/** The rest of each school's roster (numbers after the original STUDENTS_PER_SCHOOL), loaded after the scenarios. */
export function demoRosterRest(rnd: Rnd, schools: readonly DemoRosterSchool[]): StudentUpsert[] {
  const out: StudentUpsert[] = [];
  schools.forEach((s, i) => {
    for (let n = STUDENTS_PER_SCHOOL + 1; n <= rosterSizeOf(s, i); n++) out.push(demoStudent(rnd, s, n));
  });
  return out;
}
