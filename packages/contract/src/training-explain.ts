import type { TrainingRule, TrainingStandard, TrainingTopic } from './training.js';

/**
 * Each rule of a training standard in plain words, in English and Spanish, generated from the data
 * (issue 14 item 2), so the words on the page can never disagree with the rule the evaluator applies.
 * The staff page, the public district page and the PDF all read these.
 */
export type ExplainLanguage = 'en' | 'es';

export const TOPIC_LABELS: Readonly<Record<TrainingTopic, { en: string; es: string }>> = {
  adolescent_development: { en: 'adolescent development', es: 'desarrollo adolescente' },
  de_escalation: { en: 'de-escalation', es: 'desescalada' },
  implicit_bias: { en: 'implicit bias', es: 'sesgo implícito' },
  disabilities_special_education_law: {
    en: 'students with disabilities and special education law',
    es: 'estudiantes con discapacidades y ley de educación especial',
  },
  trauma_informed_practice: { en: 'trauma-informed practice', es: 'práctica informada sobre el trauma' },
  crisis_intervention: { en: 'mental-health crisis intervention', es: 'intervención en crisis de salud mental' },
  youth_mental_health_first_aid: {
    en: 'youth mental health first aid',
    es: 'primeros auxilios de salud mental para jóvenes',
  },
  cultural_competency: { en: 'cultural competency', es: 'competencia cultural' },
  restorative_practices: { en: 'restorative practices', es: 'prácticas restaurativas' },
  school_law: {
    en: 'school law (FERPA, searches of students)',
    es: 'derecho escolar (FERPA, registros de estudiantes)',
  },
  emergency_response: { en: 'emergency response', es: 'respuesta a emergencias' },
};

/** `a, b and c` / `a, b y c`; `a or b` / `a o b` when `joiner` is `or`. */
export function listWords(items: readonly string[], lang: ExplainLanguage, joiner: 'and' | 'or' = 'and'): string {
  const word = joiner === 'and' ? (lang === 'en' ? 'and' : 'y') : lang === 'en' ? 'or' : 'o';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

export const topicWords = (topics: readonly TrainingTopic[], lang: ExplainLanguage, joiner: 'and' | 'or' = 'and') =>
  listWords(
    topics.map((t) => TOPIC_LABELS[t][lang]),
    lang,
    joiner,
  );

/** Hours as words read them: 40, 1.5, 0.25. */
export const hoursText = (hours: number) => String(Math.round(hours * 100) / 100);

function months(n: number, lang: ExplainLanguage): string {
  if (n % 12 === 0) {
    const y = n / 12;
    return lang === 'en' ? `${y} year${y === 1 ? '' : 's'}` : `${y} año${y === 1 ? '' : 's'}`;
  }
  return lang === 'en' ? `${n} month${n === 1 ? '' : 's'}` : `${n} mes${n === 1 ? '' : 'es'}`;
}

function when(rule: Exclude<TrainingRule, { kind: 'annual_hours' }>, lang: ExplainLanguage): string {
  if (rule.due.when === 'before_assignment')
    return lang === 'en' ? 'before being assigned to a school' : 'antes de ser asignado a una escuela';
  return lang === 'en'
    ? `within ${months(rule.due.months, lang)} of being assigned to a school`
    : `dentro de ${months(rule.due.months, lang)} de ser asignado a una escuela`;
}

function renewal(rule: Exclude<TrainingRule, { kind: 'annual_hours' }>, lang: ExplainLanguage): string {
  if (rule.renewEveryMonths === null) return '';
  return lang === 'en'
    ? `, and again every ${months(rule.renewEveryMonths, lang)}`
    : `, y de nuevo cada ${months(rule.renewEveryMonths, lang)}`;
}

/**
 * One rule as a sentence. `credentialName` gives a credential key's name in the reader's language
 * (the district's catalog); unknown keys are shown as they are.
 */
export function explainRule(
  rule: TrainingRule,
  lang: ExplainLanguage,
  credentialName: (key: string) => string = (k) => k,
): string {
  const en = lang === 'en';
  switch (rule.kind) {
    case 'hours': {
      const h = hoursText(rule.hours);
      const of =
        rule.topics.length === 0
          ? en
            ? 'youth-focused training'
            : 'capacitación centrada en jóvenes'
          : en
            ? `training in ${topicWords(rule.topics, lang, 'or')}`
            : `capacitación en ${topicWords(rule.topics, lang, 'or')}`;
      return en
        ? `Complete at least ${h} hours of ${of} ${when(rule, lang)}${renewal(rule, lang)}.`
        : `Completar al menos ${h} horas de ${of} ${when(rule, lang)}${renewal(rule, lang)}.`;
    }
    case 'topics':
      return en
        ? `Complete training that covers ${topicWords(rule.topics, lang)} ${when(rule, lang)}${renewal(rule, lang)}.`
        : `Completar capacitación que cubra ${topicWords(rule.topics, lang)} ${when(rule, lang)}${renewal(rule, lang)}.`;
    case 'credential':
      return en
        ? `Hold a current ${credentialName(rule.credential)} certificate, earned ${when(rule, lang)}${renewal(rule, lang)}.`
        : `Tener vigente el certificado de ${credentialName(rule.credential)}, obtenido ${when(rule, lang)}${renewal(rule, lang)}.`;
    case 'annual_hours': {
      const h = hoursText(rule.hours);
      const of =
        rule.topics.length === 0
          ? en
            ? 'continuing education'
            : 'educación continua'
          : en
            ? `training in ${topicWords(rule.topics, lang, 'or')}`
            : `capacitación en ${topicWords(rule.topics, lang, 'or')}`;
      return en
        ? `Complete at least ${h} hours of ${of} in every school year while assigned to a school.`
        : `Completar al menos ${h} horas de ${of} en cada año escolar mientras esté asignado a una escuela.`;
    }
  }
}

/** The whole standard, a sentence per rule, then what happens at assignment. */
export function explainStandard(
  standard: TrainingStandard,
  lang: ExplainLanguage,
  credentialName?: (key: string) => string,
): string[] {
  const gate = {
    block: {
      en: 'An officer who does not meet the rules due before assignment cannot be assigned to a school without an approved exception.',
      es: 'Un agente que no cumpla las reglas exigidas antes de la asignación no puede ser asignado a una escuela sin una excepción aprobada.',
    },
    warn: {
      en: 'Assigning an officer who does not meet the rules due before assignment shows a warning, and the warning is recorded.',
      es: 'Asignar a un agente que no cumple las reglas exigidas antes de la asignación muestra una advertencia, y la advertencia queda registrada.',
    },
    off: {
      en: 'Assignments are not checked against these rules.',
      es: 'Las asignaciones no se comprueban con estas reglas.',
    },
  }[standard.gateMode][lang];
  return [...standard.rules.map((r) => explainRule(r, lang, credentialName)), gate];
}
