import { beforeAll, describe, expect, it } from 'vitest';
import { StudentSchema } from '@forefront/contract';
import { type Session, buildUser, signIn } from './builders.js';
import { type Riverside, buildRiverside, dumpStudentTables, fixture, rowOf } from './fixtures/oneroster/index.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/** The roster API: import over HTTP, listing narrowed to need-to-know, every read audited. */
describe(`students API on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let r: Riverside;
  let admin: Session;
  let principal: Session; // school administrator of the high school
  let officer: Session; // SRO of the middle school
  let counselor: Session;
  let otherAdmin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    r = await buildRiverside(t.ctx);
    const other = await buildRiverside(t.ctx);
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: r.district.id }));
    principal = await signIn(
      t.app,
      await buildUser(t.ctx, { role: 'school_admin', districtId: r.district.id, schoolIds: [r.rhs.id] }),
    );
    officer = await signIn(
      t.app,
      await buildUser(t.ctx, { role: 'sro', districtId: r.district.id, schoolIds: [r.rms.id] }),
    );
    counselor = await signIn(
      t.app,
      await buildUser(t.ctx, { role: 'support_staff', districtId: r.district.id, schoolIds: [r.rhs.id] }),
    );
    otherAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: other.district.id }));
  });

  const importUrl = () => `/api/districts/${r.district.id}/students/import`;
  const post = (s: Session, payload: unknown, url = importUrl()) =>
    t.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
  const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
  const lastEvent = async () =>
    t.ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('chain', '=', r.district.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();

  it('imports over HTTP (district administrator only) and answers the report', async () => {
    expect((await post(principal, { ...r.files })).statusCode).toBe(403);
    expect((await post(otherAdmin, { ...r.files })).statusCode).toBe(404);
    const res = await post(admin, { ...r.files, asOf: '2026-08-15' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: true, created: 20, students: 20, asOf: '2026-08-15', errors: [] });
    const e = await lastEvent();
    expect([e.kind, e.actorRole, JSON.parse(e.payload)]).toEqual([
      'student.imported',
      'district_admin',
      { created: 20, updated: 0, source: 'api' },
    ]);
  });

  it('answers a rejected import with 422 and the per-row report, changing nothing', async () => {
    const before = await dumpStudentTables(t.ctx, r.district.id);
    const users = fixture('invalid/users.csv');
    const res = await post(admin, { users, demographics: r.files.demographics, orgs: r.orgs });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.error).toEqual({ code: 'import_rejected', message: '3 invalid values found; nothing was imported' });
    expect(body.report.errors).toContainEqual(
      expect.objectContaining({ file: 'users.csv', row: rowOf(users, 'stu-006,'), column: 'grades' }),
    );
    expect(await dumpStudentTables(t.ctx, r.district.id)).toEqual(before);
  });

  it('never answers 500 to bad input: garbage, broken CSV, a bad date, missing files', async () => {
    const before = await dumpStudentTables(t.ctx, r.district.id);
    const cases: [unknown, number][] = [
      // A NUL byte is refused at the door on both databases (plugins/input-text.ts), before the import.
      [{ users: '\u0000\u0001\u0002binary', demographics: '"' }, 400],
      [{ users: '\u0001\u0002binary', demographics: '"' }, 422],
      [{ users: 'a,b\n"1,2', demographics: 'x\n' }, 422],
      [{ users: r.files.users, demographics: r.files.demographics, asOf: '2026-02-30' }, 400],
      [{ users: r.files.users }, 400],
      [{ users: '', demographics: '' }, 400],
      [{ users: 42, demographics: [] }, 400],
    ];
    for (const [payload, status] of cases) {
      const res = await post(admin, payload);
      expect(res.statusCode, `${JSON.stringify(payload).slice(0, 80)}: ${res.body.slice(0, 200)}`).toBe(status);
      expect(res.json().error.code).toMatch(/import_rejected|invalid_request|invalid_characters/);
    }
    expect(await dumpStudentTables(t.ctx, r.district.id)).toEqual(before);
  });

  it('accepts a body larger than the default 1 MB limit', async () => {
    const d = await buildRiverside(t.ctx);
    const n = 6000;
    const head = (text: string) => text.split('\n')[0];
    const users = [
      head(d.files.users),
      ...Array.from(
        { length: n },
        (_, i) =>
          `big-${i},active,2026-08-01T00:00:00Z,true,org-rhs,student,u${i},,Given${i},Family${i},,L${i},student${i}@riverside.example,,,,09,`,
      ),
    ].join('\n');
    const demographics = [
      head(d.files.demographics),
      ...Array.from(
        { length: n },
        (_, i) =>
          `big-${i},active,2026-08-01T00:00:00Z,2010-01-01,${i % 2 ? 'male' : 'female'},false,false,false,false,true,false,${i % 3 === 0},,,,`,
      ),
    ].join('\n');
    expect(users.length + demographics.length).toBeGreaterThan(1_048_576);
    const adminD = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.district.id }));
    const res = await post(
      adminD,
      { users, demographics, orgs: d.orgs },
      `/api/districts/${d.district.id}/students/import`,
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ created: n });
    expect(
      Number(
        (
          await t.ctx.db
            .selectFrom('students')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('districtId', '=', d.district.id)
            .where('race', '=', 'HI')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(n / 3);
  });

  it('lists the roster by need-to-know: a principal and an officer see their own school only; support staff and other districts nothing', async () => {
    const list = async (s: Session, query = '') => get(s, `/api/districts/${r.district.id}/students${query}`);
    const all = (await list(admin, '?limit=200')).json();
    expect(all.total).toBe(19); // stu-020 is inactive
    const rhs = (await list(principal, '?limit=200')).json();
    const rms = (await list(officer, '?limit=200')).json();
    expect(rhs.items.every((s: { schoolId: string }) => s.schoolId === r.rhs.id)).toBe(true);
    expect(rms.items.every((s: { schoolId: string }) => s.schoolId === r.rms.id)).toBe(true);
    expect(rhs.total + rms.total).toBe(all.total);
    // Asking for the other school does not widen a school scope.
    expect((await list(officer, `?schoolId=${r.rhs.id}`)).json().total).toBe(0);
    expect((await list(counselor)).statusCode).toBe(403);
    expect((await list(otherAdmin)).statusCode).toBe(404);
    for (const item of all.items) expect(Object.keys(item).sort()).toEqual(Object.keys(StudentSchema.shape).sort());
    // Inactive students on request.
    expect((await list(admin, '?status=inactive')).json().items.map((s: { localId: string }) => s.localId)).toEqual([
      '100020',
    ]);
    expect((await list(admin, '?status=all')).json().total).toBe(20);
  });

  it('pages, filters by school and searches by name or local id prefix, case-insensitively', async () => {
    const names = async (query: string) =>
      (
        (await get(admin, `/api/districts/${r.district.id}/students?${query}`)).json().items as {
          familyName: string;
          givenName: string;
        }[]
      ).map((s) => `${s.givenName} ${s.familyName}`);
    const p1 = (await get(admin, `/api/districts/${r.district.id}/students?limit=5&offset=0`)).json();
    const p2 = (await get(admin, `/api/districts/${r.district.id}/students?limit=5&offset=5`)).json();
    expect(p1.items).toHaveLength(5);
    expect(new Set([...p1.items, ...p2.items].map((s: { id: string }) => s.id)).size).toBe(10);
    expect(p1.items.map((s: { familyName: string }) => s.familyName)).toEqual(
      [...p1.items.map((s: { familyName: string }) => s.familyName)].sort(),
    );
    expect(await names('q=GAR')).toEqual(['Maria Garcia']);
    expect(await names('q=smith')).toEqual(['Noah Smith', 'Lucas Smith, Jr.']);
    expect(await names('q=lucas%20smi')).toEqual(['Lucas Smith, Jr.']);
    expect(await names('q=1000')).toHaveLength(18);
    expect(await names('q=100013')).toEqual(['Noah Smith']);
    expect(await names('q=%25')).toEqual([]);
    expect(await names('q=_')).toEqual([]);
    expect((await names(`schoolId=${r.rms.id}&limit=200`)).length).toBe(
      r.files.users.split('\n').filter((l) => l.includes(',org-rms,student,')).length,
    );
  });

  it('records each list with the ids it returned, and each student view', async () => {
    const res = await get(principal, `/api/districts/${r.district.id}/students?limit=3`);
    const e = await lastEvent();
    expect(e.kind).toBe('student.listed');
    expect(JSON.parse(e.payload)).toEqual({
      schoolId: null,
      count: 3,
      studentIds: res.json().items.map((s: { id: string }) => s.id),
    });

    const id = res.json().items[0].id as string;
    const one = await get(principal, `/api/students/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().id).toBe(id);
    const v = await lastEvent();
    expect([v.kind, JSON.parse(v.payload)]).toEqual(['student.viewed', { studentId: id }]);

    // The officer of the other school: forbidden, nothing recorded as viewed, and the refusal
    // recorded (issue 12.7). Another district's administrator gets a 404, recorded nowhere.
    expect((await get(officer, `/api/students/${id}`)).statusCode).toBe(403);
    const refused = await lastEvent();
    expect([refused.seq, refused.kind, refused.actorRole, JSON.parse(refused.payload)]).toEqual([
      v.seq + 1,
      'access.refused',
      'sro',
      { action: 'student.read', route: 'GET /api/students/:id', resourceId: id },
    ]);
    expect((await get(otherAdmin, `/api/students/${id}`)).statusCode).toBe(404);
    expect((await lastEvent()).seq).toBe(refused.seq);
  });
});
