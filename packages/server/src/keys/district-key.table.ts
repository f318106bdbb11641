/** A district's data key, sealed under the master data key (keys/district-key.ts). */
export interface DistrictKeyTable {
  districtId: string;
  sealedKey: string;
  createdAt: string;
}
