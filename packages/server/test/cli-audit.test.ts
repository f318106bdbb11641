import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoResult } from '../src/modules/demo/demo.service.js';
import { type AuditEventRow, type CliTarget, cliOk, createCliTarget, rawSql, runCli } from './cli-helpers.js';
import { TEST_DIALECT } from './harness.js';

const verify = (target: CliTarget, ...args: string[]) => runCli(['audit', 'verify', ...args], target);

describe(`forefront audit verify on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  let demo: DemoResult;
  let events: AuditEventRow[];

  beforeAll(async () => {
    target = await createCliTarget();
    demo = JSON.parse(await cliOk(['demo', '--json'], target)) as DemoResult;
    events = (
      await rawSql<AuditEventRow>(target, 'select * from audit_events where chain = $1 order by seq', [demo.districtId])
    ).map((e) => ({ ...e, seq: Number(e.seq) }));
  });
  afterAll(() => target?.drop());

  const reinsert = (e: AuditEventRow) =>
    rawSql(
      target,
      'insert into audit_events (chain, seq, district_id, at, actor_id, actor_role, kind, payload, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [e.chain, e.seq, e.district_id, e.at, e.actor_id, e.actor_role, e.kind, e.payload, e.prev_hash, e.hash],
    );

  // Each tampering test puts the original back afterwards; the last test checks that the whole
  // trail verifies again, which shows the check is about content, not a flag set on failure.
  it('exits 0 on an intact trail, in words and in JSON, and prints the head of one chain', async () => {
    const [words, json, one] = await Promise.all([
      verify(target),
      verify(target, '--json'),
      verify(target, '--chain', demo.districtId),
    ]);
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/Audit trail intact: \d+ events verified/);
    expect(json.code).toBe(0);
    const total = (await rawSql<{ n: number | string }>(target, 'select count(*) as n from audit_events'))[0]!.n;
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, checked: Number(total), firstBroken: null });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`Head of ${demo.districtId}: #${events.length} ${events.at(-1)!.hash}`);
  });

  it('names the edited event when a payload is changed in the database', async () => {
    const loaded = events.find((e) => e.kind === 'demo.loaded')!;
    await rawSql(target, 'update audit_events set payload = $1 where chain = $2 and seq = $3', [
      '{"seed":1}',
      loaded.chain,
      loaded.seq,
    ]);
    const [words, json] = await Promise.all([verify(target), verify(target, '--json')]);
    expect(words.code).toBe(1);
    expect(words.stderr).toContain(`BROKEN at chain ${demo.districtId}, event #${loaded.seq}`);
    expect(words.stderr).toContain('edited');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      firstBroken: { chain: demo.districtId, seq: loaded.seq },
    });
    await rawSql(target, 'update audit_events set payload = $1 where chain = $2 and seq = $3', [
      loaded.payload,
      loaded.chain,
      loaded.seq,
    ]);
  });

  it('names the gap when an event is deleted from the middle of a chain', async () => {
    const victim = events[2]!;
    await rawSql(target, 'delete from audit_events where chain = $1 and seq = $2', [victim.chain, victim.seq]);
    const r = await verify(target);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`event #${victim.seq + 1}: expected event #${victim.seq}`);
    await reinsert(victim);
  });

  it('notices a truncated chain (the last event deleted) through the recorded head', async () => {
    const last = events.at(-1)!;
    await rawSql(target, 'delete from audit_events where chain = $1 and seq = $2', [last.chain, last.seq]);
    const r = await verify(target, '--chain', demo.districtId);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `event #${last.seq}: head records event #${last.seq} but the chain ends at #${last.seq - 1}`,
    );
    await reinsert(last);
  });

  it('notices an edited timestamp or actor, not only payloads', async () => {
    const e = events[1]!;
    await rawSql(target, 'update audit_events set at = $1 where chain = $2 and seq = $3', [
      '2000-01-01T00:00:00.000Z',
      e.chain,
      e.seq,
    ]);
    const r = await verify(target);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`event #${e.seq}: content does not match its hash (edited)`);
    await rawSql(target, 'update audit_events set at = $1 where chain = $2 and seq = $3', [e.at, e.chain, e.seq]);
  });

  it('verifies again once every tampered row holds its original content', async () => {
    const r = await verify(target, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, firstBroken: null });
  });
});
