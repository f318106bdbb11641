import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamsSchema,
  TeamCandidateListSchema,
  TeamInputSchema,
  TeamListSchema,
  TeamMembersInputSchema,
  TeamSchema,
  ThreatSettingsInputSchema,
  ThreatSettingsSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import * as service from './team.service.js';

/** Issue 15 item 1: the district's threat assessment settings and teams. */
export function threatTeamRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['threat assessment'];
    app.get(
      '/api/districts/:id/threat-settings',
      {
        config: { policy: 'threat.settings' },
        schema: { tags, params: IdParamsSchema, response: { 200: ThreatSettingsSchema } },
      },
      (req) => service.getSettings(ctx, req.actor!, req.params.id),
    );
    app.put(
      '/api/districts/:id/threat-settings',
      {
        config: { policy: 'threat.settings' },
        schema: {
          tags,
          params: IdParamsSchema,
          body: ThreatSettingsInputSchema,
          response: { 200: ThreatSettingsSchema },
        },
      },
      (req) => service.putSettings(ctx, req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/districts/:id/threat-teams',
      { config: { policy: 'team.list' }, schema: { tags, params: IdParamsSchema, response: { 200: TeamListSchema } } },
      (req) => service.listTeams(ctx, req.actor!, req.params.id),
    );
    app.post(
      '/api/districts/:id/threat-teams',
      {
        config: { policy: 'team.write' },
        schema: { tags, params: IdParamsSchema, body: TeamInputSchema, response: { 201: TeamSchema } },
      },
      async (req, reply) => reply.code(201).send(await service.createTeam(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/districts/:id/threat-teams/candidates',
      {
        config: { policy: 'team.write' },
        schema: { tags, params: IdParamsSchema, response: { 200: TeamCandidateListSchema } },
      },
      (req) => service.listCandidates(ctx, req.actor!, req.params.id),
    );
    app.put(
      '/api/threat-teams/:id/members',
      {
        config: { policy: 'team.write' },
        schema: { tags, params: IdParamsSchema, body: TeamMembersInputSchema, response: { 200: TeamSchema } },
      },
      (req) => service.setMembers(ctx, req.actor!, req.params.id, req.body),
    );
  };
}
