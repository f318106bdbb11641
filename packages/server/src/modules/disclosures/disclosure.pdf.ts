import PDFDocument from 'pdfkit';
import { legalBasisText } from '@forefront/contract';
import { pdfBytes } from '../../shared/pdf.js';
import { pdfSafe } from '../transparency/transparency.pdf.js';

export type Lang = 'en' | 'es';

const TEXT = {
  title: ['Record of disclosures', 'Registro de divulgaciones'],
  intro: [
    'Under FERPA (34 CFR 99.32) the district keeps a record of each time it released education records ' +
      'about a student: who received them, when, why and on what legal ground. Parents and eligible ' +
      'students may see this record.',
    'Según la ley FERPA (34 CFR 99.32), el distrito lleva un registro de cada vez que entregó expedientes ' +
      'educativos de un estudiante: quién los recibió, cuándo, por qué y con qué fundamento legal. Los ' +
      'padres y los estudiantes elegibles pueden ver este registro.',
  ],
  student: ['Student', 'Estudiante'],
  localId: ['Student number', 'Número de estudiante'],
  district: ['District', 'Distrito'],
  printed: ['Printed', 'Impreso'],
  none: [
    'No records about this student have been disclosed.',
    'No se ha divulgado ningún expediente de este estudiante.',
  ],
  count: ['Disclosures listed', 'Divulgaciones registradas'],
  disclosure: ['Disclosure', 'Divulgación'],
  when: ['Date', 'Fecha'],
  party: ['Recipient', 'Destinatario'],
  purpose: ['Purpose', 'Propósito'],
  basis: ['Legal basis', 'Fundamento legal'],
  threat: ['Threat to health or safety', 'Amenaza para la salud o la seguridad'],
  what: ['Records released', 'Expedientes entregados'],
  by: ['Released by', 'Entregado por'],
  operator: ['The system operator (command line)', 'El operador del sistema (línea de comandos)'],
  records: [
    '{format}: {records} records about {students} students, this student included',
    '{format}: {records} expedientes de {students} estudiantes, incluido este estudiante',
  ],
} satisfies Record<string, [string, string]>;

const FORMATS: Record<string, [string, string]> = {
  csv: ['Incident records (CSV)', 'Registros de incidentes (CSV)'],
  edfi: ['Incident records (Ed-Fi JSON)', 'Registros de incidentes (Ed-Fi JSON)'],
  // Issue 15: a threat assessment case's record (threats/case.export.ts).
  threat_case_pdf: ['Threat assessment case record (PDF)', 'Expediente de evaluación de amenazas (PDF)'],
};
const ROLES: Record<string, [string, string]> = {
  district_admin: ['District administrator', 'Administrador del distrito'],
  school_admin: ['School administrator', 'Administrador escolar'],
  sro: ['School resource officer', 'Agente de recursos escolares'],
  support_staff: ['Support staff', 'Personal de apoyo'],
  auditor: ['Auditor', 'Auditor'],
  state_viewer: ['State viewer', 'Observador estatal'],
};

const t = (key: keyof typeof TEXT, lang: Lang, vars: Record<string, string | number> = {}) =>
  TEXT[key][lang === 'en' ? 0 : 1].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
const pick = (p: [string, string] | undefined, lang: Lang, fallback: string) =>
  p ? p[lang === 'en' ? 0 : 1] : fallback;

export interface PdfDisclosure {
  party: string;
  purpose: string;
  legalBasis: string;
  format: string;
  recordCount: number;
  studentCount: number;
  emergencyThreat: string | null;
  disclosedByName: string | null;
  disclosedByRole: string | null;
  disclosedAt: string;
}

/**
 * One student's record of disclosures as a PDF, in English or Spanish, for a parent's request
 * under FERPA: the student, then each disclosure with its date, recipient, purpose, legal basis (the
 * citation and its plain words) and who released it. Built-in Helvetica, like the MOU and the annual
 * report; `pdfSafe` keeps every name printable.
 */
export function renderDisclosurePdf(args: {
  lang: Lang;
  districtName: string;
  timeZone: string;
  student: { givenName: string; familyName: string; localId: string };
  disclosures: PdfDisclosure[];
}): Promise<Buffer> {
  const { lang, student, disclosures } = args;
  const locale = lang === 'en' ? 'en-US' : 'es';
  const studentName = `${student.givenName} ${student.familyName}`;
  const fmt = (iso: string, style: 'long' | 'full' = 'long') =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      ...(style === 'full' && { timeStyle: 'short' }),
      timeZone: args.timeZone,
    }).format(new Date(iso));
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    lang: locale,
    info: {
      Title: pdfSafe(`${t('title', lang)}: ${studentName}`),
      Author: pdfSafe(args.districtName),
      Subject: 'FERPA 34 CFR 99.32',
    },
  });
  const done = pdfBytes(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const field = (label: string, value: string) => {
    if (doc.y > bottom() - 30) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10).text(pdfSafe(label), left, doc.y, { width });
    doc
      .font('Helvetica')
      .fontSize(10.5)
      .text(pdfSafe(value), left + 12, doc.y, { width: width - 12 });
    doc.moveDown(0.25);
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor('#1a4480')
    .text(pdfSafe(t('title', lang)), { width });
  doc
    .fillColor('black')
    .font('Helvetica')
    .fontSize(10.5)
    .moveDown(0.4)
    .text(pdfSafe(t('intro', lang)), { width });
  doc.moveDown(0.6);
  field(t('student', lang), studentName);
  field(t('localId', lang), student.localId);
  field(t('district', lang), args.districtName);
  field(t('printed', lang), fmt(new Date().toISOString(), 'full'));
  field(t('count', lang), String(disclosures.length));

  if (disclosures.length === 0) {
    doc
      .moveDown(0.6)
      .font('Helvetica-Oblique')
      .text(pdfSafe(t('none', lang)), { width });
  }
  for (const [i, d] of disclosures.entries()) {
    if (doc.y > bottom() - 160) doc.addPage();
    doc.moveDown(0.6);
    const y = doc.y;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .strokeColor('#a9aeb1')
      .stroke();
    doc.moveDown(0.4);
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(pdfSafe(`${t('disclosure', lang)} ${i + 1}: ${fmt(d.disclosedAt)}`), left, doc.y, { width });
    doc.moveDown(0.3);
    field(t('when', lang), fmt(d.disclosedAt, 'full'));
    field(t('party', lang), d.party);
    field(t('purpose', lang), d.purpose);
    const basis = legalBasisText(d.legalBasis, lang);
    field(t('basis', lang), basis.label ? `${basis.citation}: ${basis.label}` : basis.citation);
    if (d.emergencyThreat) field(t('threat', lang), d.emergencyThreat);
    field(
      t('what', lang),
      t('records', lang, {
        format: pick(FORMATS[d.format], lang, d.format),
        records: d.recordCount.toLocaleString(locale),
        students: d.studentCount.toLocaleString(locale),
      }),
    );
    field(
      t('by', lang),
      d.disclosedByName
        ? `${d.disclosedByName} (${pick(ROLES[d.disclosedByRole ?? ''], lang, d.disclosedByRole ?? '')})`
        : t('operator', lang),
    );
  }
  doc.end();
  return done;
}
