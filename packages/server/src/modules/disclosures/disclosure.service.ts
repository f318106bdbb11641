import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictForList } from '../../shared/load-district.js';
import { newId } from '../../shared/ids.js';
import * as repo from './disclosure.repository.js';
import { appendAudit } from '../audit/audit.service.js';

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
    items: items.map((r) => ({ ...r, recordCount: Number(r.recordCount), studentCount: Number(r.studentCount ?? 0) })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}
