import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { MouDetail, RoleRules } from '@forefront/contract';
import type { AppContext } from '../src/shared/context.js';
import type { Session } from './builders.js';
import { call } from './auth.helpers.js';

/** Shared by the MOU tests: real requests, real database. */

const DAY = 86_400_000;
/** An ISO date `days` from today (UTC), negative for the past. */
export const dayFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export async function createMou(
  app: FastifyInstance,
  admin: Session,
  districtId: string,
  over: Record<string, unknown> = {},
): Promise<MouDetail> {
  const res = await call(app, admin, 'POST', `/api/districts/${districtId}/mous`, {
    title: 'School Resource Officer Agreement',
    agencyName: 'Riverbend Police Department',
    template: 'cops_minimum',
    effectiveDate: dayFromToday(-30),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MouDetail>();
}

export async function addSignatory(
  app: FastifyInstance,
  admin: Session,
  mouId: string,
  name: string,
  party: 'district' | 'agency' = 'district',
) {
  const res = await call(app, admin, 'POST', `/api/mous/${mouId}/signatories`, {
    party,
    name,
    title: party === 'district' ? 'Superintendent' : 'Chief of Police',
    email: null,
  });
  expect(res.statusCode, res.body).toBe(201);
  const mou = res.json<MouDetail>();
  return mou.signatories.find((s) => s.name === name)!;
}

export async function sign(
  app: FastifyInstance,
  admin: Session,
  mouId: string,
  signatory: { id: string; name: string },
  version: number,
) {
  return call(app, admin, 'POST', `/api/mous/${mouId}/signatories/${signatory.id}/sign`, {
    version,
    signedName: signatory.name,
  });
}

/** A new version: the latest one's content with `edit` applied. */
export async function newVersion(
  app: FastifyInstance,
  admin: Session,
  mou: MouDetail,
  edit: (v: {
    clauses: MouDetail['versions'][number]['clauses'];
    roleRules: RoleRules;
    effectiveDate: string;
    reviewDate: string;
    changeNote: string;
  }) => void,
) {
  const latest = mou.versions[0]!;
  const body = {
    clauses: structuredClone(latest.clauses),
    roleRules: structuredClone(latest.roleRules),
    effectiveDate: latest.effectiveDate,
    reviewDate: latest.reviewDate,
    changeNote: 'An edit',
  };
  edit(body);
  return call(app, admin, 'POST', `/api/mous/${mou.id}/versions`, body);
}

export async function count(
  ctx: AppContext,
  table: 'mous' | 'mouVersions' | 'mouSignatories' | 'mouSignatures' | 'mouReminders' | 'auditEvents' | 'mailOutbox',
) {
  const r = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countsOf(ctx: AppContext) {
  return {
    mous: await count(ctx, 'mous'),
    versions: await count(ctx, 'mouVersions'),
    signatories: await count(ctx, 'mouSignatories'),
    signatures: await count(ctx, 'mouSignatures'),
    audit: await count(ctx, 'auditEvents'),
  };
}
