import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_DIALECT } from './harness.js';

describe(`health on ${TEST_DIALECT}`, () => {
  it('reports database reachability', async () => {
    const { app } = await createTestApp();
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: { reachable: true, dialect: TEST_DIALECT },
      version: '0.1.0',
    });
  });
});
