import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, TodoListSchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { listTodos } from './todo.service.js';

export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/api/districts/:id/todos',
      {
        // Anyone in the district may open the dashboard; each to-do is narrowed to the person's own policy.
        config: { policy: 'district.read' },
        schema: {
          tags: ['dashboard'],
          summary: "The dashboard's to-dos and getting-started checklist for the signed-in person",
          params: IdParamsSchema,
          response: { 200: TodoListSchema },
        },
      },
      (req) => listTodos(ctx, req.actor!, req.params.id),
    );
    return Promise.resolve();
  };
}
