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
  email: string | null = null,
) {
  const res = await call(app, admin, 'POST', `/api/mous/${mouId}/signatories`, {
    party,
    name,
    title: party === 'district' ? 'Superintendent' : 'Chief of Police',
    email,
  });
  expect(res.statusCode, res.body).toBe(201);
  const mou = res.json<MouDetail>();
  return mou.signatories.find((s) => s.name === name)!;
}

/** The smallest file `file-type` reads as a PDF: what a scanned signature page is in these tests. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A multipart/form-data body as a browser sends it: text fields first, then the files. */
export function multipart(
  fields: Record<string, string>,
  files: { name: string; filename: string; contentType: string; bytes: Buffer }[],
) {
  const boundary = `----forefront${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Records a paper signature with its scan, as a district administrator does after a wet-ink signing. */
export function recordPaper(
  app: FastifyInstance,
  admin: Session,
  mouId: string,
  signatoryId: string,
  version: number | string,
  scan: { bytes: Buffer; filename?: string; contentType?: string } | null = { bytes: TINY_PDF },
) {
  const body = multipart(
    { version: String(version) },
    scan
      ? [
          {
            name: 'scan',
            filename: scan.filename ?? 'signed-page.pdf',
            contentType: scan.contentType ?? 'application/pdf',
            bytes: scan.bytes,
          },
        ]
      : [],
  );
  return app.inject({
    method: 'POST',
    url: `/api/mous/${mouId}/signatories/${signatoryId}/paper-signature`,
    headers: { ...admin.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/**
 * A signatory's signature on a version, for tests about what signatures do (versions in force,
 * reminders, the public page): recorded from paper, since nobody may sign for someone else.
 */
export async function sign(
  app: FastifyInstance,
  admin: Session,
  mouId: string,
  signatory: { id: string; name: string },
  version: number,
) {
  return recordPaper(app, admin, mouId, signatory.id, version);
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
