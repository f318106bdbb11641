import { z } from 'zod';

/**
 * The behavior taxonomy an incident is coded with (DOMAIN.md section 3). Each category maps to the
 * CRDC offense category it is counted under (null: not a CRDC offense) and, only where an offense
 * is alleged, to NIBRS offense codes. Routine misbehavior has no NIBRS code on purpose: it must
 * never be coded as a crime.
 */
export const CRDC_OFFENSES = [
  'rape_or_attempted_rape',
  'sexual_assault',
  'robbery_with_firearm',
  'robbery_with_weapon',
  'robbery_without_weapon',
  'physical_attack_with_firearm',
  'physical_attack_with_weapon',
  'physical_attack_without_weapon',
  'threat_with_firearm',
  'threat_with_weapon',
  'threat_without_weapon',
  'possession_of_firearm_or_explosive',
] as const;
export type CrdcOffense = (typeof CRDC_OFFENSES)[number];

/** `routine`: ordinary school discipline, which an MOU normally leaves to school staff. */
export type BehaviorSeriousness = 'routine' | 'serious';

interface BehaviorDef {
  seriousness: BehaviorSeriousness;
  crdc: CrdcOffense | null;
  nibrs: readonly string[];
}

export const BEHAVIORS = {
  classroom_disruption: { seriousness: 'routine', crdc: null, nibrs: [] },
  defiance: { seriousness: 'routine', crdc: null, nibrs: [] },
  disrespect_or_profanity: { seriousness: 'routine', crdc: null, nibrs: [] },
  dress_code: { seriousness: 'routine', crdc: null, nibrs: [] },
  tardiness_or_truancy: { seriousness: 'routine', crdc: null, nibrs: [] },
  tobacco_or_vaping: { seriousness: 'routine', crdc: null, nibrs: [] },
  cell_phone: { seriousness: 'routine', crdc: null, nibrs: [] },
  minor_physical_contact: { seriousness: 'routine', crdc: null, nibrs: [] },
  bullying_or_harassment: { seriousness: 'routine', crdc: null, nibrs: ['13C'] },
  theft: { seriousness: 'routine', crdc: null, nibrs: ['23H'] },
  vandalism: { seriousness: 'routine', crdc: null, nibrs: ['290'] },
  trespass: { seriousness: 'routine', crdc: null, nibrs: ['90J'] },
  disorderly_conduct: { seriousness: 'routine', crdc: null, nibrs: ['90C'] },
  alcohol: { seriousness: 'routine', crdc: null, nibrs: ['90G'] },
  drugs: { seriousness: 'serious', crdc: null, nibrs: ['35A'] },
  fight_without_weapon: { seriousness: 'serious', crdc: 'physical_attack_without_weapon', nibrs: ['13B'] },
  attack_with_weapon: { seriousness: 'serious', crdc: 'physical_attack_with_weapon', nibrs: ['13A'] },
  attack_with_firearm: { seriousness: 'serious', crdc: 'physical_attack_with_firearm', nibrs: ['13A'] },
  threat_without_weapon: { seriousness: 'serious', crdc: 'threat_without_weapon', nibrs: ['13C'] },
  threat_with_weapon: { seriousness: 'serious', crdc: 'threat_with_weapon', nibrs: ['13C'] },
  threat_with_firearm: { seriousness: 'serious', crdc: 'threat_with_firearm', nibrs: ['13C'] },
  robbery_without_weapon: { seriousness: 'serious', crdc: 'robbery_without_weapon', nibrs: ['120'] },
  robbery_with_weapon: { seriousness: 'serious', crdc: 'robbery_with_weapon', nibrs: ['120'] },
  robbery_with_firearm: { seriousness: 'serious', crdc: 'robbery_with_firearm', nibrs: ['120'] },
  sexual_assault: { seriousness: 'serious', crdc: 'sexual_assault', nibrs: ['11D'] },
  rape_or_attempted_rape: { seriousness: 'serious', crdc: 'rape_or_attempted_rape', nibrs: ['11A'] },
  weapon_possession: { seriousness: 'serious', crdc: null, nibrs: ['520'] },
  firearm_or_explosive_possession: {
    seriousness: 'serious',
    crdc: 'possession_of_firearm_or_explosive',
    nibrs: ['520'],
  },
} as const satisfies Record<string, BehaviorDef>;

export type Behavior = keyof typeof BEHAVIORS;
export const BEHAVIOR_KEYS = Object.keys(BEHAVIORS) as Behavior[];
export const BehaviorSchema = z.enum(BEHAVIOR_KEYS as [Behavior, ...Behavior[]]);
export const NIBRS_CODES = [...new Set(BEHAVIOR_KEYS.flatMap((b) => BEHAVIORS[b].nibrs))].sort();

export const LOCATIONS = [
  'classroom',
  'hallway',
  'cafeteria',
  'gym',
  'restroom',
  'office',
  'grounds',
  'parking_lot',
  'bus',
  'school_event',
  'online',
  'other',
] as const;
export const LocationSchema = z.enum(LOCATIONS);
export type IncidentLocation = (typeof LOCATIONS)[number];

export const WEAPONS = ['none', 'firearm', 'explosive', 'knife', 'other_weapon'] as const;
export const WeaponSchema = z.enum(WEAPONS);

/** Why the SRO was in contact (DOMAIN.md section 3); `routine_discipline` is role drift. */
export const CONTACT_PURPOSES = [
  'serious_threat_or_crime',
  'routine_discipline',
  'mentoring_or_teaching',
  'emergency_response',
  'other',
] as const;
export const ContactPurposeSchema = z.enum(CONTACT_PURPOSES);
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

/** How the officer took part: only when asked by staff, or in the lead. */
export const INVOLVEMENTS = ['assisted_on_request', 'led'] as const;
export const InvolvementSchema = z.enum(INVOLVEMENTS);
export type Involvement = (typeof INVOLVEMENTS)[number];

export const SRO_ACTIONS = [
  'observed',
  'de_escalated',
  'searched',
  'questioned',
  'restrained_physical',
  'restrained_mechanical',
  // Seclusion as CRDC defines it: involuntary confinement of a student alone in a room or area
  // the student is physically prevented from leaving (counted in the CRDC restraint and seclusion items).
  'secluded',
  'used_force',
  'cited',
  'referred_to_law_enforcement',
  'arrested',
  'referred_to_support',
] as const;
export const SroActionSchema = z.enum(SRO_ACTIONS);
export type SroAction = (typeof SRO_ACTIONS)[number];

/** Actions that make a student count under CRDC's "referred to law enforcement" (citations count; every arrest is a referral). */
export const REFERRAL_ACTIONS: readonly SroAction[] = ['cited', 'referred_to_law_enforcement', 'arrested'];
/** CRDC restraint and seclusion: the recordable action behind each of the three CRDC kinds. */
export const CRDC_RESTRAINT_KINDS = ['mechanical', 'physical', 'seclusion'] as const;
export type CrdcRestraintKind = (typeof CRDC_RESTRAINT_KINDS)[number];
export const RESTRAINT_ACTIONS: Record<CrdcRestraintKind, SroAction> = {
  mechanical: 'restrained_mechanical',
  physical: 'restrained_physical',
  seclusion: 'secluded',
};
/**
 * What a law-enforcement officer or agency outside Forefront did (a patrol officer, a sheriff's
 * deputy, the 911 dispatcher's unit): took a staff member's referral, or arrested the student.
 * CRDC counts both like an SRO's (every arrest is also a referral).
 */
export const OUTSIDE_LE_KINDS = ['referral', 'arrest'] as const;
export const OutsideLeKindSchema = z.enum(OUTSIDE_LE_KINDS);
export type OutsideLeKind = (typeof OUTSIDE_LE_KINDS)[number];

/** Actions an alleged offense must stand behind: a citation or arrest for "no offense" is refused. */
export const OFFENSE_ACTIONS: readonly SroAction[] = ['cited', 'arrested'];

/** Actions the administrator must review beforehand when the MOU says so (non-emergency). */
export const REVIEWABLE_ACTIONS: readonly SroAction[] = ['referred_to_law_enforcement', 'cited', 'arrested'];

export const STUDENT_ROLES = ['offender', 'victim', 'witness', 'reporter'] as const;
export const StudentRoleSchema = z.enum(STUDENT_ROLES);
export type StudentRole = (typeof STUDENT_ROLES)[number];

/** Federal race/ethnicity categories in CRDC order and codes (DOMAIN.md section 3). */
export const RACES = ['HI', 'AM', 'AS', 'HP', 'BL', 'WH', 'TR'] as const;
export const RaceSchema = z.enum(RACES);
export type Race = (typeof RACES)[number];

/** CRDC 2020-21 reports male and female; X is kept for local records and reported as CRDC allows. */
export const SEXES = ['M', 'F', 'X'] as const;
export const SexSchema = z.enum(SEXES);
export type Sex = (typeof SEXES)[number];

export const INCIDENT_STATES = ['draft', 'submitted', 'reviewed', 'closed'] as const;
export const IncidentStateSchema = z.enum(INCIDENT_STATES);
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** FERPA 99.8: derived from who created the record and why, never picked freely. */
export const RECORD_CLASSES = ['education', 'law_enforcement_unit'] as const;
export const RecordClassSchema = z.enum(RECORD_CLASSES);
export type RecordClass = (typeof RECORD_CLASSES)[number];

/** School year of a date: July 1 starts a new year ("2025-26"), as CRDC and Ed-Fi use. */
export function schoolYearOf(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const start = m >= 7 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
export const SchoolYearSchema = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'Use a school year like 2025-26')
  .refine((s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)), {
    message: 'The two years must follow each other, e.g. 2025-26',
    params: { rule: 'schoolYear' },
  });
