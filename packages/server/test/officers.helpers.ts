import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { localDate, type OfficerDetail, type TrainingStandard, type TrainingTopic } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { auditEvents, call } from './auth.helpers.js';

/** A district with two schools, its administrator, a training coordinator and a principal of school 1. */
export async function buildRosterWorld(app: FastifyInstance, ctx: AppContext) {
  const district = await buildDistrict(ctx);
  const s1 = (await buildSchool(ctx, district.id, { name: 'North High' })).id;
  const s2 = (await buildSchool(ctx, district.id, { name: 'South Middle' })).id;
  const admin = await buildUser(ctx, { role: 'district_admin', districtId: district.id });
  const coordinator = await buildUser(ctx, { role: 'training_coordinator', districtId: district.id });
  const principal = await buildUser(ctx, { role: 'school_admin', districtId: district.id, schoolIds: [s1] });
  const sessions = {
    admin: await signIn(app, admin),
    coordinator: await signIn(app, coordinator),
    principal: await signIn(app, principal),
  };
  return { district, s1, s2, admin, coordinator, principal, sessions };
}
export type RosterWorld = Awaited<ReturnType<typeof buildRosterWorld>>;

/** Today on the district's clock (a new district's zone). */
export async function districtToday(ctx: AppContext, districtId: string) {
  const d = await ctx.db
    .selectFrom('districts')
    .select('timeZone')
    .where('id', '=', districtId)
    .executeTakeFirstOrThrow();
  return localDate(new Date(), d.timeZone);
}

let badge = 0;
export async function addOfficer(
  app: FastifyInstance,
  s: Session,
  districtId: string,
  over: Record<string, unknown> = {},
) {
  const res = await call(app, s, 'POST', `/api/districts/${districtId}/officers`, {
    name: `Officer Test ${++badge}`,
    agency: 'Test County Sheriff',
    badgeNumber: `B-${badge}-${Math.floor(Math.random() * 1e6)}`,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<OfficerDetail>();
}

/** An approved completion record, written straight to the table (the records helper owns the API). */
export async function insertRecord(
  ctx: AppContext,
  districtId: string,
  officerId: string,
  r: { completedOn: string; hours: number; topics?: TrainingTopic[]; credential?: string; status?: string },
) {
  await ctx.db
    .insertInto('trainingRecords')
    .values({
      id: newId(),
      districtId,
      officerId,
      courseId: null,
      title: 'Test course',
      provider: 'Test academy',
      minutes: Math.round(r.hours * 60),
      topics: JSON.stringify(r.topics ?? ['de_escalation']),
      credentialKey: r.credential ?? null,
      completedOn: r.completedOn,
      expiresOn: null,
      status: r.status ?? 'approved',
      source: 'entry',
      createdBy: null,
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
      createdAt: nowIso(),
    })
    .execute();
}

/** Saves the district's standard straight to its table (the standard page belongs to another helper). */
export async function setStandard(ctx: AppContext, districtId: string, s: TrainingStandard) {
  await ctx.db.deleteFrom('trainingStandards').where('districtId', '=', districtId).execute();
  await ctx.db
    .insertInto('trainingStandards')
    .values({
      districtId,
      preset: s.preset,
      rules: JSON.stringify(s.rules),
      gateMode: s.gateMode,
      updatedBy: null,
      updatedAt: nowIso(),
    })
    .execute();
}

/** Payloads of one kind of audit event on the district's chain, oldest first. */
export async function auditKinds(ctx: AppContext, districtId: string, kind: string) {
  return (await auditEvents(ctx, districtId)).filter((e) => e.kind === kind).map((e) => e.payload);
}

export { buildUser, signIn };
