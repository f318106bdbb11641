import type { FastifyInstance } from 'fastify';
import type { Action } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { ForbiddenError } from '../../shared/errors.js';
import { appendAudit } from './audit.service.js';

/**
 * Reads of student data whose refusal (403) goes on the record: a signed-in person trying records
 * outside their schools, or a role reaching for exports, is what an auditor looks for. Refusals
 * arise in many services (the policy table through `authorize`, the MOU's information-sharing
 * clause for officers, a school filter outside the actor's schools), so they are recorded in one
 * place, from the route's policy, rather than in each. A 404 (another district's id) is not: it
 * must stay indistinguishable from an id that does not exist.
 */
export const STUDENT_DATA_READS: ReadonlySet<Action> = new Set<Action>([
  'student.list',
  'student.read',
  'incident.list',
  'incident.read',
  'incident.export',
  'crdc.export',
]);

export function auditRefusedReads(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onError', async (request, _reply, err) => {
    const actor = request.actor;
    const action = request.routeOptions.config?.policy as Action | undefined;
    if (!(err instanceof ForbiddenError) || !actor || !action || !STUDENT_DATA_READS.has(action)) return;
    const params = request.params as { id?: unknown } | undefined;
    try {
      // Its own transaction: the refused request changed nothing, and the refusal must stay recorded.
      await ctx.db.transaction().execute((trx) =>
        appendAudit(
          trx,
          { dialect: ctx.dialect, actor, districtId: err.districtId ?? actor.districtId },
          {
            kind: 'access.refused',
            action,
            route: `${request.method} ${request.routeOptions.url ?? ''}`,
            resourceId: typeof params?.id === 'string' ? params.id : null,
          },
        ),
      );
    } catch (e) {
      // The person still gets their 403; the operator learns the record is missing.
      request.log.error({ err: e }, 'could not record a refused read of student data');
    }
  });
}
