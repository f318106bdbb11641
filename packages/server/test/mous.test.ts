import { beforeAll, describe, expect, it } from 'vitest';
import {
  CLAUSE_KEYS,
  MOU_TEMPLATES,
  type MouDetail,
  type MouDiff,
  type MouSummary,
  defaultRoleRules,
} from '@forefront/contract';
import { findMouInForce } from '../src/modules/mous/mou.in-force.js';
import { contentHash } from '../src/modules/mous/mou.view.js';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildUser, signIn, type Session } from './builders.js';
import { auditEvents, call, expectError } from './auth.helpers.js';
import { addSignatory, countsOf, createMou, dayFromToday, newVersion, sign } from './mous.helpers.js';

describe(`MOUs on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  /** A district with a signed-in administrator. */
  async function district() {
    const d = await buildDistrict(t.ctx, { name: 'Riverbend Unified' });
    const admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
    return { d, admin };
  }
  const read = async (admin: Session, id: string) =>
    (await call(t.app, admin, 'GET', `/api/mous/${id}`)).json<MouDetail>();

  it('creates an MOU whose version 1 holds the template clauses, the default role rules, and a review date one year out', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { template: 'secure', effectiveDate: '2026-08-01' });
    expect(mou.versions).toHaveLength(1);
    const v1 = mou.versions[0]!;
    expect(v1.version).toBe(1);
    expect(v1.clauses.map((c) => c.key)).toEqual([...MOU_TEMPLATES.secure]);
    // The library text names both parties.
    expect(v1.clauses[0]!.text).toContain('Riverbend Unified');
    expect(v1.clauses[0]!.text).toContain('Riverbend Police Department');
    expect(v1.roleRules).toEqual(defaultRoleRules());
    expect(v1.reviewDate).toBe('2027-08-01');
    expect(v1.status).toBe('draft');
    expect(v1.completeness).toMatchObject({ complete: true, missing: [] });
    expect(v1.contentHash).toBe(contentHash(v1));
    expect(mou.library.map((c) => c.key).sort()).toEqual([...CLAUSE_KEYS].sort());
    const kinds = (await auditEvents(t.ctx, d.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['mou.created', 'mou.version_created']));

    const list = (await call(t.app, admin, 'GET', `/api/districts/${d.id}/mous`)).json<{ items: MouSummary[] }>();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: mou.id,
      status: 'draft',
      latestVersion: 1,
      nextReviewDate: '2027-08-01',
      inForceVersion: null,
      reminder: null,
    });
  });

  it('reports missing clauses for the chosen template: removed ones and ones left empty', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { template: 'cops_minimum' });
    const res = await newVersion(t.app, admin, mou, (v) => {
      v.clauses = v.clauses.filter((c) => c.key !== 'information_sharing');
      v.clauses.find((c) => c.key === 'supervision_and_chain_of_command')!.text = '   ';
      v.clauses.push({ key: 'crisis_planning', title: 'Crisis planning', text: 'Drills every term.' });
    });
    expect(res.statusCode, res.body).toBe(201);
    const v2 = res.json<MouDetail>().versions[0]!;
    expect(v2.completeness.required).toEqual([...MOU_TEMPLATES.cops_minimum]);
    expect(v2.completeness.missing).toEqual(['information_sharing', 'supervision_and_chain_of_command']);
    expect(v2.completeness.present).toEqual(['purpose', 'roles_and_responsibilities', 'signatures']);
    expect(v2.completeness.complete).toBe(false);
    const list = (await call(t.app, admin, 'GET', `/api/districts/${d.id}/mous`)).json<{ items: MouSummary[] }>();
    expect(list.items[0]!.completeness.missing).toEqual(['information_sharing', 'supervision_and_chain_of_command']);
  });

  it('puts a version in force once every active signatory signs it; a new unsigned version does not replace it', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { effectiveDate: dayFromToday(-60) });
    const sup = await addSignatory(t.app, admin, mou.id, 'Dana Whitfield', 'district');
    const chief = await addSignatory(t.app, admin, mou.id, 'Marcus Ortega', 'agency');
    expect(await findMouInForce(t.ctx.db, d.id, dayFromToday(0))).toBeNull();

    expect((await sign(t.app, admin, mou.id, sup, 1)).statusCode).toBe(201);
    expect((await read(admin, mou.id)).versions[0]!.status).toBe('awaiting_signatures');
    expect(await findMouInForce(t.ctx.db, d.id, dayFromToday(0))).toBeNull();
    const signed = await sign(t.app, admin, mou.id, chief, 1);
    expect(signed.statusCode, signed.body).toBe(201);
    const after = signed.json<MouDetail>();
    expect(after.status).toBe('in_force');
    expect(after.signatures.map((s) => s.contentHash)).toEqual([
      after.versions[0]!.contentHash,
      after.versions[0]!.contentHash,
    ]);
    expect((await findMouInForce(t.ctx.db, d.id, dayFromToday(0)))?.version).toBe(1);
    // Before its effective date nothing is in force.
    expect(await findMouInForce(t.ctx.db, d.id, dayFromToday(-61))).toBeNull();
    expect((await auditEvents(t.ctx, d.id)).filter((e) => e.kind === 'mou.signed')).toHaveLength(2);

    // Version 2, effective today, signed by nobody yet: version 1 stays in force.
    const v2res = await newVersion(t.app, admin, after, (v) => {
      v.effectiveDate = dayFromToday(0);
      v.reviewDate = dayFromToday(365);
      v.roleRules.categories.defiance.handler = 'sro_assists_on_request';
    });
    expect(v2res.statusCode, v2res.body).toBe(201);
    const withV2 = v2res.json<MouDetail>();
    expect(withV2.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'in_force'],
    ]);
    expect(withV2).toMatchObject({ status: 'in_force', inForceVersion: 1, latestVersion: 2, latestStatus: 'draft' });
    expect((await findMouInForce(t.ctx.db, d.id, dayFromToday(0)))?.version).toBe(1);

    // The changed version needs new signatures: the old ones cover another content hash.
    expect(withV2.versions[0]!.contentHash).not.toBe(withV2.versions[1]!.contentHash);
    expectError(await sign(t.app, admin, mou.id, sup, 1), 409, 'conflict');
    expect((await sign(t.app, admin, mou.id, sup, 2)).statusCode).toBe(201);
    expect((await findMouInForce(t.ctx.db, d.id, dayFromToday(0)))?.version).toBe(1);
    expect((await sign(t.app, admin, mou.id, chief, 2)).statusCode).toBe(201);
    const inForce = await findMouInForce(t.ctx.db, d.id, dayFromToday(0));
    expect(inForce?.version).toBe(2);
    expect(inForce?.rules.categories.defiance.handler).toBe('sro_assists_on_request');
    // On yesterday's date, version 1 was the agreement in force.
    expect((await findMouInForce(t.ctx.db, d.id, dayFromToday(-1)))?.version).toBe(1);
    const final = await read(admin, mou.id);
    expect(final.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'in_force'],
      [1, 'superseded'],
    ]);
  });

  it('keeps a fully signed version in force when a signatory joins later; the newcomer signs the next version', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { effectiveDate: dayFromToday(-30) });
    const sup = await addSignatory(t.app, admin, mou.id, 'Dana Whitfield', 'district');
    const chief = await addSignatory(t.app, admin, mou.id, 'Marcus Ortega', 'agency');
    await sign(t.app, admin, mou.id, sup, 1);
    await sign(t.app, admin, mou.id, chief, 1);
    await new Promise((r) => setTimeout(r, 5)); // the newcomer joins strictly after the last signature
    const sheriff = await addSignatory(t.app, admin, mou.id, 'Lee Abernathy', 'agency');
    expect((await findMouInForce(t.ctx.db, d.id, dayFromToday(0)))?.version).toBe(1);
    expect((await read(admin, mou.id)).versions[0]!.status).toBe('in_force');

    await newVersion(t.app, admin, await read(admin, mou.id), (v) => void (v.effectiveDate = dayFromToday(0)));
    await sign(t.app, admin, mou.id, sup, 2);
    await sign(t.app, admin, mou.id, chief, 2);
    expect((await findMouInForce(t.ctx.db, d.id, dayFromToday(0)))?.version, 'version 2 still lacks the newcomer').toBe(
      1,
    );
    expect((await sign(t.app, admin, mou.id, sheriff, 2)).statusCode).toBe(201);
    expect((await findMouInForce(t.ctx.db, d.id, dayFromToday(0)))?.version).toBe(2);
  });

  it('keeps a signed version with a future effective date out of force until that date', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { effectiveDate: dayFromToday(10) });
    const s = await addSignatory(t.app, admin, mou.id, 'Dana Whitfield');
    const res = await sign(t.app, admin, mou.id, s, 1);
    expect(res.json<MouDetail>().versions[0]!.status).toBe('signed');
    expect(await findMouInForce(t.ctx.db, d.id, dayFromToday(0))).toBeNull();
    expect((await findMouInForce(t.ctx.db, d.id, dayFromToday(10)))?.version).toBe(1);
  });

  it("refuses a signature whose typed name is not the signatory's, twice-signing, and an inactive signatory, changing nothing", async () => {
    const d = await buildDistrict(t.ctx, { name: 'Riverbend Unified' });
    const me = await buildUser(t.ctx, { role: 'district_admin', districtId: d.id });
    await t.ctx.db.updateTable('users').set({ displayName: 'Dana Whitfield' }).where('id', '=', me.id).execute();
    const admin = await signIn(t.app, me);
    const mou = await createMou(t.app, admin, d.id);
    // The administrator signs as themselves: the signatory's name and address are their account's.
    const s = await addSignatory(t.app, admin, mou.id, 'Dana Whitfield', 'district', me.email.toUpperCase());
    const other = await addSignatory(t.app, admin, mou.id, 'Lee Park');
    const before = await countsOf(t.ctx);
    const wrong = await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${s.id}/sign`, {
      version: 1,
      signedName: 'Someone Else',
    });
    expect(expectError(wrong, 400, 'invalid_request').message).toMatch(/name/);
    expectError(
      await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${s.id}/sign`, {
        version: 'one',
        signedName: s.name,
      }),
      400,
      'invalid_request',
    );
    expectError(
      await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${s.id}/sign`, {
        version: 7,
        signedName: s.name,
      }),
      404,
      'not_found',
    );
    expect(await countsOf(t.ctx)).toEqual(before);
    // Typed with other capitals and spacing is still the same name.
    expect(
      (
        await call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories/${s.id}/sign`, {
          version: 1,
          signedName: '  dana   whitfield ',
        })
      ).statusCode,
    ).toBe(201);
    expectError(await sign(t.app, admin, mou.id, s, 1), 409, 'conflict');
    const off = await call(t.app, admin, 'PATCH', `/api/mous/${mou.id}/signatories/${other.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    // With the other signatory inactive, the one signature now completes the version.
    expect(off.json<MouDetail>().status).toBe('in_force');
    expectError(await sign(t.app, admin, mou.id, other, 1), 409, 'conflict');
    expect((await auditEvents(t.ctx, d.id)).filter((e) => e.kind === 'mou.signatory_changed')).toHaveLength(3);
  });

  it('answers bad input with 400 and writes nothing', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id);
    const before = await countsOf(t.ctx);
    const bad = [
      call(t.app, admin, 'POST', `/api/districts/${d.id}/mous`, {
        title: 'X',
        agencyName: 'PD',
        template: 'cops_minimum',
        effectiveDate: '2026-01-01',
      }),
      call(t.app, admin, 'POST', `/api/districts/${d.id}/mous`, {
        title: 'Agreement',
        agencyName: 'Riverbend PD',
        template: 'everything',
        effectiveDate: '2026-01-01',
      }),
      call(t.app, admin, 'POST', `/api/districts/${d.id}/mous`, {
        title: 'Agreement',
        agencyName: 'Riverbend PD',
        template: 'secure',
        effectiveDate: '2026-01-01',
        reviewDate: '2025-01-01',
      }),
      call(t.app, admin, 'POST', `/api/districts/${d.id}/mous`, {
        title: 'Agreement',
        agencyName: 'Riverbend PD',
        template: 'secure',
        effectiveDate: '2026-02-30',
      }),
      newVersion(t.app, admin, mou, (v) => v.clauses.push({ ...v.clauses[0]! })),
      newVersion(t.app, admin, mou, (v) => void delete (v.roleRules.categories as Record<string, unknown>).defiance),
      newVersion(t.app, admin, mou, (v) => void ((v.roleRules as Record<string, unknown>).useOfForce = 'whenever')),
      newVersion(t.app, admin, mou, (v) => void (v.clauses[0]!.key = 'not_a_clause' as never)),
      newVersion(t.app, admin, mou, (v) => void (v.changeNote = '')),
      call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories`, {
        party: 'school',
        name: 'A B',
        title: 'Principal',
      }),
      call(t.app, admin, 'POST', `/api/mous/${mou.id}/signatories`, {
        party: 'district',
        name: 'A B',
        title: 'Principal',
        email: 'not-an-email',
      }),
      call(t.app, admin, 'GET', `/api/mous/${mou.id}/diff?from=zero`),
    ];
    for (const res of await Promise.all(bad)) expectError(res, 400, 'invalid_request');
    expect(await countsOf(t.ctx)).toEqual(before);
  });

  it('diffs two versions clause by clause, word by word, and lists the role-rule changes', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id);
    const res = await newVersion(t.app, admin, mou, (v) => {
      const purpose = v.clauses.find((c) => c.key === 'purpose')!;
      purpose.text = purpose.text
        .replace('students and staff safe', 'students and school staff safe')
        .replace('out of routine school', 'out of minor school');
      v.clauses = v.clauses.filter((c) => c.key !== 'signatures');
      v.clauses.push({ key: 'complaint_process', title: 'Complaints', text: 'Anyone may complain.' });
      v.roleRules.categories.theft.handler = 'sro_assists_on_request';
      v.roleRules.useOfForce = 'forbidden';
      v.reviewDate = '2099-01-01';
    });
    expect(res.statusCode, res.body).toBe(201);
    const diff = (await call(t.app, admin, 'GET', `/api/mous/${mou.id}/diff?from=1&to=2`)).json<MouDiff>();
    expect(diff).toMatchObject({ id: mou.id, from: 1, to: 2 });
    const purpose = diff.clauses.find((c) => c.key === 'purpose')!;
    expect(purpose.change).toBe('changed');
    expect(purpose.parts.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'insert', text: 'school ' },
      { op: 'insert', text: 'minor ' },
      { op: 'delete', text: 'routine ' },
    ]);
    // The parts rebuild both texts exactly.
    expect(diffText(purpose.parts, 'delete')).toBe(res.json().versions[0].clauses[0].text);
    expect(diffText(purpose.parts, 'insert')).toBe(mou.versions[0]!.clauses[0]!.text);
    expect(diff.clauses.find((c) => c.key === 'signatures')).toMatchObject({ change: 'removed' });
    expect(diff.clauses.find((c) => c.key === 'complaint_process')).toMatchObject({
      change: 'added',
      parts: [{ op: 'insert', text: 'Anyone may complain.' }],
    });
    expect(diff.clauses.find((c) => c.key === 'roles_and_responsibilities')).toMatchObject({ change: 'unchanged' });
    expect(diff.ruleChanges).toEqual([
      { rule: 'categories.theft.handler', from: 'school_staff_only', to: 'sro_assists_on_request' },
      { rule: 'useOfForce', from: 'emergency_only', to: 'forbidden' },
    ]);
    expect(diff.dateChanges).toEqual([{ rule: 'reviewDate', from: mou.versions[0]!.reviewDate, to: '2099-01-01' }]);
    // Without a query: the latest version against the one before it.
    expect((await call(t.app, admin, 'GET', `/api/mous/${mou.id}/diff`)).json<MouDiff>()).toMatchObject({
      from: 1,
      to: 2,
    });
    expectError(await call(t.app, admin, 'GET', `/api/mous/${mou.id}/diff?from=1&to=9`), 404, 'not_found');
  });

  it('prints a version as a PDF', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id, { template: 'comprehensive' });
    const s = await addSignatory(t.app, admin, mou.id, 'Dana Whitfield');
    await sign(t.app, admin, mou.id, s, 1);
    const res = await call(t.app, admin, 'GET', `/api/mous/${mou.id}/versions/1/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="school-resource-officer-agreement-v1\.pdf"/,
    );
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(5000);
    expectError(await call(t.app, admin, 'GET', `/api/mous/${mou.id}/versions/2/pdf`), 404, 'not_found');
    expectError(await call(t.app, admin, 'GET', `/api/mous/${mou.id}/versions/latest/pdf`), 404, 'not_found');
  });

  it('lets staff read MOUs but only the district administrator write or sign them', async () => {
    const { d, admin } = await district();
    const mou = await createMou(t.app, admin, d.id);
    const sro = await signIn(t.app, await buildUser(t.ctx, { role: 'sro', districtId: d.id, schoolIds: [] }));
    expect((await call(t.app, sro, 'GET', `/api/mous/${mou.id}`)).statusCode).toBe(200);
    const before = await countsOf(t.ctx);
    expectError(await newVersion(t.app, sro, mou, (v) => void (v.changeNote = 'Officer edit')), 403, 'forbidden');
    expectError(
      await call(t.app, sro, 'POST', `/api/mous/${mou.id}/signatories`, {
        party: 'agency',
        name: 'Officer Self',
        title: 'SRO',
      }),
      403,
      'forbidden',
    );
    expect(await countsOf(t.ctx)).toEqual(before);
  });
});

/** The text on one side of a diff: drop the parts of the other side. */
function diffText(parts: { op: string; text: string }[], drop: 'insert' | 'delete') {
  return parts
    .filter((p) => p.op !== drop)
    .map((p) => p.text)
    .join('');
}
