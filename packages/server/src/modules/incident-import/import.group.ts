import type { IncidentInput, StudentRole } from '@forefront/contract';
import { INCIDENT_LEVEL_COLUMNS, type RowError } from './import.columns.js';
import type { StudentRef } from './import.lookups.js';
import type { ParsedRow } from './import.row.js';

export interface ImportedReview {
  studentId: string | null;
  reviewerId: string;
  reviewedAt: string;
  decision: 'approved' | 'declined';
  note: string;
}

/** One incident put back together from its rows: the same shape the incident service receives. */
export interface AssembledIncident {
  ref: string;
  firstRow: number;
  input: IncidentInput;
  students: Map<string, StudentRef>;
  reviews: ImportedReview[];
}

const MAX_STUDENTS = 100;
const MAX_CONTACTS = 20;
const MAX_ACTIONS = 50;
const MAX_OUTSIDE = 50;

/**
 * Collects the consecutive rows of one incident_ref. Rows repeat the incident's own columns (they
 * must agree), name a student (the same student may not take two roles), and may carry a contact
 * and its actions toward that student; a contact is one officer's report time.
 */
export class IncidentAssembler {
  private rows: ParsedRow[] = [];

  get ref(): string | null {
    return this.rows[0]?.ref ?? null;
  }

  /** Adds a row of the current incident; returns the problems it has against earlier rows. */
  add(r: ParsedRow): RowError[] {
    const first = this.rows[0];
    const errors: RowError[] = [];
    if (first) {
      INCIDENT_LEVEL_COLUMNS.forEach((c, i) => {
        if (r.incidentCells[i] !== first.incidentCells[i])
          errors.push({
            row: r.row,
            column: c,
            code: 'differs_in_incident',
            params: { row: first.row },
            reason: `Differs from row ${first.row} of the same incident_ref`,
          });
      });
      if (r.student) {
        const other = this.rows.find(
          (x) => x.student?.ref.id === r.student!.ref.id && x.student.role !== r.student!.role,
        );
        if (other)
          errors.push({
            row: r.row,
            column: 'student_role',
            code: 'student_role_conflict',
            params: { value: other.student!.role, row: other.row },
            reason: `The same student has role "${other.student!.role}" in row ${other.row}`,
          });
      }
      if (r.contact) {
        const other = this.rows.find(
          (x) => x.contact?.key === r.contact!.key && x.contact.sameKey !== r.contact!.sameKey,
        );
        if (other)
          errors.push({
            row: r.row,
            column: 'purpose',
            code: 'contact_conflict',
            params: { row: other.row },
            reason: `The same officer contact (email and reported_at) has another purpose, involvement or arrived_at in row ${other.row}`,
          });
      }
    }
    if (errors.length === 0) this.rows.push(r);
    return errors;
  }

  /** The finished incident (and any limit it breaks); resets for the next incident. */
  finish(): { incident: AssembledIncident | null; errors: RowError[] } {
    const rows = this.rows;
    this.rows = [];
    const first = rows[0];
    if (!first) return { incident: null, errors: [] };
    const students = new Map<string, StudentRef>();
    const roles = new Map<string, StudentRole>();
    const contacts = new Map<string, IncidentInput['contacts'][number]>();
    const actionKeys = new Set<string>();
    const reviews = new Map<string, ImportedReview>();
    const outside = new Map<string, NonNullable<IncidentInput['outsideReferrals']>[number]>();
    for (const r of rows) {
      const studentId = r.student?.ref.id ?? null;
      if (r.student && !roles.has(r.student.ref.id)) {
        students.set(r.student.ref.id, r.student.ref);
        roles.set(r.student.ref.id, r.student.role);
      }
      if (r.contact) {
        let c = contacts.get(r.contact.key);
        if (!c) {
          const { officerId, purpose, involvement, reportedAt, arrivedAt } = r.contact;
          contacts.set(r.contact.key, (c = { officerId, purpose, involvement, reportedAt, arrivedAt, actions: [] }));
        }
        for (const a of r.actions) {
          // A row repeated for a second review of the same student repeats its actions: count once.
          const key = `${r.contact.key}|${a.action}|${studentId}|${a.at}|${a.emergency}|${a.parentNotified}`;
          if (actionKeys.has(key)) continue;
          actionKeys.add(key);
          c.actions.push({ ...a, studentId });
        }
      }
      if (r.outside && studentId) {
        // Rows repeated for a second review or officer repeat the referral: count it once.
        const o = { ...r.outside, studentId };
        outside.set(JSON.stringify(o), o);
      }
      if (r.review) {
        const rv = { studentId, ...r.review };
        reviews.set(JSON.stringify(rv), rv);
      }
    }
    const errors: RowError[] = [];
    const limit = (column: string, max: number, reason: string) =>
      errors.push({
        row: first.row,
        column,
        code: 'incident_limit',
        params: { value: first.ref, max },
        reason: `incident_ref "${first.ref}": ${reason}`,
      });
    if (students.size > MAX_STUDENTS) limit('student_local_id', MAX_STUDENTS, `more than ${MAX_STUDENTS} students`);
    if (outside.size > MAX_OUTSIDE) limit('outside_kind', MAX_OUTSIDE, `more than ${MAX_OUTSIDE} referrals or arrests`);
    if (contacts.size > MAX_CONTACTS)
      limit('officer_email', MAX_CONTACTS, `more than ${MAX_CONTACTS} officer contacts`);
    for (const c of contacts.values())
      if (c.actions.length > MAX_ACTIONS)
        limit('actions', MAX_ACTIONS, `more than ${MAX_ACTIONS} actions in one contact`);
    if (errors.length > 0) return { incident: null, errors };
    return {
      incident: {
        ref: first.ref,
        firstRow: first.row,
        input: {
          ...first.incident,
          students: [...roles].map(([studentId, role]) => ({ studentId, role })),
          contacts: [...contacts.values()],
          outsideReferrals: [...outside.values()],
        },
        students,
        reviews: [...reviews.values()],
      },
      errors,
    };
  }
}
