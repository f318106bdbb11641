import { DEFAULT_CREDENTIAL_TYPES } from '@forefront/contract';
import type { Db } from '../../db/database.js';

export interface CredentialType {
  key: string;
  nameEn: string;
  nameEs: string;
  validityMonths: number | null;
  /** false: one of the contract's defaults the district has not changed. */
  saved: boolean;
}

/**
 * The district's credential types: the contract's defaults, overridden or added to by the
 * district's own rows (keyed by `key`). Records read a type's validity to fill in an expiry.
 */
export async function credentialTypesOf(db: Db, districtId: string): Promise<CredentialType[]> {
  const rows = await db
    .selectFrom('trainingCredentialTypes')
    .select(['key', 'nameEn', 'nameEs', 'validityMonths'])
    .where('districtId', '=', districtId)
    .execute();
  const byKey = new Map<string, CredentialType>(
    DEFAULT_CREDENTIAL_TYPES.map((d) => [
      d.key,
      { key: d.key, nameEn: d.en, nameEs: d.es, validityMonths: d.validityMonths, saved: false },
    ]),
  );
  for (const r of rows) byKey.set(r.key, { ...r, validityMonths: r.validityMonths, saved: true });
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}
