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
}
