import {
  type PolicyActor,
  type ProviderKind,
  type Referral,
  type ReferralSource,
  type ReferralStatus,
  referralAwaitsFollowUp,
} from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { DistrictSealer } from '../../keys/district-key.js';
import { mayOpenCase } from '../threats/case.access.js';
import type { ReferralListRow } from './referral.repository.js';

/** The reason is sealed under the district's key, bound to its row. */
export const reasonContext = (id: string) => `support_referrals.reason:${id}`;

/**
 * A stored referral as the API answers it. The case it came from is named only to readers who may
 * open that case (its team, the coordinator): to anyone else a referral from a case looks like any
 * other, so the existence of a threat assessment case is not disclosed.
 */
export async function toReferral(
  db: Db,
  reader: PolicyActor,
  sealer: DistrictSealer,
  r: NonNullable<ReferralListRow>,
  today: string,
  caseVisible?: Map<string, boolean>,
): Promise<Referral> {
  const status = r.status as ReferralStatus;
  const awaits = referralAwaitsFollowUp(status);
  let caseId: string | null = null;
  if (r.caseId) {
    const known = caseVisible?.get(r.caseId);
    const visible = known ?? (await mayOpenCase(db, reader, r.caseId));
    caseVisible?.set(r.caseId, visible);
    caseId = visible ? r.caseId : null;
  }
  return {
    id: r.id,
    districtId: r.districtId,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    studentId: r.studentId,
    studentName: `${r.givenName} ${r.familyName}`,
    kind: r.kind as ProviderKind,
    providerId: r.providerId,
    providerName: r.providerName,
    source: r.source as ReferralSource,
    caseId,
    incidentId: r.incidentId,
    reason: sealer.open(r.reasonSealed, reasonContext(r.id)),
    status,
    madeAt: r.madeAt,
    madeBy: r.madeByName,
    acceptedAt: r.acceptedAt,
    firstContactAt: r.firstContactAt,
    ongoingAt: r.ongoingAt,
    completedAt: r.completedAt,
    declinedAt: r.declinedAt,
    followUpDueOn: r.followUpDueOn,
    awaitsFollowUp: awaits,
    overdue: awaits && r.followUpDueOn < today,
    version: r.version,
  };
}
