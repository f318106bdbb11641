import type { Cell, TransparencyReport } from '@forefront/contract';

/**
 * Where a publication cell appears in the rendered reports, written independently of the
 * renderer from docs/transparency.md: every table cell, highlight and trend or schools row that
 * shows that figure, plus the figures derived from it (rates, ratios, shares) on the same row.
 */
export interface Position {
  /** 'district' or a school id: whose report. */
  scope: string;
  where: string;
  /** Absent for a position that only shows figures derived from the cell. */
  read?(r: TransparencyReport): Cell | undefined;
  derived?(r: TransparencyReport): Cell[];
}

const row = (r: TransparencyReport, table: string, key: string, dimension?: string) =>
  r.tables
    .find((t) => t.key === table)
    ?.rows.find((x) => x.key === key && (dimension === undefined || x.dimension === dimension));

function at(
  scope: string,
  table: string,
  key: string,
  col: string,
  opts: { dimension?: string; derived?: string[] } = {},
): Position {
  return {
    scope,
    where: `${scope} ${table}/${opts.dimension ? `${opts.dimension}:` : ''}${key}/${col}`,
    read: (r) => row(r, table, key, opts.dimension)?.cells[col],
    derived: (r) => (opts.derived ?? []).map((c) => row(r, table, key, opts.dimension)?.cells[c] ?? null),
  };
}
function highlight(
  scope: string,
  key: keyof TransparencyReport['highlights'],
  derived: (keyof TransparencyReport['highlights'])[] = [],
): Position {
  return {
    scope,
    where: `${scope} highlights.${key}`,
    read: (r) => r.highlights[key],
    derived: (r) => derived.map((k) => r.highlights[k]),
  };
}

/** Positions of one cell (`<scope>/<key>` of a family) in the reports of its scope and the district. */
export function positionsOf(family: string, id: string, year: string): Position[] {
  const slash = id.indexOf('/');
  const scope = id.slice(0, slash);
  const key = id.slice(slash + 1);
  const isSchool = scope !== 'district';
  const out: Position[] = [];
  const alsoSchoolsRow = (col: string, derived: string[] = []) => {
    if (isSchool) out.push(at('district', 'schools', scope, col, { derived }));
  };
  if (family === 'referred' || family === 'arrested') {
    const [, group] = key.split('/') as [string, string];
    const [dim, g] = group.split(':') as [string, string];
    const table = `students_${family}`;
    const derivedCols = ['per1000', 'risk_ratio', 'composition_index'];
    if (dim === 'all') {
      out.push(at(scope, table, 'all', 'students', { dimension: 'all', derived: derivedCols }));
      out.push(
        family === 'referred'
          ? highlight(scope, 'studentsReferred', ['referredPer1000'])
          : highlight(scope, 'studentsArrested', ['arrestedPer1000']),
      );
      out.push(at(scope, 'trend', year, `students_${family}`, { derived: [`${family}_per1000`] }));
      if (family === 'referred')
        out.push(at(scope, 'weapon_trend', year, 'students_referred', { derived: ['referred_per1000'] }));
      alsoSchoolsRow(`students_${family}`, [`${family}_per1000`]);
    } else out.push(at(scope, table, g, 'students', { dimension: dim, derived: derivedCols }));
  } else if (family === 'incidents') {
    if (key === '*') {
      out.push(
        at(scope, 'incident_types', 'all', 'incidents'),
        highlight(scope, 'incidents'),
        at(scope, 'trend', year, 'incidents'),
      );
      alsoSchoolsRow('incidents');
    } else if (key === 'weapon')
      out.push(at(scope, 'weapon_trend', year, 'weapon_incidents', { derived: ['weapon_per1000'] }));
    else out.push(at(scope, 'incident_types', key.slice('type:'.length), 'incidents', { derived: ['share'] }));
  } else if (family === 'contacts') {
    if (key === '*')
      out.push(
        at(scope, 'contacts_by_purpose', 'all', 'contacts'),
        highlight(scope, 'contacts', ['routineShare']),
        at(scope, 'trend', year, 'contacts', { derived: ['routine_share'] }),
        at(scope, 'classroom_response', 'contacts', 'of', { derived: ['share'] }),
      );
    else if (key.startsWith('purpose:'))
      out.push(at(scope, 'contacts_by_purpose', key.slice('purpose:'.length), 'contacts', { derived: ['share'] }));
    else if (key === 'classroom')
      out.push(at(scope, 'classroom_response', 'contacts', 'count', { derived: ['share'] }));
    else if (key === 'response:*') out.push(at(scope, 'response_times', 'all', 'contacts'));
    else out.push(at(scope, 'response_times', key.slice('response:'.length), 'contacts', { derived: ['share'] }));
    // The routine share (highlight) is derived from the routine count: withheld with it.
    if (key === 'purpose:routine_discipline')
      out.push({ scope, where: `${scope} highlights.routineShare`, derived: (r) => [r.highlights.routineShare] });
  } else if (family === 'violations') {
    if (key === '*') out.push(at(scope, 'mou_violations', 'all', 'violations'), highlight(scope, 'mouViolations'));
    else out.push(at(scope, 'mou_violations', key.slice('kind:'.length), 'violations'));
  } else if (family === 'force') {
    out.push(at(scope, 'restraint_and_force', key === '*' ? 'all' : key.slice('action:'.length), 'actions'));
  } else if (family === 'exposure') {
    // District cells `<group>:with|without|*` (group `all` or `race:<r>`); a school's enrollment cells are not shown.
    const m = /^(all|race:(\w+)):(with|without|\*)$/.exec(key);
    if (!isSchool && m && m[3] !== 'without') {
      const opts = { dimension: m[2] ? 'race' : 'all', derived: ['share'] };
      out.push(at(scope, 'exposure', m[2] ?? 'all', m[3] === 'with' ? 'with_officer' : 'enrolled', opts));
    }
  } else if (family === 'officers') {
    out.push(at(scope, 'classroom_response', 'officers', key === 'any' ? 'of' : 'count', { derived: ['share'] }));
  }
  return out;
}
