import { beforeAll, describe, expect, it } from 'vitest';
import { buildDistrict } from './builders.js';
import { dumpDatabase } from './cli-helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Issue 12.6: the public API has a per-client rate limit that keeps no address: not in the
 * database, not in the log (the limiter counts under a salted hash, in memory).
 */
describe(`public API rate limit on ${TEST_DIALECT}`, () => {
  const lines: string[] = [];
  let t: TestApp;
  let districtId: string;
  const ADDRESS = '203.0.113.77';
  const OTHER = '198.51.100.23';
  const get = (remoteAddress: string) =>
    t.app.inject({ method: 'GET', url: `/api/public/districts/${districtId}/transparency`, remoteAddress });

  beforeAll(async () => {
    t = await createTestApp(
      { rateLimit: { authPerMinute: 10_000, publicPerMinute: 5 }, logLevel: 'info' },
      { logStream: { write: (line) => void lines.push(line) } },
    );
    districtId = (await buildDistrict(t.ctx)).id;
  });

  it('answers 429 to a client past its limit, while another client is still served', async () => {
    for (let i = 0; i < 5; i++) expect((await get(ADDRESS)).statusCode).toBe(200);
    const refused = await get(ADDRESS);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await get(OTHER)).statusCode).toBe(200);
  });

  it('writes neither address to the database or the log', async () => {
    const dump = JSON.stringify(await dumpDatabase(t.config.database));
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(0); // the requests were logged...
    for (const address of [ADDRESS, OTHER]) {
      expect(dump).not.toContain(address);
      expect(log).not.toContain(address); // ...without who made them
    }
  });
});
