import { type ActivityKind, addDays } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { seededRandom } from '../../shared/random.js';
import type { DemoOfficer } from './demo.training-roster.js';

/** Issue 14 item 4: the demo officers' time (its own seeded stream, so the rest of the demo keeps its data). */
export const DEMO_ACTIVITY_SEED_OFFSET = 1406;
const WEEKS = 8;

type Weights = Partial<Record<ActivityKind, number>>;
/** Nair mentors and teaches; Bell patrols; the deputies do a bit of everything. */
const PROFILES: Record<string, Weights> = {
  'Officer Priya Nair': {
    mentoring: 34,
    teaching_class: 26,
    community_event: 10,
    family_event: 8,
    patrol: 12,
    safety_assessment: 10,
  },
  'Officer James Bell': {
    patrol: 46,
    safety_assessment: 16,
    mentoring: 10,
    teaching_class: 8,
    community_event: 12,
    family_event: 8,
  },
};
const BALANCED: Weights = {
  patrol: 30,
  mentoring: 18,
  teaching_class: 14,
  safety_assessment: 14,
  community_event: 14,
  family_event: 10,
};

function pickWeighted(next: () => number, weights: Weights): ActivityKind {
  const entries = Object.entries(weights) as [ActivityKind, number][];
  let r = next() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [kind, w] of entries) if ((r -= w) < 0) return kind;
  return entries.at(-1)![0];
}

/**
 * Weekdays of the last eight weeks up to yesterday (today stays free for the one-minute demo of
 * logging time): 6 to 9 hours a day in quarters, split over two to four activities at the officer's
 * schools, with now and then a training session or a duty away from school.
 */
export async function loadDemoActivities(
  trx: Db,
  seed: number,
  districtId: string,
  officers: readonly DemoOfficer[],
  schoolIds: readonly string[],
  accountIds: Readonly<Record<string, string>>,
  today: string,
): Promise<number> {
  const rnd = seededRandom(seed + DEMO_ACTIVITY_SEED_OFFSET);
  const rows = [];
  for (const o of officers) {
    const schools = o.schools.map((i) => schoolIds[i]).filter((s): s is string => s !== undefined);
    if (o.status !== 'active' || schools.length === 0) continue;
    const weights = PROFILES[o.name] ?? BALANCED;
    const createdBy = o.account ? (accountIds[o.account] ?? null) : null;
    for (let back = WEEKS * 7; back >= 1; back--) {
      const day = addDays(today, -back);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      let quarters = rnd.int(24, 36);
      const entries: [ActivityKind, number][] = [];
      // About one day in twelve has a duty away from school, one in fifteen a training session.
      const roll = rnd.next();
      if (roll < 0.08) entries.push(['away_from_school', rnd.int(8, 16)]);
      else if (roll < 0.15) entries.push(['training', rnd.int(8, 16)]);
      quarters -= entries.reduce((s, [, q]) => s + q, 0);
      const parts = rnd.int(2, 4);
      for (let p = 0; p < parts && quarters > 0; p++) {
        const q =
          p === parts - 1
            ? quarters
            : Math.max(2, Math.min(quarters, rnd.int(4, Math.max(4, Math.floor(quarters / 2)))));
        entries.push([pickWeighted(rnd.next, weights), q]);
        quarters -= q;
      }
      for (const [kind, q] of entries)
        rows.push({
          id: rnd.uuid(),
          districtId,
          officerId: o.id,
          schoolId: kind === 'away_from_school' || kind === 'training' ? null : rnd.pick(schools),
          activityOn: day,
          kind,
          minutes: q * 15,
          noteSealed: null,
          createdBy,
          createdAt: `${day}T21:00:00.000Z`,
        });
    }
  }
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('officerActivities')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows.length;
}
