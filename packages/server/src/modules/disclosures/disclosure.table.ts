/** FERPA 99.32: every release of student data outside the school is recorded, kept as long as the record. */
export interface FerpaDisclosureTable {
  id: string;
  districtId: string;
  party: string;
  purpose: string;
  legalBasis: string;
  format: string;
  recordCount: number;
  emergencyThreat: string | null;
  disclosedBy: string | null;
  disclosedAt: string;
}

export interface FerpaDisclosureStudentTable {
  districtId: string;
  disclosureId: string;
  studentId: string;
}
