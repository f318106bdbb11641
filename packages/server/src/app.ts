import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { DbHandle } from './db/database.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerInputTextCheck } from './plugins/input-text.js';
import { OneLinePerRequest, loggerOptions } from './plugins/logging.js';
import { registerSecurity } from './plugins/security.js';
import { registerWeb } from './plugins/web.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { auditRefusedReads } from './modules/audit/audit.refusals.js';
import { incidentRoutes } from './modules/incidents/incident.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { districtRoutes } from './modules/districts/district.routes.js';
import { incidentImportRoutes } from './modules/incident-import/import.routes.js';
import { exportRoutes } from './modules/exports/export.routes.js';
import { disclosureRoutes } from './modules/disclosures/disclosure.routes.js';
import { crdcRoutes } from './modules/crdc/crdc.routes.js';
import { createMailer } from './modules/mail/mailer.js';
import { mouRoutes } from './modules/mous/mou.routes.js';
import { trainingStandardRoutes } from './modules/training/training.standard.routes.js';
import { activityRoutes } from './modules/activities/activity.routes.js';
import { transparencyTrainingRoutes } from './modules/transparency/transparency.training.routes.js';
import { setupRoutes } from './modules/setup/setup.routes.js';
import { studentRoutes } from './modules/students/student.routes.js';
import { transparencyRoutes } from './modules/transparency/transparency.routes.js';
import { userRoutes } from './modules/users/user.routes.js';
import { jobRoutes } from './modules/jobs/job.routes.js';
import { dashboardRoutes } from './modules/dashboard/todo.routes.js';
import { officerRoutes } from './modules/training/officer.routes.js';
import { trainingRecordRoutes } from './modules/training/training.record.routes.js';
import { complianceRoutes } from './modules/training/compliance.routes.js';
// Issue 15: threat assessment teams and cases.
import { threatTeamRoutes } from './modules/threats/threat-teams.routes.js';
import { threatCaseRoutes } from './modules/threats/threat-cases.routes.js';
import type { AppContext } from './shared/context.js';

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
}

export interface BuildOptions {
  serveWeb?: boolean;
  /** Sees every route as it is added (tests walk all routes x roles against the policy table). */
  onRoute?: (route: RouteOptions) => void;
  /** Where log lines go instead of stdout (tests capture them to check redaction). */
  logStream?: { write(line: string): void };
}

/** Plugins first, then every module's routes, registered explicitly in one place. */
export async function buildApp(config: Config, handle: DbHandle, opts: BuildOptions = {}): Promise<BuiltApp> {
  // One log line per request instead of Fastify's two (plugins/logging.ts).
  const app = Fastify({
    logger: loggerOptions(config, opts.logStream),
    logController: new OneLinePerRequest(),
    // Only the proxies the operator names may set the client address and protocol (X-Forwarded-*):
    // trusting any sender would let a client pick its own rate-limit bucket and the cookie's Secure flag.
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: 1_048_576,
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const ctx: AppContext = {
    db: handle.db,
    dialect: handle.dialect,
    sqlite: handle.sqlite,
    config,
    log: app.log,
    mailer: createMailer(config, handle.db, app.log),
  };
  app.addHook('onClose', (_app, done) => {
    ctx.mailer.close();
    done();
  });

  registerErrorHandling(app);
  registerInputTextCheck(app);
  await registerSecurity(app, config);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Forefront API',
        version: '0.1.0',
        description: 'School Resource Officer program management and public transparency.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ff_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await registerAuth(app, ctx);
  auditRefusedReads(app, ctx); // 403s on student data go on the record (before the routes it watches)

  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, () => app.swagger());
  await app.register(setupRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(districtRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(incidentRoutes(ctx));
  await app.register(incidentImportRoutes(ctx));
  await app.register(exportRoutes(ctx));
  await app.register(disclosureRoutes(ctx));
  await app.register(crdcRoutes(ctx));
  await app.register(mouRoutes(ctx));
  await app.register(studentRoutes(ctx));
  await app.register(transparencyRoutes(ctx));
  await app.register(jobRoutes(ctx));
  await app.register(dashboardRoutes(ctx));
  await app.register(trainingStandardRoutes(ctx));
  await app.register(activityRoutes(ctx));
  await app.register(transparencyTrainingRoutes(ctx));
  await app.register(officerRoutes(ctx));
  await app.register(trainingRecordRoutes(ctx));
  await app.register(complianceRoutes(ctx));
  await app.register(threatTeamRoutes(ctx));
  await app.register(threatCaseRoutes(ctx));
  if (opts.serveWeb !== false) await registerWeb(app);
  return { app, ctx };
}
