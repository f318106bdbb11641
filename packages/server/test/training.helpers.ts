import type { FastifyInstance } from 'fastify';
import { nowIso } from '../src/db/database.js';
import type { AppContext } from '../src/shared/context.js';
import { newId } from '../src/shared/ids.js';
import { type BuiltUser, type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';

/** Officers inserted straight into the roster (the roster's own routes belong to another module). */
export async function insertOfficer(
  ctx: AppContext,
  districtId: string,
  over: { name?: string; agency?: string; badgeNumber?: string; userId?: string | null } = {},
) {
  const now = nowIso();
  const row = {
    id: newId(),
    districtId,
    userId: over.userId ?? null,
    name: over.name ?? 'Officer Test',
    agency: over.agency ?? 'Test Police Department',
    badgeNumber: over.badgeNumber ?? String(1000 + Math.floor(Math.random() * 900_000)),
    email: null,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.insertInto('officers').values(row).execute();
  return row;
}

export interface TrainingWorld {
  district: { id: string };
  school: string;
  coordinator: Session;
  admin: Session;
  principal: Session;
  sro: Session;
  sroUser: BuiltUser;
  otherSro: Session;
  /** The SRO's own roster entry, and an officer without an account. */
  mine: { id: string; agency: string; badgeNumber: string };
  deputy: { id: string; agency: string; badgeNumber: string };
  otherDistrictCoordinator: Session;
}

export async function buildTrainingWorld(app: FastifyInstance, ctx: AppContext): Promise<TrainingWorld> {
  const district = await buildDistrict(ctx);
  const school = (await buildSchool(ctx, district.id)).id;
  const u = (role: Parameters<typeof buildUser>[1]['role'], schoolIds: string[] = []) =>
    buildUser(ctx, { role, districtId: district.id, schoolIds });
  const sroUser = await u('sro', [school]);
  const otherSroUser = await u('sro', [school]);
  const mine = await insertOfficer(ctx, district.id, {
    name: 'Officer Mine',
    agency: 'Springfield Police Department',
    badgeNumber: '4411',
    userId: sroUser.id,
  });
  const deputy = await insertOfficer(ctx, district.id, {
    name: 'Deputy Other',
    agency: 'County Sheriff',
    badgeNumber: 'S-77',
  });
  const other = await buildDistrict(ctx);
  return {
    district,
    school,
    coordinator: await signIn(app, await u('training_coordinator')),
    admin: await signIn(app, await u('district_admin')),
    principal: await signIn(app, await u('school_admin', [school])),
    sro: await signIn(app, sroUser),
    sroUser,
    otherSro: await signIn(app, otherSroUser),
    mine,
    deputy,
    otherDistrictCoordinator: await signIn(
      app,
      await buildUser(ctx, { role: 'training_coordinator', districtId: other.id }),
    ),
  };
}

export async function countOf(ctx: AppContext, table: 'trainingRecords' | 'trainingCertificates' | 'auditEvents') {
  const r = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A tiny valid PDF and a real 1x1 PNG: file types are judged by these bytes. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart body with one file field `certificate`. */
export function certificateBody(filename: string, contentType: string, bytes: Buffer) {
  const boundary = `----forefront${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="certificate"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

export function putCertificate(
  app: FastifyInstance,
  session: Session,
  url: string,
  file: { filename: string; contentType: string; bytes: Buffer },
) {
  const body = certificateBody(file.filename, file.contentType, file.bytes);
  return app.inject({
    method: 'PUT',
    url,
    headers: { ...session.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}
