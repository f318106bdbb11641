import {
  type DistrictClock,
  type Flag,
  type IncidentInput,
  REFERRAL_ACTIONS,
  type RecordClass,
  type Role,
  STAFF_FLAG_KINDS,
  localMonth,
  schoolYearAt,
} from '@forefront/contract';
import type { RoleDriftMonthlyTable } from './incident.table.js';

/**
 * Pure derivations shared by the incident service (one incident at a time) and the bulk CSV
 * import (a million at a time), so both store exactly the same derived values.
 */

/**
 * FERPA 99.8, derived never chosen: a record is a law-enforcement-unit record only when an SRO
 * created it for a law-enforcement purpose (an alleged offense, handled as a serious threat,
 * crime or emergency). Anything touching routine discipline stays an education record, and so
 * does everything school staff create.
 */
export function deriveRecordClass(
  creatorRole: Role,
  incident: Pick<IncidentInput, 'offenseAlleged' | 'contacts'>,
): RecordClass {
  if (creatorRole !== 'sro' || !incident.offenseAlleged) return 'education';
  const purposes = incident.contacts.map((c) => c.purpose);
  if (purposes.includes('routine_discipline')) return 'education';
  return purposes.some((p) => p === 'serious_threat_or_crime' || p === 'emergency_response')
    ? 'law_enforcement_unit'
    : 'education';
}

/**
 * Per student, the CRDC outcomes: referred (citations and arrests count) and arrested. CRDC counts
 * a referral to any law-enforcement agency or official and an arrest by any officer, so referrals
 * and arrests by people outside Forefront count as an SRO's do.
 */
export function studentOutcomes(
  incident: Pick<IncidentInput, 'contacts'> & Partial<Pick<IncidentInput, 'outsideReferrals'>>,
): Map<string, { referred: boolean; arrested: boolean }> {
  const out = new Map<string, { referred: boolean; arrested: boolean }>();
  for (const r of incident.outsideReferrals ?? []) {
    const o = out.get(r.studentId) ?? { referred: false, arrested: false };
    o.referred = true;
    if (r.kind === 'arrest') o.arrested = true;
    out.set(r.studentId, o);
  }
  for (const c of incident.contacts)
    for (const a of c.actions) {
      if (!a.studentId) continue;
      const o = out.get(a.studentId) ?? { referred: false, arrested: false };
      if (REFERRAL_ACTIONS.includes(a.action)) o.referred = true;
      if (a.action === 'arrested') o.arrested = true;
      out.set(a.studentId, o);
    }
  return out;
}

export function responseSeconds(reportedAt: string, arrivedAt: string | null): number | null {
  if (!arrivedAt) return null;
  const s = Math.round((Date.parse(arrivedAt) - Date.parse(reportedAt)) / 1000);
  return s >= 0 ? s : null;
}

/**
 * Month (YYYY-MM) and school year of the incident, on the district's wall clock: 21:00 EDT on
 * 30 June is June and the school year ending that June, although it is 1 July in UTC.
 */
export const monthOf = (iso: string, clock: DistrictClock) => localMonth(iso, clock.timeZone);
export const schoolYearOfIncident = (iso: string, clock: DistrictClock) => schoolYearAt(iso, clock);

/** One officer's monthly counts at one school: a role_drift_monthly row without its district. */
export type DriftRow = Omit<RoleDriftMonthlyTable, 'districtId'>;

/**
 * What one incident contributes to the monthly role-drift aggregates, per officer. The service
 * subtracts an incident's old contribution and adds its new one in the same transaction; the
 * import only adds.
 */
export function driftContribution(
  incident: Pick<IncidentInput, 'schoolId' | 'occurredAt' | 'location' | 'contacts'>,
  flags: readonly Pick<Flag, 'officerId' | 'kind'>[],
  clock: DistrictClock,
): {
  rows: DriftRow[];
  flagCounts: { schoolId: string; officerId: string; month: string; kind: string; count: number }[];
} {
  const month = monthOf(incident.occurredAt, clock);
  const rows = new Map<string, DriftRow>();
  const row = (officerId: string) =>
    rows.get(officerId) ??
    rows
      .set(officerId, {
        schoolId: incident.schoolId,
        officerId,
        month,
        contacts: 0,
        routineContacts: 0,
        classroomContacts: 0,
        violations: 0,
        arrests: 0,
        referrals: 0,
      })
      .get(officerId)!;
  for (const c of incident.contacts) {
    const r = row(c.officerId);
    r.contacts += 1;
    if (c.purpose === 'routine_discipline') r.routineContacts += 1;
    if (incident.location === 'classroom') r.classroomContacts += 1;
    for (const a of c.actions) {
      if (a.action === 'arrested') r.arrests += 1;
      if (REFERRAL_ACTIONS.includes(a.action)) r.referrals += 1;
    }
  }
  const counts = new Map<string, { schoolId: string; officerId: string; month: string; kind: string; count: number }>();
  for (const f of flags) {
    // A staff member's referral is not an SRO's action: the dashboard shows it apart (outside_referrals).
    if (STAFF_FLAG_KINDS.includes(f.kind)) continue;
    row(f.officerId).violations += 1;
    const key = `${f.officerId}|${f.kind}`;
    const c =
      counts.get(key) ??
      counts.set(key, { schoolId: incident.schoolId, officerId: f.officerId, month, kind: f.kind, count: 0 }).get(key)!;
    c.count += 1;
  }
  return { rows: [...rows.values()], flagCounts: [...counts.values()] };
}
