import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChangePasswordInputSchema,
  MeSchema,
  MfaCodeInputSchema,
  MfaEnrolmentDoneSchema,
  MfaEnrolmentSchema,
  OkSchema,
  SignInInputSchema,
  SignInResultSchema,
} from '@forefront/contract';
import { SESSION_COOKIE } from './session.js';
import { setSessionCookie } from '../../plugins/auth.js';
import { authRateLimit } from '../../plugins/security.js';
import type { AppContext } from '../../shared/context.js';
import * as service from './auth.service.js';
import { readMe } from './me.service.js';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const rateLimit = authRateLimit(ctx.config);
  return async (app) => {
    app.post(
      '/api/auth/sign-in',
      {
        config: { policy: 'public', rateLimit },
        schema: { tags: ['auth'], body: SignInInputSchema, response: { 200: SignInResultSchema } },
      },
      async (req, reply) => {
        const { token, result } = await service.signIn(ctx, req.body.email, req.body.password);
        setSessionCookie(ctx, req, reply, token);
        return result;
      },
    );
    app.post(
      '/api/auth/mfa/verify',
      {
        config: { policy: 'session', rateLimit },
        schema: { tags: ['auth'], body: MfaCodeInputSchema, response: { 200: SignInResultSchema } },
      },
      async (req, reply) => {
        const { token, result } = await service.verifyMfa(ctx, req.actor!, req.body.code);
        setSessionCookie(ctx, req, reply, token);
        return result;
      },
    );
    app.post(
      '/api/auth/mfa/enrol',
      { config: { policy: 'session', rateLimit }, schema: { tags: ['auth'], response: { 200: MfaEnrolmentSchema } } },
      (req) => service.startEnrolment(ctx, req.actor!),
    );
    app.post(
      '/api/auth/mfa/enrol/confirm',
      {
        config: { policy: 'session', rateLimit },
        schema: { tags: ['auth'], body: MfaCodeInputSchema, response: { 200: MfaEnrolmentDoneSchema } },
      },
      async (req, reply) => {
        const { token, result } = await service.confirmEnrolment(ctx, req.actor!, req.body.code);
        setSessionCookie(ctx, req, reply, token);
        return result;
      },
    );
    app.post(
      '/api/auth/sign-out',
      { config: { policy: 'session' }, schema: { tags: ['auth'], response: { 200: OkSchema } } },
      async (req, reply) => {
        await service.signOut(ctx, req.actor!);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );
    app.get(
      '/api/me',
      { config: { policy: 'session' }, schema: { tags: ['auth'], response: { 200: MeSchema } } },
      (req) => readMe(ctx, req.actor!, req.csrfToken!, req.mfaPending),
    );
    app.post(
      '/api/me/password',
      {
        config: { policy: 'session', rateLimit },
        schema: { tags: ['auth'], body: ChangePasswordInputSchema, response: { 200: OkSchema } },
      },
      async (req) => {
        await service.changePassword(ctx, req.actor!, req.mfaPending, req.body.currentPassword, req.body.newPassword);
        return { ok: true as const };
      },
    );
  };
}
