import { localDate } from '@forefront/contract';
import type { AppContext } from '../../src/shared/context.js';

/**
 * Which officers a list may show, read from the database rather than from the officers one matrix
 * file made: several modules add officers of their own to the same districts. Set by whichever
 * matrix module's `extend` runs first.
 */
let matrixDb: AppContext['db'] | null = null;
export const useMatrixDb = (ctx: AppContext) => {
  matrixDb = ctx.db;
};

/** The officer's district, or undefined when no such officer exists. */
export async function officerDistrict(officerId: unknown): Promise<string | undefined> {
  if (typeof officerId !== 'string' || matrixDb === null) return undefined;
  const row = await matrixDb.selectFrom('officers').select('districtId').where('id', '=', officerId).executeTakeFirst();
  return row?.districtId;
}

/** Does the officer serve one of these schools today? */
export async function servesActorSchool(officerId: unknown, schoolIds: readonly string[]): Promise<boolean> {
  if (typeof officerId !== 'string' || schoolIds.length === 0 || matrixDb === null) return false;
  const today = localDate(new Date(), 'UTC');
  const row = await matrixDb
    .selectFrom('officerAssignments')
    .select('id')
    .where('officerId', '=', officerId)
    .where('schoolId', 'in', [...schoolIds])
    .where('startsOn', '<=', today)
    .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', today)]))
    .executeTakeFirst();
  return row !== undefined;
}
