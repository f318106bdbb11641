import { z } from 'zod';
import { IdSchema, pageOf } from './common.js';
import { SchoolYearSchema } from '../taxonomy.js';

/**
 * FERPA 34 CFR 99.31 / 99.30: the grounds on which a district may release students' records, each
 * with a plain-language explanation in English and Spanish. The one source for the export form, the
 * disclosure log page and the disclosure PDF; a disclosure stores the key (older ones, from the CLI,
 * a free text, shown as written).
 */
export const LEGAL_BASES = {
  '99.31(a)(1)': {
    citation: '34 CFR 99.31(a)(1)',
    en: {
      label: 'School official with a legitimate educational interest',
      explanation:
        'District staff or a contractor acting for the district who needs the records to do their job (for ' +
        'example, reviewing SRO incidents). The district must have said in its annual notice who counts as a ' +
        'school official.',
    },
    es: {
      label: 'Funcionario escolar con un interés educativo legítimo',
      explanation:
        'Personal del distrito o un contratista que actúa en nombre del distrito y que necesita los registros ' +
        'para hacer su trabajo (por ejemplo, revisar incidentes de los agentes escolares). El distrito debe ' +
        'haber indicado en su aviso anual quién cuenta como funcionario escolar.',
    },
  },
  '99.31(a)(2)': {
    citation: '34 CFR 99.31(a)(2)',
    en: {
      label: 'Another school where the student seeks or intends to enroll',
      explanation:
        'Officials of another school, school system or college where the student is enrolling or already ' +
        'enrolled, for purposes of that enrollment or transfer.',
    },
    es: {
      label: 'Otra escuela en la que el estudiante busca o piensa inscribirse',
      explanation:
        'Funcionarios de otra escuela, sistema escolar o institución de educación superior donde el ' +
        'estudiante se inscribe o ya está inscrito, para fines de esa inscripción o traslado.',
    },
  },
  '99.31(a)(3)': {
    citation: '34 CFR 99.31(a)(3)',
    en: {
      label: 'Authorized representatives of education authorities',
      explanation:
        'The U.S. Secretary of Education, the Comptroller General, the Attorney General or state and local ' +
        'education authorities (or their authorized representatives), to audit or evaluate education programs ' +
        'or enforce federal law.',
    },
    es: {
      label: 'Representantes autorizados de las autoridades educativas',
      explanation:
        'El Secretario de Educación de los EE. UU., el Contralor General, el Fiscal General o las autoridades ' +
        'educativas estatales y locales (o sus representantes autorizados), para auditar o evaluar programas ' +
        'educativos o hacer cumplir la ley federal.',
    },
  },
  '99.31(a)(9)': {
    citation: '34 CFR 99.31(a)(9)',
    en: {
      label: 'Court order or lawfully issued subpoena',
      explanation:
        'A judge has ordered the records, or a subpoena requires them. The district must first make a ' +
        'reasonable effort to tell the parent or eligible student, unless the order says not to.',
    },
    es: {
      label: 'Orden judicial o citación legalmente emitida',
      explanation:
        'Un juez ha ordenado entregar los registros, o una citación los exige. El distrito debe hacer antes ' +
        'un esfuerzo razonable por avisar al padre, madre o estudiante elegible, salvo que la orden diga lo ' +
        'contrario.',
    },
  },
  '99.31(a)(10)': {
    citation: '34 CFR 99.31(a)(10), 99.36',
    en: {
      label: 'Health or safety emergency',
      explanation:
        'The records are needed to protect the health or safety of the student or others from an articulable ' +
        'and significant threat. The threat must be written down with the disclosure.',
    },
    es: {
      label: 'Emergencia de salud o seguridad',
      explanation:
        'Los registros son necesarios para proteger la salud o la seguridad del estudiante o de otras ' +
        'personas ante una amenaza concreta y significativa. La amenaza debe quedar escrita junto con la ' +
        'divulgación.',
    },
  },
  '99.30': {
    citation: '34 CFR 99.30',
    en: {
      label: 'Written consent of the parent or eligible student',
      explanation:
        'The parent (or the student, once 18 or in college) signed and dated a consent naming the records, the purpose and who may receive them.',
    },
    es: {
      label: 'Consentimiento por escrito del padre, madre o estudiante elegible',
      explanation:
        'El padre o la madre (o el estudiante, a partir de los 18 años o en la universidad) firmó y fechó un ' +
        'consentimiento que nombra los registros, el propósito y quién puede recibirlos.',
    },
  },
} as const;
export type LegalBasisKey = keyof typeof LEGAL_BASES;
export const LEGAL_BASIS_KEYS = Object.keys(LEGAL_BASES) as LegalBasisKey[];
export const isLegalBasisKey = (s: string): s is LegalBasisKey => Object.prototype.hasOwnProperty.call(LEGAL_BASES, s);
/** The basis that needs the threat written down (99.32(a)(5)). */
export const EMERGENCY_BASIS: LegalBasisKey = '99.31(a)(10)';

/** A legal basis as a reader sees it: the citation and its plain words, or an older free text as written. */
export function legalBasisText(basis: string, lang: 'en' | 'es'): { citation: string; label: string } {
  if (!isLegalBasisKey(basis)) return { citation: basis, label: '' };
  const b = LEGAL_BASES[basis];
  return { citation: b.citation, label: b[lang].label };
}

/**
 * The input of a job that releases student records (incident.export.csv / incident.export.edfi):
 * who receives them, why and on what ground (FERPA 99.32(a)); the threat for an emergency.
 */
export const IncidentExportJobInputSchema = z
  .object({
    year: SchoolYearSchema.optional(),
    party: z.string().trim().min(1).max(200),
    purpose: z.string().trim().min(1).max(500),
    legalBasis: z.enum(LEGAL_BASIS_KEYS as [LegalBasisKey, ...LegalBasisKey[]]),
    emergencyThreat: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((v) => v.legalBasis !== EMERGENCY_BASIS || v.emergencyThreat !== undefined, {
    path: ['emergencyThreat'],
    message: 'A health or safety emergency disclosure must state the threat',
  });
export type IncidentExportJobInput = z.infer<typeof IncidentExportJobInputSchema>;

/** One entry of the FERPA 99.32 record of disclosures. */
export const DisclosureSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  party: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  format: z.string(),
  recordCount: z.number().int(),
  studentCount: z.number().int(),
  emergencyThreat: z.string().nullable(),
  disclosedBy: IdSchema.nullable(),
  /** The person who released the records, by name and role (null: the operator at the command line). */
  disclosedByName: z.string().nullable(),
  disclosedByRole: z.string().nullable(),
  disclosedAt: z.string(),
});
export type Disclosure = z.infer<typeof DisclosureSchema>;
export const DisclosurePageSchema = pageOf(DisclosureSchema);

/** GET /api/students/:id/disclosures.pdf: the reader's language. */
export const DisclosurePdfQuerySchema = z.object({ lang: z.enum(['en', 'es']).default('en') });
