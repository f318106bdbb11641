import PDFDocument from 'pdfkit';
import { pdfBytes } from '../../shared/pdf.js';
import { type Label, type Lang, type MouVersionStatus, readerClauses } from '@forefront/contract';
import { type MouBundle, type ParsedVersion, signatureHow } from './mou.view.js';
import { plainRoleRules } from './mou.plain.js';

const STATUS_TEXT: Record<MouVersionStatus, Label> = {
  draft: { en: 'Draft: not signed', es: 'Borrador: sin firmar' },
  awaiting_signatures: { en: 'Awaiting signatures', es: 'Pendiente de firmas' },
  signed: {
    en: 'Signed; takes effect on the effective date',
    es: 'Firmado; entra en vigor en la fecha de entrada en vigor',
  },
  in_force: { en: 'Signed and in force', es: 'Firmado y vigente' },
  superseded: { en: 'Superseded by a later version', es: 'Sustituido por una versión posterior' },
};

const LANGUAGE_NAME: Record<Lang, Label> = {
  en: { en: 'English', es: 'inglés' },
  es: { en: 'Spanish', es: 'español' },
};

/** The printed words, `{x}` filled by `say()`. */
const WORDS = {
  subject: { en: 'Memorandum of understanding', es: 'Memorando de entendimiento' },
  titleVersion: { en: '{title}, version {version}', es: '{title}, versión {version}' },
  between: {
    en: 'Memorandum of understanding between {district} and {agency}',
    es: 'Memorando de entendimiento entre {district} y {agency}',
  },
  version: { en: 'Version {version} ({status})', es: 'Versión {version} ({status})' },
  dates: {
    en: 'Effective date: {effective}    Annual review date: {review}',
    es: 'Fecha de entrada en vigor: {effective}    Fecha de revisión anual: {review}',
  },
  fingerprint: { en: 'Content fingerprint (SHA-256): {hash}', es: 'Huella del contenido (SHA-256): {hash}' },
  signedIn: {
    en: 'Language of the text the parties sign: {language}.',
    es: 'Idioma del texto que firman las partes: {language}.',
  },
  translated: {
    en:
      'This copy is in {reader}. Clauses marked "translation" are the clause library\'s own translation of text ' +
      'the parties kept as the library wrote it; the other clauses are printed exactly as signed. The text ' +
      'signed in {language} is the authoritative version.',
    es:
      'Esta copia está en {reader}. Las cláusulas marcadas como «traducción» son la traducción propia de la ' +
      'biblioteca de cláusulas de un texto que las partes conservaron tal como lo redactó la biblioteca; las ' +
      'demás cláusulas se imprimen exactamente como se firmaron. El texto firmado en {language} es la versión ' +
      'auténtica.',
  },
  translationMark: { en: '(translation)', es: '(traducción)' },
  asSigned: { en: '(as signed, in {language})', es: '(tal como se firmó, en {language})' },
  emptyClause: { en: '(This clause has not been written yet.)', es: '(Esta cláusula aún no se ha redactado).' },
  rules: { en: 'Role rules', es: 'Reglas de funciones' },
  rulesIntro: {
    en:
      'For each kind of behavior, who handles it, and whether a school administrator must review before a ' +
      'non-emergency arrest, citation or referral to law enforcement.',
    es:
      'Para cada tipo de conducta, quién se ocupa de ella y si un administrador escolar debe revisarla antes de ' +
      'un arresto, una citación o una remisión a las autoridades policiales que no sea de emergencia.',
  },
  behavior: { en: 'Behavior', es: 'Conducta' },
  handler: { en: 'Who handles it', es: 'Quién se ocupa' },
  review: { en: 'Review before arrest or referral', es: 'Revisión antes de un arresto o una remisión' },
  signatures: { en: 'Signatures', es: 'Firmas' },
  for: { en: 'For {party}', es: 'En representación de {party}' },
  covers: { en: '(covers fingerprint {hash}...)', es: '(cubre la huella {hash}...)' },
  blank: {
    en: 'Signature: ______________________________    Date: ______________',
    es: 'Firma: ______________________________    Fecha: ______________',
  },
  noSignatories: { en: 'No signatories have been named yet.', es: 'Aún no se ha designado a ningún firmante.' },
} as const satisfies Record<string, Label>;

/**
 * The printable MOU in the reader's language (issue 13): the clauses (the library's translation of
 * those the parties kept as the library wrote them, the others as signed), the role rules as a
 * plain-language table, both dates, which language was signed (that text is authoritative), and
 * every signatory with their signature on this version (or a blank line to sign). Built-in
 * Helvetica keeps the file small; it covers the Latin-1 letters of English and Spanish.
 */
export function renderMouPdf(args: {
  bundle: MouBundle;
  version: ParsedVersion;
  districtName: string;
  status: MouVersionStatus;
  lang?: Lang;
}): Promise<Buffer> {
  const { bundle, version, districtName, status, lang = 'en' } = args;
  const say = (key: keyof typeof WORDS, vars: Record<string, string | number> = {}) =>
    WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  const language = LANGUAGE_NAME[version.language][lang];
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    lang,
    info: {
      Title: say('titleVersion', { title: bundle.mou.title, version: version.version }),
      Author: districtName,
      Subject: say('subject'),
    },
  });
  const done = pdfBytes(doc);

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const heading = (text: string, size = 13) => {
    if (doc.y > bottom() - 60) doc.addPage();
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(size)
      .text(text, left, doc.y, { width })
      .moveDown(0.3)
      .font('Helvetica')
      .fontSize(10.5);
  };

  doc.font('Helvetica-Bold').fontSize(18).text(bundle.mou.title, { width });
  doc.font('Helvetica').fontSize(11).moveDown(0.3);
  doc.text(say('between', { district: districtName, agency: bundle.mou.agencyName }), { width });
  doc.text(say('version', { version: version.version, status: STATUS_TEXT[status][lang] }));
  doc.text(say('dates', { effective: version.effectiveDate, review: version.reviewDate }));
  doc.font('Helvetica-Bold').text(say('signedIn', { language }), { width }).font('Helvetica');
  const clauses = readerClauses(version.clauses, version.language, lang, {
    district: districtName,
    agency: bundle.mou.agencyName,
  });
  if (lang !== version.language)
    doc.text(say('translated', { reader: LANGUAGE_NAME[lang][lang], language }), { width });
  doc
    .fontSize(8)
    .fillColor('#555555')
    .text(say('fingerprint', { hash: version.contentHash }), { width })
    .fillColor('black')
    .fontSize(10.5);

  for (const [i, clause] of clauses.entries()) {
    const mark = lang === version.language ? '' : clause.translated ? ` ${say('translationMark')}` : '';
    heading(`${i + 1}. ${clause.title}${mark}`, 12);
    if (lang !== version.language && !clause.translated && clause.text)
      doc.fontSize(9).fillColor('#555555').text(say('asSigned', { language })).fillColor('black').fontSize(10.5);
    doc.text(clause.text || say('emptyClause'), left, doc.y, { width, align: 'left' });
  }

  heading(say('rules'));
  doc.text(say('rulesIntro'), { width });
  doc.moveDown(0.5);
  const plain = plainRoleRules(version.roleRules, lang);
  const cols = [width * 0.34, width * 0.26, width * 0.4];
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5);
    const h = Math.max(...cells.map((c, k) => doc.heightOfString(c, { width: cols[k]! - 6 }))) + 6;
    if (doc.y + h > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, k) => {
      doc.text(c, x, y + 3, { width: cols[k]! - 6 });
      x += cols[k]!;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.x = left;
    doc.y = y + h;
  };
  row([say('behavior'), say('handler'), say('review')], true);
  for (const c of plain.categories) row([c.label, c.value, c.review]);
  doc.moveDown(0.8);
  for (const g of plain.general) row([g.label, g.value, '']);

  heading(say('signatures'));
  const sigs = bundle.signatures.filter((s) => s.mouVersionId === version.id);
  for (const s of bundle.signatories.filter((x) => x.active)) {
    const sig = sigs.find((x) => x.signatoryId === s.id);
    if (doc.y > bottom() - 50) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10.5).text(`${s.name}, ${s.title}`, left, doc.y, { width });
    doc.font('Helvetica').text(say('for', { party: s.party === 'district' ? districtName : bundle.mou.agencyName }));
    const how = sig && signatureHow(sig, bundle.recorders.get(sig.recordedBy) ?? null, lang);
    doc.text(sig ? `${how} ${say('covers', { hash: sig.contentHash.slice(0, 16) })}` : say('blank'), { width });
    doc.moveDown(0.6);
  }
  if (bundle.signatories.every((s) => !s.active)) doc.text(say('noSignatories'));
  doc.end();
  return done;
}
