import { addDays } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { nowIso } from '../../db/database.js';
import { seededRandom } from '../../shared/random.js';

/**
 * Issue 14: the demo district's SRO roster. Two entries are the demo SRO accounts (linked by
 * `user_id`); the others never sign in, as many officers do not. One is a new hire not yet assigned
 * (the assignment gate's example); one has left the program. Assignments loaded here predate the
 * district's standard, so the gate did not judge them (`off`).
 */
export interface DemoOfficer {
  id: string;
  name: string;
  agency: string;
  badgeNumber: string;
  /** Linked demo account's email local part, if any. */
  account: string | null;
  /** Current schools, by index in the main district's school list. */
  schools: number[];
  /** How long ago the current assignment started, in days; null: not assigned. */
  sinceDays: number | null;
  status: 'active' | 'inactive';
}

const SHERIFF = 'Riverside County Sheriff’s Office';
const POLICE = 'Riverside Police Department';

export const DEMO_OFFICERS: readonly Omit<DemoOfficer, 'id'>[] = [
  {
    name: 'Officer Priya Nair',
    agency: POLICE,
    badgeNumber: '4127',
    account: 'sro',
    schools: [0, 1],
    sinceDays: 800,
    status: 'active',
  },
  {
    name: 'Officer James Bell',
    agency: POLICE,
    badgeNumber: '3890',
    account: 'sro2',
    schools: [2],
    sinceDays: 420,
    status: 'active',
  },
  {
    name: 'Deputy Maria Okafor',
    agency: SHERIFF,
    badgeNumber: 'D-2214',
    account: null,
    schools: [3],
    sinceDays: 1500,
    status: 'active',
  },
  {
    name: 'Deputy Samuel Greer',
    agency: SHERIFF,
    badgeNumber: 'D-1876',
    account: null,
    schools: [4, 5],
    sinceDays: 250,
    status: 'active',
  },
  {
    name: 'Officer Daniel Reyes',
    agency: POLICE,
    badgeNumber: '5012',
    account: null,
    schools: [],
    sinceDays: null,
    status: 'active',
  },
  {
    name: 'Officer Carla Jimenez',
    agency: POLICE,
    badgeNumber: '2765',
    account: null,
    schools: [],
    sinceDays: null,
    status: 'inactive',
  },
];

export const DEMO_TRAINING_SEED_OFFSET = 14;

export async function loadDemoRoster(
  trx: Db,
  seed: number,
  districtId: string,
  schoolIds: readonly string[],
  accountIds: Readonly<Record<string, string>>,
  today: string,
): Promise<DemoOfficer[]> {
  const rnd = seededRandom(seed + DEMO_TRAINING_SEED_OFFSET);
  const now = nowIso();
  const officers: DemoOfficer[] = [];
  for (const o of DEMO_OFFICERS) {
    const id = rnd.uuid();
    const local = o.badgeNumber.replace(/\D/g, '');
    await trx
      .insertInto('officers')
      .values({
        id,
        districtId,
        userId: o.account === null ? null : (accountIds[o.account] ?? null),
        name: o.name,
        agency: o.agency,
        badgeNumber: o.badgeNumber,
        email: `officer${local}@agency.demo.forefront.test`,
        status: o.status,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const schools = o.schools.map((i) => schoolIds[i]).filter((s): s is string => s !== undefined);
    for (const schoolId of schools)
      await trx
        .insertInto('officerAssignments')
        .values({
          id: rnd.uuid(),
          districtId,
          officerId: id,
          schoolId,
          startsOn: addDays(today, -(o.sinceDays ?? 0)),
          endsOn: null,
          gate: 'off',
          exceptionId: null,
          createdBy: null,
          createdAt: now,
        })
        .execute();
    // The officer who left served two years at the first school.
    if (o.status === 'inactive' && schoolIds[0] !== undefined)
      await trx
        .insertInto('officerAssignments')
        .values({
          id: rnd.uuid(),
          districtId,
          officerId: id,
          schoolId: schoolIds[0],
          startsOn: addDays(today, -1400),
          endsOn: addDays(today, -700),
          gate: 'off',
          exceptionId: null,
          createdBy: null,
          createdAt: now,
        })
        .execute();
    officers.push({ ...o, id, schools: o.schools });
  }
  return officers;
}
