import type { Referral, ReferralStatus } from '@forefront/contract';

/**
 * The statuses a referral may move to next, as the server allows them: forward along the path
 * (a step never seen may be skipped), or declined while it is open. Completed and declined are final.
 */
export const PATH: readonly ReferralStatus[] = ['made', 'accepted', 'first_contact', 'ongoing', 'completed'];

export function nextStatuses(status: ReferralStatus): ReferralStatus[] {
  if (status === 'completed' || status === 'declined') return [];
  return [...PATH.slice(PATH.indexOf(status) + 1), 'declined'];
}

/** The timeline: each status the referral went through, oldest first; `made` is an instant, the others days. */
export function timeline(r: Referral): { status: ReferralStatus; on: string }[] {
  const dated: [ReferralStatus, string | null][] = [
    ['made', r.madeAt],
    ['accepted', r.acceptedAt],
    ['first_contact', r.firstContactAt],
    ['ongoing', r.ongoingAt],
    ['completed', r.completedAt],
    ['declined', r.declinedAt],
  ];
  return dated.filter((d): d is [ReferralStatus, string] => d[1] !== null).map(([status, on]) => ({ status, on }));
}
