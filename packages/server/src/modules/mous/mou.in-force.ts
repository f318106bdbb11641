import { type ClauseKey, type RoleRules, RoleRulesSchema } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { MouVersionRow } from './mou.table.js';
import { standing } from './mou.status.js';

export interface MouInForce {
  mouId: string;
  mouVersionId: string;
  version: number;
  rules: RoleRules;
  /** Clause titles as written in that version, for citing them on flags. */
  clauseTitles: Partial<Record<ClauseKey, string>>;
}

/**
 * The signed MOU version in force on a date, by the one rule in mou.status.ts (`standing`). Used
 * by the role-clarity engine on every incident save, so it reads only the district's (few)
 * versions effective by that date, their MOUs' signatories and their signatures.
 */
export async function findMouInForce(db: Db, districtId: string, isoDate: string): Promise<MouInForce | null> {
  const day = isoDate.slice(0, 10);
  const versions = await db
    .selectFrom('mouVersions')
    .selectAll()
    .where('districtId', '=', districtId)
    .where('effectiveDate', '<=', day)
    .execute();
  if (versions.length === 0) return null;
  const mouIds = [...new Set(versions.map((v) => v.mouId))];
  const signatories = await db
    .selectFrom('mouSignatories')
    .select(['id', 'mouId', 'active', 'createdAt'])
    .where('mouId', 'in', mouIds)
    .execute();
  const signatures = await db
    .selectFrom('mouSignatures')
    .select(['mouVersionId', 'signatoryId', 'contentHash', 'signedAt'])
    .where(
      'mouVersionId',
      'in',
      versions.map((v) => v.id),
    )
    .execute();
  let best: MouVersionRow | null = null;
  for (const mouId of mouIds) {
    const inForce = standing(
      versions.filter((v) => v.mouId === mouId),
      signatories.filter((s) => s.mouId === mouId),
      signatures,
      day,
    ).inForce;
    const row = inForce && versions.find((v) => v.id === inForce.id)!;
    if (
      row &&
      (!best ||
        row.effectiveDate > best.effectiveDate ||
        (row.effectiveDate === best.effectiveDate && row.createdAt > best.createdAt))
    )
      best = row;
  }
  if (!best) return null;
  const clauses = JSON.parse(best.clauses) as { key: ClauseKey; title: string }[];
  return {
    mouId: best.mouId,
    mouVersionId: best.id,
    version: best.version,
    rules: RoleRulesSchema.parse(JSON.parse(best.roleRules)),
    clauseTitles: Object.fromEntries(clauses.map((c) => [c.key, c.title])),
  };
}
