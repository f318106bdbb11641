import { REFERRAL_ACTIONS, type SroAction, localParts } from '@forefront/contract';
import type { ExportIncident, ExportNames } from './export.query.js';

/**
 * Ed-Fi Data Standard 5 resource shapes (ODS/API JSON, camelCase). Descriptors are URIs: Ed-Fi's
 * own namespace where the default descriptor set has the value, Forefront's namespace for our
 * behavior taxonomy (districts map it to their state's code set). DS 3.x named the participation
 * code `studentParticipationCodeDescriptor`; DS 4+ makes it a collection,
 * `disciplineIncidentParticipationCodes[].disciplineIncidentParticipationCodeDescriptor`.
 * The CRDC indicators Ed-Fi's core lacks are an extension: `_ext.forefront`.
 */
const EDFI = 'uri://ed-fi.org';
const OURS = 'uri://forefront.org';

const LOCATION: Record<string, string> = {
  classroom: 'Classroom',
  hallway: 'Hallway or stairs',
  cafeteria: 'Cafeteria area',
  gym: 'Locker room or gym areas',
  restroom: 'Restroom',
  office: 'Administrative offices area',
  grounds: 'On-school property, other than specified',
  parking_lot: 'Parking lot',
  bus: 'School bus',
  school_event: 'Off-school property (e.g., school-sponsored event)',
  online: 'Online',
  other: 'Unknown',
};
const WEAPON: Record<string, string | null> = {
  none: null,
  firearm: 'Firearm',
  explosive: 'Other',
  knife: 'Knife',
  other_weapon: 'Other',
};
const PARTICIPATION: Record<string, string> = {
  offender: 'Perpetrator',
  victim: 'Victim',
  witness: 'Witness',
  reporter: 'Reporter',
};

export interface EdFiDisciplineIncident {
  incidentIdentifier: string;
  schoolReference: { schoolId: string };
  incidentDate: string;
  incidentTime: string;
  incidentLocationDescriptor: string;
  incidentDescription: string;
  behaviors: { behaviorDescriptor: string }[];
  weapons: { weaponDescriptor: string }[];
  reportedToLawEnforcement: boolean;
  /** incidentDate and incidentTime are the district's wall clock; this says which one. */
  _ext: { forefront: { timeZone: string; utcOffset: string } };
}

export interface EdFiStudentBehaviorAssociation {
  studentReference: { studentUniqueId: string };
  disciplineIncidentReference: { incidentIdentifier: string; schoolId: string };
  behaviorDescriptor: string;
  disciplineIncidentParticipationCodes: { disciplineIncidentParticipationCodeDescriptor: string }[];
  _ext: { forefront: { referralToLawEnforcement: boolean; schoolRelatedArrestIndicator: boolean } };
}

export const behaviorDescriptor = (b: string) => `${OURS}/BehaviorDescriptor#${b}`;

export function toEdFiIncident(inc: ExportIncident, names: ExportNames): EdFiDisciplineIncident {
  const weapon = WEAPON[inc.weapon] ?? null;
  const actions = inc.contacts.flatMap((c) => c.actions.map((a) => a.action as SroAction));
  const local = localParts(inc.occurredAt, names.timeZone);
  return {
    incidentIdentifier: inc.number,
    schoolReference: { schoolId: names.schoolNces.get(inc.schoolId) ?? '' },
    // Ed-Fi's incidentDate and incidentTime are the school's calendar and clock, not UTC.
    incidentDate: local.date,
    incidentTime: local.time,
    incidentLocationDescriptor: `${EDFI}/IncidentLocationDescriptor#${LOCATION[inc.location] ?? 'Unknown'}`,
    incidentDescription: inc.description,
    behaviors: inc.behaviors.map((b) => ({ behaviorDescriptor: behaviorDescriptor(b) })),
    weapons: weapon ? [{ weaponDescriptor: `${EDFI}/WeaponDescriptor#${weapon}` }] : [],
    reportedToLawEnforcement: actions.some((a) => REFERRAL_ACTIONS.includes(a)),
    _ext: { forefront: { timeZone: names.timeZone, utcOffset: local.offset } },
  };
}

/** One association per student and behavior (Ed-Fi's key includes the behavior). */
export function toEdFiAssociations(inc: ExportIncident, names: ExportNames): EdFiStudentBehaviorAssociation[] {
  const behaviors = inc.behaviors.length > 0 ? inc.behaviors : ['not_coded'];
  const schoolId = names.schoolNces.get(inc.schoolId) ?? '';
  return inc.students.flatMap((s) =>
    behaviors.map((b) => ({
      studentReference: { studentUniqueId: names.studentLocalId.get(s.studentId) ?? '' },
      disciplineIncidentReference: { incidentIdentifier: inc.number, schoolId },
      behaviorDescriptor: behaviorDescriptor(b),
      disciplineIncidentParticipationCodes: [
        {
          disciplineIncidentParticipationCodeDescriptor: `${EDFI}/DisciplineIncidentParticipationCodeDescriptor#${PARTICIPATION[s.role] ?? 'Perpetrator'}`,
        },
      ],
      _ext: {
        forefront: {
          referralToLawEnforcement: Number(s.referred) === 1,
          schoolRelatedArrestIndicator: Number(s.arrested) === 1,
        },
      },
    })),
  );
}
