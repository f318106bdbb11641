import {
  evaluateCompliance,
  type ComplianceRecord,
  type ComplianceResult,
  type TrainingStandard,
  type TrainingTopic,
} from '@forefront/contract';
import { PostgresAdapter, sql } from 'kysely';
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

/** Approved records of a district's officers, grouped by officer, in the evaluator's shape. */
export async function approvedRecordsByOfficer(
  db: Db,
  districtId: string,
  officerIds?: readonly string[],
): Promise<Map<string, ComplianceRecord[]>> {
  if (officerIds !== undefined && officerIds.length === 0) return new Map();
  // One row per officer, its records joined into one text by the database (`|` between fields, a
  // newline between records; none of the fields can hold either): building 200,000 rows as objects
  // in the driver was most of the dashboard's cold time, twice this (docs/benchmarks.md, issue 14).
  // Raw SQL without the camel-case plugin for the same reason.
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const line = sql`completed_on || '|' || cast(minutes as text) || '|' || coalesce(credential_key, '') || '|' || coalesce(expires_on, '') || '|' || topics`;
  const joined = pg ? sql`string_agg(${line}, E'\n')` : sql`group_concat(${line}, char(10))`;
  const only = officerIds === undefined ? sql`` : sql` and officer_id in (${sql.join([...officerIds])})`;
  const rows = await sql<{ officer_id: string; records: string }>`
    select officer_id, ${joined} as records from training_records
    where district_id = ${districtId} and status = 'approved'${only} group by officer_id`.execute(db.withoutPlugins());
  const byOfficer = new Map<string, ComplianceRecord[]>();
  // Topics are a JSON array; the same few strings recur, so parse each distinct one once.
  const topicCache = new Map<string, TrainingTopic[]>();
  for (const row of rows.rows) {
    const list: ComplianceRecord[] = [];
    for (const text of row.records.split('\n')) {
      const [completedOn, minutes, credential, expiresOn, json] = text.split('|') as [
        string,
        string,
        string,
        string,
        string,
      ];
      let topics = topicCache.get(json);
      if (topics === undefined) {
        topics = JSON.parse(json) as TrainingTopic[];
        topicCache.set(json, topics);
      }
      list.push({
        completedOn,
        minutes: Number(minutes),
        topics,
        credential: credential || null,
        expiresOn: expiresOn || null,
      });
    }
    byOfficer.set(row.officer_id, list);
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
