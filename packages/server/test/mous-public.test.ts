import { beforeAll, describe, expect, it } from 'vitest';
import type { PublicMou } from '@forefront/contract';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildUser, signIn } from './builders.js';
import { call, expectError } from './auth.helpers.js';
import { addSignatory, createMou, dayFromToday, newVersion, sign } from './mous.helpers.js';

describe(`public MOU on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  const publicMou = async (districtId: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/districts/${districtId}/mou` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicMou>();
  };

  it('shows anyone the signed version in force, with plain-language rules and signature dates, and never a draft', async () => {
    const d = await buildDistrict(t.ctx, { name: 'Riverbend Unified' });
    const admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
    expect(await publicMou(d.id)).toEqual({ districtId: d.id, mou: null });

    const mou = await createMou(t.app, admin, d.id, { effectiveDate: dayFromToday(-10) });
    const sup = await addSignatory(t.app, admin, mou.id, 'Dana Whitfield', 'district');
    const chief = await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories`, {
      party: 'agency',
      name: 'Marcus Ortega',
      title: 'Chief of Police',
      email: 'chief@riverbend-pd.example',
    });
    const chiefId = chief
      .json<{ signatories: { id: string; name: string }[] }>()
      .signatories.find((s) => s.name === 'Marcus Ortega')!;
    // A draft, or a version signed by only one party, is not public.
    expect((await publicMou(d.id)).mou).toBeNull();
    await sign(t.app, admin, mou.id, sup, 1);
    expect((await publicMou(d.id)).mou).toBeNull();
    await sign(t.app, admin, mou.id, chiefId, 1);

    const shown = (await publicMou(d.id)).mou!;
    expect(shown).toMatchObject({
      title: mou.title,
      agencyName: 'Riverbend Police Department',
      version: 1,
      effectiveDate: dayFromToday(-10),
    });
    expect(shown.clauses.map((c) => c.key)).toEqual(mou.versions[0]!.clauses.map((c) => c.key));
    expect(shown.signatories.map((s) => [s.party, s.name, s.title])).toEqual([
      ['district', 'Dana Whitfield', 'Superintendent'],
      ['agency', 'Marcus Ortega', 'Chief of Police'],
    ]);
    expect(shown.signatories.every((s) => /^\d{4}-\d{2}-\d{2}T/.test(s.signedAt))).toBe(true);
    // E-mail addresses of signatories are not published.
    expect(JSON.stringify(shown)).not.toContain('chief@riverbend-pd.example');
    // Behaviors are named with the contract's labels, the incident form's words (issue 13).
    expect(
      shown.roleRulesPlain.categories.find((c) => c.label === 'Defiance or not following directions'),
    ).toMatchObject({
      value: 'School staff only',
    });
    expect(shown.roleRulesPlain.general.find((g) => g.label === 'Use of force')).toMatchObject({
      value: expect.stringMatching(/emergency/),
    });

    // A new unsigned version does not change what the public sees.
    const mouNow = (await call(t.app, admin, 'GET', `/api/mous/${mou.id}`)).json();
    const v2 = await newVersion(t.app, admin, mouNow, (v) => void (v.clauses[0]!.text = 'A changed purpose.'));
    expect(v2.statusCode).toBe(201);
    expect((await publicMou(d.id)).mou?.version).toBe(1);
  });

  it('answers 404 for a district that does not exist', async () => {
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/public/districts/00000000-0000-0000-0000-000000000000/mou' }),
      404,
      'not_found',
    );
  });
});
