import {
  type Action,
  BEHAVIOR_KEYS,
  BEHAVIORS,
  type Behavior,
  type InformationSharing,
  localDate,
} from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { loadClock } from '../districts/district.clock.js';
import { findMouInForce } from '../mous/mou.in-force.js';
import { isContact } from './incident.repository.js';
import type { IncidentFilter } from './incident.list.js';
import type { IncidentRow } from './incident.table.js';

/**
 * Need-to-know for incidents (FERPA 99.31(a)(1)(ii)), on top of the policy table's scopes:
 *
 * - District administrators and auditors: the whole district.
 * - School administrators: their schools' incidents; a law-enforcement-unit record (FERPA 99.8)
 *   only when the MOU in force today shares all school incidents with the school. Such a record
 *   is the police unit's own, so by default a principal does not see that it exists (404).
 * - SROs: their schools' incidents (the policy scope) narrowed to the ones they created or are a
 *   contact on, plus what the MOU's information-sharing clause in force today allows
 *   (`serious_incidents`: any behavior the taxonomy calls serious; `all_school_incidents`: all).
 *   With no MOU in force, only their own. An incident of their school that the clause hides
 *   answers 404, like an id that does not exist: the officer must not learn that it exists.
 *   An incident at a school outside their assignment answers 403 like any out-of-scope resource.
 *   An SRO writes only incidents they are part of; one they merely see answers 403 to a write.
 */

export type ActorLike = Pick<Actor, 'userId' | 'role' | 'districtId' | 'state' | 'schoolIds'>;

export const SERIOUS_BEHAVIORS = BEHAVIOR_KEYS.filter((b) => BEHAVIORS[b].seriousness === 'serious');
export const isSerious = (behaviors: readonly Behavior[]) =>
  behaviors.some((b) => BEHAVIORS[b].seriousness === 'serious');

/** The information-sharing clause of the MOU in force today (deny by default: none in force shares nothing). */
export async function sharingToday(db: Db, districtId: string): Promise<InformationSharing> {
  return (
    // Today on the district's calendar: MOU effective dates are local days.
    (await findMouInForce(db, districtId, localDate(new Date(), (await loadClock(db, districtId)).timeZone)))?.rules
      .informationSharing ?? 'own_incidents_only'
  );
}

const WRITES: readonly Action[] = ['incident.update', 'incident.review', 'incident.reclassify'];

/**
 * Throws 404/403 unless the actor may take `action` on this incident. Visibility is settled
 * before the action, so a record hidden from the actor answers 404 whatever they try to do to it.
 */
export async function authorizeIncident(
  db: Db,
  actor: ActorLike,
  action: Action,
  incident: IncidentRow,
  district: { id: string; state: string },
): Promise<void> {
  const resource = { districtId: district.id, state: district.state, schoolIds: [incident.schoolId] };
  authorize(actor, 'incident.read', resource, 'Incident');
  let partOf = true;
  if (actor.role === 'sro') {
    partOf = incident.createdBy === actor.userId || (await isContact(db, incident.id, actor.userId));
    if (!partOf) {
      const sharing = await sharingToday(db, district.id);
      const behaviors = JSON.parse(incident.behaviors) as Behavior[];
      if (!(sharing === 'all_school_incidents' || (sharing === 'serious_incidents' && isSerious(behaviors))))
        throw new NotFoundError('Incident');
    }
  }
  if (
    actor.role === 'school_admin' &&
    incident.recordClass === 'law_enforcement_unit' &&
    (await sharingToday(db, district.id)) !== 'all_school_incidents'
  )
    throw new NotFoundError('Incident');
  if (action !== 'incident.read') authorize(actor, action, resource, 'Incident');
  if (!partOf && WRITES.includes(action)) throw new ForbiddenError('Only the officers on this incident can change it');
}

/** The same rules as a WHERE clause for lists (the list is already narrowed to the actor's schools when school-scoped). */
export async function needToKnowFilter(db: Db, actor: ActorLike, districtId: string): Promise<IncidentFilter | null> {
  if (actor.role === 'sro') {
    const sharing = await sharingToday(db, districtId);
    if (sharing === 'all_school_incidents') return null;
    return (eb) =>
      eb.or([
        eb('i.createdBy', '=', actor.userId),
        eb.exists(
          eb
            .selectFrom('sroContacts as mc')
            .select('mc.id')
            .whereRef('mc.incidentId', '=', 'i.id')
            .where('mc.officerId', '=', actor.userId),
        ),
        ...(sharing === 'serious_incidents' ? SERIOUS_BEHAVIORS.map((b) => eb('i.behaviors', 'like', `%"${b}"%`)) : []),
      ]);
  }
  if (actor.role === 'school_admin' && (await sharingToday(db, districtId)) !== 'all_school_incidents')
    return (eb) => eb('i.recordClass', '=', 'education');
  return null;
}
