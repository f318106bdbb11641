import type { TransparencyReport, TransparencyTableKey } from '@forefront/contract';
import type { ColumnKind } from './cells';

/**
 * The report's sections in page order, as data: each names its table, where it appears and what
 * its chart draws. Words live under `transparency.sections.<id>` (title, what, why, how, caption,
 * rowHeading). A later section (training, staffing, costs, tips, threat assessment) is one more
 * entry here, plus a component in sections.tsx when the generic table section does not fit.
 */

export type ScopeKind = 'district' | 'school';

export interface SectionDef {
  id: string;
  /** The report table the section shows; null for sections built from other data (the summary). */
  table: TransparencyTableKey | null;
  scopes: readonly ScopeKind[];
  /** Columns the chart may draw, first present wins. */
  chart: readonly string[];
  /** Which renderer: `table` is chart + table; the others are special layouts. */
  kind: 'summary' | 'students' | 'table' | 'schools' | 'exposure';
  /** Where the section's words live, when not under `transparency.sections.<id>`. */
  textBase?: string;
}

/** Where a section's words (title, what, why, how, caption, rowHeading) live in the translations. */
export const sectionTextBase = (def: SectionDef) => def.textBase ?? `transparency.sections.${def.id}`;

const both = ['district', 'school'] as const;

export const SECTION_DEFS: readonly SectionDef[] = [
  { id: 'summary', table: null, scopes: both, chart: [], kind: 'summary' },
  { id: 'referred', table: 'students_referred', scopes: both, chart: ['per1000'], kind: 'students' },
  { id: 'arrested', table: 'students_arrested', scopes: both, chart: ['per1000'], kind: 'students' },
  { id: 'incidentTypes', table: 'incident_types', scopes: both, chart: ['incidents', 'count'], kind: 'table' },
  { id: 'contacts', table: 'contacts_by_purpose', scopes: both, chart: ['contacts', 'count', 'share'], kind: 'table' },
  { id: 'violations', table: 'mou_violations', scopes: both, chart: ['violations', 'count'], kind: 'table' },
  { id: 'force', table: 'restraint_and_force', scopes: both, chart: ['actions', 'count'], kind: 'table' },
  { id: 'classroom', table: 'classroom_response', scopes: both, chart: ['share', 'contacts', 'count'], kind: 'table' },
  { id: 'responseTimes', table: 'response_times', scopes: both, chart: ['contacts', 'count', 'share'], kind: 'table' },
  {
    id: 'trend',
    table: 'trend',
    scopes: both,
    chart: ['referred_per1000', 'per1000', 'referred', 'students_referred'],
    kind: 'table',
  },
  {
    id: 'weaponTrend',
    table: 'weapon_trend',
    scopes: both,
    chart: ['weapon_per1000'],
    kind: 'table',
    textBase: 'publicExtras.sections.weaponTrend',
  },
  {
    id: 'exposure',
    table: 'exposure',
    scopes: ['district'],
    chart: ['share'],
    kind: 'exposure',
    textBase: 'publicExtras.sections.exposure',
  },
  {
    id: 'schools',
    table: 'schools',
    scopes: ['district'],
    chart: ['referred_per1000', 'per1000', 'referred', 'students_referred'],
    kind: 'schools',
  },
];

export function sectionsFor(scope: ScopeKind): SectionDef[] {
  return SECTION_DEFS.filter((s) => s.scopes.includes(scope));
}

/** Every key a section reads, so the translation test can check both languages have them. */
export function sectionTextKeys(def: SectionDef): string[] {
  const words = def.kind === 'summary' ? ['title', 'what'] : ['title', 'what', 'why', 'how', 'caption', 'rowHeading'];
  return words.map((w) => `${sectionTextBase(def)}.${w}`);
}

/** The summary's headline figures in page order, each with how its number reads. */
export const HIGHLIGHTS: ReadonlyArray<readonly [keyof TransparencyReport['highlights'], ColumnKind]> = [
  ['studentsReferred', 'count'],
  ['referredPer1000', 'per1000'],
  ['studentsArrested', 'count'],
  ['arrestedPer1000', 'per1000'],
  ['incidents', 'count'],
  ['contacts', 'count'],
  ['routineShare', 'share'],
  ['mouViolations', 'count'],
  ['enrolled', 'count'],
];
