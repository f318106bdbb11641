import { describe, expect, it } from 'vitest';
import type { Referral } from '@forefront/contract';
import { nextStatuses, timeline } from './referral-steps';

describe('referral steps', () => {
  it('moves forward or to declined while open, and nowhere once final', () => {
    expect(nextStatuses('made')).toEqual(['accepted', 'first_contact', 'ongoing', 'completed', 'declined']);
    expect(nextStatuses('ongoing')).toEqual(['completed', 'declined']);
    expect(nextStatuses('completed')).toEqual([]);
    expect(nextStatuses('declined')).toEqual([]);
  });

  it('lists the dated statuses in order, skipping the ones never recorded', () => {
    const r = {
      madeAt: '2026-11-02T15:04:00.000Z',
      acceptedAt: null,
      firstContactAt: '2026-11-05',
      ongoingAt: null,
      completedAt: '2026-11-20',
      declinedAt: null,
    } as Referral;
    expect(timeline(r)).toEqual([
      { status: 'made', on: '2026-11-02T15:04:00.000Z' },
      { status: 'first_contact', on: '2026-11-05' },
      { status: 'completed', on: '2026-11-20' },
    ]);
  });
});
