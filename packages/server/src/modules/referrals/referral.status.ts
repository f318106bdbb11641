import type { ReferralStatus } from '@forefront/contract';
import type { SupportReferralTable } from './referral.table.js';

/**
 * How a referral moves: forward along the path (a step may be skipped when it was never seen, e.g.
 * a first contact recorded without a separate acceptance), or to declined from any open status.
 * Completed and declined are final. Each status records its date in its own column.
 */
export const PATH: readonly ReferralStatus[] = ['made', 'accepted', 'first_contact', 'ongoing', 'completed'];

export const DATE_COLUMN = {
  accepted: 'acceptedAt',
  first_contact: 'firstContactAt',
  ongoing: 'ongoingAt',
  completed: 'completedAt',
  declined: 'declinedAt',
} as const satisfies Partial<Record<ReferralStatus, keyof SupportReferralTable>>;

export type DatedStatus = keyof typeof DATE_COLUMN;

export const isFinal = (s: ReferralStatus) => s === 'completed' || s === 'declined';

export function mayMove(from: ReferralStatus, to: ReferralStatus): to is DatedStatus {
  if (isFinal(from) || to === 'made') return false;
  if (to === 'declined') return true;
  return PATH.indexOf(to) > PATH.indexOf(from);
}

/** The latest date already on the timeline (`madeOn` for a new referral): a new status may not come before it. */
export function latestDate(
  row: Pick<SupportReferralTable, 'acceptedAt' | 'firstContactAt' | 'ongoingAt'>,
  madeOn: string,
): string {
  return [madeOn, row.acceptedAt, row.firstContactAt, row.ongoingAt]
    .filter((d): d is string => d !== null)
    .reduce((a, b) => (b > a ? b : a));
}
