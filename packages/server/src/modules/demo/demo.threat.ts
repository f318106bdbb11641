import { DEFAULT_EQUITY_THRESHOLD, type ProviderKind, type TeamRole } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { seededRandom } from '../../shared/random.js';
import { appendAudit } from '../audit/audit.service.js';
import { type DemoTeam, seedDemoCases } from './demo.threat-cases.js';

/**
 * Issue 15 in the demo: the district's threat assessment settings (CSTAG, a written threshold for
 * law enforcement), teams, the provider directory, about 40 cases across every CSTAG outcome and
 * referrals in every status. Written directly as operator writes (like the training demo), with
 * its own seeded stream so nothing loaded earlier changes. The neighbor district (no roster) picks
 * NTAC, so both protocols are seen in settings; it has no cases.
 */
export const DEMO_THREAT_SEED = 15031;

export const DEMO_LE_THRESHOLD =
  'Law enforcement joins a case only when the team finds a weapon or access to one together with a plan, ' +
  'a specific target and time, or conduct that is a crime under state law (not for school discipline alone).';

/** Accounts by their e-mail's local part (admin, principal, sro, sro2, counselor, ...). */
export type DemoAccountIds = Record<string, string>;

type Member = [local: string, role: TeamRole];

/**
 * Teams where the demo has staff: the high school's is complete; the middle school's has the
 * district coordinator as its administrator; the elementary school's lacks an administrator, so its
 * cases wait for one before they can be classified (the page says so). Other schools' cases go to
 * the district team. Kevin Osei, a school psychologist, sits as the special-education member.
 */
const TEAMS: { school: 'hs' | 'ms' | 'es' | null; name: string; members: Member[] }[] = [
  {
    school: 'hs',
    name: 'threat assessment team',
    members: [
      ['principal', 'administrator'],
      ['counselor', 'mental_health'],
      ['sro', 'law_enforcement'],
      ['psychologist', 'special_education'],
    ],
  },
  {
    school: 'ms',
    name: 'threat assessment team',
    members: [
      ['threat', 'administrator'],
      ['socialworker', 'mental_health'],
      ['sro', 'law_enforcement'],
      ['psychologist', 'special_education'],
    ],
  },
  {
    school: 'es',
    name: 'threat assessment team',
    members: [
      ['socialworker', 'mental_health'],
      ['sro2', 'law_enforcement'],
    ],
  },
  {
    school: null,
    name: 'District threat assessment team',
    members: [
      ['threat', 'administrator'],
      ['psychologist', 'mental_health'],
      ['sro2', 'law_enforcement'],
      ['counselor', 'special_education'],
      ['socialworker', 'other'],
    ],
  },
];

/** The directory: the three support staff with accounts, and two community providers. */
const PROVIDERS: [kind: ProviderKind, name: string, org: string | null, local: string | null, langs: string[]][] = [
  ['counselor', 'Alicia Romero', 'Riverside Unified School District', 'counselor', ['en', 'es']],
  ['psychologist', 'Dr. Kevin Osei', 'Riverside Unified School District', 'psychologist', ['en']],
  ['social_worker', 'Hannah Kim', 'Riverside Unified School District', 'socialworker', ['en', 'ko']],
  ['community_provider', 'Blue Ridge Family Counseling', 'Blue Ridge Family Counseling, LLC', null, ['en', 'es']],
  ['community_provider', 'Riverside Community Services Board', 'Riverside Community Services Board', null, ['en']],
];

export interface DemoProvider {
  id: string;
  kind: ProviderKind;
  name: string;
}

export async function loadThreatDemo(
  trx: Db,
  ctx: AppContext,
  districts: { main: string; neighbor: string },
  schools: { hs: string; ms: string; es: string; all: string[] },
  accounts: DemoAccountIds,
  today: string,
): Promise<{ cases: number; referrals: number }> {
  const rnd = seededRandom(DEMO_THREAT_SEED);
  // A moment fixed per day, as the rest of the demo's dates: the same seed gives the same rows.
  const now = `${today}T12:00:00.000Z`;
  const operator = { dialect: ctx.dialect, actor: null, districtId: districts.main };
  for (const [districtId, protocol] of [
    [districts.main, 'cstag'],
    [districts.neighbor, 'ntac'],
  ] as const)
    await trx
      .insertInto('threatSettings')
      .values({
        districtId,
        protocol,
        leThreshold: DEMO_LE_THRESHOLD,
        equityThreshold: DEFAULT_EQUITY_THRESHOLD,
        equityPublic: 0,
        updatedBy: null,
        updatedAt: now,
      })
      .execute();

  const names = await trx
    .selectFrom('schools')
    .select(['id', 'name'])
    .where('districtId', '=', districts.main)
    .execute();
  const teams: DemoTeam[] = [];
  for (const t of TEAMS) {
    const id = rnd.uuid();
    const schoolId = t.school === null ? null : schools[t.school];
    const name = schoolId === null ? t.name : `${names.find((s) => s.id === schoolId)!.name} ${t.name}`;
    await trx
      .insertInto('threatTeams')
      .values({ id, districtId: districts.main, schoolId, name, createdAt: now, updatedAt: now })
      .execute();
    const members = t.members.map(([local, teamRole]) => ({ userId: accounts[local]!, teamRole }));
    await trx
      .insertInto('threatTeamMembers')
      .values(members.map((m) => ({ teamId: id, districtId: districts.main, addedAt: now, ...m })))
      .execute();
    teams.push({ id, schoolId, members });
  }

  const providers: DemoProvider[] = [];
  for (const [kind, name, organization, local, languages] of PROVIDERS) {
    const id = rnd.uuid();
    await trx
      .insertInto('supportProviders')
      .values({
        id,
        districtId: districts.main,
        kind,
        name,
        organization,
        userId: local ? accounts[local]! : null,
        phone: '(540) 555-01' + String(10 + providers.length),
        email: local ? `${local}@demo.forefront.test` : null,
        languages: JSON.stringify(languages),
        active: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    providers.push({ id, kind, name });
  }

  const seeded = await seedDemoCases(trx, ctx, rnd, {
    districtId: districts.main,
    schools: schools.all,
    teams,
    providers,
    accounts,
    today,
  });
  await appendAudit(trx, operator, {
    kind: 'threat_records.demo_loaded',
    teamIds: teams.map((t) => t.id),
    providerIds: providers.map((p) => p.id),
    caseIds: seeded.caseIds,
    referralIds: seeded.referralIds,
  });
  return { cases: seeded.caseIds.length, referrals: seeded.referralIds.length };
}
