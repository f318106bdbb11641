import { hash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';

/**
 * How a stored report goes over HTTP. It is the same text for every reader until the district
 * publishes again, so each process keeps, per page, a copy with its gzip form, made once:
 *
 * - `ETag` (a hash of the text, stored with the page) with `Cache-Control: no-cache`: a browser
 *   revalidates every time (a new publication shows at once) and an unchanged report costs a 304
 *   with no body;
 * - gzip when the client accepts it (every browser does): the 14-16 KB report is about 2.4 KB on
 *   the wire, compressed once per publication instead of per request.
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
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** This process's copy of a page, whatever its age. */
export const cachedWirePage = (db: Db, key: string): WirePage | undefined => cacheOf(db).get(key);

export function keepWirePage(db: Db, key: string, row: { districtId: string; etag: string; payload: string }, now: number): WirePage {
  const cache = cacheOf(db);
  if (!cache.has(key) && cache.size >= MAX_PAGES) cache.delete(cache.keys().next().value!);
  const page: WirePage = { districtId: row.districtId, etag: row.etag, payload: row.payload, gzip: null, checkedAt: now };
  cache.set(key, page);
  return page;
}

/** A district published: its copies in this process are stale from now on. */
export function forgetWirePages(db: Db, districtId: string): void {
  const cache = caches.get(db);
  if (cache) for (const [key, page] of cache) if (page.districtId === districtId) cache.delete(key);
}

/** Browsers send a handful of distinct Accept-Encoding values: parse each once. */
const gzipAccepted = new Map<string, boolean>();

/** True when Accept-Encoding lists gzip (or *) without q=0. */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let yes = gzipAccepted.get(header);
  if (yes === undefined) {
    yes = header.split(',').some((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(';');
      if (coding !== 'gzip' && coding !== '*') return false;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return !q || Number(q.slice(2)) > 0;
    });
    if (gzipAccepted.size < 100) gzipAccepted.set(header, yes);
  }
  return yes;
}

/** If-None-Match holding this ETag (a list, a weak form, or *). */
function isFresh(header: string | undefined, quoted: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === quoted);
}

/** Sends the page: 304 when the client has it, gzip when accepted, the stored text otherwise. */
export function sendWirePage(request: FastifyRequest, reply: FastifyReply, page: WirePage) {
  const quoted = `"${page.etag}"`;
  reply.header('etag', quoted).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (isFresh(request.headers['if-none-match'], quoted)) return reply.code(304).send();
  reply.header('content-type', JSON_TYPE);
  if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(page.payload);
  page.gzip ??= gzipSync(page.payload);
  return reply.header('content-encoding', 'gzip').send(page.gzip);
}
