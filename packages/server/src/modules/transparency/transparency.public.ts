import {
  type TransparencyIndex,
  type TransparencyReport,
  TRANSPARENCY_TABLES,
  type TransparencyTableKey,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { districtOrNotFound } from '../../shared/load-district.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { RECHECK_MS, type WirePage, cachedWirePage, keepWirePage } from './transparency.http.js';
import { findPage, findPageVersion, publishedYears } from './transparency.repository.js';

/**
 * Public reads of the published report (no sign-in, no authorization: everything stored in
 * transparency_pages already passed the suppression engine). A report is read with one
 * primary-key lookup and served as the stored text (transparency.routes.ts).
 */
export type Scope = 'district' | 'school';

/** 2025-26: four digits, a dash, the next year's last two digits. */
export function checkYear(year: string): void {
  const ok =
    year.length === 7 &&
    year[4] === '-' &&
    /^\d{4}-\d{2}$/.test(year) &&
    (Number(year.slice(0, 4)) + 1) % 100 === Number(year.slice(5));
  if (!ok) throw new ValidationError('year must be a school year like 2025-26');
}

const notPublished = (scope: Scope, year: string) =>
  new NotFoundError('Transparency report', `No transparency report is published for this ${scope} for ${year}`);

/** The stored JSON of a scope's report for a year. */
export async function readPublishedPage(
  ctx: Pick<AppContext, 'db'>,
  scope: Scope,
  id: string,
  year: string,
): Promise<string> {
  checkYear(year);
  const row = await findPage(ctx.db, id, year);
  // The district's own page has scope id = district id; a school id never equals its district's.
  if (!row || (row.districtId === id) !== (scope === 'district')) throw notPublished(scope, year);
  return row.payload;
}

/**
 * This process's copy when it was confirmed less than RECHECK_MS ago and belongs to this scope;
 * otherwise undefined, and readWirePage asks the database. Synchronous, so that nearly every
 * request for a report is answered without a promise.
 */
export function freshWirePage(
  ctx: Pick<AppContext, 'db'>,
  scope: Scope,
  id: string,
  year: string,
): WirePage | undefined {
  const page = cachedWirePage(ctx.db, `${id}|${year}`);
  return page && isConfirmed(page, Date.now()) && inScope(page, scope, id) ? page : undefined;
}

/**
 * The page as sent over HTTP (transparency.http.ts): this process's copy while it was confirmed
 * less than RECHECK_MS ago; otherwise the short ETag is read, and the text only when it changed.
 */
export async function readWirePage(
  ctx: Pick<AppContext, 'db'>,
  scope: Scope,
  id: string,
  year: string,
): Promise<WirePage> {
  checkYear(year);
  const key = `${id}|${year}`;
  const now = Date.now();
  let page = cachedWirePage(ctx.db, key);
  if (!page || !isConfirmed(page, now)) {
    const version = await findPageVersion(ctx.db, id, year);
    if (!version) throw notPublished(scope, year);
    if (page?.etag === version.etag) page.checkedAt = now;
    else {
      // Read again in full: a publication between the two reads is then served whole, with its own ETag.
      const row = await findPage(ctx.db, id, year);
      if (!row) throw notPublished(scope, year);
      page = keepWirePage(ctx.db, key, row, now);
    }
  }
  if (!inScope(page, scope, id)) throw notPublished(scope, year);
  return page;
}

/** The database confirmed this copy less than RECHECK_MS ago. */
const isConfirmed = (page: WirePage, now: number) => now - page.checkedAt < RECHECK_MS;

/** The district's own page has scope id = district id; a school id never equals its district's. */
const inScope = (page: WirePage, scope: Scope, id: string) => (page.districtId === id) === (scope === 'district');

export async function readPublishedReport(
  ctx: Pick<AppContext, 'db'>,
  scope: Scope,
  id: string,
  year: string,
): Promise<TransparencyReport> {
  return JSON.parse(await readPublishedPage(ctx, scope, id, year)) as TransparencyReport;
}

export async function transparencyIndex(ctx: Pick<AppContext, 'db'>, districtId: string): Promise<TransparencyIndex> {
  await districtOrNotFound(ctx.db, districtId);
  const years = (await publishedYears(ctx.db, districtId)).map((r) => r.schoolYear);
  return { districtId, years, latestYear: years[0] ?? null };
}

/** `<table>.csv` or `<table>.json` -> the table and format; 404 for a table that does not exist. */
export function parseTableFile(file: string): { table: TransparencyTableKey; format: 'csv' | 'json' } {
  const m = /^([a-z0-9_]+)\.(csv|json)$/.exec(file);
  if (!m)
    throw new NotFoundError(
      'Table',
      `No such file: ${file.slice(0, 64)} (use <table>.csv or <table>.json; tables: ${TRANSPARENCY_TABLES.join(', ')})`,
    );
  if (!(TRANSPARENCY_TABLES as readonly string[]).includes(m[1]!))
    throw new NotFoundError('Table', `No table ${m[1]} (tables: ${TRANSPARENCY_TABLES.join(', ')})`);
  return { table: m[1] as TransparencyTableKey, format: m[2] as 'csv' | 'json' };
}
