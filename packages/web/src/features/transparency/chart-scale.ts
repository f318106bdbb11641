/** Small pure helpers for the hand-drawn charts (tested in charts.test.ts). */

/** A round axis maximum at or above `value`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Splits a label into at most `maxLines` lines of about `width` characters (SVG text does not wrap). */
export function wrapLabel(label: string, width: number, maxLines = 3): string[] {
  const words = label.split(' ');
  const lines: string[] = [];
  while (words.length > 0 && lines.length < maxLines) {
    let line = words.shift()!;
    while (words.length > 0 && `${line} ${words[0]}`.length <= width) line = `${line} ${words.shift()}`;
    lines.push(line);
  }
  if (words.length > 0) lines[lines.length - 1] = `${lines[lines.length - 1]} ${words.join(' ')}`;
  // The last line may still be too long (a long word, or words left over): cut it, marking the cut.
  const last = lines[lines.length - 1]!;
  if (last.length > width) lines[lines.length - 1] = `${last.slice(0, width - 1).trimEnd()}…`;
  return lines;
}

/**
 * A log-2 axis for ratios: 0.5 and 2 sit equally far from 1, so "half as likely" and "twice as
 * likely" look the same size. The domain always spans 0.5..2 and grows by powers of two (to at
 * most 1/64..64) to hold every interval.
 */
export function ratioDomain(values: number[]): { min: number; max: number; ticks: number[] } {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  let lo = -1;
  let hi = 1;
  for (const v of positive) {
    lo = Math.min(lo, Math.floor(Math.log2(v)));
    hi = Math.max(hi, Math.ceil(Math.log2(v)));
  }
  lo = Math.max(lo, -6);
  hi = Math.min(hi, 6);
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) ticks.push(2 ** e);
  return { min: 2 ** lo, max: 2 ** hi, ticks };
}

/** Position of `value` on a log-2 axis from `min` to `max` mapped to 0..1, clamped. */
export function ratioPosition(value: number, min: number, max: number): number {
  if (!(value > 0)) return 0;
  const p = (Math.log2(value) - Math.log2(min)) / (Math.log2(max) - Math.log2(min));
  return Math.min(1, Math.max(0, p));
}
