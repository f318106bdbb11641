import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CaseChildParamsSchema,
  CaseCountsSchema,
  CaseDetailSchema,
  CaseIdParamsSchema,
  CaseListQuerySchema,
  CaseNoteInputSchema,
  CasePageSchema,
  CaseThemeParamsSchema,
  CheckinDoneSchema,
  CheckinInputSchema,
  ClassificationInputSchema,
  CloseInputSchema,
  IdParamsSchema,
  IepCheckInputSchema,
  InterviewInputSchema,
  ParentContactInputSchema,
  SafetyEvaluationInputSchema,
  SafetyPlanInputSchema,
  TaskInputSchema,
  TaskUpdateSchema,
  ThemeInputSchema,
  ThreatReportInputSchema,
  ThreatReportReceiptSchema,
} from '@forefront/contract';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import * as decide from './case.decide.js';
import { reportThreat } from './case.intake.js';
import { caseCounts, listCases } from './case.list.js';
import * as steps from './case.steps.js';
import { getCase } from './case.view.js';

/** Issue 15 item 2: intake, the case list and counts, a case and its steps. */
export function threatCaseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['threat assessment'];
    const detail = { 200: CaseDetailSchema };
    app.post(
      '/api/districts/:id/threat-reports',
      {
        config: { policy: 'case.report' },
        schema: {
          tags,
          params: IdParamsSchema,
          body: ThreatReportInputSchema,
          response: { 201: ThreatReportReceiptSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await reportThreat(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/districts/:id/threat-cases',
      {
        config: { policy: 'case.list' },
        schema: { tags, params: IdParamsSchema, querystring: CaseListQuerySchema, response: { 200: CasePageSchema } },
      },
      (req) => listCases(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/districts/:id/threat-cases/counts',
      {
        config: { policy: 'case.counts' },
        schema: { tags, params: IdParamsSchema, response: { 200: CaseCountsSchema } },
      },
      (req) => caseCounts(ctx, req.actor!, req.params.id),
    );
    app.get(
      '/api/threat-cases/:id',
      { config: { policy: 'case.read' }, schema: { tags, params: CaseIdParamsSchema, response: detail } },
      (req) => getCase(ctx, req.actor!, req.params.id),
    );

    // Each step: case.write; the body's schema, then the service's rules; answers the case.
    const post = <S extends z.ZodTypeAny>(
      tail: string,
      body: S,
      run: (actorId: Parameters<typeof steps.addNote>[1], id: string, input: z.infer<S>) => Promise<unknown>,
    ) =>
      app.post(
        `/api/threat-cases/:id${tail}`,
        { config: { policy: 'case.write' }, schema: { tags, params: CaseIdParamsSchema, body, response: detail } },
        (req) => run(req.actor!, req.params.id, req.body as z.infer<S>) as never,
      );
    post('/interviews', InterviewInputSchema, (a, id, b) => steps.addInterview(ctx, a, id, b));
    post('/iep-check', IepCheckInputSchema, (a, id, b) => steps.recordIepCheck(ctx, a, id, b));
    post('/classification', ClassificationInputSchema, (a, id, b) => decide.classify(ctx, a, id, b));
    post('/safety-evaluation', SafetyEvaluationInputSchema, (a, id, b) => decide.evaluateSafety(ctx, a, id, b));
    post('/safety-plan', SafetyPlanInputSchema, (a, id, b) => steps.recordSafetyPlan(ctx, a, id, b));
    post('/tasks', TaskInputSchema, (a, id, b) => steps.addTask(ctx, a, id, b));
    post('/checkins', CheckinInputSchema, (a, id, b) => steps.addCheckin(ctx, a, id, b));
    post('/parent-contacts', ParentContactInputSchema, (a, id, b) => steps.addParentContact(ctx, a, id, b));
    post('/notes', CaseNoteInputSchema, (a, id, b) => steps.addNote(ctx, a, id, b));
    post('/signoffs', z.object({}).strict().optional(), (a, id) => decide.signOff(ctx, a, id));
    post('/close', CloseInputSchema, (a, id, b) => decide.closeCase(ctx, a, id, b));
    app.patch(
      '/api/threat-cases/:id/tasks/:childId',
      {
        config: { policy: 'case.write' },
        schema: { tags, params: CaseChildParamsSchema, body: TaskUpdateSchema, response: detail },
      },
      (req) => steps.updateTask(ctx, req.actor!, req.params.id, req.params.childId, req.body),
    );
    app.post(
      '/api/threat-cases/:id/checkins/:childId/done',
      {
        config: { policy: 'case.write' },
        schema: { tags, params: CaseChildParamsSchema, body: CheckinDoneSchema, response: detail },
      },
      (req) => steps.completeCheckin(ctx, req.actor!, req.params.id, req.params.childId, req.body),
    );
    app.put(
      '/api/threat-cases/:id/themes/:theme',
      {
        config: { policy: 'case.write' },
        schema: { tags, params: CaseThemeParamsSchema, body: ThemeInputSchema, response: detail },
      },
      (req) => steps.answerTheme(ctx, req.actor!, req.params.id, req.params.theme, req.body),
    );
  };
}
