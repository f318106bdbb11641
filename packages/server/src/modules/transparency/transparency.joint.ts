import { attack, isProtected } from '../suppression/suppression.attack.js';
import type { SuppressionLine } from '../suppression/suppression.types.js';
import { DISTRICT_SCOPE } from './transparency.publication.js';
import type { FamilyRelease } from './transparency.view.js';

/**
 * Referrals and arrests are suppressed as two publications (one LP each: suppressing them as one,
 * with a referred-but-not-arrested cell per group, took 35 times longer on a 12-school district),
 * but every arrested student is also a referred one: a published arrest count is a lower bound of
 * the hidden referral count of the same group, and a published referral count caps the hidden
 * arrest count. This check is the attacker of both publications at once, with
 * referred = arrested + (referred, not arrested) for every group and the last one unknown and >= 0.
 *
 * When it narrows a hidden cell below n, fewer arrest figures are shown: first only the district's,
 * then none. Showing fewer figures than the engine allowed is always safe (the attacker only
 * knows less), and the ledger keeps the engine's release, which overstates what the public knows:
 * a later release is checked against a stronger attacker, never a weaker one.
 */
export function narrowedByArrests(referred: FamilyRelease, arrested: FamilyRelease, n: number): string[] {
  const values = new Map<string, number>();
  const hidden = new Set<string>();
  const upper = new Map<string, number>();
  const need = new Map<string, number>();
  for (const rel of [referred, arrested])
    for (const c of rel.publication.cells) {
      values.set(c.id, c.value);
      if (Object.hasOwn(rel.published, c.id)) continue;
      hidden.add(c.id);
      need.set(c.id, n);
      if (c.denominator !== undefined && c.denominator >= n) upper.set(c.id, c.denominator);
    }
  if (hidden.size === 0) return [];
  const arrests = new Map(arrested.publication.cells.map((c) => [c.id, c.value]));
  const lines: SuppressionLine[] = [...referred.publication.lines, ...arrested.publication.lines];
  for (const c of referred.publication.cells) {
    const a = c.id.replace('/referred/', '/arrested/');
    const rest = `~not_arrested:${c.id}`;
    values.set(rest, c.value - (arrests.get(a) ?? 0));
    hidden.add(rest);
    need.set(rest, 0); // never shown and never checked: only a variable of the attacker
    lines.push({ total: c.id, parts: [a, rest] });
  }
  const intervals = attack({ values, lines, hidden, upper }, need);
  return [...intervals]
    .filter(([id, iv]) => need.get(id)! > 0 && !isProtected(iv, n))
    .map(([id]) => id)
    .sort();
}

/** Arrest figures to show: the engine's, else the district's only, else none; and why. */
export function safeArrests(
  referred: FamilyRelease,
  arrested: FamilyRelease,
  n: number,
): { published: Record<string, number>; withheld: 'none' | 'schools' | 'all' } {
  if (narrowedByArrests(referred, arrested, n).length === 0) return { published: arrested.published, withheld: 'none' };
  const districtOnly = Object.fromEntries(
    Object.entries(arrested.published).filter(([id]) => id.startsWith(`${DISTRICT_SCOPE}/`)),
  );
  if (narrowedByArrests(referred, { ...arrested, published: districtOnly }, n).length === 0)
    return { published: districtOnly, withheld: 'schools' };
  return { published: {}, withheld: 'all' };
}
