import type { ClauseKey } from './mou-rules.js';
import type { FlagKind } from './role-clarity.js';
import type { Behavior, ContactPurpose, IncidentLocation, SroAction } from './taxonomy.js';

/**
 * THE words for the taxonomy's codes, in English and Spanish (issue 13): the web app (its i18n
 * bundles are filled from here, web/src/i18n/contract-labels.ts), the MOU and public report PDFs,
 * the incident CSV documentation and the public pages all read these, so a behavior is called the
 * same everywhere. Typed as complete records over the contract's lists: a new code fails the
 * typecheck until it has both words.
 */
export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export interface Label {
  en: string;
  es: string;
}

/** The reader's language from a `lang` value or an Accept-Language header; English otherwise. */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  for (const c of candidates) {
    if (!c) continue;
    for (const tag of c.split(',')) {
      const base = tag.trim().split(/[-;_]/)[0]!.toLowerCase();
      if ((LANGS as readonly string[]).includes(base)) return base as Lang;
    }
  }
  return 'en';
}

export const BEHAVIOR_LABELS: Record<Behavior, Label> = {
  classroom_disruption: { en: 'Disrupting class', es: 'Interrumpir la clase' },
  defiance: { en: 'Defiance or not following directions', es: 'Desafío o no seguir instrucciones' },
  disrespect_or_profanity: { en: 'Disrespect or profanity', es: 'Falta de respeto o groserías' },
  dress_code: { en: 'Dress code', es: 'Código de vestimenta' },
  tardiness_or_truancy: { en: 'Late or skipping school', es: 'Llegar tarde o faltar a clase' },
  tobacco_or_vaping: { en: 'Tobacco or vaping', es: 'Tabaco o vapeo' },
  cell_phone: { en: 'Cell phone', es: 'Teléfono celular' },
  minor_physical_contact: { en: 'Minor pushing or shoving', es: 'Empujones leves' },
  bullying_or_harassment: { en: 'Bullying or harassment', es: 'Acoso escolar u hostigamiento' },
  theft: { en: 'Theft', es: 'Robo sin violencia (hurto)' },
  vandalism: { en: 'Vandalism', es: 'Vandalismo' },
  trespass: { en: 'Trespassing', es: 'Entrada sin autorización' },
  disorderly_conduct: { en: 'Disorderly conduct', es: 'Alteración del orden' },
  alcohol: { en: 'Alcohol', es: 'Alcohol' },
  drugs: { en: 'Drugs', es: 'Drogas' },
  fight_without_weapon: { en: 'Fight or attack, no weapon', es: 'Pelea o agresión sin arma' },
  attack_with_weapon: { en: 'Attack with a weapon', es: 'Agresión con arma' },
  attack_with_firearm: { en: 'Attack with a firearm', es: 'Agresión con arma de fuego' },
  threat_without_weapon: { en: 'Threat, no weapon', es: 'Amenaza sin arma' },
  threat_with_weapon: { en: 'Threat with a weapon', es: 'Amenaza con arma' },
  threat_with_firearm: { en: 'Threat with a firearm', es: 'Amenaza con arma de fuego' },
  robbery_without_weapon: { en: 'Robbery, no weapon', es: 'Asalto sin arma' },
  robbery_with_weapon: { en: 'Robbery with a weapon', es: 'Asalto con arma' },
  robbery_with_firearm: { en: 'Robbery with a firearm', es: 'Asalto con arma de fuego' },
  sexual_assault: { en: 'Sexual assault', es: 'Agresión sexual' },
  rape_or_attempted_rape: { en: 'Rape or attempted rape', es: 'Violación o intento de violación' },
  weapon_possession: { en: 'Has a weapon (not a firearm)', es: 'Tiene un arma (no de fuego)' },
  firearm_or_explosive_possession: { en: 'Has a firearm or explosive', es: 'Tiene un arma de fuego o explosivo' },
};

export const SRO_ACTION_LABELS: Record<SroAction, Label> = {
  observed: { en: 'Observed', es: 'Observó' },
  de_escalated: { en: 'Calmed the situation (de-escalated)', es: 'Calmó la situación' },
  searched: { en: 'Searched', es: 'Registró' },
  questioned: { en: 'Questioned', es: 'Interrogó' },
  restrained_physical: { en: 'Physical restraint', es: 'Inmovilización física' },
  restrained_mechanical: { en: 'Mechanical restraint (handcuffs)', es: 'Inmovilización mecánica (esposas)' },
  secluded: {
    en: 'Seclusion (confined alone, prevented from leaving)',
    es: 'Aislamiento (confinado a solas, sin poder salir)',
  },
  used_force: { en: 'Used force', es: 'Usó la fuerza' },
  cited: { en: 'Citation', es: 'Citación' },
  referred_to_law_enforcement: { en: 'Referred to law enforcement', es: 'Remitió a las autoridades policiales' },
  arrested: { en: 'School-related arrest', es: 'Arresto relacionado con la escuela' },
  referred_to_support: {
    en: 'Referred to a counselor or social worker',
    es: 'Remitió a un consejero o trabajador social',
  },
};

export const CONTACT_PURPOSE_LABELS: Record<ContactPurpose, Label> = {
  serious_threat_or_crime: { en: 'A serious threat or crime', es: 'Una amenaza grave o un delito' },
  routine_discipline: { en: 'Routine discipline', es: 'Disciplina ordinaria' },
  mentoring_or_teaching: { en: 'Mentoring or teaching', es: 'Mentoría o enseñanza' },
  emergency_response: { en: 'Emergency response', es: 'Respuesta a una emergencia' },
  other: { en: 'Something else', es: 'Otro motivo' },
};

export const LOCATION_LABELS: Record<IncidentLocation, Label> = {
  classroom: { en: 'Classroom', es: 'Aula' },
  hallway: { en: 'Hallway', es: 'Pasillo' },
  cafeteria: { en: 'Cafeteria', es: 'Cafetería' },
  gym: { en: 'Gym', es: 'Gimnasio' },
  restroom: { en: 'Restroom', es: 'Baño' },
  office: { en: 'Office', es: 'Oficina' },
  grounds: { en: 'School grounds', es: 'Terrenos de la escuela' },
  parking_lot: { en: 'Parking lot', es: 'Estacionamiento' },
  bus: { en: 'School bus', es: 'Autobús escolar' },
  school_event: { en: 'School event', es: 'Evento escolar' },
  online: { en: 'Online', es: 'En línea' },
  other: { en: 'Somewhere else', es: 'Otro lugar' },
};

export const FLAG_KIND_LABELS: Record<FlagKind, Label> = {
  no_mou_in_force: { en: 'No signed MOU was in force', es: 'No había un MOU firmado vigente' },
  led_school_staff_category: {
    en: 'Officer led in a matter for school staff',
    es: 'El agente dirigió un asunto del personal escolar',
  },
  led_assist_only_category: {
    en: 'Officer led where the MOU allows only assisting',
    es: 'El agente dirigió donde el MOU solo permite ayudar',
  },
  enforcement_in_school_staff_category: {
    en: 'Enforcement in a matter for school staff',
    es: 'Medida policial en un asunto del personal escolar',
  },
  review_missing: {
    en: 'No administrator review before the action',
    es: 'Sin revisión de un administrador antes de la medida',
  },
  search_not_allowed: { en: 'Search the MOU does not allow', es: 'Registro que el MOU no permite' },
  questioning_without_parent_notice: {
    en: 'Questioned without notifying a parent',
    es: 'Interrogatorio sin avisar a un padre',
  },
  physical_restraint_not_allowed: {
    en: 'Physical restraint the MOU does not allow',
    es: 'Inmovilización física que el MOU no permite',
  },
  mechanical_restraint_not_allowed: {
    en: 'Mechanical restraint the MOU does not allow',
    es: 'Inmovilización mecánica que el MOU no permite',
  },
  force_not_allowed: { en: 'Use of force the MOU does not allow', es: 'Uso de la fuerza que el MOU no permite' },
  questioned_on_school_matter: {
    en: 'Officer questioned a student about a school-rule matter',
    es: 'El agente interrogó a un estudiante sobre un asunto de normas escolares',
  },
  routine_discipline_contact: {
    en: 'Officer contact for routine discipline',
    es: 'Intervención del agente en disciplina ordinaria',
  },
  staff_referral_for_school_discipline: {
    en: 'Staff referral to police for school discipline',
    es: 'Remisión del personal a la policía por disciplina escolar',
  },
};

/** The clause library's title of each clause (what a new MOU's clauses are called). */
export const CLAUSE_TITLES: Record<ClauseKey, Label> = {
  purpose: { en: 'Purpose', es: 'Propósito' },
  roles_and_responsibilities: {
    en: 'Roles and responsibilities focused on safety',
    es: 'Funciones y responsabilidades centradas en la seguridad',
  },
  information_sharing: { en: 'Information sharing', es: 'Intercambio de información' },
  supervision_and_chain_of_command: { en: 'Supervision and chain of command', es: 'Supervisión y cadena de mando' },
  signatures: { en: 'Signatures', es: 'Firmas' },
  program_goals: { en: 'Program goals', es: 'Objetivos del programa' },
  selection_criteria: { en: 'Officer selection criteria', es: 'Criterios de selección de oficiales' },
  training_requirements: { en: 'Training requirements', es: 'Requisitos de capacitación' },
  discipline_separation: {
    en: 'Separating school discipline from criminal matters',
    es: 'Separación entre disciplina escolar y asuntos penales',
  },
  searches_and_questioning: {
    en: 'Searches and questioning of students',
    es: 'Registros e interrogatorios de estudiantes',
  },
  use_of_force_and_restraint: { en: 'Use of force and restraint', es: 'Uso de la fuerza y sujeción' },
  data_collection_and_reporting: {
    en: 'Data collection and public reporting',
    es: 'Recopilación de datos e informes públicos',
  },
  complaint_process: { en: 'Complaint process', es: 'Proceso de quejas' },
  crisis_planning: { en: 'Crisis planning', es: 'Planificación de crisis' },
  annual_review: { en: 'Annual review', es: 'Revisión anual' },
  secure_partnerships: {
    en: 'SECURe 1: partnerships and an MOU before officers start',
    es: 'SECURe 1: alianzas y un MOU antes de que empiecen los oficiales',
  },
  secure_civil_rights: {
    en: 'SECURe 2: civil rights compliance',
    es: 'SECURe 2: cumplimiento de los derechos civiles',
  },
  secure_hiring: { en: 'SECURe 3: recruiting and hiring', es: 'SECURe 3: reclutamiento y contratación' },
  secure_training: { en: 'SECURe 4: training', es: 'SECURe 4: capacitación' },
  secure_evaluation: {
    en: 'SECURe 5: evaluation and recognition',
    es: 'SECURe 5: evaluación y reconocimiento',
  },
};

/** Titles earlier versions of the library gave clauses, still recognised as library titles. */
const FORMER_CLAUSE_TITLES: Partial<Record<ClauseKey, readonly string[]>> = {
  selection_criteria: ['SRO selection criteria'],
  secure_partnerships: ['Partnerships and a formal MOU before officers start'],
  secure_civil_rights: ['Civil rights compliance'],
  secure_hiring: ['Recruiting and hiring'],
  secure_training: ['Training'],
  secure_evaluation: ['Evaluation and recognition'],
};

/** True when `title` is (or was) the library's title for the clause, in any language. */
export function isLibraryTitle(key: ClauseKey, title: string): boolean {
  const t = title.trim();
  return LANGS.some((l) => CLAUSE_TITLES[key][l] === t) || (FORMER_CLAUSE_TITLES[key] ?? []).includes(t);
}

/**
 * A clause's title for a reader: the library's title in the reader's language when the signed
 * version kept the library's title; the district's own title, as signed, when it wrote one.
 */
export function clauseTitleFor(key: ClauseKey, signedTitle: string | null | undefined, lang: Lang): string {
  if (!signedTitle || isLibraryTitle(key, signedTitle)) return CLAUSE_TITLES[key][lang];
  return signedTitle;
}
