import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { ACTIONS, type Role, type RoutePolicy, isMfaRequired } from '@forefront/contract';
import { nowIso } from '../db/database.js';
import { epochCacheOf } from '../db/epoch-cache.js';
import * as repo from '../modules/auth/auth.repository.js';
import type { SessionWithUser } from '../modules/auth/auth.repository.js';
import { SESSION_COOKIE, allowsAccess, isTouchDue, sessionIdOf } from '../modules/auth/session.js';
import type { Actor } from '../shared/actor.js';
import type { AppContext } from '../shared/context.js';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route names its policy; buildApp refuses to start otherwise. */
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's CSRF token, echoed to the client in /api/me and sign-in answers. */
    csrfToken: string | null;
    /** True while an MFA role has not yet passed TOTP in this session. */
    mfaPending: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const KNOWN_POLICIES = new Set<string>([...ACTIONS, 'public', 'session']);

/**
 * Loads the actor from the session cookie on every request, from the database or from a copy read
 * under the current access epoch (db/access-epoch.ts), so disabling an account or changing a role
 * takes effect on the very next request. Then enforces the route's policy: public routes pass;
 * everything else needs a live session, finished MFA (except the routes that finish it) and, for
 * writes, the session's CSRF token in `x-csrf-token`.
 */
export async function registerAuth(app: FastifyInstance, ctx: AppContext) {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mfaPending', false);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    const policy = route.config?.policy;
    if (!policy || !KNOWN_POLICIES.has(policy))
      throw new Error(
        `Route ${String(route.method)} ${route.url} has no policy: every API route must name one (packages/contract/src/policy.ts)`,
      );
  });

  // A callback hook, not an async one: most public reads carry no session cookie and pass here
  // without a promise and its extra turns of the microtask queue (docs/benchmarks.md).
  app.addHook('onRequest', (request, reply, done) => {
    const policy = request.routeOptions.config?.policy;
    if (!policy) return done(); // static files, docs
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return done(policyError(policy, request));
    loadActor(ctx, request, reply, token).then(() => done(policyError(policy, request)), done);
  });
}

/** Why this request may not reach a route with this policy, or undefined when it may. */
function policyError(policy: RoutePolicy, request: FastifyRequest): Error | undefined {
  if (policy === 'public') return undefined;
  if (!request.actor) return new UnauthorizedError();
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken)
    return new ForbiddenError('Missing or wrong CSRF token; reload the page and try again');
  if (policy !== 'session' && request.mfaPending)
    return new UnauthorizedError('Finish two-step verification to continue', 'mfa_required');
  return undefined;
}

async function loadActor(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, token: string) {
  const id = sessionIdOf(token);
  const now = Date.now();
  const cache = epochCacheOf<SessionWithUser>(ctx.db, 'sessions');
  const epoch = cache ? cache.currentEpoch() : 0;
  let s = cache?.get(id);
  // A copy (db/epoch-cache.ts) only ever says yes: one that would refuse, or whose once-a-minute
  // touch is due, is read again. So every refusal and every touch rests on the database itself,
  // and no copy is more than a minute old, even after a change made outside Forefront.
  if (!s || !allowsAccess(s, now) || isTouchDue(s.lastSeenAt, now)) {
    s = await repo.findSessionWithUser(ctx.db, id);
    if (!s || !allowsAccess(s, now)) {
      cache?.forget(id);
      if (s) await repo.deleteSession(ctx.db, s.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    if (isTouchDue(s.lastSeenAt, now)) {
      const at = nowIso();
      await repo.touchSession(ctx.db, s.sessionId, at);
      s.lastSeenAt = at;
    }
    cache?.keep(id, s, epoch);
  }
  const role = s.role as Role;
  request.actor = {
    userId: s.userId,
    role,
    districtId: s.districtId,
    state: s.state,
    schoolIds: s.schoolIds,
    sessionId: s.sessionId,
  };
  request.csrfToken = s.csrfToken;
  request.mfaPending = isMfaRequired(role) && s.mfaVerified !== 1;
}

/** Session cookie: HttpOnly (no script can read it), SameSite=Strict (no cross-site sends). */
export function setSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, token: string) {
  const secure = ctx.config.cookieSecure === 'auto' ? request.protocol === 'https' : ctx.config.cookieSecure;
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
