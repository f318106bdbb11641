import type SQLite from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/database.js';
import type { Mailer } from '../modules/mail/mailer.js';

/** What every service needs, built once in buildApp and passed explicitly (no injection magic). */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: Config;
  mailer: Mailer;
  log: FastifyBaseLogger;
  /** The raw better-sqlite3 handle (null on PostgreSQL): only for bulk writes, inside a Kysely transaction. */
  sqlite?: SQLite.Database | null;
}
