import PDFDocument from 'pdfkit';
import type { CaseDetail } from '@forefront/contract';
import { pdfBytes } from '../../shared/pdf.js';
import { pdfSafe } from '../transparency/transparency.pdf.js';
import { type Lang, tr, word } from './case.pdf.words.js';

export type { Lang };

export interface CasePdfContext {
  districtName: string;
  /** The district's time zone: dates print as the team lived them. */
  timeZone: string;
  /** When printed (now by default). */
  printedAt?: string;
  /** A records request: the disclosure this copy was released under. */
  disclosure?: { id: string; party: string };
}

/**
 * A threat assessment case as it stands, in the reader's language, for a team meeting or a
 * records request (issue 15 item 2): the case's facts, its team, then each step in protocol order
 * with what was recorded, its referrals, sign-offs and closure. Built-in Helvetica like the other
 * PDFs; `pdfSafe` keeps every name printable. The text holds the most sensitive words in the
 * product: it is built in memory and answered, never written to disk or logged.
 */
export function renderCasePdf(detail: CaseDetail, lang: Lang, ctx: CasePdfContext): Promise<Buffer> {
  const locale = lang === 'en' ? 'en-US' : 'es';
  const fmt = (iso: string | null | undefined, time = false) => {
    if (!iso) return '';
    // A date alone (YYYY-MM-DD) is a calendar day: print it without moving it to another zone.
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
    return new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      ...(time && !dateOnly && { timeStyle: 'short' }),
      timeZone: dateOnly ? 'UTC' : ctx.timeZone,
    }).format(new Date(dateOnly ? `${iso}T00:00:00Z` : iso));
  };
  const who = (w: { displayName: string | null } | null | undefined) => w?.displayName ?? tr('nobody', lang);
  const yesNo = (b: boolean) => tr(b ? 'yes' : 'no', lang);

  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    lang: locale,
    info: { Title: pdfSafe(tr('title', lang, { number: detail.number })), Author: pdfSafe(ctx.districtName) },
  });
  const done = pdfBytes(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const room = (h: number) => doc.y > bottom() - h && doc.addPage();
  const para = (text: string, font = 'Helvetica', indent = 0) => {
    room(30);
    doc
      .font(font)
      .fontSize(10.5)
      .text(pdfSafe(text), left + indent, doc.y, { width: width - indent });
    doc.moveDown(0.25);
  };
  const field = (label: string, value: string) => {
    room(30);
    doc.font('Helvetica-Bold').fontSize(10).text(pdfSafe(label), left, doc.y, { width });
    para(value, 'Helvetica', 12);
  };
  const heading = (text: string) => {
    room(80);
    doc.moveDown(0.5);
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .strokeColor('#a9aeb1')
      .stroke();
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').fontSize(13).fillColor('#1a4480').text(pdfSafe(text), left, doc.y, { width });
    doc.fillColor('black').moveDown(0.2);
  };
  const list = <T>(items: readonly T[], line: (item: T) => void) => {
    if (items.length === 0) para(tr('none', lang), 'Helvetica-Oblique');
    for (const item of items) line(item);
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor('#1a4480')
    .text(pdfSafe(tr('title', lang, { number: detail.number })), { width });
  doc.fillColor('black').moveDown(0.3);
  para(tr('notice', lang), 'Helvetica-Oblique');
  para(tr('asItStands', lang, { date: fmt(ctx.printedAt ?? new Date().toISOString(), true) }));
  if (ctx.disclosure) para(tr('disclosedTo', lang, { party: ctx.disclosure.party, id: ctx.disclosure.id }));
  doc.moveDown(0.3);
  field(tr('student', lang), detail.studentName);
  const s = detail.student;
  field(tr('plans', lang), [s.idea, s.section504, s.englishLearner].map(yesNo).join(' / '));
  field(tr('school', lang), detail.schoolName);
  field(tr('district', lang), ctx.districtName);
  field(tr('team', lang), detail.teamName);
  field(tr('protocol', lang), word('protocol', detail.protocol, lang));
  field(tr('source', lang), word('source', detail.source, lang));
  if (detail.incidentNumber) field(tr('incident', lang), detail.incidentNumber);
  field(tr('reportedBy', lang), who(detail.reportedBy));
  field(tr('opened', lang), fmt(detail.openedAt, true));
  field(tr('status', lang), word('status', detail.status, lang));
  if (detail.closedAt) field(tr('closed', lang), fmt(detail.closedAt, true));
  else field(tr('step', lang), word('step', detail.step, lang));
  const steps = (xs: readonly string[]) => xs.map((x) => word('step', x, lang)).join(', ') || tr('none', lang);
  field(tr('stepsDone', lang), steps(detail.stepsDone));
  field(tr('stepsRequired', lang), steps(detail.stepsRequired));

  heading(tr('concern', lang));
  para(detail.concern);

  heading(tr('members', lang));
  list(detail.team.members, (m) => para(`${m.displayName}: ${word('teamRole', m.teamRole, lang)}`));
  if (detail.team.missingToClassify.length)
    para(
      tr('missing', lang, {
        roles: detail.team.missingToClassify.map((r) => word('teamRole', r, lang)).join(', '),
      }),
      'Helvetica-Oblique',
    );

  heading(tr('interviews', lang));
  list(detail.interviews, (i) => {
    const line = { kind: word('interviewee', i.intervieweeKind, lang), who: i.interviewee };
    field(tr('interviewOf', lang, { ...line, when: fmt(i.interviewedAt, true), by: who(i.interviewer) }), i.summary);
  });

  if (detail.student.idea || detail.student.section504 || detail.iepCheck) {
    heading(tr('iepCheck', lang));
    if (detail.iepCheck) field(`${fmt(detail.iepCheck.at, true)}, ${who(detail.iepCheck.by)}`, detail.iepCheck.note);
    else para(tr('none', lang), 'Helvetica-Oblique');
  }

  heading(tr('classification', lang));
  if (detail.classification) {
    field(tr('classification', lang), word('classification', detail.classification, lang));
    field(tr('classifiedBy', lang), `${who(detail.classifiedBy)}, ${fmt(detail.classifiedAt, true)}`);
    if (detail.rationale) field(tr('rationale', lang), detail.rationale);
  } else para(tr('none', lang), 'Helvetica-Oblique');

  const ev = detail.safetyEvaluation;
  if (ev || detail.severity === 'very_serious') {
    heading(tr('safetyEvaluation', lang));
    if (ev) {
      field(`${tr('screening', lang)} (${who(ev.by)}, ${fmt(ev.at, true)})`, ev.screening);
      field(tr('lawEnforcement', lang), yesNo(ev.lawEnforcement));
      if (ev.lawEnforcementReason) field(tr('leReason', lang), ev.lawEnforcementReason);
      if (detail.leThreshold) field(tr('leThreshold', lang), detail.leThreshold);
    } else para(tr('none', lang), 'Helvetica-Oblique');
  }

  heading(tr('safetyPlan', lang));
  if (detail.safetyPlan) field(fmt(detail.safetyPlan.at, true), detail.safetyPlan.plan);
  else para(tr('none', lang), 'Helvetica-Oblique');
  heading(tr('tasks', lang));
  list(detail.tasks, (k) => {
    const status = word('taskStatus', k.status, lang) + (k.overdue ? ` (${tr('overdue', lang)})` : '');
    para(tr('taskLine', lang, { title: k.title, owner: who(k.owner), due: fmt(k.dueOn), status }));
  });
  heading(tr('checkins', lang));
  list(detail.checkins, (c) => {
    const state = c.doneAt ? tr('done', lang, { date: fmt(c.doneAt) }) : tr('notDone', lang);
    const overdue = c.overdue ? ` (${tr('overdue', lang)})` : '';
    para(tr('checkinLine', lang, { due: fmt(c.dueOn), owner: who(c.owner), state: state + overdue }));
    if (c.note) para(c.note, 'Helvetica', 12);
  });
  heading(tr('parentContacts', lang));
  list(detail.parentContacts, (p) => {
    const line = { when: fmt(p.contactedAt, true), method: word('method', p.method, lang), by: who(p.by) };
    field(tr('contactLine', lang, line), p.note ?? '');
  });
  if (detail.protocol === 'ntac') {
    heading(tr('themes', lang));
    list(detail.themes, (th) => field(word('theme', th.theme, lang), th.finding));
  }
  heading(tr('notes', lang));
  list(detail.notes, (n) => {
    const line = {
      when: fmt(n.createdAt, true),
      author: who(n.author),
      recordClass: word('recordClass', n.recordClass, lang),
    };
    field(tr('noteLine', lang, line), n.body);
  });
  heading(tr('referrals', lang));
  list(detail.referrals, (r) => {
    const status = word('referralStatus', r.status, lang) + (r.awaitsFollowUp ? ` (${tr('awaits', lang)})` : '');
    const provider = r.providerName ?? tr('noProvider', lang);
    para(
      tr('referralLine', lang, {
        kind: word('referralKind', r.kind, lang),
        provider,
        status,
        due: fmt(r.followUpDueOn),
      }),
    );
  });
  heading(tr('signoffs', lang));
  list(detail.signoffs, (g) =>
    para(`${g.displayName} (${word('teamRole', g.teamRole, lang)}), ${fmt(g.signedAt, true)}`),
  );
  if (detail.outcome) field(tr('outcome', lang), word('outcome', detail.outcome, lang));
  if (detail.closure) field(tr('closure', lang), detail.closure);
  doc.end();
  return done;
}
