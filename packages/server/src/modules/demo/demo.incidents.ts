import type { IncidentInput } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import type { seededRandom } from '../../shared/random.js';
import type { ActorLike } from '../incidents/incident.access.js';
import { createIncidentIn, updateIncidentIn } from '../incidents/incident.service.js';
import { addReviewIn, transitionIncidentIn } from '../incidents/incident.workflow.js';
import { createMouIn } from '../mous/mou.service.js';
import { addSignatoryIn, signVersionIn } from '../mous/mou.signing.service.js';
import { upsertStudentsIn } from '../students/student.upsert.js';
import { demoRoster, type DemoRosterSchool } from './demo.roster.js';
import { SCENARIOS } from './demo.scenarios.js';

type Rnd = ReturnType<typeof seededRandom>;

/** How many incidents the demo logs, spread over the last five months. */
export const DEMO_INCIDENTS = 36;
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
  await upsertStudentsIn(trx, district.id, demoRoster(rnd, schools), day(SPAN_DAYS + 30), { dialect: ctx.dialect, actor: null, source: 'demo' });

  // The MOU, in force since before the first incident, signed by both parties.
  const { mouId } = await createMouIn(trx, ctx, null, district.id, {
    title: 'School Resource Officer Program Memorandum of Understanding',
    agencyName: 'Riverside Police Department',
    template: 'comprehensive',
    effectiveDate: day(SPAN_DAYS + 20),
  }, people.admin.userId);
  const mou = { id: mouId, districtId: district.id };
  for (const s of [
    { party: 'district' as const, name: 'Dr. Evelyn Carter', title: 'Superintendent' },
    { party: 'agency' as const, name: 'Chief Robert Hayes', title: 'Chief of Police' },
  ]) {
    const signatory = await addSignatoryIn(trx, ctx, null, mou, { ...s, email: null });
    await signVersionIn(trx, ctx, null, mou, signatory.id, { version: 1, signedName: s.name }, people.admin.userId);
  }

  const roster = await trx.selectFrom('students').select(['id', 'schoolId']).where('districtId', '=', district.id).orderBy('localId').execute();
  const bySchool = (schoolId: string) => roster.filter((s) => s.schoolId === schoolId);

  for (let i = 0; i < DEMO_INCIDENTS; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    const officer = people.officers[i % 3 === 2 ? 1 : 0] ?? people.officers[0]!;
    const schoolId = officer.schoolIds[i % officer.schoolIds.length]!;
    const students = bySchool(schoolId);
    const first = rnd.int(0, students.length - 1);
    const pair: [string, string] = [students[first]!.id, students[(first + 1 + rnd.int(0, students.length - 2)) % students.length]!.id];
    // School hours in Virginia (13:00-19:30 UTC), on a weekday.
    let daysAgo = 1 + Math.floor((i * SPAN_DAYS) / DEMO_INCIDENTS) + rnd.int(0, 2);
    const weekday = new Date(midnight - daysAgo * DAY_MS).getUTCDay();
    if (weekday === 0) daysAgo += 2;
    if (weekday === 6) daysAgo += 1;
    const start = midnight - daysAgo * DAY_MS + (13 * 60 + rnd.int(0, 26) * 15) * 60_000;
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const input: IncidentInput = { schoolId, occurredAt: at(0), ...scenario.input({ officerId: officer.userId, students: pair, at }) };
    // The principal reviews their own school's education records; a law-enforcement-unit record
    // is the district administrator's to see unless the MOU shares every school incident.
    const admin = people.principal.schoolIds.includes(schoolId) && !input.offenseAlleged ? people.principal : people.admin;
    const creator = scenario.by === 'officer' ? officer : admin;

    const row = await createIncidentIn(trx, ctx, creator, district.id, input);
    // A few stay drafts, as an officer's unfinished reports would.
    if (i % 11 === 10) continue;
    await transitionIncidentIn(trx, ctx, creator, row.id, 'submitted');
    if (scenario.edit) await updateIncidentIn(trx, ctx, creator, row.id, scenario.edit(input));
    for (const r of scenario.reviews ?? [])
      await addReviewIn(trx, ctx, admin, row.id, { studentId: r.student === null ? null : pair[r.student], reviewedAt: at(r.minutes), decision: r.decision, note: r.note });
    if (scenario.state === 'reviewed' || scenario.state === 'closed') await transitionIncidentIn(trx, ctx, admin, row.id, 'reviewed');
    if (scenario.state === 'closed') await transitionIncidentIn(trx, ctx, admin, row.id, 'closed');
  }
  return { mouId };
}
