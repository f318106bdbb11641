import { type CaseRecordsRequest, CaseRecordsRequestSchema } from '@forefront/contract';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, ValidationError } from '../../shared/errors.js';
import { appendAudit } from '../audit/audit.service.js';
import { recordDisclosure } from '../disclosures/disclosure.service.js';
import { type Lang, renderCasePdf } from './case.pdf.js';
import { openCaseFor } from './case.rules.js';
import { buildDetail } from './case.view.js';

/** The disclosure log's format for a case record released as a PDF (disclosure.pdf.ts words it). */
export const CASE_PDF_FORMAT = 'threat_case_pdf';

const REQUIRED = ['party', 'purpose', 'legalBasis'] as const;

/**
 * FERPA 99.32(a): a release names who receives the records, why, and on what ground; without them
 * the request is refused as the export jobs refuse theirs (`disclosure_required`), nothing recorded.
 */
export function parseRecordsRequest(body: Record<string, unknown>): CaseRecordsRequest {
  const missing = REQUIRED.filter((k) => typeof body[k] !== 'string' || body[k].trim() === '');
  if (missing.length > 0)
    throw new AppError(
      400,
      'disclosure_required',
      'A copy of a case record released outside the team must name the recipient, the purpose and the legal basis (FERPA 99.32)',
      missing.map((k) => ({ path: k, message: `The ${k} of the disclosure is required` })),
    );
  const parsed = CaseRecordsRequestSchema.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      'The records request is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return parsed.data;
}

/**
 * The case's record as a PDF (case.export: the team, the coordinator, the auditor; anyone else a
 * 404). Every print is an audited read; a records request also records the disclosure, in the same
 * transaction, and the PDF names it. Nothing of the record is written anywhere but the answer.
 */
export async function casePdf(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  lang: Lang,
  request: CaseRecordsRequest | null,
  route: string,
): Promise<{ pdf: Buffer; filename: string }> {
  const c = await openCaseFor(ctx, actor, 'case.export', caseId, route);
  const detail = await buildDetail(ctx, actor, c);
  const district = await ctx.db
    .selectFrom('districts')
    .select(['name', 'timeZone'])
    .where('id', '=', c.districtId)
    .executeTakeFirstOrThrow();
  const pdf = await ctx.db.transaction().execute(async (trx) => {
    const disclosure = request
      ? await recordDisclosure(trx, {
          districtId: c.districtId,
          party: request.party,
          purpose: request.purpose,
          legalBasis: request.legalBasis,
          emergencyThreat: request.emergencyThreat ?? null,
          format: CASE_PDF_FORMAT,
          recordCount: 1,
          studentIds: [c.studentId],
          disclosedBy: actor.userId,
        })
      : null;
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: c.districtId },
      { kind: 'threat_records.pdf_read', caseId: c.id, lang, disclosureId: disclosure?.id ?? null },
    );
    // Rendered inside the transaction: a PDF that cannot be made leaves no disclosure behind.
    return renderCasePdf(detail, lang, {
      districtName: district.name,
      timeZone: district.timeZone,
      ...(disclosure && request && { disclosure: { id: disclosure.id, party: request.party } }),
    });
  });
  return { pdf, filename: `${c.number}.pdf` };
}
