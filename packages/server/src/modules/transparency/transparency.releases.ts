import { type Role, type TransparencyReleases } from '@forefront/contract';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { yearsWithCounts } from './transparency.repository.js';

/** The newest publications the history lists (one a year is usual; a busy district republishes weekly). */
const HISTORY_LIMIT = 100;

/**
 * The release history (issue 13, "Publish"): who published which years and when, read from the
 * district's audit chain, where every publication (API, job, command line, demo) records itself
 * in the publication's own transaction; the release ledger has no author. People by name: the
 * name as the account has it now, the role as it was when they published.
 */
export async function transparencyReleases(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
): Promise<TransparencyReleases> {
  const district = await loadDistrictFor(ctx.db, actor, 'transparency.status', districtId);
  const rows = await ctx.db
    .selectFrom('auditEvents as a')
    .leftJoin('users as u', 'u.id', 'a.actorId')
    .select(['a.at', 'a.actorId', 'a.actorRole', 'a.payload', 'u.displayName'])
    .where('a.chain', '=', districtId)
    .where('a.kind', '=', 'transparency.published')
    .orderBy('a.seq', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  return {
    id: districtId,
    yearsWithFigures: await yearsWithCounts(ctx.db, districtId),
    minN: district.suppressionMinN,
    releases: rows.map((r) => {
      const p = JSON.parse(r.payload) as { years: string[]; changed: string[]; minN: number; schools?: number };
      return {
        at: r.at,
        by:
          r.actorId && r.actorRole
            ? { id: r.actorId, name: r.displayName ?? r.actorId, role: r.actorRole as Role }
            : null,
        years: p.years,
        changed: p.changed,
        minN: p.minN,
        schools: p.schools ?? null,
      };
    }),
  };
}
