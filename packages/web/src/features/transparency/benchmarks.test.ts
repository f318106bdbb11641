import { describe, expect, it } from 'vitest';
import type { CpiRow, CrdcSummary } from '@forefront/contract';
import { cpiStateRow, cpiValue, overviewValue, per1000, raceRate, stateName } from './benchmarks';

const race = (v: Partial<Record<'HI' | 'AM' | 'AS' | 'HP' | 'BL' | 'WH' | 'TR', number>>) => ({
  HI: 0,
  AM: 0,
  AS: 0,
  HP: 0,
  BL: 0,
  WH: 0,
  TR: 0,
  ...v,
});
const summary: CrdcSummary = {
  schools: 10,
  enrollment: 8000,
  leo_fte: 3.5,
  schools_with_leo: 4,
  schools_leo_no_counselor: 1,
  students_leo_no_counselor: 450,
  referrals: 40,
  arrests: 10,
  referrals_by_race_excl_504: race({ BL: 12, WH: 20 }),
  arrests_by_race_excl_504: race({ BL: 4 }),
  enrollment_by_race: race({ BL: 1000, WH: 5000, AM: 0 }),
  offenses: {
    rape_or_attempted_rape: 0,
    sexual_assault: 0,
    robbery_with_weapon: 0,
    robbery_without_weapon: 0,
    physical_attack_with_weapon: 0,
    physical_attack_without_weapon: 3,
    threat_with_weapon: 0,
    threat_without_weapon: 1,
    possession_of_firearm_or_explosive: 0,
  },
  restraint: {
    mechanical: { students: 0, instances: 0 },
    physical: { students: 2, instances: 3 },
    seclusion: { students: 0, instances: 0 },
  },
};

describe('CRDC rates', () => {
  it('computes per 1,000 enrolled, null when there is no enrollment', () => {
    expect(per1000(40, 8000)).toBe(5);
    expect(per1000(3, 0)).toBeNull();
    expect(per1000(null, 100)).toBeNull();
    expect(overviewValue(summary, 'referrals_per1000')).toBe(5);
    expect(overviewValue(summary, 'arrests_per1000')).toBe(1.25);
    expect(overviewValue(summary, 'leo_fte')).toBe(3.5);
  });
  it('rates each race against its own enrollment', () => {
    expect(raceRate(summary, 'BL', 'referrals')).toBe(12);
    expect(raceRate(summary, 'WH', 'referrals')).toBe(4);
    expect(raceRate(summary, 'BL', 'arrests')).toBe(4);
    expect(raceRate(summary, 'AM', 'referrals')).toBeNull();
  });
});

describe('CPI 2017-18', () => {
  const byRace = { HI: null, AM: null, AS: null, HP: null, BL: 500, WH: null, TR: null };
  const row: CpiRow = {
    name: 'VIRGINIA',
    state: 'VA',
    referrals: 100,
    referralsPerThousand: 7.5,
    referralsDisabled: 60,
    referralsByRaceExcl504: byRace,
    enrollment: 1000,
    enrollmentDisabled: 2000,
    enrollmentByRace: { ...byRace, BL: 25_000 },
    leoFte: 12,
    leoFtePerThousand: 0.8,
    published: {},
  };
  it('finds the district’s state row by postal code, in any case', () => {
    expect(cpiStateRow([row], 'va')).toBe(row);
    expect(cpiStateRow([row], 'TX')).toBeUndefined();
  });
  it('names a state as a reader writes it', () => {
    expect(stateName(row)).toBe('Virginia (VA)');
    expect(stateName({ ...row, name: 'DISTRICT OF COLUMBIA', state: 'DC' })).toBe('District of Columbia (DC)');
  });
  it('shows published figures as they are and derives group rates from CPI’s own counts', () => {
    expect(cpiValue(row, 'referralsPerThousand')).toBe(7.5);
    expect(cpiValue(row, 'blackPer1000')).toBe(20);
    expect(cpiValue(row, 'disabledPer1000')).toBe(30);
    expect(cpiValue({ ...row, referralsDisabled: null }, 'disabledPer1000')).toBeNull();
  });
});
