import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { AnchorError, type AuditAnchor, openAnchor } from './audit.anchor.js';
import { makeAnchor } from './audit.service.js';

/** Writes an anchor to a new file, 0600 (never over an existing one: an older anchor is evidence). */
export function writeAnchorFile(file: string, anchor: AuditAnchor): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(anchor, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
}

export function readAnchorFile(ctx: Pick<AppContext, 'config'>, file: string): AuditAnchor {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AnchorError(`Cannot read the anchor file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return openAnchor(ctx.config, text);
}

/**
 * `forefront serve` (worker 0) writes an anchor at start and every AUDIT_ANCHOR_INTERVAL minutes
 * into AUDIT_ANCHOR_DIR, named by its time. Copy them off the machine (docs/operations.md): an
 * anchor beside the database can be deleted together with it.
 */
export function scheduleAuditAnchors(app: FastifyInstance, ctx: AppContext): void {
  const { intervalMinutes, dir } = ctx.config.auditAnchor;
  if (intervalMinutes === 0) return;
  const write = async () => {
    try {
      const anchor = await makeAnchor(ctx);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `audit-anchor-${anchor.createdAt.replace(/[:.]/g, '-')}.json`);
      writeAnchorFile(file, anchor);
      app.log.info({ file, chains: anchor.heads.length }, 'audit anchor written');
    } catch (err) {
      // Serving goes on; the operator sees why no anchor was written.
      app.log.error({ err }, 'could not write the audit anchor');
    }
  };
  const timer = setInterval(() => void write(), intervalMinutes * 60_000);
  timer.unref();
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    done();
  });
  void write();
}
