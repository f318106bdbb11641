import { addDays } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { seededRandom } from '../../shared/random.js';
import type { DemoOfficer } from './demo.training-roster.js';

/** Its own sequence, so the rest of the demo keeps its ids. */
export const DEMO_EXCEPTIONS_SEED_OFFSET = 1401;

/**
 * Issue 14: past exceptions to the assignment gate, so the exceptions page shows what a record
 * looks like. None is current: the new hire (Officer Daniel Reyes) has none, so the gate judges him
 * as the browser story expects. Deputy Greer's expired once he finished his hours;
 * Officer Jimenez's was revoked when she left the program.
 */
export async function loadDemoExceptions(
  trx: Db,
  seed: number,
  districtId: string,
  officers: readonly DemoOfficer[],
  approverId: string | undefined,
  today: string,
) {
  if (!approverId) return;
  const rnd = seededRandom(seed + DEMO_EXCEPTIONS_SEED_OFFSET);
  const byName = (name: string) => officers.find((o) => o.name === name);
  const rows = [
    {
      officer: byName('Deputy Samuel Greer'),
      approvedDaysAgo: 260,
      expiresDaysAgo: 80,
      revoked: false,
      reason:
        'Deputy Greer covers Lakeside Middle and Cedar Elementary from the start of the term; he is enrolled in the ' +
        'county academy’s youth-focused block and finishes his 40 hours by spring.',
    },
    {
      officer: byName('Officer Carla Jimenez'),
      approvedDaysAgo: 400,
      expiresDaysAgo: -30,
      revoked: true,
      reason:
        'Short-term coverage while the regular officer was on leave; revoked when Officer Jimenez left the program.',
    },
  ];
  for (const r of rows) {
    if (!r.officer) continue;
    const approvedOn = addDays(today, -r.approvedDaysAgo);
    await trx
      .insertInto('assignmentExceptions')
      .values({
        id: rnd.uuid(),
        districtId,
        officerId: r.officer.id,
        schoolId: null,
        reason: r.reason,
        approvedBy: approverId,
        expiresOn: addDays(today, -r.expiresDaysAgo),
        createdAt: `${approvedOn}T15:00:00.000Z`,
        revokedAt: r.revoked ? `${addDays(today, -200)}T16:30:00.000Z` : null,
        revokedBy: r.revoked ? approverId : null,
      })
      .execute();
  }
}
