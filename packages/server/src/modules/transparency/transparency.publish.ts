import { type PublishTransparencyResult, SchoolYearSchema, localDate, schoolYearOfDate } from '@forefront/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { type LoadedDistrict, districtOrNotFound, loadDistrictFor } from '../../shared/load-district.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { appendAudit } from '../audit/audit.service.js';
import { findAllSchools } from '../districts/district.repository.js';
import { type Release, latestReleaseInput, releasePublication } from '../suppression/suppression.ledger.js';
import type { Publication, SuppressionResult } from '../suppression/suppression.types.js';
import { ensureEnrollment } from './transparency.enrollment.js';
import { safeArrests } from './transparency.joint.js';
import { DISTRICT_SCOPE, FAMILIES, type Family, buildPublications, datasetOf } from './transparency.publication.js';
import { forgetWirePages, pageEtag } from './transparency.http.js';
import { type ReportContext, renderReport } from './transparency.report.js';
import { publishTrainingIn } from './transparency.training.js';
import { publishEquityIn } from '../equity/equity.public.js';
import {
  loadOfficerCounts,
  loadYearCounts,
  replacePages,
  yearsReleased,
  yearsWithCounts,
} from './transparency.repository.js';
import { type FamilyRelease, PublishedYear } from './transparency.view.js';

/**
 * Publishing the public transparency report (docs/transparency.md, "Publishing"): an explicit step
 * (the CLI, the administrator's API call, the demo load), never a public request, because the
 * suppression engine's attacker takes seconds on a large district. In one transaction: the roster
 * snapshot for years that have none, every family of every year to publish through the release
 * ledger, every year's pages rendered again (the trend row of a year depends on the others), and
 * the audit event.
 */
export interface PublishProgress {
  year: string;
  family: Family;
  published: number;
  suppressed: number;
  changed: boolean;
  ms: number;
}

export interface PublishOptions {
  year?: string;
  onProgress?: (p: PublishProgress) => void;
  now?: Date;
  /**
   * Publish again every year released before too, even one that has no figures now (they moved
   * to another year when the district's clock changed): its public page then says so instead of
   * keeping figures its incidents no longer make. Ignored with `year`.
   */
  republishReleased?: boolean;
}

export async function publishTransparency(
  ctx: AppContext,
  actor: Actor | null,
  districtId: string,
  opts: PublishOptions = {},
): Promise<PublishTransparencyResult> {
  // A null actor is the operator at the CLI (or the demo loader): no policy, recorded as the system.
  const district = actor
    ? await loadDistrictFor(ctx.db, actor, 'transparency.publish', districtId)
    : await districtOrNotFound(ctx.db, districtId);
  const published = await ctx.db.transaction().execute(async (trx) => {
    const { result, publishedAt, pages } = await publishIn(trx, ctx, district, opts);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: actor && { userId: actor.userId, role: actor.role }, districtId },
      {
        kind: 'transparency.published',
        years: result.map((r) => r.year),
        changed: result.filter((r) => r.changed).map((r) => r.year),
        minN: district.suppressionMinN,
        schools: new Set(pages.filter((p) => p.scopeId !== districtId).map((p) => p.scopeId)).size,
      },
    );
    return { years: result, publishedAt };
  });
  // This process serves the new pages from its next request (other processes within RECHECK_MS).
  forgetWirePages(ctx.db, districtId);
  return published;
}

/** A family's release as the engine made it (or reused it), for a caller that shows why cells are hidden. */
export type ReleaseObserver = (year: string, family: Family, release: Release) => void;

/**
 * The body of a publication, inside the caller's transaction, after authorization: the releases
 * through the ledger and every page rendered and stored. Shared by the publication and its
 * preview (transparency.preview.ts), which runs it under a savepoint it rolls back, so that a
 * preview is exactly what publishing would make.
 */
export async function publishIn(
  trx: Db,
  ctx: AppContext,
  district: LoadedDistrict,
  opts: PublishOptions & { onRelease?: ReleaseObserver },
) {
  const districtId = district.id;
  if (opts.year !== undefined && !SchoolYearSchema.safeParse(opts.year).success)
    throw new ValidationError('year must be a school year like 2025-26');
  const publishedAt = (opts.now ?? new Date()).toISOString();
  const n = district.suppressionMinN;

  // Two publications of one district at once would interleave their ledger releases.
  if (ctx.dialect === 'postgres') await sql`select id from districts where id = ${districtId} for update`.execute(trx);
  const withCounts = await yearsWithCounts(trx, districtId);
  if (opts.year !== undefined && !withCounts.includes(opts.year))
    throw new NotFoundError('Figures', `No figures are recorded for ${opts.year} in this district`);
  const released = await yearsReleased(trx, districtId, datasetOf('referred'));
  const toPublish = new Set(
    opts.year !== undefined ? [opts.year] : [...withCounts, ...(opts.republishReleased ? released : [])],
  );
  const schools = await findAllSchools(trx, districtId);
  const schoolIds = schools.map((s) => s.id);

  // Years published before and not now: their latest releases, as they are (a year missing a family is published again).
  const years = new Map<string, { n: number; fams: Record<Family, FamilyRelease> }>();
  for (const year of released.filter((y) => !toPublish.has(y))) {
    const earlier = await earlierReleases(trx, districtId, year);
    if (earlier) years.set(year, earlier);
    else toPublish.add(year);
  }
  await ensureEnrollment(trx, districtId, [...toPublish], localDate(publishedAt, district.timeZone));

  const result: PublishTransparencyResult['years'] = [];
  for (const year of [...toPublish].sort()) {
    const counts = await loadYearCounts(trx, districtId, year, schoolIds);
    const pubs = buildPublications(counts, await loadOfficerCounts(trx, districtId, year));
    const fams = {} as Record<Family, FamilyRelease>;
    const row = { year, published: 0, suppressed: 0, changed: false };
    let referredChanged = true;
    for (const family of FAMILIES) {
      const started = performance.now();
      const release = await releasePublication(
        trx,
        { districtId, dataset: datasetOf(family), period: year, n, publication: pubs[family] },
        undefined,
        family === 'arrested' ? { withhold: arrestsCheck(fams.referred, referredChanged, pubs.arrested, n) } : {},
      );
      if (family === 'referred') referredChanged = release.created;
      if (release.exposed.length)
        ctx.log.warn(
          { districtId, year, family, exposed: release.exposed.length },
          'transparency: cells exposed by earlier releases',
        );
      opts.onRelease?.(year, family, release);
      fams[family] = { publication: pubs[family], published: release.published };
      const p = { published: Object.keys(release.published).length, suppressed: release.hidden.length };
      row.published += p.published;
      row.suppressed += p.suppressed;
      row.changed ||= release.created;
      opts.onProgress?.({
        year,
        family,
        ...p,
        changed: release.created,
        ms: Math.round(performance.now() - started),
      });
    }
    years.set(year, { n, fams });
    result.push(row);
  }

  const published = [...years.keys()].sort().map((y) => new PublishedYear(y, years.get(y)!.n, years.get(y)!.fams));
  const rctx: ReportContext = {
    district: {
      id: district.id,
      name: district.name,
      state: district.state,
      ncesLeaId: district.ncesLeaId,
      timeZone: district.timeZone,
    },
    schools: new Map(schools.map((s) => [s.id, { id: s.id, name: s.name, ncesSchoolId: s.ncesSchoolId }])),
    years: published,
    publishedAt,
  };
  const pages = published.flatMap((y) =>
    [DISTRICT_SCOPE, ...y.schoolIds.filter((s) => rctx.schools.has(s))].map((scope) => {
      const payload = JSON.stringify(renderReport(rctx, y, scope));
      return {
        schoolYear: y.year,
        scopeId: scope === DISTRICT_SCOPE ? district.id : scope,
        payload,
        etag: pageEtag(payload),
        publishedAt,
      };
    }),
  );
  await replacePages(trx, districtId, pages);
  // Issue 14: the officers' training and time section, released through the ledger with the figures.
  await publishTrainingIn(trx, district, publishedAt);
  // Issue 15: the equity table (when the district turns it on), beside the year's released referral figures.
  const equityYear = schoolYearOfDate(localDate(publishedAt, district.timeZone), district.schoolYearStart);
  await publishEquityIn(trx, district, publishedAt, years.get(equityYear)?.fams.referred.published);
  return { result, publishedAt, pages };
}

/**
 * The arrest figures' check against the year's referral figures (transparency.joint.ts): the
 * arrest cells to withhold. A reused arrest release was checked against these same referral
 * figures when it was made, unless the referral release changed since.
 */
function arrestsCheck(referred: FamilyRelease, referredChanged: boolean, publication: Publication, n: number) {
  return (result: SuppressionResult, reused: boolean): string[] => {
    if (reused && !referredChanged) return [];
    const safe = safeArrests(referred, { publication, published: result.published }, n);
    return Object.keys(result.published).filter((id) => !Object.hasOwn(safe.published, id));
  };
}

/** Every family's latest release of a year and the n it was suppressed at, or null when a family is missing. */
async function earlierReleases(
  db: Db,
  districtId: string,
  year: string,
): Promise<{ n: number; fams: Record<Family, FamilyRelease> } | null> {
  const fams = {} as Record<Family, FamilyRelease>;
  let n = 0;
  for (const family of FAMILIES) {
    const r = await latestReleaseInput(db, districtId, datasetOf(family), year);
    if (!r) return null;
    fams[family] = { publication: r.publication, published: r.published };
    // Group sizes below the largest n of the year's releases stay hidden: no family's engine assumed them public.
    n = Math.max(n, r.n);
  }
  return { n, fams };
}

/** When each year was last published (district administrator, auditor). */
export async function transparencyStatus(ctx: AppContext, actor: Actor, districtId: string) {
  const district = await loadDistrictFor(ctx.db, actor, 'transparency.status', districtId);
  const rows = await ctx.db
    .selectFrom('transparencyPages')
    .select(['schoolYear', 'publishedAt'])
    .where('scopeId', '=', districtId)
    .orderBy('schoolYear', 'desc')
    .execute();
  return {
    id: districtId,
    minN: district.suppressionMinN,
    years: rows.map((r) => ({ year: r.schoolYear, publishedAt: r.publishedAt })),
  };
}
