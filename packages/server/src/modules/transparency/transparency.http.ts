import { hash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';

/**
 * How a stored report goes over HTTP. It is the same text for every reader until the district
 * publishes again, so each process keeps, per page, its ETag and its gzip form, made once:
 *
 * - `ETag` with `Cache-Control: no-cache`: a browser revalidates every time (a new publication
 *   shows at once) and an unchanged report costs a 304 with no body;
 * - gzip when the client accepts it (every browser does): the 14-16 KB report is about 2.4 KB on
 *   the wire, compressed once per publication instead of per request.
 *
 * The entry is used only while the stored text is identical (compared on every read), so a new
 * publication by this process, another worker or the CLI is served from its first read on.
 */
export interface WirePage {
  payload: string;
  etag: string;
  gzip: Buffer | null;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Pages kept per database: a state deployment's districts and schools times a few years. */
const MAX_PAGES = 5_000;
const caches = new WeakMap<Db, Map<string, WirePage>>();

export function wirePage(db: Db, key: string, payload: string): WirePage {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.payload === payload) return hit;
  const page: WirePage = { payload, etag: `"${hash('sha256', payload, 'base64url').slice(0, 32)}"`, gzip: null };
  if (!hit && cache.size >= MAX_PAGES) cache.delete(cache.keys().next().value!);
  cache.set(key, page);
  return page;
}

/** True when Accept-Encoding lists gzip (or *) without q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** If-None-Match holding this ETag (a list, a weak form, or *). */
function isFresh(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Sends the page: 304 when the client has it, gzip when accepted, the stored text otherwise. */
export function sendWirePage(request: FastifyRequest, reply: FastifyReply, page: WirePage) {
  reply.header('etag', page.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (isFresh(request.headers['if-none-match'], page.etag)) return reply.code(304).send();
  reply.header('content-type', JSON_TYPE);
  if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(page.payload);
  page.gzip ??= gzipSync(page.payload);
  return reply.header('content-encoding', 'gzip').send(page.gzip);
}
