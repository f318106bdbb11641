import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DriftRow, driftContribution } from '../incidents/incident.derive.js';

type Contribution = ReturnType<typeof driftContribution>;
type FlagCount = Contribution['flagCounts'][number];

/**
 * The monthly role-drift aggregates, summed in memory over the whole file and added to the stored
 * rows once at the end (the service adds per incident; the sums are the same).
 */
export class DriftAccumulator {
  private rows = new Map<string, DriftRow>();
  private flags = new Map<string, FlagCount>();

  add(c: Contribution) {
    for (const r of c.rows) {
      const key = `${r.month}|${r.schoolId}|${r.officerId}`;
      const acc = this.rows.get(key);
      if (!acc) this.rows.set(key, { ...r });
      else {
        acc.contacts += r.contacts;
        acc.routineContacts += r.routineContacts;
        acc.classroomContacts += r.classroomContacts;
        acc.violations += r.violations;
        acc.arrests += r.arrests;
        acc.referrals += r.referrals;
      }
    }
    for (const f of c.flagCounts) {
      const key = `${f.month}|${f.schoolId}|${f.officerId}|${f.kind}`;
      const acc = this.flags.get(key);
      if (!acc) this.flags.set(key, { ...f });
      else acc.count += f.count;
    }
  }

  /** Adds the sums to whatever the district already has (both dialects support ON CONFLICT). */
  async write(trx: Db, districtId: string) {
    const rows = [...this.rows.values()];
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows
        .slice(i, i + 500)
        .map(
          (r) =>
            sql`(${districtId}, ${r.schoolId}, ${r.officerId}, ${r.month}, ${r.contacts}, ${r.routineContacts}, ${r.classroomContacts}, ${r.violations}, ${r.arrests}, ${r.referrals})`,
        );
      await sql`insert into role_drift_monthly (district_id, school_id, officer_id, month, contacts, routine_contacts, classroom_contacts, violations, arrests, referrals)
        values ${sql.join(values)}
        on conflict (district_id, month, school_id, officer_id) do update set
          contacts = role_drift_monthly.contacts + excluded.contacts,
          routine_contacts = role_drift_monthly.routine_contacts + excluded.routine_contacts,
          classroom_contacts = role_drift_monthly.classroom_contacts + excluded.classroom_contacts,
          violations = role_drift_monthly.violations + excluded.violations,
          arrests = role_drift_monthly.arrests + excluded.arrests,
          referrals = role_drift_monthly.referrals + excluded.referrals`.execute(trx);
    }
    const flags = [...this.flags.values()];
    for (let i = 0; i < flags.length; i += 500) {
      const values = flags
        .slice(i, i + 500)
        .map((f) => sql`(${districtId}, ${f.schoolId}, ${f.officerId}, ${f.month}, ${f.kind}, ${f.count})`);
      await sql`insert into role_drift_flags_monthly (district_id, school_id, officer_id, month, kind, count)
        values ${sql.join(values)}
        on conflict (district_id, month, school_id, officer_id, kind) do update set count = role_drift_flags_monthly.count + excluded.count`.execute(
        trx,
      );
    }
  }
}
