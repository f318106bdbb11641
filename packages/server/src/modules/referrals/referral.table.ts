/** Issue 15's referrals to support services (migration 20261210T0101_threat_assessment). */
export interface SupportProviderTable {
  id: string;
  districtId: string;
  /** ProviderKind */
  kind: string;
  name: string;
  organization: string | null;
  /** The provider's Forefront account, when they have one (their caseload). */
  userId: string | null;
  phone: string | null;
  email: string | null;
  /** JSON array of language codes */
  languages: string;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface SupportReferralTable {
  id: string;
  districtId: string;
  schoolId: string;
  studentId: string;
  providerId: string | null;
  /** ProviderKind: the service asked for */
  kind: string;
  /** ReferralSource */
  source: string;
  caseId: string | null;
  incidentId: string | null;
  reasonSealed: string;
  /** ReferralStatus */
  status: string;
  madeAt: string;
  madeBy: string | null;
  acceptedAt: string | null;
  firstContactAt: string | null;
  ongoingAt: string | null;
  completedAt: string | null;
  declinedAt: string | null;
  followUpDueOn: string;
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}
