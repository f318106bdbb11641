import type { FastifyInstance } from 'fastify';
import { type ClauseKey, type IncidentInput, type RoleRules, defaultRoleRules } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId, sha256Hex } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';
import { type BuiltUser, type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';

/** Builders for incident tests: signed MOUs (written directly until the MOU service exists), students, inputs. */

export const CLAUSE_TITLES: Partial<Record<ClauseKey, string>> = {
  purpose: 'Purpose of the program',
  roles_and_responsibilities: 'Roles and responsibilities',
  information_sharing: 'Information sharing',
  discipline_separation: 'Officers stay out of school discipline',
  searches_and_questioning: 'Searches and questioning of students',
  use_of_force_and_restraint: 'Use of force and restraint',
  signatures: 'Signatures',
};

/**
 * A signed MOU version: one MOU, one version with the given rules and the clause titles above,
 * one active signatory whose signature covers exactly that version's content hash.
 */
export async function buildSignedMou(
  ctx: AppContext,
  districtId: string,
  opts: { createdBy: string; rules?: Partial<RoleRules>; effectiveDate?: string; signed?: boolean },
): Promise<{ mouId: string; mouVersionId: string }> {
  const now = nowIso();
  const mouId = newId();
  const mouVersionId = newId();
  const rules: RoleRules = { ...defaultRoleRules(), ...opts.rules };
  const clauses = Object.entries(CLAUSE_TITLES).map(([key, title]) => ({ key, title, text: `${title}: model text.` }));
  const contentHash = sha256Hex(JSON.stringify({ clauses, rules, mouVersionId }));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mous')
      .values({
        id: mouId,
        districtId,
        title: 'SRO program MOU',
        agencyName: 'County Sheriff',
        template: 'comprehensive',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('mouVersions')
      .values({
        id: mouVersionId,
        districtId,
        mouId,
        version: 1,
        clauses: JSON.stringify(clauses),
        roleRules: JSON.stringify(rules),
        effectiveDate: opts.effectiveDate ?? '2020-01-01',
        reviewDate: '2099-01-01',
        changeNote: '',
        contentHash,
        createdBy: opts.createdBy,
        createdAt: now,
      })
      .execute();
    const signatoryId = newId();
    await trx
      .insertInto('mouSignatories')
      .values({
        id: signatoryId,
        districtId,
        mouId,
        party: 'district',
        name: 'Superintendent',
        title: 'Superintendent',
        email: null,
        active: 1,
        createdAt: now,
      })
      .execute();
    if (opts.signed !== false)
      await trx
        .insertInto('mouSignatures')
        .values({
          id: newId(),
          districtId,
          mouVersionId,
          signatoryId,
          signedName: 'Superintendent',
          signedAt: now,
          contentHash,
          recordedBy: opts.createdBy,
        })
        .execute();
  });
  return { mouId, mouVersionId };
}

/** A student on the roster (no demographic history: the roster row is the snapshot). */
export async function buildStudent(
  ctx: AppContext,
  districtId: string,
  schoolId: string,
  over: { race?: string; sex?: string; idea?: boolean } = {},
) {
  const now = nowIso();
  const id = newId();
  await ctx.db
    .insertInto('students')
    .values({
      id,
      districtId,
      schoolId,
      localId: `S${id.slice(0, 8)}`,
      sourceId: null,
      givenName: 'Sam',
      familyName: `Student ${id.slice(0, 4)}`,
      grade: '10',
      race: over.race ?? 'WH',
      sex: over.sex ?? 'F',
      idea: over.idea ? 1 : 0,
      section504: 0,
      englishLearner: 0,
      active: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return { id };
}

export const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** A minimal valid incident: a classroom disruption an officer was asked to help with. */
export function incidentInput(
  schoolId: string,
  officerId: string | null,
  over: Partial<IncidentInput> = {},
): IncidentInput {
  return {
    schoolId,
    occurredAt: hoursAgo(3),
    location: 'classroom',
    behaviors: ['classroom_disruption'],
    description: 'A student refused to leave the classroom.',
    weapon: 'none',
    offenseAlleged: false,
    nibrsCodes: [],
    students: [],
    contacts: officerId
      ? [
          {
            officerId,
            purpose: 'routine_discipline',
            involvement: 'assisted_on_request',
            reportedAt: hoursAgo(3),
            arrivedAt: hoursAgo(2.9),
            actions: [
              {
                action: 'observed',
                studentId: null,
                at: hoursAgo(2.9),
                emergency: false,
                emergencyReason: null,
                parentNotified: false,
              },
            ],
          },
        ]
      : [],
    ...over,
  };
}

export interface IncidentWorld {
  district: { id: string; state: string };
  school: string;
  otherSchool: string;
  admin: BuiltUser;
  principal: BuiltUser;
  sro: BuiltUser;
  otherSro: BuiltUser;
  auditor: BuiltUser;
  sessions: { admin: Session; principal: Session; sro: Session; otherSro: Session; auditor: Session };
}

/** A district with two schools, an administrator, a principal, two officers of the first school and an auditor. */
export async function buildIncidentWorld(app: FastifyInstance, ctx: AppContext): Promise<IncidentWorld> {
  const district = await buildDistrict(ctx);
  const school = (await buildSchool(ctx, district.id)).id;
  const otherSchool = (await buildSchool(ctx, district.id)).id;
  const admin = await buildUser(ctx, { role: 'district_admin', districtId: district.id });
  const principal = await buildUser(ctx, { role: 'school_admin', districtId: district.id, schoolIds: [school] });
  const sro = await buildUser(ctx, { role: 'sro', districtId: district.id, schoolIds: [school] });
  const otherSro = await buildUser(ctx, { role: 'sro', districtId: district.id, schoolIds: [school] });
  const auditor = await buildUser(ctx, { role: 'auditor', districtId: district.id });
  const sessions = {
    admin: await signIn(app, admin),
    principal: await signIn(app, principal),
    sro: await signIn(app, sro),
    otherSro: await signIn(app, otherSro),
    auditor: await signIn(app, auditor),
  };
  return { district, school, otherSchool, admin, principal, sro, otherSro, auditor, sessions };
}

/** Row counts of every table an incident write touches, to prove a refused request changed nothing. */
export async function incidentTableCounts(ctx: AppContext) {
  const tables = [
    'incidents',
    'incidentStudents',
    'sroContacts',
    'sroActions',
    'incidentFlags',
    'incidentReviews',
    'incidentVersions',
    'roleDriftMonthly',
    'roleDriftFlagsMonthly',
    'districtCounters',
    'auditEvents',
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
  return out;
}

/** A request as the signed-in browser makes it (CSRF header on writes); PUT included. */
export function req(
  app: FastifyInstance,
  session: Session | null,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const headers: Record<string, string> = session
    ? method === 'GET'
      ? { cookie: session.cookie }
      : { ...session.headers }
    : {};
  return app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
}
