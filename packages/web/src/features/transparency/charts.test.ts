import { describe, expect, it } from 'vitest';
import { niceMax, ratioDomain, ratioPosition, wrapLabel } from './chart-scale';

describe('niceMax', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(0);
    expect(niceMax(0.7)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(1.2)).toBe(2);
    expect(niceMax(23)).toBe(25);
    expect(niceMax(260)).toBe(500);
    expect(niceMax(501)).toBe(1000);
    expect(niceMax(Number.NaN)).toBe(0);
  });
});

describe('wrapLabel', () => {
  it('keeps short labels on one line and splits long ones at spaces', () => {
    expect(wrapLabel('Asian', 34)).toEqual(['Asian']);
    expect(wrapLabel('Native Hawaiian or Other Pacific Islander', 34)).toEqual([
      'Native Hawaiian or Other Pacific',
      'Islander',
    ]);
    expect(wrapLabel('Students with disabilities referred per 1,000 students with disabilities', 34)).toEqual([
      'Students with disabilities',
      'referred per 1,000 students with',
      'disabilities',
    ]);
  });
  it('cuts what does not fit in the last line, marking the cut', () => {
    const lines = wrapLabel('aaaa bbbb cccc dddd eeee ffff', 9, 2);
    expect(lines).toEqual(['aaaa bbbb', 'cccc ddd…']);
    expect(wrapLabel('Supercalifragilistic', 9)).toEqual(['Supercal…']);
  });
});

describe('ratio axis', () => {
  it('spans at least 0.5..2 and grows by powers of two to hold every interval', () => {
    expect(ratioDomain([])).toEqual({ min: 0.5, max: 2, ticks: [0.5, 1, 2] });
    expect(ratioDomain([0.8, 1.3])).toEqual({ min: 0.5, max: 2, ticks: [0.5, 1, 2] });
    expect(ratioDomain([0.2, 5.5])).toEqual({ min: 0.125, max: 8, ticks: [0.125, 0.25, 0.5, 1, 2, 4, 8] });
    expect(ratioDomain([1000]).max).toBe(64);
  });
  it('puts 1 in the middle of a symmetric axis and clamps what falls outside', () => {
    expect(ratioPosition(1, 0.5, 2)).toBeCloseTo(0.5);
    expect(ratioPosition(2, 0.25, 4)).toBeCloseTo(0.75);
    expect(ratioPosition(100, 0.5, 2)).toBe(1);
    expect(ratioPosition(0, 0.5, 2)).toBe(0);
  });
});
