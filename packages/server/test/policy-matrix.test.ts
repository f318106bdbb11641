import type { RouteOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type PolicyActor,
  type PolicyResource,
  NEED_TO_KNOW_ACTIONS,
  ROLES,
  can,
  canSeeDistrict,
  isSchoolScoped,
  scopeOf,
} from '@forefront/contract';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { currentTotp } from '../src/modules/auth/totp.js';
import { JOB_KINDS } from '../src/modules/jobs/job.kinds.js';
import { issueSetupLink } from '../src/modules/setup/setup.service.js';
import { createInvitationIn } from '../src/modules/users/user.service.js';
import { newId } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';
import { type Session, TEST_PASSWORD, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, createTestApp, createTestDatabase, testConfig } from './harness.js';
import { EXPECTED_SCOPES, expectedScope } from './matrix/expected-scopes.js';
import { MATRIX_MODULES } from './matrix/index.js';
import { type ActionSpec, type Item, type Method, RawBody, type Target, type World } from './matrix/types.js';

/**
 * Every API route x every role x every kind of resource, with the expected answer computed from
 * the contract's policy table (`can`, `canSeeDistrict`, `scopeOf`), never written by hand. A new
 * route fails this file until it gets a request builder below, so no route escapes the matrix.
 */

// ---------------------------------------------------------------------------------------------
// The app, built with a hook that records every route as it is added.

async function createRecordingApp() {
  const routes: RouteOptions[] = [];
  const { app, ctx } = await createTestApp({}, { onRoute: (r) => void routes.push(r) });
  return { app, ctx, routes };
}

const methodsOf = (r: RouteOptions) => ([] as string[]).concat(r.method);
const isApi = (url: string) => url.startsWith('/api') && !url.startsWith('/api/docs');

/** `METHOD url` for every API route, HEAD left out (Fastify adds one per GET; checked separately). */
function apiRouteKeys(routes: RouteOptions[]) {
  const keys = new Map<string, RouteOptions>();
  for (const r of routes) for (const m of methodsOf(r)) if (isApi(r.url) && m !== 'HEAD') keys.set(`${m} ${r.url}`, r);
  return keys;
}

// ---------------------------------------------------------------------------------------------
// The world: two districts in Virginia (own and neighbour), one in Maryland; one actor per role.

async function buildWorld(app: Parameters<typeof signIn>[0], ctx: AppContext): Promise<World> {
  const dA = await buildDistrict(ctx, { state: 'VA', name: 'Own district' });
  const dB = await buildDistrict(ctx, { state: 'VA', name: 'Neighbour district' });
  const dC = await buildDistrict(ctx, { state: 'MD', name: 'Other state district' });
  const a1 = (await buildSchool(ctx, dA.id)).id;
  const a2 = (await buildSchool(ctx, dA.id)).id;
  const b1 = (await buildSchool(ctx, dB.id)).id;
  const c1 = (await buildSchool(ctx, dC.id)).id;
  const res = (d: { id: string; state: string }, schoolIds?: string[]): PolicyResource => ({
    districtId: d.id,
    state: d.state,
    ...(schoolIds && { schoolIds }),
  });

  const staff = async (d: { id: string }, school: string | null) =>
    school
      ? buildUser(ctx, { role: 'sro', districtId: d.id, schoolIds: [school] })
      : buildUser(ctx, { role: 'auditor', districtId: d.id });
  const uA1 = await staff(dA, a1);
  const uA2 = await staff(dA, a2);
  const uAd = await staff(dA, null);
  const uB = await staff(dB, b1);
  const uC = await staff(dC, c1);

  const invite = (d: { id: string }) =>
    ctx.db.transaction().execute((trx) =>
      createInvitationIn(trx, ctx, null, d.id, {
        email: `invitee-${newId()}@example.test`,
        displayName: 'Invitee',
        role: 'auditor',
        profession: null,
        schoolIds: [],
        accessExpiresAt: '2099-01-01',
      }),
    );
  const [iA, iB, iC] = [await invite(dA), await invite(dB), await invite(dC)];

  const actors = {} as World['actors'];
  for (const role of ROLES) {
    const user =
      role === 'state_viewer'
        ? await buildUser(ctx, { role, districtId: null, state: 'VA' })
        : await buildUser(ctx, { role, districtId: dA.id, schoolIds: isSchoolScoped(role) ? [a1] : [] });
    const policy: PolicyActor = {
      userId: user.id,
      role,
      districtId: user.districtId,
      state: role === 'state_viewer' ? 'VA' : null,
      schoolIds: user.schoolIds,
    };
    actors[role] = { user, policy, session: await signIn(app, user) };
  }

  return {
    dA,
    dB,
    dC,
    schools: { a1, a2, b1, c1 },
    districtTargets: [
      { label: 'own district', resource: res(dA), ids: { id: dA.id } },
      { label: 'another district in the same state', resource: res(dB), ids: { id: dB.id } },
      { label: 'a district in another state', resource: res(dC), ids: { id: dC.id } },
    ],
    schoolTargets: [
      { label: 'own school', resource: res(dA, [a1]), ids: { id: a1 } },
      { label: 'another school of the own district', resource: res(dA, [a2]), ids: { id: a2 } },
      { label: 'a school of another district in the same state', resource: res(dB, [b1]), ids: { id: b1 } },
      { label: 'a school in another state', resource: res(dC, [c1]), ids: { id: c1 } },
    ],
    userTargets: [
      { label: 'staff of own school', resource: res(dA, uA1.schoolIds), ids: { id: uA1.id } },
      { label: 'staff of another school of the own district', resource: res(dA, uA2.schoolIds), ids: { id: uA2.id } },
      { label: 'district-level staff of the own district', resource: res(dA, []), ids: { id: uAd.id } },
      { label: 'staff of another district in the same state', resource: res(dB, uB.schoolIds), ids: { id: uB.id } },
      { label: 'staff in another state', resource: res(dC, uC.schoolIds), ids: { id: uC.id } },
    ],
    invitationTargets: [
      {
        label: 'invitation of the own district',
        resource: res(dA),
        ids: { id: dA.id, invitationId: iA.invitation.id },
      },
      {
        label: 'invitation of another district in the same state',
        resource: res(dB),
        ids: { id: dB.id, invitationId: iB.invitation.id },
      },
      { label: 'invitation in another state', resource: res(dC), ids: { id: dC.id, invitationId: iC.invitation.id } },
    ],
    actors,
    extra: {},
  };
}

// ---------------------------------------------------------------------------------------------
// One request builder per API route. Keys must match the app's routes exactly (tested below).

const fill = (url: string, ids: Record<string, string>) =>
  url.replace(
    /:(\w+)/g,
    (_, k: string) =>
      ids[k] ??
      (() => {
        throw new Error(`no id for :${k} in ${url}`);
      })(),
  );
const randomIds = (url: string) => Object.fromEntries([...url.matchAll(/:(\w+)/g)].map((m) => [m[1]!, newId()]));
let uniq = 0;
const nextNces = () => String(100_000_000_000 + (Date.now() % 1_000_000) * 1000 + (++uniq % 1000)).slice(0, 12);

const inTargetDistrict = (item: Item, t: Target | null) => item.districtId === t!.resource.districtId;

const ACTION_SPECS: Record<string, ActionSpec> = {
  'GET /api/districts/:id': { action: 'district.read', kind: 'item', targets: (w) => w.districtTargets, success: 200 },
  'PATCH /api/districts/:id': {
    action: 'district.update',
    kind: 'item',
    targets: (w) => w.districtTargets,
    payload: () => ({ name: 'Renamed district' }),
    success: 200,
  },
  'GET /api/districts/:id/schools': {
    action: 'school.list',
    kind: 'list',
    targets: (w) => w.districtTargets,
    success: 200,
    itemAllowed: (item, t, actor) =>
      inTargetDistrict(item, t) &&
      (scopeOf(actor.role, 'school.list') !== 'school' || actor.schoolIds.includes(item.id as string)),
  },
  'POST /api/districts/:id/schools': {
    action: 'school.create',
    kind: 'item',
    targets: (w) => w.districtTargets,
    success: 201,
    payload: () => ({
      ncesSchoolId: nextNces(),
      name: 'Matrix High School',
      gradeLow: '09',
      gradeHigh: '12',
      enrollment: 500,
    }),
  },
  'GET /api/schools/:id': { action: 'school.read', kind: 'item', targets: (w) => w.schoolTargets, success: 200 },
  'PATCH /api/schools/:id': {
    action: 'school.update',
    kind: 'item',
    targets: (w) => w.schoolTargets,
    payload: () => ({ enrollment: 801 }),
    success: 200,
  },
  'GET /api/state/districts': {
    action: 'state.district.list',
    kind: 'state-list',
    targets: () => [],
    success: 200,
    itemAllowed: (item, _t, actor) => item.state === actor.state,
  },
  'GET /api/districts/:id/users': {
    action: 'user.list',
    kind: 'list',
    targets: (w) => w.districtTargets,
    success: 200,
    itemAllowed: (item, t, actor) =>
      inTargetDistrict(item, t) &&
      (scopeOf(actor.role, 'user.list') !== 'school' ||
        (item.schoolIds as string[]).some((s) => actor.schoolIds.includes(s))),
  },
  'GET /api/users/:id': { action: 'user.read', kind: 'item', targets: (w) => w.userTargets, success: 200 },
  'PATCH /api/users/:id': {
    action: 'user.update',
    kind: 'item',
    targets: (w) => w.userTargets,
    payload: () => ({ displayName: 'Renamed person' }),
    success: 200,
  },
  'POST /api/districts/:id/invitations': {
    action: 'user.invite',
    kind: 'item',
    targets: (w) => w.districtTargets,
    success: 201,
    payload: () => ({
      email: `matrix-${newId()}@example.test`,
      displayName: 'Matrix invitee',
      role: 'auditor',
      accessExpiresAt: '2099-06-30',
    }),
  },
  'GET /api/districts/:id/invitations': {
    action: 'invitation.list',
    kind: 'list',
    targets: (w) => w.districtTargets,
    success: 200,
    itemAllowed: async (item, t) =>
      (
        await db()
          .selectFrom('invitations')
          .select('districtId')
          .where('id', '=', item.id as string)
          .executeTakeFirst()
      )?.districtId === t!.resource.districtId,
  },
  'POST /api/districts/:id/invitations/:invitationId/revoke': {
    action: 'invitation.revoke',
    kind: 'item',
    targets: (w) => w.invitationTargets,
    success: 200,
  },
  'GET /api/districts/:id/audit': {
    action: 'audit.list',
    kind: 'list',
    targets: (w) => w.districtTargets,
    success: 200,
    itemAllowed: (item, t) => item.chain === t!.resource.districtId,
  },
  'GET /api/districts/:id/audit/people': {
    action: 'audit.list',
    kind: 'list',
    targets: (w) => w.districtTargets,
    success: 200,
    itemAllowed: async (item, t) =>
      (
        await db()
          .selectFrom('users')
          .select('districtId')
          .where('id', '=', item.id as string)
          .executeTakeFirst()
      )?.districtId === t!.resource.districtId,
  },
  'POST /api/districts/:id/audit/verify': {
    action: 'audit.verify',
    kind: 'item',
    targets: (w) => w.districtTargets,
    success: 200,
  },
  ...Object.assign({}, ...MATRIX_MODULES.map((m) => m.specs)),
};

type OpenRequest = { payload?: unknown; url?: string; expect: number };

/** Public routes: called with no session at all; each must reach its handler and answer `status`. */
interface OpenSpec {
  policy: 'public' | 'session';
  /** Builds the request; for session routes, run with a session made for it. */
  request: (w: World, session: Session | null) => OpenRequest | Promise<OpenRequest>;
}

const OPEN_SPECS: Record<string, OpenSpec> = {
  'GET /api/health': { policy: 'public', request: () => ({ expect: 200 }) },
  'GET /api/openapi.json': { policy: 'public', request: () => ({ expect: 200 }) },
  'GET /api/setup/status': { policy: 'public', request: () => ({ expect: 200 }) },
  // A valid setup link on an already set-up server: the handler is reached and refuses with 409.
  'POST /api/setup': {
    policy: 'public',
    request: async () => {
      const token = new URL(await issueSetupLink(ctxRef!)).searchParams.get('token')!;
      return {
        payload: {
          token,
          district: { ncesLeaId: '1234567', name: 'Second district', state: 'VA', timeZone: 'America/New_York' },
          admin: {
            email: `setup-${newId()}@example.test`,
            displayName: 'Admin',
            password: 'a long enough setup passphrase 9931',
          },
        },
        expect: 409,
      };
    },
  },
  'POST /api/auth/sign-in': {
    policy: 'public',
    request: (w) => ({
      payload: { email: w.actors.state_viewer.user.email, password: TEST_PASSWORD },
      expect: 200,
    }),
  },
  'GET /api/invitations/:token': {
    policy: 'public',
    request: async () => ({ url: `/api/invitations/${await freshInvitationToken()}`, expect: 200 }),
  },
  'POST /api/invitations/:token/accept': {
    policy: 'public',
    request: async () => ({
      url: `/api/invitations/${await freshInvitationToken()}/accept`,
      payload: { password: 'an invited person picks this 4471' },
      expect: 200,
    }),
  },
  'GET /api/public/districts': { policy: 'public', request: () => ({ expect: 200 }) },
  'GET /api/public/districts/:id': {
    policy: 'public',
    request: (w) => ({ url: `/api/public/districts/${w.dA.id}`, expect: 200 }),
  },
  // Signing links: an unknown token reaches the handler without a session and answers 410.
  ...Object.fromEntries(
    (
      [
        ['GET', '', undefined],
        ['POST', '/code', undefined],
        ['POST', '/verify', { code: '123456' }],
        ['POST', '/sign', { code: '123456', contentHash: 'a'.repeat(64), signedName: 'Matrix Signer' }],
      ] as const
    ).map(([method, tail, payload]) => [
      `${method} /api/public/mou-signing/:token${tail}`,
      {
        policy: 'public' as const,
        request: () =>
          Promise.resolve({ url: `/api/public/mou-signing/${'x'.repeat(43)}${tail}`, payload, expect: 410 }),
      },
    ]),
  ),
  'GET /api/public/districts/:id/mou': {
    policy: 'public',
    request: (w) => ({ url: `/api/public/districts/${w.dA.id}/mou`, expect: 200 }),
  },
  // No CRDC rows in the matrix world: the route is reached and answers its own 404 (crdc.test.ts covers 200).
  'GET /api/public/crdc/:state/:year': {
    policy: 'public',
    request: () => ({ url: '/api/public/crdc/VA/2020-21', expect: 404 }),
  },
  'GET /api/public/benchmarks/cpi-2017-18': { policy: 'public', request: () => ({ expect: 200 }) },
  'GET /api/public/crdc': { policy: 'public', request: () => ({ expect: 200 }) },
  // Transparency report: a year never published (the publish route may publish the world's own), so the report routes answer their own 404 (transparency-api.test.ts covers 200).
  'GET /api/public/districts/:id/transparency': {
    policy: 'public',
    request: (w) => ({ url: `/api/public/districts/${w.dA.id}/transparency`, expect: 200 }),
  },
  ...Object.fromEntries(
    (['districts', 'schools'] as const).flatMap((scope) =>
      ['', '/report.json', '/report.pdf', '/tables/:file'].map((tail): [string, OpenSpec] => [
        `GET /api/public/${scope}/:id/transparency/:year${tail}`,
        {
          policy: 'public',
          request: (w) => ({
            url: `/api/public/${scope}/${scope === 'districts' ? w.dA.id : w.schools.a1}/transparency/1999-00${tail.replace(':file', 'trend.csv')}`,
            expect: 404,
          }),
        },
      ]),
    ),
  ),
  // A district without CRDC rows gets 200 `available: false` (crdc-benchmark-route.test.ts covers both answers).
  'GET /api/public/districts/:id/benchmarks/:year': {
    policy: 'public',
    request: (w) => ({ url: `/api/public/districts/${w.dA.id}/benchmarks/2020-21`, expect: 200 }),
  },
  // Session routes: these run in order on one throwaway account (see the session test).
  'GET /api/public/districts/:id/training': {
    policy: 'public',
    request: (w) => ({ url: `/api/public/districts/${w.dA.id}/training`, expect: 200 }),
  },
  // Issue 15: the public equity table (null until the district turns it on and publishes).
  'GET /api/public/districts/:id/equity': {
    policy: 'public',
    request: (w) => ({ url: `/api/public/districts/${w.dA.id}/equity`, expect: 200 }),
  },
  'GET /api/me': { policy: 'session', request: () => ({ expect: 200 }) },
  // Issue 14: an SRO's own roster entry (any other account: officer null).
  'GET /api/me/officer': { policy: 'session', request: () => ({ expect: 200 }) },
  'POST /api/auth/mfa/enrol': { policy: 'session', request: () => ({ expect: 200 }) },
  'POST /api/auth/mfa/enrol/confirm': {
    policy: 'session',
    request: () => ({ payload: { code: currentTotp(enrolSecret!) }, expect: 200 }),
  },
  'POST /api/me/password': {
    policy: 'session',
    request: () => ({
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a different long passphrase 5512' },
      expect: 200,
    }),
  },
  // Issue 14: an officer's own training file. Only an SRO has one: the state viewer walking these gets 403.
  'GET /api/me/training-records': { policy: 'session', request: () => ({ expect: 403 }) },
  'POST /api/me/training-records': {
    policy: 'session',
    request: () => ({
      payload: { title: 'Own course', provider: 'Academy', hours: 2, completedOn: '2025-01-01' },
      expect: 403,
    }),
  },
  'PUT /api/me/training-records/:recordId/certificate': {
    policy: 'session',
    request: () => ({ url: `/api/me/training-records/${newId()}/certificate`, expect: 403 }),
  },
  'POST /api/auth/sign-out': { policy: 'session', request: () => ({ expect: 200 }) },
  // Needs a half-signed-in session: made separately in the session test.
  'POST /api/auth/mfa/verify': {
    policy: 'session',
    request: () => ({ payload: { code: currentTotp(mfaVerifySecret!) }, expect: 200 }),
  },
};
const SESSION_ORDER = [
  'GET /api/me',
  'GET /api/me/officer',
  'POST /api/auth/mfa/enrol',
  'POST /api/auth/mfa/enrol/confirm',
  'POST /api/me/password',
  'GET /api/me/training-records',
  'POST /api/me/training-records',
  'PUT /api/me/training-records/:recordId/certificate',
  'POST /api/auth/sign-out',
];

let ctxRef: AppContext | null = null;
let enrolSecret: string | null = null;
let mfaVerifySecret: string | null = null;
const db = () => ctxRef!.db;

async function freshInvitationToken() {
  const ctx = ctxRef!;
  const d = await ctx.db.selectFrom('districts').select('id').orderBy('createdAt').executeTakeFirstOrThrow();
  const { token } = await ctx.db.transaction().execute((trx) =>
    createInvitationIn(trx, ctx, null, d.id, {
      email: `public-${newId()}@example.test`,
      displayName: 'Public invitee',
      role: 'district_admin',
      profession: null,
      schoolIds: [],
      accessExpiresAt: null,
    }),
  );
  return token;
}

// ---------------------------------------------------------------------------------------------

type Expected = 'allowed' | 403 | 404;

/** What the contract says should happen; the server must agree. */
function expectedOutcome(actor: PolicyActor, spec: ActionSpec, target: Target | null): Expected {
  if (spec.kind === 'state-list' || spec.kind === 'state-item')
    return scopeOf(actor.role, spec.action) === 'state' && actor.state ? 'allowed' : 403;
  const resource = target!.resource;
  if (!canSeeDistrict(actor, resource)) return 404;
  if (spec.kind === 'list') {
    const scope = scopeOf(actor.role, spec.action);
    if (scope === 'none') return 403;
    // A school- or team-scoped list is allowed and narrowed to the actor's schools or teams
    // (checked item by item).
    if (scope === 'school' || scope === 'team') return 'allowed';
    return can(actor, spec.action, { districtId: resource.districtId, state: resource.state }) ? 'allowed' : 403;
  }
  // A threat assessment case answers off its team exactly as a missing one (issue 15).
  if (!can(actor, spec.action, resource)) return NEED_TO_KNOW_ACTIONS.includes(spec.action) ? 404 : 403;
  return spec.alsoNeeds && !can(actor, spec.alsoNeeds, resource) ? 403 : 'allowed';
}

/** Passing the second step or finishing enrolment answers with a new session: take it over. */
function renewFrom(session: Session, res: { cookies: { name: string; value: string }[]; json<T>(): T }) {
  session.cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  session.csrfToken = res.json<{ csrfToken: string }>().csrfToken;
  session.headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

describe('the policy table', () => {
  // The route matrix below takes its expectations from POLICY, so it cannot see a wrong row there:
  // this pins every row against the table written by hand in matrix/expected-scopes.ts.
  it('lists exactly the actions of the table written by hand', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED_SCOPES).sort());
  });
  it.each([...ACTIONS])('%s: each role has the scope written by hand', (action) => {
    const actual = Object.fromEntries(ROLES.map((role) => [role, scopeOf(role, action)]));
    const expected = Object.fromEntries(ROLES.map((role) => [role, expectedScope(action, role)]));
    expect(actual).toEqual(expected);
  });
});

describe(`policy matrix on ${TEST_DIALECT}`, () => {
  let t: Awaited<ReturnType<typeof createRecordingApp>>;
  let w: World;

  beforeAll(async () => {
    t = await createRecordingApp();
    ctxRef = t.ctx;
    w = await buildWorld(t.app, t.ctx);
    for (const m of MATRIX_MODULES) await m.extend?.(t.app, t.ctx, w);
  });

  const inject = (method: string, url: string, session: Session | null, payload?: unknown, csrf = true) =>
    t.app.inject({
      method: method as Method,
      url,
      ...(payload instanceof RawBody
        ? { payload: payload.bytes }
        : payload !== undefined && { payload: payload as object }),
      headers: {
        ...(session ? (csrf ? session.headers : { cookie: session.cookie }) : {}),
        ...(payload instanceof RawBody && { 'content-type': payload.contentType }),
      },
    });

  it('has a request builder for every API route, and no builder for a route that does not exist', () => {
    const routes = apiRouteKeys(t.routes);
    const specs = new Set([...Object.keys(ACTION_SPECS), ...Object.keys(OPEN_SPECS)]);
    const missing = [...routes.keys()].filter((k) => !specs.has(k));
    const stale = [...specs].filter((k) => !routes.has(k));
    expect(missing, 'routes without a request builder in policy-matrix.test.ts').toEqual([]);
    expect(stale, 'request builders for routes that no longer exist').toEqual([]);
  });

  it('gives every API route a known policy, and the builder agrees with it', () => {
    const known = new Set<string>([...ACTIONS, 'public', 'session']);
    for (const [key, r] of apiRouteKeys(t.routes)) {
      const policy = r.config?.policy;
      expect(policy && known.has(policy), `${key} policy ${policy}`).toBe(true);
      expect(policy, key).toBe(ACTION_SPECS[key]?.action ?? OPEN_SPECS[key]?.policy);
    }
    // Every action in the table is reachable through some route, or through a job kind that the job
    // route starts (a dead action is a design smell).
    const used = new Set<string | undefined>([
      ...[...apiRouteKeys(t.routes).values()].map((r) => r.config?.policy),
      ...Object.values(JOB_KINDS).map((k) => k.action),
    ]);
    expect(ACTIONS.filter((a) => !used.has(a))).toEqual([]);
  });

  it('gives each automatic HEAD route the same policy as its GET', () => {
    const gets = new Map<string, RouteOptions>();
    for (const r of t.routes) if (methodsOf(r).includes('GET')) gets.set(r.url, r);
    const heads = t.routes.filter((r) => isApi(r.url) && methodsOf(r).includes('HEAD'));
    expect(heads.length).toBeGreaterThan(0);
    for (const h of heads) expect(h.config?.policy, `HEAD ${h.url}`).toBe(gets.get(h.url)?.config?.policy);
  });

  it('refuses to build an app with an /api route that names no policy or an unknown one', async () => {
    const tdb = await createTestDatabase();
    const config = testConfig(tdb.database);
    const handle = openDatabase(config.database);
    try {
      await migrateToLatest(handle.db);
      const { app } = await buildApp(config, handle, { serveWeb: false });
      expect(() => app.get('/api/forgotten', () => ({ ok: true }))).toThrow(/has no policy/);
      expect(() =>
        app.post('/api/typo', { config: { policy: 'district.reed' as never } }, () => ({ ok: true })),
      ).toThrow(/has no policy/);
      // Outside /api (the web app's files) no policy is needed.
      expect(() => app.get('/not-api', () => 'ok')).not.toThrow();
      await app.close();
    } finally {
      await handle.close();
      await tdb.drop();
    }
  });

  describe.each(Object.entries(ACTION_SPECS))('%s', (key, spec) => {
    const [method, url] = key.split(' ') as [Method, string];

    it('answers 401 without a session', async () => {
      const target = spec.targets(w)[0];
      const res = await inject(method, fill(url, target?.ids ?? {}), null, spec.payload?.(target ?? null));
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    });

    it.each(ROLES)('answers %s as the policy table says, for every kind of resource', async (role) => {
      const { policy: actor, session } = w.actors[role];
      const targets: (Target | null)[] =
        spec.kind === 'state-list' || spec.kind === 'state-item' ? [null] : spec.targets(w);
      let randomBody: unknown;
      for (const target of targets) {
        const expected = expectedOutcome(actor, spec, target);
        const res = await inject(method, fill(url, target?.ids ?? {}), session, spec.payload?.(target));
        const what = `${role} ${key} on ${target?.label ?? 'own state'}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 300)}`;
        if (expected === 'allowed') {
          expect(res.statusCode, what).toBe(spec.success);
          if (spec.contentType) {
            expect(String(res.headers['content-type']), what).toContain(spec.contentType);
            continue;
          }
          const body = res.json<Item & { items?: Item[] }>();
          if (spec.kind === 'item' && method === 'GET') expect(body.id, what).toBe(target!.ids.id);
          if (spec.kind === 'list' || spec.kind === 'state-list') {
            expect(body.items!.length, `${what}: an allowed list must not be empty in this world`).toBeGreaterThan(0);
            for (const item of body.items!)
              expect(
                await spec.itemAllowed!(item, target, actor, w),
                `${what}: item ${JSON.stringify(item).slice(0, 200)}`,
              ).toBe(true);
          }
        } else {
          expect(res.statusCode, what).toBe(expected);
          expect(res.json().error.code, what).toBe(expected === 404 ? 'not_found' : 'forbidden');
          if (expected === 404) {
            // An id in a district the actor cannot see answers exactly like an id that does not exist.
            randomBody ??= (await inject(method, fill(url, randomIds(url)), session, spec.payload?.(target))).json();
            expect(res.json(), `${what}: 404 must match a random id's answer`).toEqual(randomBody);
          }
        }
      }
    });
  });

  it('answers an invitation id from another district, under the own district, exactly like a random id', async () => {
    const { session } = w.actors.district_admin;
    const foreign = w.invitationTargets[1]!.ids.invitationId!;
    const res = await inject('POST', `/api/districts/${w.dA.id}/invitations/${foreign}/revoke`, session);
    const random = await inject('POST', `/api/districts/${w.dA.id}/invitations/${newId()}/revoke`, session);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(random.json());
    const still = await db()
      .selectFrom('invitations')
      .select('revokedAt')
      .where('id', '=', foreign)
      .executeTakeFirstOrThrow();
    expect(still.revokedAt).toBeNull();
  });

  describe('public routes', () => {
    it.each(Object.entries(OPEN_SPECS).filter(([, s]) => s.policy === 'public'))(
      '%s works without a session',
      async (key, spec) => {
        const [method, url] = key.split(' ') as [Method, string];
        const r = await spec.request(w, null);
        const res = await inject(method, r.url ?? url, null, r.payload);
        expect(res.statusCode, res.body.slice(0, 300)).toBe(r.expect);
      },
    );
  });

  describe('session routes', () => {
    it.each(Object.entries(OPEN_SPECS).filter(([, s]) => s.policy === 'session'))(
      '%s answers 401 without a session',
      async (key, spec) => {
        const [method, url] = key.split(' ') as [Method, string];
        const res = await inject(
          method,
          url,
          null,
          key.includes('mfa/verify') || key.includes('confirm')
            ? { code: '123456' }
            : key.includes('password')
              ? { currentPassword: 'x', newPassword: 'y' }
              : undefined,
        );
        expect(res.statusCode, res.body).toBe(401);
        expect(res.json().error.code).toBe('unauthorized');
        expect(spec.policy).toBe('session');
      },
    );

    it('work for any signed-in account, about itself', async () => {
      // A state viewer needs no MFA, so it can walk me -> enrol -> confirm -> password -> sign-out.
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null, state: 'VA' });
      const session = await signIn(t.app, user);
      expect(new Set(SESSION_ORDER)).toEqual(
        new Set(
          Object.keys(OPEN_SPECS).filter((k) => OPEN_SPECS[k]!.policy === 'session' && !k.includes('mfa/verify')),
        ),
      );
      for (const key of SESSION_ORDER) {
        const [method, url] = key.split(' ') as [Method, string];
        const r = await OPEN_SPECS[key]!.request(w, session);
        const res = await inject(method, url, session, r.payload);
        expect(res.statusCode, `${key}: ${res.body.slice(0, 300)}`).toBe(r.expect);
        if (key === 'POST /api/auth/mfa/enrol') enrolSecret = res.json<{ secret: string }>().secret;
        // Finishing enrolment renews the session: go on with the new cookie and CSRF token.
        if (key === 'POST /api/auth/mfa/enrol/confirm') renewFrom(session, res);
      }
      // Signed out: the same cookie is now no session at all.
      expect((await inject('GET', '/api/me', session)).statusCode).toBe(401);
    });

    it('lets a half-signed-in MFA session finish verification, and nothing tenant-related before that', async () => {
      const user = await buildUser(t.ctx, { role: 'sro', districtId: w.dA.id, schoolIds: [w.schools.a1] });
      mfaVerifySecret = user.mfaSecret;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: user.email, password: user.password },
      });
      expect(res.json().status).toBe('mfa_required');
      const session: Session = {
        cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        csrfToken: res.json().csrfToken,
        headers: { cookie: '', 'x-csrf-token': res.json().csrfToken },
      };
      session.headers.cookie = session.cookie;
      const early = await inject('GET', `/api/schools/${w.schools.a1}`, session);
      expect(early.statusCode).toBe(401);
      expect(early.json().error.code).toBe('mfa_required');
      const r = await OPEN_SPECS['POST /api/auth/mfa/verify']!.request(w, session);
      const v = await inject('POST', '/api/auth/mfa/verify', session, r.payload);
      expect(v.statusCode, v.body).toBe(r.expect);
      // The half-signed-in session is gone; the renewed one is signed in.
      expect((await inject('GET', `/api/schools/${w.schools.a1}`, session)).statusCode).toBe(401);
      renewFrom(session, v);
      expect((await inject('GET', `/api/schools/${w.schools.a1}`, session)).statusCode).toBe(200);
    });
  });

  describe('CSRF', () => {
    it('refuses every signed-in write without the session CSRF token, or with a wrong one', async () => {
      const { session } = w.actors.district_admin;
      const writes = [...apiRouteKeys(t.routes).entries()].filter(
        ([k, r]) => !k.startsWith('GET ') && r.config?.policy !== 'public',
      );
      expect(writes.length).toBeGreaterThan(5);
      for (const [key] of writes) {
        const [method, url] = key.split(' ') as [Method, string];
        const spec = ACTION_SPECS[key];
        const target = spec?.targets(w).find((x) => x.resource.districtId === w.dA.id);
        const path = fill(url, target?.ids ?? randomIds(url));
        for (const headers of [
          { cookie: session.cookie },
          { cookie: session.cookie, 'x-csrf-token': 'not-the-token' },
        ]) {
          const res = await t.app.inject({
            method: method,
            url: path,
            headers,
            ...(spec?.payload && { payload: spec.payload(target ?? null) as object }),
          });
          expect(res.statusCode, `${key}: ${res.body}`).toBe(403);
          expect(res.json().error.message).toMatch(/CSRF/);
        }
      }
      // The same session with its token may write (the allowed case is also covered by the matrix).
      const ok = await inject('PATCH', `/api/districts/${w.dA.id}`, session, { name: 'Own district' });
      expect(ok.statusCode).toBe(200);
    });
  });
});
