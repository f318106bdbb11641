import {
  BEHAVIOR_LABELS,
  CONTACT_PURPOSE_LABELS,
  type Cell,
  DISABILITY_GROUPS,
  ENGLISH_LEARNER_GROUPS,
  FLAG_KIND_LABELS,
  type Label,
  type PublicTable,
  type Race,
  RESPONSE_BUCKETS,
  SRO_ACTION_LABELS,
  STUDENT_DIMENSIONS,
  SUPPRESSED,
  type Sex,
  type TransparencyReport,
  type TransparencyTableKey,
} from '@forefront/contract';

/**
 * English and Spanish labels for the printed transparency report (the web app has its own in
 * en.json/es.json); taxonomy codes are named by the contract's labels (labels.ts), the one source the
 * web app's words come from too. Typed as complete records
 * over the contract's lists, so a new behavior, flag kind or table fails the typecheck until it has
 * both labels.
 */
export type Lang = 'en' | 'es';
type Pair = readonly [en: string, es: string];
const pick = (p: Pair, lang: Lang) => p[lang === 'en' ? 0 : 1];

const RACES: Record<Race, Pair> = {
  HI: ['Hispanic or Latino', 'Hispano o latino'],
  AM: ['American Indian or Alaska Native', 'Indígena americano o nativo de Alaska'],
  AS: ['Asian', 'Asiático'],
  HP: ['Native Hawaiian or Other Pacific Islander', 'Nativo de Hawái u otras islas del Pacífico'],
  BL: ['Black or African American', 'Negro o afroamericano'],
  WH: ['White', 'Blanco'],
  TR: ['Two or more races', 'Dos o más razas'],
};
const SEXES: Record<Sex, Pair> = {
  M: ['Male', 'Masculino'],
  F: ['Female', 'Femenino'],
  X: ['Nonbinary', 'No binario'],
};
const DISABILITY: Record<(typeof DISABILITY_GROUPS)[number], Pair> = {
  idea: ['Students with disabilities (IDEA)', 'Estudiantes con discapacidades (IDEA)'],
  section504_only: ['Section 504 only', 'Solo Sección 504'],
  no_disability: ['No disability', 'Sin discapacidad'],
};
const ENGLISH_LEARNER: Record<(typeof ENGLISH_LEARNER_GROUPS)[number], Pair> = {
  english_learner: ['English learners', 'Estudiantes de inglés'],
  not_english_learner: ['Not English learners', 'No estudiantes de inglés'],
};
export const DIMENSIONS: Record<(typeof STUDENT_DIMENSIONS)[number], Pair> = {
  all: ['All students', 'Todos los estudiantes'],
  race: ['Race or ethnicity', 'Raza o etnia'],
  sex: ['Sex', 'Sexo'],
  disability: ['Disability', 'Discapacidad'],
  english_learner: ['English learner status', 'Aprendizaje del inglés'],
};
/** Behaviors, purposes, flag kinds and actions: the contract's labels, the same words as the web app. */
const pairs = <K extends string>(labels: Record<K, Label>): Record<K, Pair> =>
  Object.fromEntries(Object.entries<Label>(labels).map(([k, l]) => [k, [l.en, l.es] as const])) as Record<K, Pair>;
const BEHAVIORS = pairs(BEHAVIOR_LABELS);
const PURPOSES = pairs(CONTACT_PURPOSE_LABELS);
const FLAGS = pairs(FLAG_KIND_LABELS);
/** The rows of the `force` measure are keyed by the action counted. */
const FORCE = pairs(SRO_ACTION_LABELS);
/** The two rows of the classroom-response table (transparency.report.ts), each a count `of` a total. */
const CLASSROOM_ROWS: Record<string, Pair> = {
  contacts: ['Officer contacts in classrooms, of all contacts', 'Intervenciones en aulas, del total de intervenciones'],
  officers: [
    'Officers who responded in a classroom, of all officers with a contact',
    'Agentes que respondieron en un aula, del total de agentes con intervenciones',
  ],
};
/** The total row every count table starts with. */
const TOTAL: Pair = ['Total', 'Total'];

export const TABLE_TITLES: Record<TransparencyTableKey, Pair> = {
  students_referred: ['Students referred to law enforcement', 'Estudiantes remitidos a las autoridades policiales'],
  students_arrested: [
    'Students arrested (school-related arrests)',
    'Estudiantes arrestados (arrestos relacionados con la escuela)',
  ],
  incident_types: ['Incidents by type of behavior', 'Incidentes por tipo de conducta'],
  contacts_by_purpose: ['Officer contacts by purpose', 'Intervenciones de los agentes por motivo'],
  mou_violations: ['Officer actions outside the agreement (MOU)', 'Medidas de los agentes fuera del acuerdo (MOU)'],
  restraint_and_force: ['Restraints and uses of force', 'Inmovilizaciones y uso de la fuerza'],
  classroom_response: ['Officer responses in classrooms', 'Respuestas de los agentes en las aulas'],
  response_times: ['Officer response times', 'Tiempos de respuesta de los agentes'],
  trend: ['Trends across school years', 'Tendencias por año escolar'],
  schools: ['Schools', 'Escuelas'],
  weapon_trend: ['Weapon offenses by school year', 'Delitos con armas por año escolar'],
  exposure: [
    'Students in a school with a sworn officer, by race',
    'Estudiantes en una escuela con un agente juramentado, por raza',
  ],
};

const DISPARITY: Pair = [
  'The risk ratio compares the group’s rate with the rate of all other students: 2.00 means twice as ' +
    'likely. The composition index is the group’s share of these students divided by its share of ' +
    'enrollment: above 1 means over-represented. The range in brackets is a 95% confidence interval: with ' +
    'few students, the true value could be anywhere in it, so small differences should not be ranked.',
  'La razón de riesgo compara la tasa del grupo con la de todos los demás estudiantes: 2,00 significa ' +
    'el doble de probabilidad. El índice de composición es la proporción del grupo entre estos ' +
    'estudiantes dividida por su proporción en la matrícula: más de 1 significa sobrerrepresentación. El ' +
    'rango entre paréntesis es un intervalo de confianza del 95 %: con pocos estudiantes, el valor real ' +
    'puede estar en cualquier punto del rango, así que las diferencias pequeñas no deben ordenarse.',
];
/** One plain-language paragraph per measure, printed under each table's title. */
export const TABLE_EXPLANATIONS: Record<TransparencyTableKey, Pair> = {
  students_referred: [
    `Students a school official reported to a law-enforcement agency or officer (school police included), ` +
      `whether or not action followed; citations and arrests count. Each student counts once, and per 1,000 ` +
      `students enrolled. ${DISPARITY[0]}`,
    `Estudiantes que un funcionario escolar reportó a una agencia o agente policial (incluida la policía ` +
      `escolar), haya habido o no otra medida; las citaciones y los arrestos cuentan. Cada estudiante ` +
      `cuenta una vez, y por cada 1000 estudiantes inscritos. ${DISPARITY[1]}`,
  ],
  students_arrested: [
    `Students arrested for something at school, at a school activity or on school transport, or after a ` +
      `referral by a school official. Each student counts once, and per 1,000 students enrolled. ` +
      `${DISPARITY[0]}`,
    `Estudiantes arrestados por algo ocurrido en la escuela, en una actividad escolar o en el transporte ` +
      `escolar, o tras una remisión de un funcionario escolar. Cada estudiante cuenta una vez, y por cada ` +
      `1000 estudiantes inscritos. ${DISPARITY[1]}`,
  ],
  incident_types: [
    'Incidents recorded this school year, by the kind of behavior involved. An incident with several ' +
      'behaviors counts under each one, so the rows add up to more than the number of incidents.',
    'Incidentes registrados este año escolar, según el tipo de conducta. Un incidente con varias ' +
      'conductas cuenta en cada una, así que las filas suman más que el número de incidentes.',
  ],
  contacts_by_purpose: [
    'Each time a school resource officer took part in an incident, and why. Routine discipline is what ' +
      'the agreement with law enforcement (MOU) leaves to school staff: its share of all contacts is the ' +
      'role-drift rate.',
    'Cada vez que un agente de recursos escolares participó en un incidente, y por qué. La disciplina ' +
      'ordinaria es lo que el acuerdo con la policía (MOU) deja al personal escolar: su proporción entre ' +
      'todas las intervenciones es la tasa de desvío de rol.',
  ],
  mou_violations: [
    'Officer actions that went beyond the signed agreement (MOU) in force on the day, by the rule they ' +
      'did not follow. Each action is checked automatically when the incident is recorded.',
    'Medidas de los agentes que fueron más allá del acuerdo firmado (MOU) vigente ese día, según la regla ' +
      'que no siguieron. Cada medida se revisa automáticamente al registrar el incidente.',
  ],
  restraint_and_force: [
    'Times an officer held a student still with their body (physical restraint), with handcuffs or another device (mechanical restraint), or used force.',
    'Veces que un agente inmovilizó a un estudiante con su cuerpo (inmovilización física), con esposas u ' +
      'otro dispositivo (inmovilización mecánica), o usó la fuerza.',
  ],
  classroom_response: [
    'How often officers were drawn into incidents in classrooms: officer contacts in incidents that ' +
      'happened in a classroom, out of all contacts, and officers with at least one classroom response, out ' +
      'of all officers with a contact. Nationally, about 69% of sworn school resource officers responded to ' +
      'an incident in a classroom within 30 days (Bureau of Justice Statistics, School Resource Officers, ' +
      '2019-2020).',
    'Con qué frecuencia los agentes intervinieron en incidentes en las aulas: intervenciones en ' +
      'incidentes ocurridos en un aula, del total de intervenciones, y agentes con al menos una respuesta ' +
      'en un aula, del total de agentes con intervenciones. A nivel nacional, cerca del 69 % de los agentes ' +
      'de recursos escolares juramentados respondió a un incidente en un aula en 30 días (Oficina de ' +
      'Estadísticas de Justicia, School Resource Officers, 2019-2020).',
  ],
  response_times: [
    'Minutes from the report of an incident to the officer’s arrival, in ranges, for contacts where the ' +
      'arrival time was recorded. The median (half of the responses were faster) is estimated from the ' +
      'ranges, and shown only when no range is suppressed.',
    'Minutos desde el aviso de un incidente hasta la llegada del agente, por rangos, para las ' +
      'intervenciones con hora de llegada registrada. La mediana (la mitad de las respuestas fue más ' +
      'rápida) se estima a partir de los rangos y solo se muestra si ningún rango está suprimido.',
  ],
  trend: [
    'The same measures for each school year with published figures, so changes over time can be seen.',
    'Las mismas medidas para cada año escolar con cifras publicadas, para ver los cambios con el tiempo.',
  ],
  schools: [
    'The measures for each school. Small schools have more suppressed cells; the district totals still include every student.',
    'Las medidas de cada escuela. Las escuelas pequeñas tienen más celdas suprimidas; los totales del distrito siguen incluyendo a todos los estudiantes.',
  ],
  weapon_trend: [
    'Incidents with a weapon offense (a weapon or firearm used, shown or possessed), each counted once, ' +
      'and per 1,000 students enrolled, beside the students referred to law enforcement in the same years.',
    'Incidentes con un delito con armas (un arma o arma de fuego usada, mostrada o portada), cada uno ' +
      'contado una vez, y por cada 1000 estudiantes inscritos, junto a los estudiantes remitidos a la ' +
      'policía en los mismos años.',
  ],
  exposure: [
    'Of each group’s students, how many attend a school where a sworn officer logged at least one contact ' +
      'this school year. Nationally, schools with more Black and Latino students are more likely to have ' +
      'officers.',
    'De los estudiantes de cada grupo, cuántos asisten a una escuela donde un agente juramentado registró ' +
      'al menos una intervención este año escolar. A nivel nacional, las escuelas con más estudiantes ' +
      'negros y latinos tienen más probabilidad de tener agentes.',
  ],
};

/** Column headers; keys not listed are shown as written, underscores as spaces. */
const COLUMNS: Record<string, Pair> = {
  enrolled: ['Enrolled', 'Inscritos'],
  students: ['Students', 'Estudiantes'],
  per1000: ['Per 1,000 enrolled', 'Por cada 1000 inscritos'],
  risk_ratio: ['Risk ratio (95% CI)', 'Razón de riesgo (IC 95 %)'],
  composition_index: ['Composition index (95% CI)', 'Índice de composición (IC 95 %)'],
  count: ['Count', 'Número'],
  of: ['Out of', 'De un total de'],
  incidents: ['Incidents', 'Incidentes'],
  contacts: ['Contacts', 'Intervenciones'],
  classroom_contacts: ['Classroom contacts', 'Intervenciones en aulas'],
  share: ['Share', 'Proporción'],
  violations: ['Actions outside the MOU', 'Medidas fuera del MOU'],
  mou_violations: ['Actions outside the MOU', 'Medidas fuera del MOU'],
  actions: ['Actions', 'Medidas'],
  minutes: ['Median minutes', 'Mediana (minutos)'],
  students_referred: ['Students referred', 'Estudiantes remitidos'],
  students_arrested: ['Students arrested', 'Estudiantes arrestados'],
  referred: ['Students referred', 'Estudiantes remitidos'],
  arrested: ['Students arrested', 'Estudiantes arrestados'],
  referred_per1000: ['Referred per 1,000', 'Remitidos por cada 1000'],
  arrested_per1000: ['Arrested per 1,000', 'Arrestados por cada 1000'],
  routine_share: ['Role-drift rate', 'Tasa de desvío de rol'],
  weapon_incidents: ['Weapon-offense incidents', 'Incidentes con armas'],
  weapon_per1000: ['Weapon offenses per 1,000', 'Delitos con armas por cada 1000'],
  with_officer: ['In a school with an officer', 'En una escuela con agente'],
};

export const HIGHLIGHTS: Record<
  keyof TransparencyReport['highlights'],
  { label: Pair; kind: 'count' | 'per1000' | 'share' }
> = {
  enrolled: { label: ['Students enrolled', 'Estudiantes inscritos'], kind: 'count' },
  studentsReferred: {
    label: ['Students referred to law enforcement', 'Estudiantes remitidos a la policía'],
    kind: 'count',
  },
  referredPer1000: { label: ['Referred per 1,000 students', 'Remitidos por cada 1000 estudiantes'], kind: 'per1000' },
  studentsArrested: { label: ['Students arrested', 'Estudiantes arrestados'], kind: 'count' },
  arrestedPer1000: { label: ['Arrested per 1,000 students', 'Arrestados por cada 1000 estudiantes'], kind: 'per1000' },
  incidents: { label: ['Incidents recorded', 'Incidentes registrados'], kind: 'count' },
  contacts: { label: ['Officer contacts', 'Intervenciones de los agentes'], kind: 'count' },
  routineShare: {
    label: ['Contacts for routine discipline (role drift)', 'Intervenciones por disciplina ordinaria (desvío de rol)'],
    kind: 'share',
  },
  mouViolations: { label: ['Actions outside the MOU', 'Medidas fuera del MOU'], kind: 'count' },
};

/** Sentences of the title page and footer; `{x}` placeholders are filled by `text()`. */
const TEXT = {
  title: ['Annual transparency report', 'Informe anual de transparencia'],
  schoolYear: ['School year {year}', 'Año escolar {year}'],
  published: ['Published {date}', 'Publicado el {date}'],
  highlights: ['Highlights', 'Datos principales'],
  privacyHeading: ['How students’ privacy is protected', 'Cómo se protege la privacidad de los estudiantes'],
  privacy: [
    'Minimum cell size: n = {n}. So that no student can be identified, any count from 1 to {max}, any ' +
      'figure from which such a count could be worked out, and any rate based on fewer than {n} students is ' +
      'withheld and shown as “suppressed”. A dash (—) means the figure does not apply.',
    'Tamaño mínimo de celda: n = {n}. Para que no se pueda identificar a ningún estudiante, se omite y se ' +
      'muestra como «suprimido» todo conteo de 1 a {max}, toda cifra con la que se podría deducir un conteo ' +
      'así y toda tasa basada en menos de {n} estudiantes. Un guion (—) significa que la cifra no aplica.',
  ],
  suppressed: ['suppressed', 'suprimido'],
  group: ['Group', 'Grupo'],
  year: ['School year', 'Año escolar'],
  school: ['School', 'Escuela'],
  continued: ['{title} (continued)', '{title} (continuación)'],
  source: [
    'Source: {name}’s own records in Forefront, school year {year}, published {date}; every figure passed through suppression (n = {n}).',
    'Fuente: registros propios de {name} en Forefront, año escolar {year}, publicados el {date}; todas las cifras pasaron por la supresión (n = {n}).',
  ],
  page: ['Page {page} of {pages}', 'Página {page} de {pages}'],
  summary: ['The year in brief', 'El año en resumen'],
  summaryReferred: [
    '{referred} students were referred to law enforcement ({per1000} per 1,000 enrolled) and {arrested} were arrested ({arrestedPer1000} per 1,000).',
    '{referred} estudiantes fueron remitidos a la policía ({per1000} por cada 1000 inscritos) y ' +
      '{arrested} fueron arrestados ({arrestedPer1000} por cada 1000).',
  ],
  summaryContacts: [
    '{incidents} incidents were recorded, with {contacts} officer contacts; {routine} of the contacts ' +
      'were for routine discipline (the role-drift rate), and {violations} officer actions went beyond the ' +
      'MOU.',
    'Se registraron {incidents} incidentes, con {contacts} intervenciones de agentes; el {routine} de las ' +
      'intervenciones fue por disciplina ordinaria (la tasa de desvío de rol) y {violations} medidas de los ' +
      'agentes fueron más allá del MOU.',
  ],
  summaryWeapon: [
    'Incidents with a weapon offense: {weapon} ({per1000} per 1,000 students).',
    'Incidentes con un delito con armas: {weapon} ({per1000} por cada 1000 estudiantes).',
  ],
  summaryExposure: [
    'Students in a school with a sworn officer: {all} of all students; {groups}.',
    'Estudiantes en una escuela con un agente juramentado: {all} del total; {groups}.',
  ],
  contents: ['In this report', 'En este informe'],
} as const satisfies Record<string, Pair>;

export function text(key: keyof typeof TEXT, lang: Lang, vars: Record<string, string | number> = {}): string {
  return pick(TEXT[key], lang).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
export const label = pick;

const humanize = (key: string) => key.replace(/_/g, ' ');
const lookup = (table: Record<string, Pair>, key: string, lang: Lang) =>
  Object.hasOwn(table, key) ? pick(table[key]!, lang) : undefined;

export function columnLabel(key: string, lang: Lang): string {
  return lookup(COLUMNS, key, lang) ?? humanize(key);
}

function bucketLabel(bucket: string, lang: Lang): string {
  const [from, to] = bucket.split(/[-+]/);
  if (bucket.endsWith('+')) return lang === 'en' ? `${from} minutes or more` : `${from} minutos o más`;
  return lang === 'en' ? `${from} to under ${to} minutes` : `De ${from} a menos de ${to} minutos`;
}

/** A row's label: the key read by its table, or the name the report carries (schools). */
export function rowLabel(table: PublicTable['key'], row: PublicTable['rows'][number], lang: Lang): string {
  const k = row.key;
  if (table === 'students_referred' || table === 'students_arrested' || table === 'exposure') {
    const byDimension: Record<string, Record<string, Pair>> = {
      race: RACES,
      sex: SEXES,
      disability: DISABILITY,
      english_learner: ENGLISH_LEARNER,
    };
    if (!row.dimension || row.dimension === 'all') return pick(DIMENSIONS.all, lang);
    return lookup(byDimension[row.dimension] ?? {}, k, lang) ?? humanize(k);
  }
  if (table === 'response_times' && (RESPONSE_BUCKETS as readonly string[]).includes(k)) return bucketLabel(k, lang);
  // The median row carries the bucket the median falls in as its label.
  if (table === 'response_times' && k === 'median') {
    const median = pick(['Median time to arrive', 'Mediana del tiempo de llegada'], lang);
    return row.label && (RESPONSE_BUCKETS as readonly string[]).includes(row.label)
      ? `${median} (${bucketLabel(row.label, lang).toLowerCase()})`
      : median;
  }
  if (row.label) return row.label;
  if (k === 'all') return pick(TOTAL, lang);
  const sources: Partial<Record<TransparencyTableKey, Record<string, Pair>>> = {
    incident_types: BEHAVIORS,
    contacts_by_purpose: PURPOSES,
    mou_violations: FLAGS,
    restraint_and_force: FORCE,
    classroom_response: CLASSROOM_ROWS,
  };
  return lookup(sources[table] ?? {}, k, lang) ?? humanize(k);
}

const nf = (lang: Lang, digits: [number, number], style?: 'percent') =>
  new Intl.NumberFormat(lang, { minimumFractionDigits: digits[0], maximumFractionDigits: digits[1], style });

/**
 * A cell as printed: counts whole, rates per 1,000 with one decimal, shares as percentages with one
 * decimal, ratios and intervals with two ("1.85 (1.20–2.85)"; "1,85 (1,20–2,85)" in Spanish), the
 * word for a withheld cell, and a dash for a figure that does not apply.
 */
export function formatCell(cell: Cell, kind: string, lang: Lang): string {
  if (cell === null) return '—';
  if (cell === SUPPRESSED) return text('suppressed', lang);
  const two = nf(lang, [2, 2]);
  if (typeof cell === 'object')
    return `${two.format(cell.estimate)} (${two.format(cell.low)}–${two.format(cell.high)})`;
  switch (kind) {
    case 'per1000':
      return nf(lang, [1, 1]).format(cell);
    case 'share':
      return nf(lang, [1, 1], 'percent').format(cell);
    case 'ratio':
    case 'interval':
      return two.format(cell);
    case 'minutes':
      return nf(lang, [0, 1]).format(cell);
    default:
      return nf(lang, [0, 0]).format(cell);
  }
}
