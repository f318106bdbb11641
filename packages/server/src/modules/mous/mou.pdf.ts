import PDFDocument from 'pdfkit';
import { pdfBytes } from '../../shared/pdf.js';
import type { MouVersionStatus } from '@forefront/contract';
import { type MouBundle, type ParsedVersion, signatureHow } from './mou.view.js';
import { plainRoleRules } from './mou.plain.js';

const STATUS_TEXT: Record<MouVersionStatus, string> = {
  draft: 'Draft: not signed',
  awaiting_signatures: 'Awaiting signatures',
  signed: 'Signed; takes effect on the effective date',
  in_force: 'Signed and in force',
  superseded: 'Superseded by a later version',
};

/**
 * The printable MOU: the clauses as written, the role rules as a plain-language table, both
 * dates, and every signatory with their signature on this version (or a blank line to sign).
 * Built-in Helvetica keeps the file small; it covers the Latin-1 letters of English and Spanish.
 */
export function renderMouPdf(args: {
  bundle: MouBundle;
  version: ParsedVersion;
  districtName: string;
  status: MouVersionStatus;
}): Promise<Buffer> {
  const { bundle, version, districtName, status } = args;
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    info: {
      Title: `${bundle.mou.title}, version ${version.version}`,
      Author: districtName,
      Subject: 'Memorandum of understanding',
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
  doc.text(`Memorandum of understanding between ${districtName} and ${bundle.mou.agencyName}`, { width });
  doc.text(`Version ${version.version} (${STATUS_TEXT[status]})`);
  doc.text(`Effective date: ${version.effectiveDate}    Annual review date: ${version.reviewDate}`);
  doc
    .fontSize(8)
    .fillColor('#555555')
    .text(`Content fingerprint (SHA-256): ${version.contentHash}`, { width })
    .fillColor('black')
    .fontSize(10.5);

  for (const [i, clause] of version.clauses.entries()) {
    heading(`${i + 1}. ${clause.title}`, 12);
    doc.text(clause.text || '(This clause has not been written yet.)', left, doc.y, { width, align: 'left' });
  }

  heading('Role rules');
  doc.text(
    'For each kind of behavior, who handles it, and whether a school administrator must review before a non-emergency arrest, citation or referral to law enforcement.',
    { width },
  );
  doc.moveDown(0.5);
  const plain = plainRoleRules(version.roleRules);
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
  row(['Behavior', 'Who handles it', 'Review before arrest or referral'], true);
  for (const c of plain.categories) row([c.label, c.value, c.review]);
  doc.moveDown(0.8);
  for (const g of plain.general) row([g.label, g.value, '']);

  heading('Signatures');
  const sigs = bundle.signatures.filter((s) => s.mouVersionId === version.id);
  for (const s of bundle.signatories.filter((x) => x.active)) {
    const sig = sigs.find((x) => x.signatoryId === s.id);
    if (doc.y > bottom() - 50) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10.5).text(`${s.name}, ${s.title}`, left, doc.y, { width });
    doc.font('Helvetica').text(`For ${s.party === 'district' ? districtName : bundle.mou.agencyName}`);
    doc.text(
      sig
        ? `${signatureHow(sig, bundle.recorders.get(sig.recordedBy) ?? null)} (covers fingerprint ${sig.contentHash.slice(0, 16)}...)`
        : 'Signature: ______________________________    Date: ______________',
      { width },
    );
    doc.moveDown(0.6);
  }
  if (bundle.signatories.every((s) => !s.active)) doc.text('No signatories have been named yet.');
  doc.end();
  return done;
}
