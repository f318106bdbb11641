import { CLAUSE_TITLES, type Label, type Lang, clauseTitleFor } from './labels.js';
import { type ClauseKey, MOU_TEMPLATES, type MouTemplate } from './mou-rules.js';

/**
 * The clause library in English and Spanish: model text a district starts from and then makes its
 * own. Sources (DOMAIN.md section 2): the COPS Hiring Program MOU minimum (purpose; roles focused on
 * safety; information sharing; supervision and chain of command; signatures), the ED/DOJ SECURe
 * action steps (2016), and the clauses common to published MOUs. `{district}` and `{agency}` are
 * filled in when an MOU is created. Lines are joined from short pieces so the file stays readable.
 *
 * A signed version keeps the text in the language it was written and signed in; that text is the
 * authoritative one. `readerClauses` shows a reader of the other language the library's own
 * translation of each clause the district left as the library wrote it, and says so.
 */
export type ClauseSource = 'COPS Hiring Program minimum' | 'Common MOU clause' | 'SECURe action step';

export const CLAUSE_SOURCE_LABELS: Record<ClauseSource, Label> = {
  'COPS Hiring Program minimum': {
    en: 'COPS Hiring Program minimum',
    es: 'Mínimo del Programa de Contratación COPS',
  },
  'Common MOU clause': { en: 'Common MOU clause', es: 'Cláusula habitual de los MOU' },
  'SECURe action step': { en: 'SECURe action step', es: 'Paso de acción SECURe' },
};

export interface LibraryClause {
  source: ClauseSource;
  text: Label;
}

const j = (...parts: string[]) => parts.join(' ');

export const CLAUSE_LIBRARY: Record<ClauseKey, LibraryClause> = {
  purpose: {
    source: 'COPS Hiring Program minimum',
    text: {
      en: j(
        'This agreement between {district} (the District) and {agency} (the Agency) sets out how School Resource',
        'Officers (SROs) work in District schools. Its purpose is to keep students and staff safe from serious',
        'threats and crime while keeping officers out of routine school discipline, so that no student is arrested',
        'or referred to law enforcement for conduct the school can address.',
      ),
      es: j(
        'Este acuerdo entre {district} (el Distrito) y {agency} (la Agencia) establece cómo trabajan los Agentes',
        'de Recursos Escolares (SRO, por sus siglas en inglés) en las escuelas del Distrito. Su propósito es',
        'proteger a los estudiantes y al personal frente a amenazas graves y delitos, manteniendo a los agentes al',
        'margen de la disciplina escolar ordinaria, de modo que ningún estudiante sea arrestado ni remitido a las',
        'autoridades policiales por una conducta que la escuela puede atender.',
      ),
    },
  },
  roles_and_responsibilities: {
    source: 'COPS Hiring Program minimum',
    text: {
      en: j(
        'SROs respond to serious threats to safety and to crimes, and may mentor and teach when invited. SROs do not',
        'enforce school rules or administer school discipline; that is the responsibility of school administrators.',
        'Before any non-emergency arrest, citation or referral of a student to law enforcement, the SRO consults a',
        'school administrator, who reviews the matter and records the decision. In an emergency the SRO may act at',
        'once and records why the review could not wait.',
      ),
      es: j(
        'Los SRO responden a amenazas graves para la seguridad y a delitos, y pueden ejercer de mentores y enseñar',
        'cuando se les invite. Los SRO no hacen cumplir las normas escolares ni aplican la disciplina escolar; esa',
        'responsabilidad corresponde a los administradores escolares. Antes de cualquier arresto, citación o',
        'remisión de un estudiante a las autoridades policiales que no sea de emergencia, el SRO consulta a un',
        'administrador escolar, quien examina el asunto y deja constancia de su decisión. En una emergencia, el',
        'SRO puede actuar de inmediato y deja constancia de por qué la revisión no podía esperar.',
      ),
    },
  },
  information_sharing: {
    source: 'COPS Hiring Program minimum',
    text: {
      en: j(
        'Student education records are shared with the SRO only as the Family Educational Rights and Privacy Act',
        '(FERPA) allows, and only when the SRO has a legitimate need to know. Records the SRO creates for a',
        'law-enforcement purpose are law-enforcement-unit records (34 CFR 99.8). The District records every',
        'disclosure of education records as 34 CFR 99.32 requires.',
      ),
      es: j(
        'Los expedientes educativos de los estudiantes se comparten con el SRO solo en la medida en que lo permite',
        'la Ley de Derechos Educativos y Privacidad de la Familia (FERPA) y solo cuando el SRO tiene una necesidad',
        'legítima de conocerlos. Los registros que el SRO crea con fines policiales son registros de la unidad',
        'policial (34 CFR 99.8). El Distrito deja constancia de cada divulgación de expedientes educativos, como',
        'exige el 34 CFR 99.32.',
      ),
    },
  },
  supervision_and_chain_of_command: {
    source: 'COPS Hiring Program minimum',
    text: {
      en: j(
        'SROs remain employees of the Agency and are supervised by an Agency supervisor named in writing to the',
        "District. The principal is the SRO's day-to-day contact at each school. Disagreements are raised first",
        'between the principal and the Agency supervisor, then between the superintendent and the chief of the',
        'Agency.',
      ),
      es: j(
        'Los SRO siguen siendo empleados de la Agencia y los supervisa un supervisor de la Agencia designado por',
        'escrito ante el Distrito. El director de cada escuela es el contacto diario del SRO en esa escuela. Los',
        'desacuerdos se plantean primero entre el director y el supervisor de la Agencia y, después, entre el',
        'superintendente y el jefe de la Agencia.',
      ),
    },
  },
  signatures: {
    source: 'COPS Hiring Program minimum',
    text: {
      en: j(
        'This agreement takes effect on its effective date once signed by the authorized representatives of both',
        'parties. Any change to it is a new version that must be signed again before it takes effect.',
      ),
      es: j(
        'Este acuerdo entra en vigor en su fecha de entrada en vigor una vez firmado por los representantes',
        'autorizados de ambas partes. Todo cambio constituye una nueva versión que debe firmarse de nuevo antes de',
        'entrar en vigor.',
      ),
    },
  },
  program_goals: {
    source: 'Common MOU clause',
    text: {
      en: j(
        'The program aims to (1) prevent serious violence on school grounds, (2) reduce referrals and arrests of',
        'students for school-based conduct, (3) build trust between students, families and officers, and (4)',
        "report the program's results to the public every year.",
      ),
      es: j(
        'El programa tiene por objeto (1) prevenir la violencia grave en los recintos escolares, (2) reducir las',
        'remisiones y los arrestos de estudiantes por conductas ocurridas en la escuela, (3) generar confianza',
        'entre los estudiantes, las familias y los agentes, y (4) informar al público de los resultados del',
        'programa cada año.',
      ),
    },
  },
  selection_criteria: {
    source: 'Common MOU clause',
    text: {
      en: j(
        'The Agency assigns officers with at least two years of patrol experience, no sustained complaints of',
        'excessive force or bias, and a demonstrated interest in working with young people. The District may take',
        'part in interviews and may ask the Agency to reassign an officer.',
      ),
      es: j(
        'La Agencia asigna agentes con al menos dos años de experiencia en patrullaje, sin quejas fundadas por',
        'uso excesivo de la fuerza o por trato discriminatorio, y con un interés demostrado en trabajar con',
        'jóvenes. El Distrito puede participar en las entrevistas y puede pedir a la Agencia que reasigne a un',
        'agente.',
      ),
    },
  },
  training_requirements: {
    source: 'Common MOU clause',
    text: {
      en: j(
        'Before starting, every SRO completes a 40-hour basic SRO course covering adolescent development,',
        'de-escalation, cultural awareness, students with disabilities, and mentoring. Every year the SRO completes',
        "refresher training on de-escalation, implicit bias, and the District's discipline policies.",
      ),
      es: j(
        'Antes de empezar, todo SRO completa un curso básico de SRO de 40 horas sobre desarrollo adolescente,',
        'desescalada, sensibilidad cultural, estudiantes con discapacidades y mentoría. Cada año, el SRO completa',
        'una capacitación de actualización sobre desescalada, sesgos implícitos y las políticas disciplinarias',
        'del Distrito.',
      ),
    },
  },
  discipline_separation: {
    source: 'Common MOU clause',
    text: {
      en: j(
        'The behaviors listed as "school staff only" in the role rules of this agreement are school discipline',
        'matters. SROs do not handle them, do not question students about them, and do not arrest, cite or refer',
        'students for them. Where the role rules say the SRO may assist when asked, the SRO acts only at an',
        "administrator's request.",
      ),
      es: j(
        'Las conductas que las reglas de funciones de este acuerdo señalan como «solo personal escolar» son',
        'asuntos de disciplina escolar. Los SRO no se ocupan de ellas, no interrogan a los estudiantes sobre ellas',
        'y no arrestan, citan ni remiten a los estudiantes por ellas. Cuando las reglas de funciones indican que',
        'el SRO puede ayudar si se le pide, el SRO actúa únicamente a petición de un administrador.',
      ),
    },
  },
  searches_and_questioning: {
    source: 'Common MOU clause',
    text: {
      en: j(
        'SROs do not search students or their belongings for school-rule violations. Any search by an SRO follows',
        'the role rules of this agreement and the law. Before an SRO questions a student about a possible crime,',
        "the school notifies the student's parent or guardian, except where a delay would endanger someone.",
      ),
      es: j(
        'Los SRO no registran a los estudiantes ni sus pertenencias por infracciones de las normas escolares. Todo',
        'registro que realice un SRO se ajusta a las reglas de funciones de este acuerdo y a la ley. Antes de que',
        'un SRO interrogue a un estudiante sobre un posible delito, la escuela avisa al padre, la madre o el tutor',
        'legal del estudiante, salvo cuando la demora pondría en peligro a alguien.',
      ),
    },
  },
  use_of_force_and_restraint: {
    source: 'Common MOU clause',
    text: {
      en: j(
        'SROs use physical or mechanical restraint and force only as the role rules of this agreement allow, never',
        'as punishment or to enforce school rules, and only to the extent needed to prevent imminent serious harm.',
        'Every use of restraint or force is reported to the principal and to the parent or guardian the same day.',
      ),
      es: j(
        'Los SRO recurren a la sujeción física o mecánica y al uso de la fuerza solo en la medida en que lo',
        'permiten las reglas de funciones de este acuerdo, nunca como castigo ni para hacer cumplir las normas',
        'escolares, y solo en la medida necesaria para evitar un daño grave e inminente. Todo uso de la sujeción o',
        'de la fuerza se comunica al director y al padre, la madre o el tutor legal el mismo día.',
      ),
    },
  },
  data_collection_and_reporting: {
    source: 'Common MOU clause',
    text: {
      en: j(
        'The SRO records every contact with a student, its purpose, and every action taken, by school, date and',
        'student demographics. The District publishes counts of referrals, arrests, restraints and uses of force',
        'each year, following the Civil Rights Data Collection definitions and protecting student privacy.',
      ),
      es: j(
        'El SRO registra cada intervención con un estudiante, su motivo y cada medida adoptada, por escuela, fecha',
        'y datos demográficos del estudiante. El Distrito publica cada año el número de remisiones, arrestos,',
        'sujeciones y usos de la fuerza, según las definiciones de la Recopilación de Datos de Derechos Civiles',
        '(CRDC) y protegiendo la privacidad de los estudiantes.',
      ),
    },
  },
  complaint_process: {
    source: 'Common MOU clause',
    text: {
      en: j(
        "Students, parents and staff may complain about an SRO's conduct to the principal, the District, or the",
        'Agency, in any language and without fear of retaliation. Complaints are acknowledged within five school',
        'days, investigated by the Agency, and their outcome reported to the complainant and counted in the annual',
        'public report.',
      ),
      es: j(
        'Los estudiantes, los padres y el personal pueden presentar quejas sobre la conducta de un SRO ante el',
        'director, el Distrito o la Agencia, en cualquier idioma y sin temor a represalias. Se acusa recibo de las',
        'quejas en un plazo de cinco días escolares, la Agencia las investiga, y su resultado se comunica a quien',
        'presentó la queja y se incluye en el informe público anual.',
      ),
    },
  },
  crisis_planning: {
    source: 'Common MOU clause',
    text: {
      en: j(
        "The SRO takes part in each school's emergency operations planning and drills. In an emergency the",
        "Agency's incident command structure applies; school staff keep responsibility for student accounting and",
        'family reunification.',
      ),
      es: j(
        'El SRO participa en la planificación de operaciones de emergencia y en los simulacros de cada escuela. En',
        'una emergencia se aplica la estructura de mando de incidentes de la Agencia; el personal escolar conserva',
        'la responsabilidad de dar cuenta de todos los estudiantes y de reunirlos con sus familias.',
      ),
    },
  },
  annual_review: {
    source: 'Common MOU clause',
    text: {
      en: j(
        "The parties review this agreement and the program's data every year before the review date, with input",
        'from students, families and staff, and either renew it, change it, or end it.',
      ),
      es: j(
        'Las partes revisan este acuerdo y los datos del programa cada año antes de la fecha de revisión, teniendo',
        'en cuenta las opiniones de los estudiantes, las familias y el personal, y lo renuevan, lo modifican o le',
        'ponen fin.',
      ),
    },
  },
  secure_partnerships: {
    source: 'SECURe action step',
    text: {
      en: j(
        'The District and the Agency agree that no SRO starts work in a school before this agreement is signed,',
        'and that both parties involve school leaders, students, families and community members in shaping the',
        'program.',
      ),
      es: j(
        'El Distrito y la Agencia acuerdan que ningún SRO empieza a trabajar en una escuela antes de que se firme',
        'este acuerdo, y que ambas partes hacen partícipes a los directivos escolares, los estudiantes, las familias',
        'y los miembros de la comunidad en la definición del programa.',
      ),
    },
  },
  secure_civil_rights: {
    source: 'SECURe action step',
    text: {
      en: j(
        'The program complies with federal civil rights law, including Title VI, Title IX, Section 504 and the',
        'Americans with Disabilities Act. The District reviews its referral and arrest data each year for',
        'disparities by race, sex, disability and English-learner status and acts on what it finds.',
      ),
      es: j(
        'El programa cumple la legislación federal de derechos civiles, incluidos el Título VI, el Título IX, la',
        'Sección 504 y la Ley de Estadounidenses con Discapacidades (ADA). El Distrito revisa cada año sus datos',
        'de remisiones y arrestos para detectar disparidades por raza, sexo, discapacidad y condición de',
        'estudiante de inglés, y actúa según lo que encuentre.',
      ),
    },
  },
  secure_hiring: {
    source: 'SECURe action step',
    text: {
      en: j(
        'The Agency recruits officers suited to work with young people, and the District takes part in their',
        'selection under the selection criteria of this agreement.',
      ),
      es: j(
        'La Agencia recluta agentes idóneos para trabajar con jóvenes, y el Distrito participa en su selección',
        'conforme a los criterios de selección de este acuerdo.',
      ),
    },
  },
  secure_training: {
    source: 'SECURe action step',
    text: {
      en: j(
        'SROs and the school administrators they work with are trained together on the roles set in this',
        'agreement, on de-escalation, and on the needs of students with disabilities.',
      ),
      es: j(
        'Los SRO y los administradores escolares con quienes trabajan reciben capacitación conjunta sobre las',
        'funciones establecidas en este acuerdo, sobre desescalada y sobre las necesidades de los estudiantes con',
        'discapacidades.',
      ),
    },
  },
  secure_evaluation: {
    source: 'SECURe action step',
    text: {
      en: j(
        'The parties evaluate each SRO and the program every year against the goals and role rules of this',
        'agreement, using the data collected under it, and recognize officers whose work reflects them.',
      ),
      es: j(
        'Las partes evalúan cada año a cada SRO y el programa según los objetivos y las reglas de funciones de',
        'este acuerdo, con los datos recopilados conforme a él, y reconocen a los agentes cuyo trabajo los',
        'refleja.',
      ),
    },
  },
};

export interface ClauseNames {
  district: string;
  agency: string;
}

/** The library's text of a clause in a language, with the parties' names filled in. */
export function libraryText(key: ClauseKey, lang: Lang, names: ClauseNames): string {
  return CLAUSE_LIBRARY[key].text[lang].replaceAll('{district}', names.district).replaceAll('{agency}', names.agency);
}

/** A template's clauses filled with the library text in one language, as version 1 of a new MOU. */
export function templateClauses(
  template: MouTemplate,
  names: ClauseNames,
  lang: Lang = 'en',
): { key: ClauseKey; title: string; text: string }[] {
  return MOU_TEMPLATES[template].map((key) => ({
    key,
    title: CLAUSE_TITLES[key][lang],
    text: libraryText(key, lang, names),
  }));
}

/**
 * How a clause of a signed version reads for a reader: `translated` when the reader's language is
 * not the signed one and the district kept the library's text (the library's own translation is
 * shown, and the signed text stays authoritative); otherwise the text exactly as signed.
 */
export interface ReaderClause {
  key: ClauseKey;
  title: string;
  text: string;
  translated: boolean;
  /** The text and title as signed (the authoritative version). */
  signedTitle: string;
  signedText: string;
}

export function readerClauses(
  clauses: readonly { key: ClauseKey; title: string; text: string }[],
  signedLang: Lang,
  readerLang: Lang,
  names: ClauseNames,
): ReaderClause[] {
  return clauses.map((c) => {
    const base = { key: c.key, signedTitle: c.title, signedText: c.text };
    const keptLibrary = c.text.trim() === libraryText(c.key, signedLang, names).trim();
    if (readerLang !== signedLang && keptLibrary)
      return {
        ...base,
        title: clauseTitleFor(c.key, c.title, readerLang),
        text: libraryText(c.key, readerLang, names),
        translated: true,
      };
    const title = readerLang === signedLang ? c.title : clauseTitleFor(c.key, c.title, readerLang);
    return { ...base, title, text: c.text, translated: false };
  });
}
