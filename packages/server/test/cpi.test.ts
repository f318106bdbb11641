import { describe, expect, it } from 'vitest';
import { loadCpiTable } from '../src/modules/crdc/cpi.js';
import { createTestApp } from './harness.js';

/**
 * The shipped CPI 2017-18 table reproduces the figures CPI and USA TODAY published (Criminalizing
 * Kids, 2021). Ratios are share of referrals / share of enrollment, from the counts, to 2 decimals.
 */
describe('CPI Criminalizing Kids table (CRDC 2017-18)', () => {
  const cpi = loadCpiTable();
  const round2 = (x: number) => Math.round(x * 100) / 100;

  it('has 229,470 referrals nationally, and the 53 state rows sum to it', () => {
    expect(cpi.national.referrals).toBe(229_470);
    expect(cpi.states).toHaveLength(53);
    expect(cpi.states.reduce((a, s) => a + (s.referrals ?? 0), 0)).toBe(229_470);
  });

  it("finds exactly NH, PA, VA and WI at or above twice the national rate (CPI's one-decimal rates)", () => {
    const national = cpi.national.referralsPerThousand!;
    expect(national).toBe(4.5);
    const high = cpi.states
      .filter((s) => s.referralsPerThousand !== null && s.referralsPerThousand >= 2 * national)
      .map((s) => s.state);
    expect(high.sort()).toEqual(['NH', 'PA', 'VA', 'WI']);
  });

  it('refers Black students at 1.83 and students with disabilities at 1.86 times their enrollment share', () => {
    const n = cpi.national;
    const share = (part: number | null, whole: number | null) => part! / whole!;
    const black = share(n.referralsByRaceExcl504.BL, n.referrals) / share(n.enrollmentByRace.BL, n.enrollment);
    const disabled = share(n.referralsDisabled, n.referrals) / share(n.enrollmentDisabled, n.enrollment);
    expect(round2(black)).toBe(1.83);
    expect(round2(disabled)).toBe(1.86);
    // CPI's own published shares, as a cross-check of the columns used.
    expect(n.published.REFERRALS_BLACK_EXCL_504_PCT).toBe(27.7);
    expect(n.published.PCT_ENROLLMENT_BLACK).toBe(15.1);
    expect(n.published.REFERRALS_DISABLED_PCT).toBe(29.7);
    expect(n.published.PCT_ENROLLMENT_DISABLED).toBe(15.9);
  });

  it('is served on the public API with its citation', async () => {
    const t = await createTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/public/benchmarks/cpi-2017-18' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.citation).toMatch(/Center for Public Integrity, "Criminalizing Kids" \(2021\).*2017-18/);
    expect(body.national.referrals).toBe(229_470);
    expect(body.states.find((s: { state: string }) => s.state === 'NH').referralsPerThousand).toBe(10.1);
  });
});
