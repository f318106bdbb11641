import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/shared/context.js';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { call } from './auth.helpers.js';
import { type BuiltUser, type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { buildStudent } from './incident.helpers.js';

/**
 * Issue 15: a district with a school team of five (principal as administrator, a counselor as
 * mental-health professional, the SRO as law enforcement, a special-education teacher, and the
 * district administrator NOT on it), the threat coordinator, an auditor and a second school.
 */
export interface ThreatWorld {
  districtId: string;
  school: string;
  otherSchool: string;
  teamId: string;
  users: Record<
    'principal' | 'counselor' | 'sro' | 'sped' | 'admin' | 'coordinator' | 'auditor' | 'outsider',
    BuiltUser
  >;
  s: Record<keyof ThreatWorld['users'], Session>;
  student: string;
  /** A student with an IEP (IDEA). */
  iepStudent: string;
}

export async function buildThreatWorld(app: FastifyInstance, ctx: AppContext): Promise<ThreatWorld> {
  const d = await buildDistrict(ctx);
  const school = (await buildSchool(ctx, d.id)).id;
  const otherSchool = (await buildSchool(ctx, d.id)).id;
  const users = {
    principal: await buildUser(ctx, { role: 'school_admin', districtId: d.id, schoolIds: [school] }),
    counselor: await buildUser(ctx, { role: 'support_staff', districtId: d.id, schoolIds: [school] }),
    sro: await buildUser(ctx, { role: 'sro', districtId: d.id, schoolIds: [school] }),
    sped: await buildUser(ctx, {
      role: 'support_staff',
      districtId: d.id,
      schoolIds: [school],
      profession: 'psychologist',
    }),
    admin: await buildUser(ctx, { role: 'district_admin', districtId: d.id }),
    coordinator: await buildUser(ctx, { role: 'threat_coordinator', districtId: d.id }),
    auditor: await buildUser(ctx, { role: 'auditor', districtId: d.id }),
    outsider: await buildUser(ctx, { role: 'support_staff', districtId: d.id, schoolIds: [otherSchool] }),
  };
  const s = {} as ThreatWorld['s'];
  for (const [k, u] of Object.entries(users)) s[k as keyof typeof users] = await signIn(app, u);
  const teamId = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('threatTeams')
    .values({ id: teamId, districtId: d.id, schoolId: school, name: 'School team', createdAt: now, updatedAt: now })
    .execute();
  await ctx.db
    .insertInto('threatTeamMembers')
    .values(
      (
        [
          [users.principal, 'administrator'],
          [users.counselor, 'mental_health'],
          [users.sro, 'law_enforcement'],
          [users.sped, 'special_education'],
        ] as const
      ).map(([u, teamRole]) => ({ teamId, userId: u.id, districtId: d.id, teamRole, addedAt: now })),
    )
    .execute();
  const student = (await buildStudent(ctx, d.id, school, { race: 'BL', sex: 'M' })).id;
  const iepStudent = (await buildStudent(ctx, d.id, school, { idea: true })).id;
  return { districtId: d.id, school, otherSchool, teamId, users, s, student, iepStudent };
}

/** Reports a concern as `session` and answers the new case's id (read back by its number). */
export async function reportCase(
  app: FastifyInstance,
  ctx: AppContext,
  w: ThreatWorld,
  session: Session,
  over: { studentId?: string; concern?: string } = {},
): Promise<{ id: string; number: string }> {
  const res = await call(app, session, 'POST', `/api/districts/${w.districtId}/threat-reports`, {
    schoolId: w.school,
    studentId: over.studentId ?? w.student,
    concern: over.concern ?? 'Said he would bring something to school tomorrow',
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  const { number } = res.json<{ number: string }>();
  const row = await ctx.db
    .selectFrom('threatCases')
    .select('id')
    .where('districtId', '=', w.districtId)
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}

export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** A request as the browser makes it (CSRF header on writes), any method. */
export function api(
  app: FastifyInstance,
  session: Session,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
) {
  const headers = method === 'GET' ? { cookie: session.cookie } : { ...session.headers };
  return app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
}

/** Row counts of every table a case write touches (plus the audit log): a refusal changes none. */
export async function caseTableCounts(ctx: AppContext) {
  const tables = [
    'threatCases',
    'threatInterviews',
    'threatCaseNotes',
    'threatCaseThemes',
    'threatSafetyTasks',
    'threatCheckins',
    'threatParentContacts',
    'threatCaseSignoffs',
    'districtCounters',
  ] as const;
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = Number(
      (
        await ctx.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const versions = await ctx.db.selectFrom('threatCases').select(['id', 'version']).execute();
  return { ...out, versions: Object.fromEntries(versions.map((v) => [v.id, Number(v.version)])) };
}
