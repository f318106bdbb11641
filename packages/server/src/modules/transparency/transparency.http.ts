import { hash } from 'node:crypto';
import { brotliCompress, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';

/**
 * How a stored report goes over HTTP. It is the same text for every reader until the district
 * publishes again, so each process keeps, per page, a copy with its gzip form, made once:
 *
 * - `ETag` (a hash of the text, stored with the page) with `Cache-Control: no-cache`: a browser
 *   revalidates every time (a new publication shows at once) and an unchanged report costs a 304
 *   with no body;
 * - brotli or gzip when the client accepts it (every browser does): the 14-16 KB report is about
 *   1.9 KB as brotli at its highest quality, 2.4 KB as gzip. Each form is made once per
 *   publication, not per request. Brotli's best quality takes ~15 ms for a district report, so it
 *   is made in the thread pool while the first requests get gzip (0.1 ms, made in line).
 *
 * The copy is served from memory. A publication by this process drops its district's copies at
 * once (publishTransparency); a publication by another worker or the CLI is seen at the next
 * check, when a request finds its copy checked more than RECHECK_MS ago and reads the page's short
 * ETag from the database (the 14-16 KB text only when that changed). Even one indexed read per
 * request was a large part of the route's cost (docs/benchmarks.md); a public report one second
 * late on another worker is not.
 */
export interface WirePage {
  districtId: string;
  etag: string;
  payload: string;
  gzip: Buffer | null;
  /** null until made; 'pending' while the thread pool makes it. */
  br: Buffer | 'pending' | null;
  /** Date.now() when the database last confirmed this is the published version. */
  checkedAt: number;
}

/** How long a process serves its copy before asking the database whether it is still current. */
export const RECHECK_MS = 1_000;

const JSON_TYPE = 'application/json; charset=utf-8';
/** Pages kept per database: a state deployment's districts and schools times a few years. */
const MAX_PAGES = 5_000;
const caches = new WeakMap<Db, Map<string, WirePage>>();

/** The ETag of a page's JSON text, computed when it is published. */
export const pageEtag = (payload: string): string => hash('sha256', payload, 'base64url').slice(0, 32);

function cacheOf(db: Db): Map<string, WirePage> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, WirePage>()));
  return cache;
}

/** This process's copy of a page, whatever its age. */
export const cachedWirePage = (db: Db, key: string): WirePage | undefined => cacheOf(db).get(key);

export function keepWirePage(
  db: Db,
  key: string,
  row: { districtId: string; etag: string; payload: string },
  now: number,
): WirePage {
  const cache = cacheOf(db);
  if (!cache.has(key) && cache.size >= MAX_PAGES) cache.delete(cache.keys().next().value!);
  const page: WirePage = {
    districtId: row.districtId,
    etag: row.etag,
    payload: row.payload,
    gzip: null,
    br: null,
    checkedAt: now,
  };
  cache.set(key, page);
  return page;
}

/** A district published: its copies in this process are stale from now on. */
export function forgetWirePages(db: Db, districtId: string): void {
  const cache = caches.get(db);
  if (cache) for (const [key, page] of cache) if (page.districtId === districtId) cache.delete(key);
}

type Coding = 'br' | 'gzip' | null;

/** Browsers send a handful of distinct Accept-Encoding values: parse each once. */
const codings = new Map<string, Coding>();

/**
 * The coding to send for an Accept-Encoding header (RFC 9110 12.5.3): the higher q of br and
 * gzip, br on a tie (it is smaller), `*` standing for either when not named; q=0 refuses.
 */
function chooseCoding(header: string | undefined): Coding {
  if (!header) return null;
  let coding = codings.get(header);
  if (coding === undefined) {
    const q = new Map<string, number>();
    for (const part of header.split(',')) {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const value = weight ? Number(weight.slice(2)) : 1;
      q.set(name!.trim(), Number.isFinite(value) ? value : 0);
    }
    const of = (name: string) => q.get(name) ?? q.get('*') ?? 0;
    const br = of('br');
    const gzip = of('gzip');
    coding = br > 0 && br >= gzip ? 'br' : gzip > 0 ? 'gzip' : null;
    if (codings.size < 100) codings.set(header, coding);
  }
  return coding;
}

/** The page's brotli form, or null while it is being made (the caller sends gzip meanwhile). */
function brotliOf(page: WirePage): Buffer | null {
  if (page.br === null) {
    page.br = 'pending';
    const params = {
      [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(page.payload),
    };
    brotliCompress(page.payload, { params }, (err, out) => {
      // On failure (out of memory, say) gzip keeps being served; the next publication retries.
      if (!err) page.br = out;
    });
  }
  return page.br === 'pending' ? null : page.br;
}

/** If-None-Match holding this ETag (a list, a weak form, or *). */
function isFresh(header: string | undefined, quoted: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === quoted);
}

/** Sends the page: 304 when the client has it, brotli or gzip when accepted, the stored text otherwise. */
export function sendWirePage(request: FastifyRequest, reply: FastifyReply, page: WirePage) {
  const quoted = `"${page.etag}"`;
  reply.header('etag', quoted).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (isFresh(request.headers['if-none-match'], quoted)) return reply.code(304).send();
  reply.header('content-type', JSON_TYPE);
  const coding = chooseCoding(request.headers['accept-encoding']);
  if (coding === null) return reply.send(page.payload);
  const br = coding === 'br' ? brotliOf(page) : null;
  if (br) return reply.header('content-encoding', 'br').send(br);
  page.gzip ??= gzipSync(page.payload);
  return reply.header('content-encoding', 'gzip').send(page.gzip);
}
