import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';

/** A roster entry (officers) with current assignments, linked to an account when `userId` is given. */
export async function buildOfficer(
  ctx: AppContext,
  districtId: string,
  opts: { userId?: string | null; schoolIds?: string[]; name?: string; startsOn?: string } = {},
) {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('officers')
    .values({
      id,
      districtId,
      userId: opts.userId ?? null,
      name: opts.name ?? `Officer ${id.slice(0, 6)}`,
      agency: 'Test Police Department',
      badgeNumber: id.slice(0, 12),
      email: null,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  for (const schoolId of opts.schoolIds ?? [])
    await ctx.db
      .insertInto('officerAssignments')
      .values({
        id: newId(),
        districtId,
        officerId: id,
        schoolId,
        startsOn: opts.startsOn ?? '2020-01-01',
        endsOn: null,
        gate: 'met',
        exceptionId: null,
        createdBy: null,
        createdAt: now,
      })
      .execute();
  return { id };
}

/** A row inserted directly (a past entry, or one logged long ago), bypassing the API. */
export async function insertActivityRow(
  ctx: AppContext,
  row: {
    districtId: string;
    officerId: string;
    schoolId: string | null;
    activityOn: string;
    kind: string;
    minutes: number;
    createdBy?: string | null;
    createdAt?: string;
  },
) {
  const id = newId();
  await ctx.db
    .insertInto('officerActivities')
    .values({ id, noteSealed: null, createdBy: row.createdBy ?? null, createdAt: row.createdAt ?? nowIso(), ...row })
    .execute();
  return id;
}
