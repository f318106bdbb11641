import { MouSignatureMethodSchema, type PublicMou, localDate } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { districtOrNotFound } from '../../shared/load-district.js';
import { findMouInForce } from './mou.in-force.js';
import { plainRoleRules } from './mou.plain.js';
import * as repo from './mou.repository.js';
import { userNames } from './mou.signing.repository.js';
import { parseVersion } from './mou.view.js';

/**
 * The signed MOU in force today, for the district's public page (anyone, no sign-in). Drafts and
 * unsigned versions stay internal; signatory e-mail addresses are never published.
 */
export async function readPublicMou(ctx: AppContext, districtId: string, day?: string): Promise<PublicMou> {
  const district = await districtOrNotFound(ctx.db, districtId);
  // Today on the district's calendar, unless a test names the day.
  const today = day ?? localDate(new Date(), district.timeZone);
  const inForce = await findMouInForce(ctx.db, district.id, today);
  if (!inForce) return { districtId: district.id, mou: null };
  const mou = (await repo.findMou(ctx.db, inForce.mouId))!;
  const row = await ctx.db
    .selectFrom('mouVersions')
    .selectAll()
    .where('id', '=', inForce.mouVersionId)
    .executeTakeFirstOrThrow();
  const version = parseVersion(row);
  const signatories = await repo.findSignatories(ctx.db, [mou.id]);
  const signatures = await repo.findSignatures(ctx.db, [version.id]);
  const recorders = await userNames(
    ctx.db,
    signatures.filter((s) => s.method === 'paper' || s.method === 'staff_entered').map((s) => s.recordedBy),
  );
  return {
    districtId: district.id,
    mou: {
      title: mou.title,
      agencyName: mou.agencyName,
      version: version.version,
      effectiveDate: version.effectiveDate,
      reviewDate: version.reviewDate,
      language: version.language,
      clauses: version.clauses,
      roleRules: version.roleRules,
      roleRulesPlain: plainRoleRules(version.roleRules),
      signatories: signatories
        .filter((s) => s.active)
        .flatMap((s) => {
          const sig = signatures.find((x) => x.signatoryId === s.id && x.contentHash === version.contentHash);
          if (!sig) return [];
          const method = MouSignatureMethodSchema.parse(sig.method);
          // Who recorded a paper (or typed-in) signature is part of the record; link senders are not.
          const recordedByName =
            method === 'paper' || method === 'staff_entered' ? (recorders.get(sig.recordedBy) ?? null) : null;
          return [{ party: s.party, name: s.name, title: s.title, signedAt: sig.signedAt, method, recordedByName }];
        }),
    },
  };
}
