import {
  CONTACT_PURPOSES,
  DISABILITY_GROUPS,
  ENGLISH_LEARNER_GROUPS,
  FLAG_KINDS,
  RACES,
  RESPONSE_BUCKETS,
  SEXES,
  type SroAction,
} from '@forefront/contract';
import type { Publication, SuppressionCell, SuppressionLine } from '../suppression/suppression.types.js';

/**
 * One school year's figures as suppression publications (docs/transparency.md, "Publication
 * families"): every school and the district in one publication per family, so the engine sees
 * each school's lines and the district = sum of schools at once. Cell ids are `<scope>/<key>`,
 * scope = `district` or a school id. Only values; no database access (transparency.publish.ts
 * loads the counts).
 */

export const DISTRICT_SCOPE = 'district';
export const FAMILIES = [
  'referred',
  'arrested',
  'incidents',
  'contacts',
  'violations',
  'force',
  'officers',
  'exposure',
] as const;
export type Family = (typeof FAMILIES)[number];
export const datasetOf = (family: Family) => `transparency:${family}`;

export const FORCE_KEYS = [
  'restrained_physical',
  'restrained_mechanical',
  'used_force',
] as const satisfies readonly SroAction[];

/** Student groups by dimension, in report order; `all:*` is the total every dimension sums to. */
export const STUDENT_GROUPS: Record<'race' | 'sex' | 'disability' | 'english_learner', readonly string[]> = {
  race: RACES,
  sex: SEXES,
  disability: DISABILITY_GROUPS,
  english_learner: ENGLISH_LEARNER_GROUPS,
};
export const ALL = 'all:*';
/** A residual group when a dimension's groups do not add up to all students (e.g. an unrecorded race). */
export const UNKNOWN_GROUP = 'unknown';

/** The counts of one school year: per school, `measure|key` -> value (a missing key is 0). */
export interface YearCounts {
  schoolIds: readonly string[];
  bySchool: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** Officers with any contact and with a classroom contact in the year, per school and for the district (not a sum: officers serve several schools). */
export interface OfficerCounts {
  bySchool: ReadonlyMap<string, { any: number; classroom: number }>;
  district: { any: number; classroom: number };
}

type Raw = (measure: string, key: string) => number;
interface CellDef {
  key: string;
  value: number;
  denominator?: number;
}

const rawOf = (counts: YearCounts, schoolId: string): Raw => {
  const m = counts.bySchool.get(schoolId);
  return (measure, key) => m?.get(`${measure}|${key}`) ?? 0;
};
const sumRaw =
  (raws: Raw[]): Raw =>
  (measure, key) =>
    raws.reduce((s, r) => s + r(measure, key), 0);

/** Keys of a measure present anywhere in the year (so no figure is dropped), after the listed ones. */
function keysOf(counts: YearCounts, measure: string, listed: readonly string[]): string[] {
  const extra = new Set<string>();
  for (const m of counts.bySchool.values())
    for (const k of m.keys()) if (k.startsWith(`${measure}|`)) extra.add(k.slice(measure.length + 1));
  return [...listed, ...[...extra].filter((k) => !listed.includes(k)).sort()];
}

/** Every group key per dimension, with `<dim>:unknown` where some school's groups do not add up to all:*. */
export function studentGroups(counts: YearCounts): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const all = keysOf(counts, 'enrolled', []).concat(keysOf(counts, 'referred', []), keysOf(counts, 'arrested', []));
  for (const [dim, listed] of Object.entries(STUDENT_GROUPS)) {
    const groups = [
      ...listed,
      ...new Set(all.filter((k) => k.startsWith(`${dim}:`)).map((k) => k.slice(dim.length + 1))),
    ].filter((g, i, a) => a.indexOf(g) === i && g !== UNKNOWN_GROUP);
    const residual = counts.schoolIds.some((s) =>
      ['enrolled', 'referred', 'arrested'].some((m) => residualOf(rawOf(counts, s), m, dim, groups) !== 0),
    );
    out[dim] = residual ? [...groups, UNKNOWN_GROUP] : groups;
  }
  return out;
}

function residualOf(raw: Raw, measure: string, dim: string, groups: readonly string[]): number {
  return (
    raw(measure, ALL) - groups.filter((g) => g !== UNKNOWN_GROUP).reduce((s, g) => s + raw(measure, `${dim}:${g}`), 0)
  );
}

/**
 * Whether a scope's enrollment can be published beside its counts: a roster snapshot exists
 * (all:* enrolled > 0) and, for the district, for every school with referred students.
 */
function enrollmentKnown(counts: YearCounts, scope: string): boolean {
  const raws = counts.schoolIds.map((s) => rawOf(counts, s));
  if (scope !== DISTRICT_SCOPE) return rawOf(counts, scope)('enrolled', ALL) > 0;
  return (
    raws.some((r) => r('enrolled', ALL) > 0) && raws.every((r) => r('enrolled', ALL) > 0 || r('referred', ALL) === 0)
  );
}

/**
 * Students referred (or arrested) per group: rates over the group's enrollment (their
 * denominator); each dimension's groups add up to all students. Arrested students are among the
 * referred ones, an inequality across the two families that the engine does not see:
 * transparency.joint.ts checks it after both are suppressed.
 */
function studentCells(groups: Record<string, string[]>, outcome: 'referred' | 'arrested') {
  const keys = [ALL, ...Object.entries(groups).flatMap(([dim, gs]) => gs.map((g) => `${dim}:${g}`))];
  return {
    cells(raw: Raw, known: boolean): CellDef[] {
      const value = (measure: string, key: string) => {
        const [dim, g] = key.split(':') as [string, string];
        return g === UNKNOWN_GROUP ? residualOf(raw, measure, dim, groups[dim]!) : raw(measure, key);
      };
      return keys.map((k) => {
        const [r, a, e] = [value('referred', k), value('arrested', k), value('enrolled', k)];
        if (r < 0 || a < 0 || a > r)
          throw new Error(`transparency counts are inconsistent for ${k}: referred ${r}, arrested ${a}`);
        // The group size only when it covers the referrals (the same rule for both outcomes).
        const den = known && e > 0 && e >= r ? { denominator: e } : {};
        return { key: `${outcome}/${k}`, value: outcome === 'referred' ? r : a, ...den };
      });
    },
    lines: (): SuppressionLine[] =>
      Object.entries(groups).map(([dim, gs]) => ({
        total: `${outcome}/${ALL}`,
        parts: gs.map((g) => `${outcome}/${dim}:${g}`),
      })),
  };
}

/** A rate over a scope total when that total is > 0 (the engine then checks the complement too). */
const over = (total: number, value: number) => (total > 0 && total >= value ? { denominator: total } : {});

/** Each family's cells for one scope and its lines inside the scope. */
function families(counts: YearCounts) {
  const behaviors = keysOf(counts, 'incident_type', []);
  const purposes = keysOf(counts, 'contacts', CONTACT_PURPOSES);
  const kinds = keysOf(counts, 'violations', FLAG_KINDS);
  const force = keysOf(counts, 'force', FORCE_KEYS);
  const buckets = keysOf(counts, 'response', RESPONSE_BUCKETS);
  const sum = (raw: Raw, measure: string, keys: string[]) => keys.reduce((s, k) => s + raw(measure, k), 0);
  const part = (prefix: string, keys: string[]) => keys.map((k) => `${prefix}:${k}`);
  const groups = studentGroups(counts);
  return {
    referred: studentCells(groups, 'referred'),
    arrested: studentCells(groups, 'arrested'),
    // An incident counts once under each of its behaviors: types are rates over the incidents, with no line.
    incidents: {
      cells: (raw: Raw): CellDef[] => [
        { key: '*', value: raw('incidents', '*') },
        // Incidents with a weapon offense (each once), among all incidents.
        {
          key: 'weapon',
          value: raw('weapon_incidents', '*'),
          ...over(raw('incidents', '*'), raw('weapon_incidents', '*')),
        },
        ...behaviors.map((b) => ({
          key: `type:${b}`,
          value: raw('incident_type', b),
          ...over(raw('incidents', '*'), raw('incident_type', b)),
        })),
      ],
      lines: (): SuppressionLine[] => [],
    },
    // Contacts by purpose add up to all contacts; classroom contacts and contacts with an arrival
    // time are among them (rates over all contacts); the response buckets add up to the latter.
    contacts: {
      cells: (raw: Raw): CellDef[] => {
        const total = sum(raw, 'contacts', purposes);
        const responded = sum(raw, 'response', buckets);
        return [
          { key: '*', value: total },
          ...purposes.map((p) => ({ key: `purpose:${p}`, value: raw('contacts', p) })),
          { key: 'classroom', value: raw('classroom_contacts', '*'), ...over(total, raw('classroom_contacts', '*')) },
          { key: 'response:*', value: responded, ...over(total, responded) },
          ...buckets.map((b) => ({ key: `response:${b}`, value: raw('response', b) })),
        ];
      },
      lines: (): SuppressionLine[] => [
        { total: '*', parts: part('purpose', purposes) },
        { total: 'response:*', parts: part('response', buckets) },
      ],
    },
    violations: {
      cells: (raw: Raw): CellDef[] => [
        { key: '*', value: sum(raw, 'violations', kinds) },
        ...kinds.map((k) => ({ key: `kind:${k}`, value: raw('violations', k) })),
      ],
      lines: (): SuppressionLine[] => [{ total: '*', parts: part('kind', kinds) }],
    },
    force: {
      cells: (raw: Raw): CellDef[] => [
        { key: '*', value: sum(raw, 'force', force) },
        ...force.map((k) => ({ key: `action:${k}`, value: raw('force', k) })),
      ],
      lines: (): SuppressionLine[] => [{ total: '*', parts: part('action', force) }],
    },
  };
}

/** Additive families: every scope's cells and lines, and district = sum of schools for every cell. */
function additive(
  counts: YearCounts,
  def: { cells: (raw: Raw, known: boolean) => CellDef[]; lines: () => SuppressionLine[] },
): Publication {
  const cells: SuppressionCell[] = [];
  const lines: SuppressionLine[] = [];
  const raws = new Map(counts.schoolIds.map((s) => [s, rawOf(counts, s)]));
  const scopes: [string, Raw][] = [[DISTRICT_SCOPE, sumRaw([...raws.values()])], ...raws];
  const scopeLines = def.lines();
  for (const [scope, raw] of scopes) {
    for (const c of def.cells(raw, enrollmentKnown(counts, scope))) cells.push({ ...c, id: `${scope}/${c.key}` });
    for (const l of scopeLines)
      lines.push({ total: `${scope}/${l.total}`, parts: l.parts.map((p) => `${scope}/${p}`) });
  }
  if (counts.schoolIds.length > 0)
    for (const c of cells.filter((c) => c.id.startsWith(`${DISTRICT_SCOPE}/`))) {
      const key = c.id.slice(DISTRICT_SCOPE.length + 1);
      lines.push({ total: c.id, parts: counts.schoolIds.map((s) => `${s}/${key}`) });
    }
  return { cells, lines };
}

/** Officers are not additive over schools (one officer serves several): no line at all. */
function officersPublication(schoolIds: readonly string[], officers: OfficerCounts): Publication {
  const cell = (scope: string, o: { any: number; classroom: number }): SuppressionCell[] => [
    { id: `${scope}/any`, value: o.any },
    { id: `${scope}/classroom`, value: o.classroom, ...over(o.any, o.classroom) },
  ];
  return {
    cells: [DISTRICT_SCOPE, ...schoolIds].flatMap((s) =>
      cell(s, s === DISTRICT_SCOPE ? officers.district : (officers.bySchool.get(s) ?? { any: 0, classroom: 0 })),
    ),
    lines: [],
  };
}

/** Whether a school had a sworn officer in the year: an officer logged a contact there. */
export const hasOfficer = (officers: OfficerCounts, schoolId: string) =>
  (officers.bySchool.get(schoolId)?.any ?? 0) > 0;

/**
 * Exposure to police by group (issue 13): per race, the students enrolled in schools with a sworn
 * officer that year. Each school's enrollment by race (`<school>/race:<r>`, summing to
 * `<school>/all`), and for the district per group g (`all` and every race): `g:with` (the sum over
 * schools with an officer; a rate over the group), `g:without` (the other schools) and `g:*`
 * (= with + without; the races sum to `all` in each column). Only when every school has a roster
 * snapshot for the year (a school without one would be missing from both sides): else no cells.
 */
function exposurePublication(counts: YearCounts, officers: OfficerCounts): Publication {
  const raws = counts.schoolIds.map((s) => [s, rawOf(counts, s)] as const);
  if (raws.length === 0 || raws.some(([, r]) => r('enrolled', ALL) <= 0)) return { cells: [], lines: [] };
  const races = studentGroups(counts).race!;
  const groups = ['all', ...races.map((r) => `race:${r}`)];
  const enrolledOf = (raw: Raw, g: string) =>
    g === 'all'
      ? raw('enrolled', ALL)
      : g === `race:${UNKNOWN_GROUP}`
        ? residualOf(raw, 'enrolled', 'race', races)
        : raw('enrolled', g);
  const cells: SuppressionCell[] = [];
  const lines: SuppressionLine[] = [];
  for (const [s, raw] of raws) {
    for (const g of groups) cells.push({ id: `${s}/${g}`, value: enrolledOf(raw, g) });
    lines.push({ total: `${s}/all`, parts: groups.slice(1).map((g) => `${s}/${g}`) });
  }
  const withIds = raws.filter(([s]) => hasOfficer(officers, s)).map(([s]) => s);
  const withoutIds = raws.filter(([s]) => !hasOfficer(officers, s)).map(([s]) => s);
  const d = (key: string) => `${DISTRICT_SCOPE}/${key}`;
  for (const g of groups) {
    const sum = (ids: string[]) => ids.reduce((t, s) => t + enrolledOf(rawOf(counts, s), g), 0);
    const [w, wo] = [sum(withIds), sum(withoutIds)];
    cells.push(
      { id: d(`${g}:with`), value: w, ...over(w + wo, w) },
      { id: d(`${g}:without`), value: wo },
      { id: d(`${g}:*`), value: w + wo },
    );
    lines.push({ total: d(`${g}:*`), parts: [d(`${g}:with`), d(`${g}:without`)] });
    for (const [side, ids] of [
      ['with', withIds],
      ['without', withoutIds],
      ['*', raws.map(([s]) => s)],
    ] as const)
      if (ids.length > 0) lines.push({ total: d(`${g}:${side}`), parts: ids.map((s) => `${s}/${g}`) });
  }
  for (const side of ['with', 'without', '*'])
    lines.push({ total: d(`all:${side}`), parts: groups.slice(1).map((g) => d(`${g}:${side}`)) });
  return { cells, lines };
}

/** Every family's publication for one school year. */
export function buildPublications(counts: YearCounts, officers: OfficerCounts): Record<Family, Publication> {
  const f = families(counts);
  return {
    referred: additive(counts, f.referred),
    arrested: additive(counts, f.arrested),
    incidents: additive(counts, f.incidents),
    contacts: additive(counts, f.contacts),
    violations: additive(counts, f.violations),
    force: additive(counts, f.force),
    officers: officersPublication(counts.schoolIds, officers),
    exposure: exposurePublication(counts, officers),
  };
}
