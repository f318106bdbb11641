import {
  evaluateCompliance,
  type ComplianceRecord,
  type ComplianceResult,
  type TrainingStandard,
  type TrainingTopic,
} from '@forefront/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { findStandard } from './training.standard.repository.js';

/**
 * Compliance for many officers at once (issue 14 item 3): one query for the roster with current
 * assignments, one for approved records, then the contract's evaluator per officer. Callers have
 * authorized (this reads a district's officers, it decides nothing about who asks).
 */
export interface OfficerCompliance {
  officerId: string;
  name: string;
  agency: string;
  badgeNumber: string;
  officerStatus: string;
  /** Schools the officer is assigned to on `asOf`. */
  schoolIds: string[];
  /** The earliest start among those assignments; null when not assigned. */
  assignedSince: string | null;
  totalMinutes: number;
  result: ComplianceResult;
}

export interface ComplianceOptions {
  asOf: string;
  /** The district's school-year start `MM-DD`. */
  yearStart: string;
  officerIds?: readonly string[];
  /** Evaluate against these rules instead of the saved standard (a preview while editing). */
  standard?: TrainingStandard;
}

interface RecordRow {
  officer_id: string;
  completed_on: string;
  minutes: number | string;
  topics: string;
  credential_key: string | null;
  expires_on: string | null;
}

/** Approved records of a district's officers, grouped by officer, in the evaluator's shape. */
export async function approvedRecordsByOfficer(
  db: Db,
  districtId: string,
  officerIds?: readonly string[],
): Promise<Map<string, ComplianceRecord[]>> {
  if (officerIds !== undefined && officerIds.length === 0) return new Map();
  // Raw SQL without the camel-case plugin: renaming the keys of 200,000 rows was a third of the
  // dashboard's cold time (docs/benchmarks.md, issue 14).
  const only = officerIds === undefined ? sql`` : sql` and officer_id in (${sql.join([...officerIds])})`;
  const rows = await sql<RecordRow>`
    select officer_id, completed_on, minutes, topics, credential_key, expires_on from training_records
    where district_id = ${districtId} and status = 'approved'${only}`.execute(db.withoutPlugins());
  const byOfficer = new Map<string, ComplianceRecord[]>();
  // Topics are a JSON array; the same few strings recur, so parse each distinct one once.
  const topicCache = new Map<string, TrainingTopic[]>();
  for (const r of rows.rows) {
    let topics = topicCache.get(r.topics);
    if (topics === undefined) {
      topics = JSON.parse(r.topics) as TrainingTopic[];
      topicCache.set(r.topics, topics);
    }
    const record: ComplianceRecord = {
      completedOn: r.completed_on,
      minutes: Number(r.minutes),
      topics,
      credential: r.credential_key,
      expiresOn: r.expires_on,
    };
    const list = byOfficer.get(r.officer_id);
    if (list) list.push(record);
    else byOfficer.set(r.officer_id, [record]);
  }
  return byOfficer;
}

export async function complianceOf(db: Db, districtId: string, opts: ComplianceOptions): Promise<OfficerCompliance[]> {
  const standard = opts.standard ?? (await findStandard(db, districtId));
  let officers = db
    .selectFrom('officers')
    .select(['id', 'name', 'agency', 'badgeNumber', 'status'])
    .where('districtId', '=', districtId)
    .orderBy('name')
    .orderBy('id');
  let assignments = db
    .selectFrom('officerAssignments')
    .select(['officerId', 'schoolId', 'startsOn'])
    .where('districtId', '=', districtId)
    .where('startsOn', '<=', opts.asOf)
    .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', opts.asOf)]));
  if (opts.officerIds !== undefined) {
    if (opts.officerIds.length === 0) return [];
    officers = officers.where('id', 'in', [...opts.officerIds]);
    assignments = assignments.where('officerId', 'in', [...opts.officerIds]);
  }
  const [officerRows, assignmentRows, records] = await Promise.all([
    officers.execute(),
    assignments.execute(),
    approvedRecordsByOfficer(db, districtId, opts.officerIds),
  ]);
  const current = new Map<string, { schoolIds: string[]; since: string }>();
  for (const a of assignmentRows) {
    const c = current.get(a.officerId);
    if (!c) current.set(a.officerId, { schoolIds: [a.schoolId], since: a.startsOn });
    else {
      if (!c.schoolIds.includes(a.schoolId)) c.schoolIds.push(a.schoolId);
      if (a.startsOn < c.since) c.since = a.startsOn;
    }
  }
  return officerRows.map((o) => {
    const mine = records.get(o.id) ?? [];
    const assigned = current.get(o.id);
    return {
      officerId: o.id,
      name: o.name,
      agency: o.agency,
      badgeNumber: o.badgeNumber,
      officerStatus: o.status,
      schoolIds: assigned?.schoolIds ?? [],
      assignedSince: assigned?.since ?? null,
      totalMinutes: mine.reduce((s, r) => s + r.minutes, 0),
      result: evaluateCompliance({
        rules: standard.rules,
        records: mine,
        assignedSince: assigned?.since ?? null,
        asOf: opts.asOf,
        yearStart: opts.yearStart,
      }),
    };
  });
}
