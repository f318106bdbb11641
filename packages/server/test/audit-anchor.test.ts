import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../src/modules/audit/audit.chain.js';
import { appendAudit } from '../src/modules/audit/audit.service.js';
import { newId } from '../src/shared/ids.js';
import {
  type AuditEventRow,
  type CliTarget,
  cliOk,
  createCliTarget,
  rawSql,
  runCli,
  startServer,
  withContext,
} from './cli-helpers.js';
import { TEST_DIALECT } from './harness.js';

const EVENTS = 30;
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe(`forefront audit anchor on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  const district = newId();
  let anchorFile: string;

  const chainRows = async (chain: string) =>
    (await rawSql<AuditEventRow>(target, 'select * from audit_events where chain = $1 order by seq', [chain])).map(
      (e) => ({
        ...e,
        seq: Number(e.seq),
      }),
    );

  /** Puts a chain back exactly as it was: its events and its head. */
  const restore = async (chain: string, rows: AuditEventRow[]) => {
    await rawSql(target, 'delete from audit_events where chain = $1', [chain]);
    for (const e of rows)
      await rawSql(
        target,
        'insert into audit_events (chain, seq, district_id, at, actor_id, actor_role, kind, payload, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [e.chain, e.seq, e.district_id, e.at, e.actor_id, e.actor_role, e.kind, e.payload, e.prev_hash, e.hash],
      );
    await rawSql(target, 'delete from audit_heads where chain = $1', [chain]);
    const last = rows.at(-1)!;
    await rawSql(target, 'insert into audit_heads (chain, seq, hash) values ($1, $2, $3)', [
      chain,
      last.seq,
      last.hash,
    ]);
  };

  const verify = (...args: string[]) => runCli(['audit', 'verify', ...args], target);

  beforeAll(async () => {
    target = await createCliTarget();
    await cliOk(['migrate'], target);
    // A district's chain and the system chain, appended the way the app appends.
    await withContext(target.database, async (ctx) => {
      for (let i = 0; i < EVENTS; i++)
        await ctx.db.transaction().execute(async (trx) => {
          await appendAudit(
            trx,
            { dialect: ctx.dialect, actor: null, districtId: district },
            {
              kind: 'audit.verified',
              ok: true,
              checked: i,
            },
          );
          if (i < 3)
            await appendAudit(
              trx,
              { dialect: ctx.dialect, actor: null, districtId: null },
              {
                kind: 'demo.loaded',
                seed: i,
              },
            );
        });
    });
    anchorFile = join(target.dataDir, 'anchor-1.json');
    const out = await cliOk(['audit', 'anchor', '--out', anchorFile], target);
    expect(out).toContain(`Anchored 2 chains (${EVENTS + 3} events) in ${anchorFile}`);
  }, 60_000);
  afterAll(() => target?.drop());

  it('signs the heads with a key created 0600 outside the database, into a new 0600 file', async () => {
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8'));
    const rows = await chainRows(district);
    expect(anchor.heads).toContainEqual({ chain: district, seq: EVENTS, hash: rows.at(-1)!.hash, count: EVENTS });
    expect(anchor.heads).toContainEqual(expect.objectContaining({ chain: 'system', seq: 3, count: 3 }));
    expect(mode(anchorFile)).toBe('600');
    expect(mode(join(target.dataDir, 'keys', 'audit-anchor.key'))).toBe('600');
    const again = await runCli(['audit', 'anchor', '--out', anchorFile], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const ok = await verify('--anchor', anchorFile);
    expect(ok.stdout).toContain(`Audit trail intact: ${EVENTS + 3} events verified and against the anchor`);
    expect(ok.code).toBe(0);
  });

  it('sees a truncated tail with the head moved back, which the plain verify cannot', async () => {
    const rows = await chainRows(district);
    const keep = rows[EVENTS - 6]!;
    await rawSql(target, 'delete from audit_events where chain = $1 and seq > $2', [district, keep.seq]);
    await rawSql(target, 'update audit_heads set seq = $1, hash = $2 where chain = $3', [
      keep.seq,
      keep.hash,
      district,
    ]);
    try {
      const [plain, r] = await Promise.all([verify(), verify('--anchor', anchorFile)]);
      expect(plain.code).toBe(0);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`BROKEN at chain ${district}, event #${EVENTS}`);
      expect(r.stderr).toContain('truncated');
    } finally {
      await restore(district, rows);
    }
  });

  it('sees a chain deleted whole, events and head, which the plain verify cannot', async () => {
    const rows = await chainRows('system');
    await rawSql(target, "delete from audit_events where chain = 'system'");
    await rawSql(target, "delete from audit_heads where chain = 'system'");
    try {
      const [plain, r] = await Promise.all([verify(), verify('--anchor', anchorFile)]);
      expect(plain.code).toBe(0);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('BROKEN at chain system, event #3');
      expect(r.stderr).toContain('chain deleted');
    } finally {
      await restore('system', rows);
    }
  });

  it('sees a chain rewritten and re-hashed from an early event on, which the plain verify cannot', async () => {
    const rows = await chainRows(district);
    let prevHash = rows[0]!.prev_hash;
    const forged = rows.map((e, i) => {
      const payload = i === 2 ? '{"checked":999,"ok":false}' : e.payload;
      const hash = eventHash({
        chain: e.chain,
        seq: e.seq,
        districtId: e.district_id,
        at: e.at,
        actorId: e.actor_id,
        actorRole: e.actor_role,
        kind: e.kind,
        payload,
        prevHash,
      });
      const row = { ...e, payload, prev_hash: prevHash, hash };
      prevHash = hash;
      return row;
    });
    await restore(district, forged);
    try {
      const [plain, r] = await Promise.all([verify(), verify('--anchor', anchorFile)]);
      expect(plain.code).toBe(0);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`BROKEN at chain ${district}, event #${EVENTS}`);
      expect(r.stderr).toContain('rewritten');
    } finally {
      await restore(district, rows);
    }
  });

  it('refuses an altered, forged, foreign or unreadable anchor file with exit 2 and says why', async () => {
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8'));
    const altered = join(target.dataDir, 'altered.json');
    // The attacker's edit after truncating: the anchored head moved back to match.
    writeFileSync(
      altered,
      JSON.stringify({ ...anchor, heads: anchor.heads.map((h: { seq: number }) => ({ ...h, seq: h.seq - 1 })) }),
    );
    const a = await verify('--anchor', altered);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('signature does not match its content: the file was altered or forged');

    const foreign = await runCli(['audit', 'verify', '--anchor', anchorFile], {
      env: { ...target.env, FOREFRONT_AUDIT_ANCHOR_KEY: Buffer.alloc(32, 1).toString('base64') },
    });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('signed with another key');

    const garbage = join(target.dataDir, 'garbage.json');
    writeFileSync(garbage, 'not an anchor');
    const g = await verify('--anchor', garbage);
    expect(g.code).toBe(2);
    expect(g.stderr).toContain('not a Forefront audit anchor');

    const missing = await verify('--anchor', join(target.dataDir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read the anchor file');
  });

  it('verifies again once every chain is back: the check is about content', async () => {
    const r = await verify('--anchor', anchorFile);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('forefront serve writes a signed anchor at start into AUDIT_ANCHOR_DIR', async () => {
    const dir = join(target.dataDir, 'served-anchors');
    const server = await startServer(target, { env: { AUDIT_ANCHOR_INTERVAL: '60', AUDIT_ANCHOR_DIR: dir } });
    try {
      const deadline = Date.now() + 10_000;
      while (!(existsSync(dir) && readdirSync(dir).length) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await server.stop();
    }
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^audit-anchor-.*\.json$/);
    expect(mode(join(dir, file!))).toBe('600');
    const r = await verify('--anchor', join(dir, file!));
    expect(r.code).toBe(0);
    const off = join(target.dataDir, 'off-anchors');
    const quiet = await startServer(target, { env: { AUDIT_ANCHOR_INTERVAL: '0', AUDIT_ANCHOR_DIR: off } });
    await quiet.stop();
    expect(existsSync(off)).toBe(false);
  }, 60_000);
});
