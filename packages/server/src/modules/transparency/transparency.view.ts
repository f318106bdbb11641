import { type Cell, type Interval, SUPPRESSED } from '@forefront/contract';
import type { Publication } from '../suppression/suppression.types.js';
import { ALL, DISTRICT_SCOPE, type Family } from './transparency.publication.js';

/**
 * What one school year's releases let the public see, and nothing more: per cell its published
 * value or `suppressed`, and the group size beside a rate when the engine treats it as public
 * (n or more people; docs/suppression.md). The report is rendered from this view only, so a
 * withheld count cannot reach a page by mistake: the true values are dropped here.
 */
export interface FamilyRelease {
  publication: Publication;
  published: Record<string, number>;
}

interface Seen {
  value: number | typeof SUPPRESSED;
  groupSize: number | typeof SUPPRESSED | null;
}

export class PublishedYear {
  private readonly cells = new Map<string, Seen>();
  /** School scopes in publication order. */
  readonly schoolIds: string[];

  constructor(
    readonly year: string,
    readonly n: number,
    families: Record<Family, FamilyRelease>,
  ) {
    for (const [family, rel] of Object.entries(families)) {
      for (const c of rel.publication.cells) {
        const value = Object.hasOwn(rel.published, c.id) ? rel.published[c.id]! : SUPPRESSED;
        const groupSize = c.denominator === undefined ? null : c.denominator >= n ? c.denominator : SUPPRESSED;
        this.cells.set(`${family}:${c.id}`, { value, groupSize });
      }
    }
    const scopes = new Set<string>();
    for (const c of families.referred.publication.cells) scopes.add(c.id.slice(0, c.id.indexOf('/')));
    scopes.delete(DISTRICT_SCOPE);
    this.schoolIds = [...scopes];
  }

  has(scope: string): boolean {
    return scope === DISTRICT_SCOPE || this.schoolIds.includes(scope);
  }

  /** A cell's published value, `suppressed`, or null when the cell does not exist. */
  value(family: Family, scope: string, key: string): Cell {
    return this.cells.get(`${family}:${scope}/${key}`)?.value ?? null;
  }

  /** Keys of a family's cells in a scope that start with `prefix`, in publication order, prefix removed. */
  keys(family: Family, scope: string, prefix: string): string[] {
    const start = `${family}:${scope}/${prefix}`;
    return [...this.cells.keys()].filter((k) => k.startsWith(start)).map((k) => k.slice(start.length));
  }

  /**
   * Enrolled students of a group: the referral cell's group size. Without one, 0 when the scope's
   * enrollment is known and the group's published count is 0 (a group nobody belongs to), else
   * null (no roster snapshot for the year, or enrollment that does not cover the counts).
   */
  enrolled(scope: string, groupKey: string): Cell {
    const seen = this.cells.get(`referred:${scope}/referred/${groupKey}`);
    if (!seen) return null;
    if (seen.groupSize !== null) return seen.groupSize;
    const known = this.cells.get(`referred:${scope}/referred/${ALL}`)?.groupSize != null;
    return known && seen.value === 0 ? 0 : null;
  }
}

/**
 * A figure derived from published cells: null when an input is not applicable, `suppressed` when
 * one was withheld, else f of the numbers (which may itself be null: not computable).
 */
export function derive(inputs: readonly Cell[], f: (...xs: number[]) => number | Interval | null): Cell {
  if (inputs.some((x) => x === null)) return null;
  if (inputs.some((x) => x === SUPPRESSED)) return SUPPRESSED;
  return f(...(inputs as number[]));
}
