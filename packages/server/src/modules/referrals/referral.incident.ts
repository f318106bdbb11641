import { type IncidentInput, addDays, localDate } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { AuditActor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadClock } from '../districts/district.clock.js';
import type { SnapshotWithSchool } from '../students/student.snapshot.js';
import * as repo from './referral.repository.js';
import { insertReferralIn } from './referral.service.js';

/** Days the counselor has to record a follow-up on a referral an officer made. */
export const INCIDENT_FOLLOW_UP_DAYS = 14;

/**
 * The officer's "referred to a counselor or social worker" action (SRO action
 * `referred_to_support`) makes a real referral, in the incident save's transaction: one per
 * incident and student, on the first save that names it. A later edit does not duplicate it, and
 * removing the action does not withdraw it (the counselor may already be working with the
 * student; the referral's own status says what happened).
 *
 * Ids derive from the incident's id, so the demo's seeded ids stay as they were.
 */
export async function referralsFromIncidentIn(
  trx: Db,
  ctx: Pick<AppContext, 'dialect' | 'config'>,
  actor: AuditActor,
  incident: { id: string; districtId: string; number: string },
  input: IncidentInput,
  snapshots: Map<string, SnapshotWithSchool>,
): Promise<number> {
  const firstAt = new Map<string, string>();
  for (const c of input.contacts)
    for (const a of c.actions)
      if (a.action === 'referred_to_support' && a.studentId && !firstAt.has(a.studentId))
        firstAt.set(a.studentId, a.at);
  if (firstAt.size === 0) return 0;
  const already = await repo.studentsReferredByIncident(trx, incident.id);
  const fresh = [...firstAt].filter(([studentId]) => !already.has(studentId));
  if (fresh.length === 0) return 0;
  const { timeZone } = await loadClock(trx, incident.districtId);
  let n = already.size;
  for (const [studentId, at] of fresh) {
    const snap = snapshots.get(studentId);
    if (!snap) continue;
    await insertReferralIn(trx, ctx, actor, incident.districtId, {
      id: `${incident.id}-sr${String(n++).padStart(2, '0')}`,
      studentId,
      schoolId: snap.schoolId,
      kind: 'counselor',
      providerId: null,
      reason: `Referred by the officer in incident ${incident.number}`,
      followUpDueOn: addDays(localDate(at, timeZone), INCIDENT_FOLLOW_UP_DAYS),
      source: 'incident',
      caseId: null,
      incidentId: incident.id,
      madeAt: at,
    });
  }
  return fresh.length;
}
