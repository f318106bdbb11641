import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEntrySchema, AuditQuerySchema, AuditVerifyResultSchema, IdParamsSchema, pageOf } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { authorize } from '../../shared/authorize.js';
import { NotFoundError } from '../../shared/errors.js';
import { findDistrict } from '../districts/district.repository.js';
import { appendAudit, listEvents, verifyChains } from './audit.service.js';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/districts/:id/audit', { config: { policy: 'audit.list' }, schema: { tags: ['audit'], params: IdParamsSchema, querystring: AuditQuerySchema, response: { 200: pageOf(AuditEntrySchema) } } }, async (req) => {
      const d = await findDistrict(ctx.db, req.params.id);
      if (!d) throw new NotFoundError('District');
      authorize(req.actor!, 'audit.list', { districtId: d.id, state: d.state }, 'District');
      const { limit, offset, ...filters } = req.query;
      // Looking at the audit trail is itself recorded: who watched the watchers.
      await ctx.db.transaction().execute((trx) =>
        appendAudit(trx, { dialect: ctx.dialect, actor: req.actor, districtId: d.id }, { kind: 'audit.viewed', filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) }),
      );
      return listEvents(ctx.db, d.id, req.query);
    });
    app.post('/api/districts/:id/audit/verify', { config: { policy: 'audit.verify' }, schema: { tags: ['audit'], params: IdParamsSchema, response: { 200: AuditVerifyResultSchema } } }, async (req) => {
      const d = await findDistrict(ctx.db, req.params.id);
      if (!d) throw new NotFoundError('District');
      authorize(req.actor!, 'audit.verify', { districtId: d.id, state: d.state }, 'District');
      const result = await verifyChains(ctx.db, [d.id]);
      await ctx.db.transaction().execute((trx) =>
        appendAudit(trx, { dialect: ctx.dialect, actor: req.actor, districtId: d.id }, { kind: 'audit.verified', ok: result.ok, checked: result.checked }),
      );
      return result;
    });
  };
}
