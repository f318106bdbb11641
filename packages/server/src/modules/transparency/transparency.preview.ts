import {
  type Cell,
  type CellPlace,
  type PreviewChange,
  type PreviewWithheld,
  SUPPRESSED,
  type SuppressionReasonCode,
  type TransparencyPreview,
  type TransparencyReport,
  TransparencyReportSchema,
} from '@forefront/contract';
import { sql } from 'kysely';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { ALL, DISTRICT_SCOPE, type Family } from './transparency.publication.js';
import { type PublishProgress, publishIn } from './transparency.publish.js';

/**
 * The preview of a school year's public report (issue 13, "Publish"): the publication's own code
 * (publishIn) runs under a savepoint that is then rolled back, so the preview is exactly what
 * publishing would make (the same engine, the same release ledger history, the same renderer) and
 * nothing of it stays: no release in the ledger, no page replaced, no roster snapshot. What stays
 * is the audit event: the preview shows unpublished figures and why each withheld one is withheld.
 */
export async function previewTransparency(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  year: string,
  onProgress?: (p: PublishProgress) => void,
): Promise<TransparencyPreview> {
  const district = await loadDistrictFor(ctx.db, actor, 'transparency.publish', districtId);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('transparencyPages')
      .select(['scopeId', 'payload', 'publishedAt'])
      .where('districtId', '=', districtId)
      .where('schoolYear', '=', year)
      .execute();
    const reasons = new Map<string, SuppressionReasonCode>();
    await sql`savepoint transparency_preview`.execute(trx);
    const { pages } = await publishIn(trx, ctx, district, {
      year,
      ...(onProgress && { onProgress }),
      onRelease: (y, family, release) => {
        if (y !== year) return;
        for (const c of release.cells) if (!c.published) reasons.set(`${family}:${c.id}`, c.reason);
      },
    });
    await sql`rollback to savepoint transparency_preview`.execute(trx);
    await sql`release savepoint transparency_preview`.execute(trx);

    const earlier = new Map(before.map((p) => [p.scopeId, p]));
    const scopes = pages
      .filter((p) => p.schoolYear === year)
      .map((p) => {
        const report = TransparencyReportSchema.parse(JSON.parse(p.payload));
        const last = earlier.get(p.scopeId);
        const scope = p.scopeId === districtId ? DISTRICT_SCOPE : p.scopeId;
        return {
          report,
          withheld: withheldCells(report, scope, (family, at, key) => reasons.get(`${family}:${at}/${key}`)),
          lastPublishedAt: last?.publishedAt ?? null,
          changes: last ? changesBetween(TransparencyReportSchema.parse(JSON.parse(last.payload)), report) : [],
        };
      });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: { userId: actor.userId, role: actor.role }, districtId },
      { kind: 'transparency.previewed', year, minN: district.suppressionMinN },
    );
    return { year, minN: district.suppressionMinN, scopes };
  });
}

/** The engine's reason for a hidden cell of this year's release: family, scope (`district` or a school id), key. */
type ReasonOf = (family: Family, scope: string, key: string) => SuppressionReasonCode | undefined;
/** Where a page's figure comes from in the engine's publication: its family and key, or the group size of one. */
type Source = { family: Family; key: string; groupSize?: true } | null;

const TOTAL_ROW = 'all';

/** Count tables: the family and key prefix of each row (`all` is the family's total, `*`). */
const COUNT_TABLES: Record<string, { family: Family; prefix: string; column: string }> = {
  incident_types: { family: 'incidents', prefix: 'type:', column: 'incidents' },
  contacts_by_purpose: { family: 'contacts', prefix: 'purpose:', column: 'contacts' },
  mou_violations: { family: 'violations', prefix: 'kind:', column: 'violations' },
  restraint_and_force: { family: 'force', prefix: 'action:', column: 'actions' },
  response_times: { family: 'contacts', prefix: 'response:', column: 'contacts' },
};

/** Headline figures (summary cards, trend and schools rows) that are counts of the engine, by column. */
const HEADLINE_SOURCES: Record<string, Source> = {
  enrolled: { family: 'referred', key: `referred/${ALL}`, groupSize: true },
  studentsReferred: { family: 'referred', key: `referred/${ALL}` },
  students_referred: { family: 'referred', key: `referred/${ALL}` },
  studentsArrested: { family: 'arrested', key: `arrested/${ALL}` },
  students_arrested: { family: 'arrested', key: `arrested/${ALL}` },
  incidents: { family: 'incidents', key: '*' },
  contacts: { family: 'contacts', key: '*' },
  mouViolations: { family: 'violations', key: '*' },
};

/**
 * The engine cell a figure of the page shows, mirroring transparency.report.ts; null for a figure
 * computed from others (a rate, share, ratio or median). Kept beside the renderer's tests: a
 * withheld count whose source is missed here would read "computed from a withheld figure".
 */
function sourceOf(place: CellPlace): Source {
  const { table, row, dimension, column } = place;
  if (table === 'students_referred' || table === 'students_arrested') {
    const outcome = table === 'students_referred' ? 'referred' : 'arrested';
    const group = dimension === 'all' || dimension === undefined ? ALL : `${dimension}:${row}`;
    if (column === 'students') return { family: outcome, key: `${outcome}/${group}` };
    if (column === 'enrolled') return { family: 'referred', key: `referred/${group}`, groupSize: true };
    return null;
  }
  const count = COUNT_TABLES[table];
  if (count) {
    if (column !== count.column || row === 'median') return null;
    return {
      family: count.family,
      key: row === TOTAL_ROW ? (count.prefix === 'response:' ? 'response:*' : '*') : `${count.prefix}${row}`,
    };
  }
  if (table === 'classroom_response') {
    const family = row === 'officers' ? 'officers' : 'contacts';
    if (column === 'count') return { family, key: 'classroom' };
    if (column === 'of') return { family, key: family === 'officers' ? 'any' : '*' };
    return null;
  }
  if (table === 'highlights' || table === 'trend' || table === 'schools') return HEADLINE_SOURCES[column] ?? null;
  return null;
}

/** Every figure of a report with where it sits: the summary cards, then each table's cells. */
function placesOf(report: TransparencyReport): { place: CellPlace; label?: string; cell: Cell }[] {
  const out: { place: CellPlace; label?: string; cell: Cell }[] = Object.entries(report.highlights).map(
    ([key, cell]) => ({ place: { table: 'highlights', row: key, column: key }, cell }),
  );
  for (const t of report.tables)
    for (const r of t.rows)
      for (const [column, cell] of Object.entries(r.cells))
        out.push({
          place: { table: t.key, row: r.key, ...(r.dimension !== undefined && { dimension: r.dimension }), column },
          ...(r.label !== undefined && { label: r.label }),
          cell,
        });
  return out;
}

/**
 * Each withheld figure of one scope's report with its reason: the engine's for a count, the group
 * size for an enrollment under n, `derived` for a figure computed from a withheld one. A trend
 * row of another school year was withheld by that year's own release (`earlier`): the preview
 * releases one year only.
 */
export function withheldCells(report: TransparencyReport, scope: string, reasonOf: ReasonOf): PreviewWithheld[] {
  const out: PreviewWithheld[] = [];
  for (const { place, cell } of placesOf(report)) {
    if (cell !== SUPPRESSED) continue;
    const src = sourceOf(place);
    // A row of the district's schools table shows that school's own cells.
    const at = place.table === 'schools' ? place.row : scope;
    const reason: SuppressionReasonCode = !src
      ? 'derived'
      : src.groupSize
        ? 'group_size'
        : place.table === 'trend' && place.row !== report.year
          ? 'earlier'
          : // Every hidden cell of a release carries a reason (ledger reuse included); complementary is the rest.
            (reasonOf(src.family, at, src.key) ?? 'complementary');
    out.push({ ...place, reason });
  }
  return out;
}

/** What differs between the page the public reads now and the preview, figure by figure. */
export function changesBetween(before: TransparencyReport, after: TransparencyReport): PreviewChange[] {
  const key = (p: CellPlace) => `${p.table}|${p.dimension ?? ''}|${p.row}|${p.column}`;
  const old = new Map(placesOf(before).map((x) => [key(x.place), x]));
  const out: PreviewChange[] = [];
  for (const x of placesOf(after)) {
    const k = key(x.place);
    const was = old.get(k);
    old.delete(k);
    const label = x.label !== undefined ? { label: x.label } : {};
    if (!was) {
      out.push({ ...x.place, ...label, change: 'added', after: x.cell });
      continue;
    }
    if (JSON.stringify(was.cell) === JSON.stringify(x.cell)) continue;
    const change = x.cell === SUPPRESSED ? 'hidden' : was.cell === SUPPRESSED ? 'shown' : 'changed';
    out.push({ ...x.place, ...label, change, before: was.cell, after: x.cell });
  }
  for (const was of old.values())
    out.push({
      ...was.place,
      ...(was.label !== undefined && { label: was.label }),
      change: 'removed',
      before: was.cell,
    });
  return out;
}
