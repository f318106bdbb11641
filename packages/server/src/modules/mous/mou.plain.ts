import {
  BEHAVIOR_KEYS,
  BEHAVIOR_LABELS,
  type Behavior,
  type Handler,
  type InformationSharing,
  type Label,
  type Lang,
  type Permission,
  type RoleRules,
} from '@forefront/contract';

/**
 * The role rules in plain words, in English or Spanish, for the printed MOU and the public API.
 * (The web app says the same in the reader's language through i18next.) Behaviors are named by the
 * contract's labels, the same words as the incident form.
 */
export const HANDLER_TEXT: Record<Handler, Label> = {
  school_staff_only: { en: 'School staff only', es: 'Solo personal escolar' },
  sro_assists_on_request: { en: 'SRO may assist when asked', es: 'El SRO puede ayudar si se le pide' },
  sro_leads: { en: 'SRO leads', es: 'El SRO dirige' },
};

export const PERMISSION_TEXT: Record<Permission, Label> = {
  forbidden: { en: 'Never', es: 'Nunca' },
  emergency_only: {
    en: 'Only in an emergency (imminent danger of serious harm)',
    es: 'Solo en una emergencia (peligro inminente de daño grave)',
  },
  allowed: { en: 'Allowed', es: 'Permitido' },
};

export const SHARING_TEXT: Record<InformationSharing, Label> = {
  own_incidents_only: {
    en: 'Only the incidents the SRO took part in',
    es: 'Solo los incidentes en los que participó el SRO',
  },
  serious_incidents: {
    en: "Serious incidents at the SRO's schools, and the ones the SRO took part in",
    es: 'Los incidentes graves en las escuelas del SRO y aquellos en los que participó',
  },
  all_school_incidents: {
    en: "All incidents at the SRO's schools",
    es: 'Todos los incidentes en las escuelas del SRO',
  },
};

const WORDS = {
  reviewRequired: {
    en: 'Administrator review required before a non-emergency arrest, citation or referral',
    es: 'Se requiere la revisión de un administrador antes de un arresto, una citación o una remisión que no sea de emergencia',
  },
  reviewNotRequired: { en: 'No administrator review required', es: 'No se requiere la revisión de un administrador' },
  searches: { en: 'Searches of students by the SRO', es: 'Registros de estudiantes por el SRO' },
  questioning: { en: 'Questioning a student', es: 'Interrogatorio de un estudiante' },
  parentFirst: { en: 'Parent or guardian notified first', es: 'Se avisa primero al padre, la madre o el tutor' },
  noParentNotice: { en: 'No parent notice required', es: 'No se requiere avisar a los padres' },
  physicalRestraint: { en: 'Physical restraint', es: 'Inmovilización física' },
  mechanicalRestraint: { en: 'Mechanical restraint (handcuffs)', es: 'Inmovilización mecánica (esposas)' },
  useOfForce: { en: 'Use of force', es: 'Uso de la fuerza' },
  sharing: {
    en: 'What the SRO may see of school incidents',
    es: 'Qué puede ver el SRO de los incidentes escolares',
  },
  routine: { en: 'Routine school discipline', es: 'Disciplina escolar ordinaria' },
  routineExcluded: {
    en: 'Officers do not take part; a contact for routine discipline is flagged',
    es: 'Los agentes no participan; toda intervención por disciplina ordinaria se señala',
  },
  routineAllowed: {
    en: 'Officers may help with routine discipline',
    es: 'Los agentes pueden ayudar con la disciplina ordinaria',
  },
  staffReferrals: { en: 'Staff referrals to police', es: 'Remisiones del personal a la policía' },
  staffReferralsFlagged: {
    en: 'A referral for a matter left to school staff is flagged',
    es: 'Se señala toda remisión por un asunto que corresponde al personal escolar',
  },
  notFlagged: { en: 'Not flagged', es: 'No se señala' },
} as const satisfies Record<string, Label>;

export const behaviorText = (b: Behavior, lang: Lang = 'en') => BEHAVIOR_LABELS[b][lang];

export interface PlainRow {
  label: string;
  value: string;
}

/** One row per behavior category, then the general rules, in the reader's language. */
export function plainRoleRules(
  rules: RoleRules,
  lang: Lang = 'en',
): {
  categories: (PlainRow & { review: string })[];
  general: PlainRow[];
} {
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  return {
    categories: BEHAVIOR_KEYS.map((b) => ({
      label: behaviorText(b, lang),
      value: HANDLER_TEXT[rules.categories[b].handler][lang],
      review: rules.categories[b].reviewBeforeArrestOrReferral ? w('reviewRequired') : w('reviewNotRequired'),
    })),
    general: [
      { label: w('searches'), value: PERMISSION_TEXT[rules.searches][lang] },
      {
        label: w('questioning'),
        value: rules.questioningRequiresParentNotice ? w('parentFirst') : w('noParentNotice'),
      },
      { label: w('physicalRestraint'), value: PERMISSION_TEXT[rules.physicalRestraint][lang] },
      { label: w('mechanicalRestraint'), value: PERMISSION_TEXT[rules.mechanicalRestraint][lang] },
      { label: w('useOfForce'), value: PERMISSION_TEXT[rules.useOfForce][lang] },
      { label: w('sharing'), value: SHARING_TEXT[rules.informationSharing][lang] },
      { label: w('routine'), value: rules.routineDisciplineExcluded ? w('routineExcluded') : w('routineAllowed') },
      { label: w('staffReferrals'), value: rules.flagStaffReferrals ? w('staffReferralsFlagged') : w('notFlagged') },
    ],
  };
}
