import { type ClauseKey, type RoleRules, RoleRulesSchema } from '@forefront/contract';
import type { Db } from '../../db/database.js';

export interface MouInForce {
  mouId: string;
  mouVersionId: string;
  version: number;
  rules: RoleRules;
  /** Clause titles as written in that version, for citing them on flags. */
  clauseTitles: Partial<Record<ClauseKey, string>>;
}

/**
 * The signed MOU version in force on a date: effective on or before it, signed by every active
 * signatory of its MOU (each signature covering exactly this version's content), and the latest
 * such version. Used by the role-clarity engine on every incident save, so it is one indexed read
 * of the district's (few) versions plus their signatures.
 */
export async function findMouInForce(db: Db, districtId: string, isoDate: string): Promise<MouInForce | null> {
  const day = isoDate.slice(0, 10);
  const versions = await db
    .selectFrom('mouVersions')
    .select(['id', 'mouId', 'version', 'roleRules', 'clauses', 'contentHash', 'effectiveDate'])
    .where('districtId', '=', districtId)
    .where('effectiveDate', '<=', day)
    .orderBy('effectiveDate', 'desc')
    .orderBy('version', 'desc')
    .execute();
  if (versions.length === 0) return null;
  const mouIds = [...new Set(versions.map((v) => v.mouId))];
  const signatories = await db.selectFrom('mouSignatories').select(['id', 'mouId']).where('mouId', 'in', mouIds).where('active', '=', 1).execute();
  const signatures = await db
    .selectFrom('mouSignatures')
    .select(['mouVersionId', 'signatoryId', 'contentHash'])
    .where('mouVersionId', 'in', versions.map((v) => v.id))
    .execute();
  for (const v of versions) {
    const required = signatories.filter((s) => s.mouId === v.mouId).map((s) => s.id);
    const signed = new Set(signatures.filter((s) => s.mouVersionId === v.id && s.contentHash === v.contentHash).map((s) => s.signatoryId));
    if (required.length > 0 && required.every((id) => signed.has(id))) {
      const clauses = JSON.parse(v.clauses) as { key: ClauseKey; title: string }[];
      return {
        mouId: v.mouId,
        mouVersionId: v.id,
        version: v.version,
        rules: RoleRulesSchema.parse(JSON.parse(v.roleRules)),
        clauseTitles: Object.fromEntries(clauses.map((c) => [c.key, c.title])),
      };
    }
  }
  return null;
}
