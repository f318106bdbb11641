/**
 * The case PDF's words in English and Spanish (the reader's language, as the disclosure log's
 * PDF). Enumerations (steps, classifications, roles...) print in words, never as keys.
 */
export type Lang = 'en' | 'es';
type Pair = [en: string, es: string];

export const TEXT = {
  title: ['Threat assessment case {number}', 'Caso de evaluación de amenazas {number}'],
  notice: [
    'Confidential education record (FERPA, 34 CFR 99.3). Only the law-enforcement-unit notes marked below are ' +
      'law-enforcement-unit records (99.8); a copy made from an education record remains an education record. ' +
      'Do not leave this copy unattended; release it only with a recorded disclosure.',
    'Expediente educativo confidencial (FERPA, 34 CFR 99.3). Solo las notas de la unidad policial señaladas abajo ' +
      'son registros de la unidad policial (99.8); una copia hecha de un expediente educativo sigue siendo un ' +
      'expediente educativo. No deje esta copia sin vigilancia; entréguela solo con una divulgación registrada.',
  ],
  asItStands: ['The record as it stands on {date}.', 'El expediente tal como está el {date}.'],
  disclosedTo: ['Released to {party} (disclosure {id}).', 'Entregado a {party} (divulgación {id}).'],
  student: ['Student', 'Estudiante'],
  school: ['School', 'Escuela'],
  district: ['District', 'Distrito'],
  team: ['Team', 'Equipo'],
  protocol: ['Protocol', 'Protocolo'],
  source: ['Source', 'Origen'],
  status: ['Status', 'Estado'],
  opened: ['Opened', 'Abierto'],
  closed: ['Closed', 'Cerrado'],
  step: ['Current step', 'Paso actual'],
  reportedBy: ['Reported by', 'Reportado por'],
  incident: ['Incident', 'Incidente'],
  plans: ['IEP / 504 / English learner', 'IEP / 504 / aprendiz de inglés'],
  yes: ['yes', 'sí'],
  no: ['no', 'no'],
  concern: ['The concern', 'La preocupación'],
  members: ['Team members', 'Miembros del equipo'],
  missing: [
    'The team lacks {roles}: it cannot classify this case until someone in that role joins.',
    'Al equipo le falta {roles}: no puede clasificar este caso hasta que se una alguien con ese rol.',
  ],
  stepsDone: ['Steps done', 'Pasos hechos'],
  stepsRequired: ['Steps required before closure', 'Pasos necesarios antes del cierre'],
  interviews: ['Interviews', 'Entrevistas'],
  interviewOf: ['{kind}: {who}, {when}, by {by}', '{kind}: {who}, {when}, por {by}'],
  iepCheck: ['IEP / 504 check', 'Revisión del IEP / 504'],
  classification: ['Classification', 'Clasificación'],
  rationale: ['Rationale', 'Justificación'],
  classifiedBy: ['Classified by', 'Clasificado por'],
  safetyEvaluation: ['Safety evaluation', 'Evaluación de seguridad'],
  screening: ['Mental-health screening', 'Evaluación de salud mental'],
  lawEnforcement: ['Law enforcement involved', 'Participación policial'],
  leReason: ['How the district’s threshold is met', 'Cómo se cumple el umbral del distrito'],
  leThreshold: ['The district’s threshold', 'El umbral del distrito'],
  safetyPlan: ['Safety plan', 'Plan de seguridad'],
  tasks: ['Safety plan tasks', 'Tareas del plan de seguridad'],
  taskLine: [
    '{title} | owner {owner} | due {due} | {status}',
    '{title} | responsable {owner} | vence {due} | {status}',
  ],
  overdue: ['OVERDUE', 'VENCIDA'],
  checkins: ['Monitoring check-ins', 'Seguimientos de monitoreo'],
  checkinLine: ['Due {due}, {owner}: {state}', 'Vence {due}, {owner}: {state}'],
  done: ['done {date}', 'hecho el {date}'],
  notDone: ['not done', 'sin hacer'],
  parentContacts: ['Parent contacts', 'Contactos con los padres'],
  contactLine: ['{when}, {method}, by {by}', '{when}, {method}, por {by}'],
  themes: ['Investigative themes (NTAC)', 'Temas de investigación (NTAC)'],
  notes: ['Notes', 'Notas'],
  noteLine: ['{when}, {author} ({recordClass})', '{when}, {author} ({recordClass})'],
  referrals: ['Referrals to support services', 'Remisiones a servicios de apoyo'],
  referralLine: [
    '{kind}, {provider}: {status}; follow-up due {due}',
    '{kind}, {provider}: {status}; seguimiento antes del {due}',
  ],
  awaits: ['awaiting follow-up', 'en espera de seguimiento'],
  signoffs: ['Sign-offs', 'Firmas de cierre'],
  outcome: ['Outcome', 'Resultado'],
  closure: ['Closure summary', 'Resumen del cierre'],
  none: ['None recorded.', 'Nada registrado.'],
  nobody: ['unknown', 'desconocido'],
  noProvider: ['no provider named', 'sin proveedor asignado'],
} satisfies Record<string, Pair>;

export const WORDS: Record<string, Record<string, Pair>> = {
  protocol: {
    cstag: ['CSTAG (Comprehensive School Threat Assessment Guidelines)', 'CSTAG'],
    ntac: ['NTAC (Secret Service)', 'NTAC (Servicio Secreto)'],
  },
  source: {
    staff_report: ['Staff report', 'Reporte del personal'],
    incident: ['Incident', 'Incidente'],
    tip: ['Tip', 'Aviso'],
  },
  status: { open: ['Open', 'Abierto'], closed: ['Closed', 'Cerrado'] },
  step: {
    intake: ['Intake', 'Recepción'],
    interviews: ['Interviews', 'Entrevistas'],
    iep_check: ['IEP / 504 check', 'Revisión del IEP / 504'],
    classification: ['Classification', 'Clasificación'],
    safety_evaluation: ['Safety evaluation', 'Evaluación de seguridad'],
    safety_plan: ['Safety plan', 'Plan de seguridad'],
    monitoring: ['Monitoring', 'Monitoreo'],
    parent_contact: ['Parent contact', 'Contacto con los padres'],
    closure: ['Closure', 'Cierre'],
  },
  classification: {
    transient: ['Transient', 'Transitoria'],
    serious_substantive: ['Serious substantive', 'Sustantiva grave'],
    very_serious_substantive: ['Very serious substantive', 'Sustantiva muy grave'],
    low_concern: ['Low concern', 'Preocupación baja'],
    moderate_concern: ['Moderate concern', 'Preocupación moderada'],
    high_concern: ['High concern', 'Preocupación alta'],
  },
  teamRole: {
    administrator: ['Administrator', 'Administrador'],
    mental_health: ['Mental-health professional', 'Profesional de salud mental'],
    law_enforcement: ['Law enforcement', 'Policía'],
    special_education: ['Special education', 'Educación especial'],
    other: ['Other', 'Otro'],
  },
  interviewee: {
    student: ['Student', 'Estudiante'],
    recipient: ['Recipient of the threat', 'Destinatario de la amenaza'],
    witness: ['Witness', 'Testigo'],
    parent: ['Parent', 'Padre o madre'],
    staff: ['Staff member', 'Miembro del personal'],
    other: ['Other', 'Otro'],
  },
  method: {
    phone: ['phone', 'teléfono'],
    in_person: ['in person', 'en persona'],
    video: ['video call', 'videollamada'],
    email: ['e-mail', 'correo electrónico'],
    letter: ['letter', 'carta'],
  },
  taskStatus: { open: ['open', 'abierta'], done: ['done', 'hecha'], cancelled: ['cancelled', 'cancelada'] },
  recordClass: {
    education: ['education record', 'expediente educativo'],
    law_enforcement_unit: ['law-enforcement-unit record', 'registro de la unidad policial'],
  },
  outcome: {
    resolved_no_action: ['Resolved, no further action', 'Resuelto, sin más medidas'],
    support_only: ['Support only', 'Solo apoyo'],
    suspension: ['Suspension', 'Suspensión'],
    expulsion: ['Expulsion', 'Expulsión'],
    alternative_placement: ['Alternative placement', 'Ubicación alternativa'],
    arrest: ['Arrest', 'Arresto'],
  },
  referralKind: {
    counselor: ['Counselor', 'Consejero'],
    social_worker: ['Social worker', 'Trabajador social'],
    psychologist: ['Psychologist', 'Psicólogo'],
    community_provider: ['Community provider', 'Proveedor comunitario'],
  },
  referralStatus: {
    made: ['made', 'hecha'],
    accepted: ['accepted', 'aceptada'],
    first_contact: ['first contact made', 'primer contacto hecho'],
    ongoing: ['ongoing', 'en curso'],
    completed: ['completed', 'completada'],
    declined: ['declined', 'rechazada'],
  },
  theme: {
    motives_and_goals: ['Motives and goals', 'Motivos y objetivos'],
    communications_of_intent: ['Communications of intent', 'Comunicaciones de intención'],
    inappropriate_interest: ['Inappropriate interest', 'Interés inapropiado'],
    attack_related_behavior: ['Attack-related behavior', 'Conducta relacionada con un ataque'],
    capacity: ['Capacity to carry out an attack', 'Capacidad de llevar a cabo un ataque'],
    desperation_or_despair: ['Desperation or despair', 'Desesperación'],
    trusting_adult: ['A trusting relationship with an adult', 'Relación de confianza con un adulto'],
    violence_as_option: ['Violence seen as acceptable', 'La violencia vista como aceptable'],
    consistency: ['Consistency of words and actions', 'Coherencia entre palabras y acciones'],
    concerned_others: ['Others concerned', 'Otras personas preocupadas'],
    circumstances: ['Circumstances that might affect risk', 'Circunstancias que podrían afectar el riesgo'],
  },
};

const idx = (lang: Lang) => (lang === 'en' ? 0 : 1);

export const tr = (key: keyof typeof TEXT, lang: Lang, vars: Record<string, string | number> = {}) =>
  TEXT[key][idx(lang)].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

/** An enumeration's value in words; an unknown value prints as it is (never blank). */
export const word = (group: keyof typeof WORDS, key: string | null | undefined, lang: Lang) =>
  key ? (WORDS[group]![key]?.[idx(lang)] ?? key) : '';
