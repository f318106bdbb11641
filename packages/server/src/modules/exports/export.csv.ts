import { localParts } from '@forefront/contract';
import { EXPORT_ONLY_COLUMNS, INCIDENT_COLUMNS } from '../incident-import/import.columns.js';
import type {
  IncidentReviewTable,
  IncidentStudentTable,
  OutsideReferralTable,
  SroActionTable,
} from '../incidents/incident.table.js';
import type { ExportIncident, ExportNames } from './export.query.js';

/** The import's columns, then the derived ones: an export can be imported again as it is. */
export const EXPORT_COLUMNS = [...INCIDENT_COLUMNS, ...EXPORT_ONLY_COLUMNS] as const;
type Row = Partial<Record<(typeof EXPORT_COLUMNS)[number], string>>;

/**
 * CSV injection (OWASP "CSV Injection"): a spreadsheet runs a text cell that starts with =, +, -, @,
 * tab or carriage return as a formula. Such a text cell gets a leading apostrophe, which spreadsheets
 * show as text and do not print. Apostrophes already in front of such a character get one more, so
 * the importer (`unneutralise`) gives back exactly the text that was exported. Numbers are passed as
 * numbers and never changed: -3 stays a number (docs/transparency.md, docs/incident-csv.md).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
export const neutralise = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);
/** The importer's inverse of `neutralise`, so an export can be imported again as it is. */
export const unneutralise = (v: string) => (v.startsWith("'") && FORMULA_START.test(v) ? v.slice(1) : v);

/** A text cell, neutralised, then quoted when it holds a quote, comma or line break; a number as it is. */
export const csvCell = (v: string | number) => {
  if (typeof v === 'number') return String(v);
  const text = neutralise(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
export const csvLine = (cells: readonly (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;
export const csvHeader = () => csvLine(EXPORT_COLUMNS);

const bool = (v: unknown) => (Number(v) === 1 || v === true ? 'true' : 'false');

function actionToken(a: SroActionTable) {
  const mods = `${Number(a.emergency) === 1 ? ':emergency' : ''}${Number(a.parentNotified) === 1 ? ':parent_notified' : ''}`;
  return `${a.action}${mods}@${a.at}`;
}

/**
 * One row per student per incident (one per student and officer when several officers acted toward
 * the same student), rows for officer actions toward nobody in particular, and one row for an
 * incident with neither students nor officers. Each student row carries the demographic snapshot
 * kept with the incident, the CRDC outcomes, and the MOU flags that concern the student or the
 * whole incident.
 */
export function incidentCsvRows(inc: ExportIncident, names: ExportNames): string[][] {
  const local = localParts(inc.occurredAt, names.timeZone);
  const base: Row = {
    incident_ref: inc.number,
    school_nces_id: names.schoolNces.get(inc.schoolId) ?? '',
    occurred_at: inc.occurredAt,
    location: inc.location,
    behaviors: inc.behaviors.join(';'),
    description: inc.description,
    weapon: inc.weapon,
    offense_alleged: bool(inc.offenseAlleged),
    nibrs_codes: inc.nibrsCodes.join(';'),
    incident_number: inc.number,
    school_year: inc.schoolYear,
    state: inc.state,
    record_class: inc.recordClass,
    mou_version_id: inc.mouVersionId ?? '',
    occurred_local_date: local.date,
    occurred_local_time: local.time,
    // `UTC-04:00`, not `-04:00`: a cell starting with a sign would be neutralised as a formula.
    utc_offset: `UTC${local.offset}`,
    time_zone: names.timeZone,
  };
  const flagsFor = (studentId: string | null) =>
    inc.flags
      .filter((f) => f.studentId === null || f.studentId === studentId)
      .map((f) => `${f.kind}:${f.clause ?? ''}`)
      .join(';');
  const studentCols = (s: IncidentStudentTable | null): Row =>
    s
      ? {
          student_local_id: names.studentLocalId.get(s.studentId) ?? '',
          student_role: s.role,
          student_school_nces_id: names.schoolNces.get(s.schoolId) ?? '',
          student_grade: s.grade,
          student_race: s.race,
          student_sex: s.sex,
          student_idea: bool(s.idea),
          student_section504: bool(s.section504),
          student_english_learner: bool(s.englishLearner),
          referred: bool(s.referred),
          arrested: bool(s.arrested),
          flags: flagsFor(s.studentId),
        }
      : { flags: flagsFor(null) };
  const contactCols = (c: ExportIncident['contacts'][number], actions: SroActionTable[]): Row => ({
    officer_email: names.userEmail.get(c.officerId) ?? '',
    purpose: c.purpose,
    involvement: c.involvement,
    reported_at: c.reportedAt,
    arrived_at: c.arrivedAt ?? '',
    actions: actions.map(actionToken).join(';'),
    emergency_reason: actions.find((a) => Number(a.emergency) === 1)?.emergencyReason ?? '',
  });
  const reviewCols = (r: IncidentReviewTable | undefined): Row =>
    r
      ? {
          review_decision: r.decision,
          reviewed_at: r.reviewedAt,
          reviewer_email: names.userEmail.get(r.reviewerId) ?? '',
          review_note: r.note,
        }
      : {};

  const outsideCols = (r: OutsideReferralTable | undefined): Row =>
    r
      ? {
          outside_kind: r.kind,
          outside_officer: r.officerName,
          outside_agency: r.agency,
          outside_badge: r.badgeNumber ?? '',
          referred_by_email: r.referredBy ? (names.userEmail.get(r.referredBy) ?? '') : '',
          outside_at: r.at,
        }
      : {};

  const rows: Row[] = [];
  const contactsUsed = new Set<string>();
  const studentIds = [null, ...inc.students.map((s) => s.studentId)];
  for (const studentId of studentIds) {
    const s = studentId === null ? null : inc.students.find((x) => x.studentId === studentId)!;
    const reviews = inc.reviews.filter((r) => r.studentId === studentId);
    const mine: Row[] = [];
    for (const c of inc.contacts) {
      const acts = c.actions.filter((a) => a.studentId === studentId);
      if (acts.length === 0) continue;
      contactsUsed.add(c.id);
      mine.push({ ...base, ...studentCols(s), ...contactCols(c, acts) });
    }
    if (s && mine.length === 0) mine.push({ ...base, ...studentCols(s) });
    // Reviews ride on the student's rows; a second review of the same student needs a row of its own.
    reviews.forEach((r, i) =>
      i < mine.length
        ? Object.assign(mine[i]!, reviewCols(r))
        : mine.push({ ...base, ...studentCols(s), ...reviewCols(r) }),
    );
    // Referrals and arrests by police outside Forefront ride on the student's rows too, as reviews do.
    inc.outsideReferrals
      .filter((r) => r.studentId === studentId)
      .forEach((r, i) =>
        i < mine.length
          ? Object.assign(mine[i]!, outsideCols(r))
          : mine.push({ ...base, ...studentCols(s), ...outsideCols(r) }),
      );
    rows.push(...mine);
  }
  for (const c of inc.contacts)
    if (!contactsUsed.has(c.id)) rows.push({ ...base, ...studentCols(null), ...contactCols(c, []) });
  if (rows.length === 0) rows.push({ ...base, ...studentCols(null) });
  return rows.map((r) => EXPORT_COLUMNS.map((c) => r[c] ?? ''));
}
