/** The public equity section (migration 20261210T0401_equity). */
export interface PublicEquityPagesTable {
  districtId: string;
  schoolYear: string;
  /** PublicEquitySection as JSON, served as it is. */
  payload: string;
  publishedAt: string;
}
