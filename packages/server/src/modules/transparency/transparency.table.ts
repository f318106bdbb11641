/** Tables of the transparency figures (migration 20261128T0007_transparency; docs/transparency.md). */

export interface TransparencyStudentsTable {
  districtId: string;
  schoolYear: string;
  schoolId: string;
  studentId: string;
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
  /** Incidents that year at that school that referred the student to law enforcement (arrests and citations count). */
  referrals: number;
  arrests: number;
}

/**
 * One count. `measure` names the family and `key` the cell within it (docs/transparency.md lists
 * them all); `schoolId` is always a school (district figures are sums over schools).
 */
export interface TransparencyCountsTable {
  districtId: string;
  schoolYear: string;
  schoolId: string;
  measure: string;
  key: string;
  value: number;
}

export interface TransparencyPagesTable {
  districtId: string;
  schoolYear: string;
  scopeId: string;
  payload: string;
  /** A hash of payload, written with it: the HTTP ETag, and the cache key of each process's copy. */
  etag: string;
  publishedAt: string;
}
