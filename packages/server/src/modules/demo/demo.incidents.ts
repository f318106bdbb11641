import { type IncidentInput, localDate } from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import type { seededRandom } from '../../shared/random.js';
import { appendAudit } from '../audit/audit.service.js';
import { loadClock } from '../districts/district.clock.js';
import { DriftAccumulator } from '../incident-import/import.aggregates.js';
import { loadLookups } from '../incident-import/import.lookups.js';
import { incidentNumber, readCounter, reserveNumbers } from '../incident-import/import.numbers.js';
import { emitIncident } from '../incident-import/import.rows.js';
import { type BulkWriter, KyselyBulkWriter, SqliteBulkWriter } from '../incident-import/import.writer.js';
import type { ActorLike } from '../incidents/incident.access.js';
import { createIncidentIn, updateIncidentIn } from '../incidents/incident.service.js';
import { addReviewIn, transitionIncidentIn } from '../incidents/incident.workflow.js';
import { createMouIn } from '../mous/mou.service.js';
import { addSignatoryIn, signVersionIn } from '../mous/mou.signing.service.js';
import { oneYearAfter } from '../mous/mou.status.js';
import { upsertStudentsIn } from '../students/student.upsert.js';
import { TransparencyAccumulator, refreshDistrictYears } from '../transparency/transparency.aggregates.js';
import { snapshotEnrollmentYears } from '../transparency/transparency.enrollment.js';
import { HISTORY_INCIDENTS, type HistorySchool, historyIncidents, historyYears } from './demo.history.js';
import { demoRoster, demoRosterRest, type DemoRosterSchool, SMALL_SCHOOL_INDEX } from './demo.roster.js';
import { SCENARIOS, principal911Input } from './demo.scenarios.js';

type Rnd = ReturnType<typeof seededRandom>;

/** The scenario incidents, spread over the last five months, written through the incident service. */
export const SCENARIO_INCIDENTS = 36;
/** Incidents logged by school staff with police outside Forefront (issue 12): the principal's 911 call. */
const OUTSIDE_REFERRAL_INCIDENTS = 1;
/** Every incident the demo logs: the scenarios, the 911 call and the history of the last school years (demo.history.ts). */
export const DEMO_INCIDENTS = SCENARIO_INCIDENTS + OUTSIDE_REFERRAL_INCIDENTS + HISTORY_INCIDENTS;
/** The scenarios' spacing over SPAN_DAYS, unchanged by the 911 incident so their dates stay as they were. */
const SPACED_INCIDENTS = SCENARIO_INCIDENTS + HISTORY_INCIDENTS;
const SPAN_DAYS = 150;

export interface IncidentLogPeople {
  admin: ActorLike;
  principal: ActorLike;
  officers: ActorLike[];
}

const DAY_MS = 86_400_000;

/**
 * The demo's incident log: a roster for every school, a signed MOU in force (the evidence-based
 * default role rules: routine discipline is school-staff only), and incidents over the last
 * months, some within the MOU and some flagged, written through the same service functions the
 * API uses so flags and dashboard aggregates are exactly what a real district would see.
 * Dates are days before `today` (UTC), so two loads on the same day write the same data.
 */
export async function loadIncidentLogDemo(
  trx: Db,
  ctx: AppContext,
  rnd: Rnd,
  district: { id: string; name: string },
  schools: readonly (DemoRosterSchool & { name: string })[],
  people: IncidentLogPeople,
  today: Date,
): Promise<{ mouId: string }> {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const day = (daysAgo: number) => new Date(midnight - daysAgo * DAY_MS).toISOString().slice(0, 10);

  // The roster, valid from before the first incident.
  await upsertStudentsIn(trx, district.id, demoRoster(rnd, schools), day(SPAN_DAYS + 30), {
    dialect: ctx.dialect,
    actor: null,
    source: 'demo',
  });

  // The MOU, in force since before the first incident of the history (two school years back),
  // signed by both parties; its annual review is due in the coming months.
  const { mouId } = await createMouIn(
    trx,
    ctx,
    null,
    district.id,
    {
      title: 'School Resource Officer Program Memorandum of Understanding',
      agencyName: 'Riverside Police Department',
      template: 'comprehensive',
      effectiveDate: `${historyYears(today)[0]!.slice(0, 4)}-07-01`,
      reviewDate: oneYearAfter(day(SPAN_DAYS + 20)),
    },
    people.admin.userId,
  );
  const mou = { id: mouId, districtId: district.id };
  for (const s of [
    { party: 'district' as const, name: 'Dr. Evelyn Carter', title: 'Superintendent' },
    { party: 'agency' as const, name: 'Chief Robert Hayes', title: 'Chief of Police' },
  ]) {
    const signatory = await addSignatoryIn(trx, ctx, null, mou, { ...s, email: null });
    // Entered by the demo's administrator, and shown as such: no demo person signs anything.
    await signVersionIn(
      trx,
      ctx,
      null,
      mou,
      signatory.id,
      { version: 1, signedName: s.name },
      { method: 'staff_entered', recordedBy: people.admin.userId },
    );
  }

  const roster = await trx
    .selectFrom('students')
    .select(['id', 'schoolId'])
    .where('districtId', '=', district.id)
    .orderBy('localId')
    .execute();
  const bySchool = (schoolId: string) => roster.filter((s) => s.schoolId === schoolId);

  for (let i = 0; i < SCENARIO_INCIDENTS; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    const officer = people.officers[i % 3 === 2 ? 1 : 0] ?? people.officers[0]!;
    const schoolId = officer.schoolIds[i % officer.schoolIds.length]!;
    const students = bySchool(schoolId);
    const first = rnd.int(0, students.length - 1);
    const pair: [string, string] = [
      students[first]!.id,
      students[(first + 1 + rnd.int(0, students.length - 2)) % students.length]!.id,
    ];
    // School hours in Virginia (13:00-19:30 UTC), on a weekday.
    let daysAgo = 1 + Math.floor((i * SPAN_DAYS) / SPACED_INCIDENTS) + rnd.int(0, 2);
    const weekday = new Date(midnight - daysAgo * DAY_MS).getUTCDay();
    if (weekday === 0) daysAgo += 2;
    if (weekday === 6) daysAgo += 1;
    const start = midnight - daysAgo * DAY_MS + (13 * 60 + rnd.int(0, 26) * 15) * 60_000;
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const input: IncidentInput = {
      schoolId,
      occurredAt: at(0),
      ...scenario.input({ officerId: officer.userId, students: pair, at }),
    };
    // The principal reviews their own school's education records; a law-enforcement-unit record
    // is the district administrator's to see unless the MOU shares every school incident.
    const admin =
      people.principal.schoolIds.includes(schoolId) && !input.offenseAlleged ? people.principal : people.admin;
    const creator = scenario.by === 'officer' ? officer : admin;

    const row = await createIncidentIn(trx, ctx, creator, district.id, input);
    // A few stay drafts, as an officer's unfinished reports would.
    if (i % 11 === 10) continue;
    await transitionIncidentIn(trx, ctx, creator, row.id, 'submitted');
    if (scenario.edit) await updateIncidentIn(trx, ctx, creator, row.id, scenario.edit(input));
    for (const r of scenario.reviews ?? [])
      await addReviewIn(trx, ctx, admin, row.id, {
        studentId: r.student === null ? null : pair[r.student],
        reviewedAt: at(r.minutes),
        decision: r.decision,
        note: r.note,
      });
    if (scenario.state === 'reviewed' || scenario.state === 'closed')
      await transitionIncidentIn(trx, ctx, admin, row.id, 'reviewed');
    if (scenario.state === 'closed') await transitionIncidentIn(trx, ctx, admin, row.id, 'closed');
  }
  // After the scenarios, so their students and ids stay what they were.
  await loadHistory(trx, ctx, rnd, district, schools, people, today, day(SPAN_DAYS + 30));

  // Last, and without the seeded random, so everything above stays exactly as it was.
  const principalSchool = people.principal.schoolIds[0]!;
  const [first, second] = bySchool(principalSchool);
  const start = midnight - 3 * DAY_MS + 17 * 3_600_000;
  const call = await createIncidentIn(
    trx,
    ctx,
    people.principal,
    district.id,
    principal911Input(
      { students: [first!.id, second!.id], at: (m) => new Date(start + m * 60_000).toISOString() },
      principalSchool,
      people.principal.userId,
    ),
  );
  await transitionIncidentIn(trx, ctx, people.principal, call.id, 'submitted');
  return { mouId };
}

/**
 * The rest of the roster and HISTORY_INCIDENTS incidents over three school years, written like a
 * bulk import (the same derivations, flags against the MOU in force, aggregates summed and the
 * students' figures recomputed once), then each year's enrollment snapshot.
 */
async function loadHistory(
  trx: Db,
  ctx: AppContext,
  rnd: Rnd,
  district: { id: string },
  schools: readonly DemoRosterSchool[],
  people: IncidentLogPeople,
  today: Date,
  rosterFrom: string,
) {
  await upsertStudentsIn(trx, district.id, demoRosterRest(rnd, schools), rosterFrom, {
    dialect: ctx.dialect,
    actor: null,
    source: 'demo',
  });
  const lookups = await loadLookups(trx, district.id);
  const refs = [...lookups.studentsByLocalId.values()];
  // Elementary schools (every third) see fewer incidents per student than middle and high schools.
  const plan: HistorySchool[] = schools.map((s, i) => {
    const students = refs.filter((r) => r.roster.schoolId === s.id).sort((a, b) => a.id.localeCompare(b.id));
    return {
      id: s.id,
      students,
      officerId: people.officers[i % 3 === 2 ? 1 : 0]!.userId,
      weight: students.length * (i % 3 === 2 ? 0.25 : 1),
    };
  });
  const incidents = historyIncidents(rnd, plan, SMALL_SCHOOL_INDEX, people.admin.userId, today);

  const now = nowIso();
  const writer: BulkWriter =
    ctx.dialect === 'sqlite' && ctx.sqlite ? new SqliteBulkWriter(ctx.sqlite) : new KyselyBulkWriter(trx);
  const clock = await loadClock(trx, district.id);
  const drift = new DriftAccumulator();
  const figures = new TransparencyAccumulator();
  const start = await readCounter(trx, district.id, now);
  let n = start;
  const byState = new Map<string, string[]>();
  for (const h of incidents) {
    const run = { districtId: district.id, createdBy: h.officerId, creatorRole: 'sro' as const, now, clock };
    const number = incidentNumber(now, ++n);
    const out = emitIncident(
      run,
      h.incident,
      number,
      await lookups.mouOn(trx, localDate(h.incident.input.occurredAt, clock.timeZone)),
      (t, r) => writer.add(t, r),
    );
    drift.add(out.drift);
    figures.add(out.transparency);
    if (h.state !== 'submitted') (byState.get(h.state) ?? byState.set(h.state, []).get(h.state)!).push(number);
    if (writer.full) await writer.flush();
  }
  await writer.flush();
  await drift.write(trx, district.id);
  await figures.write(trx, district.id);
  await refreshDistrictYears(trx, district.id, figures.years);
  await reserveNumbers(trx, district.id, now, n - start);
  // Reviewed and closed count like submitted: the figures above stay as they are.
  for (const [state, numbers] of byState)
    for (let i = 0; i < numbers.length; i += 500)
      await trx
        .updateTable('incidents')
        .set({ state })
        .where('districtId', '=', district.id)
        .where('number', 'in', numbers.slice(i, i + 500))
        .execute();
  await appendAudit(
    trx,
    { dialect: ctx.dialect, actor: null, districtId: district.id },
    { kind: 'incident.imported', rows: incidents.length, incidents: incidents.length, file: 'demo history' },
  );
  await snapshotEnrollmentYears(trx, district.id, historyYears(today));
}
