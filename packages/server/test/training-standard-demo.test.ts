import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_TOPICS, type CoursePage, type TrainingStandardView } from '@forefront/contract';
import { type DemoResult, loadDemo } from '../src/modules/demo/demo.service.js';
import { signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/** The demo district has a saved standard (the brief's 40 hours, warned) and a catalog covering every topic. */
describe(`the demo's training standard on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let demo: DemoResult;
  beforeAll(async () => {
    t = await createTestApp();
    demo = await loadDemo(t.ctx);
  }, 120_000);
  afterAll(() => t.close());

  it('is saved, and its courses cover every topic', async () => {
    const admin = demo.accounts.find((a) => a.email === 'admin@demo.forefront.test')!;
    const user = await t.ctx.db
      .selectFrom('users')
      .select('mfaSecret')
      .where('email', '=', admin.email)
      .executeTakeFirstOrThrow();
    expect(user.mfaSecret).not.toBeNull();
    const session = await signIn(t.app, { email: admin.email, password: demo.password, mfaSecret: admin.totpSecret });
    const get = (path: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/districts/${demo.districtId}/training/${path}`,
        headers: { cookie: session.cookie },
      });
    const standard = (await get('standard')).json<TrainingStandardView>();
    expect(standard).toMatchObject({ saved: true, preset: 'brief_40', gateMode: 'warn' });
    const courses = (await get('courses?limit=100')).json<CoursePage>();
    expect(courses.total).toBe(13);
    expect(courses.items.find((c) => c.title === 'NASRO Basic SRO Course')).toMatchObject({
      hours: 40,
      credentialKey: 'nasro_basic',
    });
    expect(courses.items.find((c) => c.title === 'Youth Mental Health First Aid')).toMatchObject({
      hours: 8,
      credentialKey: 'ymhfa',
    });
    const covered = new Set(courses.items.flatMap((c) => c.topics));
    expect(TRAINING_TOPICS.filter((topic) => !covered.has(topic))).toEqual([]);
  });
});
