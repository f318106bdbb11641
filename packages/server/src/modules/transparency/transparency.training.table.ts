/** The public "Officer training and time" section (migration 20261209T0601_public_training). */
export interface PublicTrainingPagesTable {
  districtId: string;
  schoolYear: string;
  /** PublicTrainingSection as JSON, served as it is. */
  payload: string;
  publishedAt: string;
}
