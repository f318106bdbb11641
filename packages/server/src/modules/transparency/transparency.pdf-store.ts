import type { TransparencyReport } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import { fileName } from './transparency.csv.js';
import type { Lang } from './transparency.labels.js';
import { renderTransparencyPdf } from './transparency.pdf.js';
import { checkYear, type Scope } from './transparency.public.js';
import { findPage } from './transparency.repository.js';

/**
 * The annual report PDF, made once per publication and language (issue 12.6) and served from
 * transparency_report_files afterwards: a public request reads the page and the stored file,
 * and renders only when the page changed since the file was made (a publication
 * that changed the figures gives the page a new ETag). Two first requests at once may both
 * render; the second write replaces the first with the same file.
 */
export async function transparencyPdf(
  ctx: Pick<AppContext, 'db'>,
  scope: Scope,
  id: string,
  year: string,
  lang: Lang,
): Promise<{ pdf: Buffer; name: string }> {
  checkYear(year);
  const notPublished = () =>
    new NotFoundError('Transparency report', `No transparency report is published for this ${scope} for ${year}`);
  const page = await findPage(ctx.db, id, year);
  // The district's own page has scope id = district id; a school id never equals its district's.
  if (!page || (page.districtId === id) !== (scope === 'district')) throw notPublished();
  const stored = await ctx.db
    .selectFrom('transparencyReportFiles')
    .select(['etag', 'content'])
    .where('scopeId', '=', id)
    .where('schoolYear', '=', year)
    .where('lang', '=', lang)
    .executeTakeFirst();
  const report = JSON.parse(page.payload) as TransparencyReport;
  const name = fileName(report, `report-${lang}`, 'pdf');
  if (stored && stored.etag === page.etag) return { pdf: Buffer.from(stored.content), name };
  const pdf = await renderTransparencyPdf(report, lang);
  const row = { etag: page.etag, content: pdf, createdAt: nowIso() };
  await ctx.db
    .insertInto('transparencyReportFiles')
    .values({ scopeId: id, schoolYear: year, lang, ...row })
    .onConflict((oc) => oc.columns(['scopeId', 'schoolYear', 'lang']).doUpdateSet(row))
    .execute();
  return { pdf, name };
}
