import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictForList } from '../../shared/load-district.js';
import { newId } from '../../shared/ids.js';
import * as repo from './disclosure.repository.js';
import { appendAudit } from '../audit/audit.service.js';
import { authorize } from '../../shared/authorize.js';
import { NotFoundError } from '../../shared/errors.js';
import { findDistrict } from '../districts/district.repository.js';
import { type Lang, renderDisclosurePdf } from './disclosure.pdf.js';

/** The defaults when an export names no recipient: the district's own staff (FERPA 99.31(a)(1)). */
export const DEFAULT_DISCLOSURE = {
  party: 'District staff (internal export)',
  purpose: 'District review of SRO incident records',
  legalBasis: '34 CFR 99.31(a)(1)(i)(A): school officials with a legitimate educational interest',
} as const;

export interface DisclosureInput {
  districtId: string;
  party: string;
  purpose: string;
  legalBasis: string;
  format: string;
  /** The records released: one per student per incident. */
  recordCount: number;
  studentIds: readonly string[];
  /** Null when the operator ran the export from the CLI. */
  disclosedBy: string | null;
  emergencyThreat?: string | null;
}

/**
 * FERPA 99.32: the record of a disclosure, kept with the student records as long as they are.
 * Written in the caller's transaction, together with its audit event.
 */
export async function recordDisclosure(trx: Db, input: DisclosureInput): Promise<{ id: string; disclosedAt: string }> {
  const row = {
    id: newId(),
    districtId: input.districtId,
    party: input.party,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    format: input.format,
    recordCount: input.recordCount,
    emergencyThreat: input.emergencyThreat ?? null,
    disclosedBy: input.disclosedBy,
    disclosedAt: nowIso(),
  };
  await repo.insertDisclosure(trx, row, input.studentIds);
  return { id: row.id, disclosedAt: row.disclosedAt };
}

/**
 * The disclosure log. It names which students' records went to whom, as sensitive as the audit
 * trail itself, so it follows the audit trail's policy (`audit.list`: the district administrator
 * and the independent auditor, district-wide), not the export policy.
 */
export async function listDisclosures(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: { limit: number; offset: number; studentId?: string },
) {
  const { district: d } = await loadDistrictForList(ctx.db, actor, 'audit.list', districtId);
  const { items, total } = await repo.findDisclosures(ctx.db, districtId, q);
  // Looking at whose records went where is itself on the record, like browsing the audit log.
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { dialect: ctx.dialect, actor, districtId: d.id },
        { kind: 'disclosure.viewed', studentId: q.studentId ?? null, count: items.length },
      ),
    );
  return {
    items: items.map(toDisclosure),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

const toDisclosure = <R extends { recordCount: number | string; studentCount: number | string | null }>(r: R) => ({
  ...r,
  recordCount: Number(r.recordCount),
  studentCount: Number(r.studentCount ?? 0),
});

/** The most disclosures one student's printed record lists (a district's exports, over years). */
const PDF_MAX = 5000;

/**
 * One student's record of disclosures as a PDF (a parent's request under FERPA 99.32(c)), in the
 * reader's language. Same policy as the log (`audit.list`), on the student's district; printing
 * is audited as reading the log for that student, in the same transaction as the read.
 */
export async function disclosurePdfForStudent(
  ctx: AppContext,
  actor: Actor,
  studentId: string,
  lang: Lang,
): Promise<{ pdf: Buffer; filename: string }> {
  const found = await repo.findStudent(ctx.db, studentId);
  const d = found && (await findDistrict(ctx.db, found.districtId));
  // A missing student and another district's answer alike.
  if (!found || !d) throw new NotFoundError('Student');
  authorize(actor, 'audit.list', { districtId: d.id, state: d.state }, 'Student');
  const items = await ctx.db.transaction().execute(async (trx) => {
    const { items } = await repo.findDisclosures(trx, d.id, { limit: PDF_MAX, offset: 0, studentId: found.id });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      { kind: 'disclosure.viewed', studentId: found.id, count: items.length },
    );
    return items.map(toDisclosure);
  });
  const pdf = await renderDisclosurePdf({
    lang,
    districtName: d.name,
    timeZone: d.timeZone,
    student: found,
    disclosures: items,
  });
  const slug = lang === 'es' ? 'registro-de-divulgaciones' : 'record-of-disclosures';
  return { pdf, filename: `${slug}-${found.localId.replace(/[^\w-]/g, '_')}.pdf` };
}
