import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import {
  CpiTableSchema,
  CrdcDistrictBenchmarkAnswerSchema,
  CrdcLoadedSchema,
  PublicCrdcSummarySchema,
  TransparencyYearParamsSchema,
} from '@forefront/contract';
import { loadCpiTable } from './cpi.js';
import { crdcDistrictBenchmark } from './crdc.benchmarks.js';
import { CRDC_SOURCE, listLoaded, readStateSummary } from './crdc.service.js';

// Loose shapes here, checked in the service, so a bad value answers our own clear 400 message.
const StateYearParams = z.object({ state: z.string().max(8), year: z.string().max(16) });

export function crdcRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // What is loaded, for the CRDC files page and the public pages (published federal data, no tenant).
    app.get(
      '/api/public/crdc',
      { config: { policy: 'public' }, schema: { tags: ['public'], response: { 200: CrdcLoadedSchema } } },
      async () => ({ items: await listLoaded(ctx) }),
    );
    app.get(
      '/api/public/crdc/:state/:year',
      {
        config: { policy: 'public' },
        schema: { tags: ['public'], params: StateYearParams, response: { 200: PublicCrdcSummarySchema } },
      },
      async (req) => {
        const state = req.params.state.toUpperCase();
        return {
          state,
          year: req.params.year,
          source: CRDC_SOURCE,
          summary: await readStateSummary(ctx, state, req.params.year),
        };
      },
    );
    // The district beside its state and similar districts (published federal figures, labelled with their source).
    app.get(
      '/api/public/districts/:id/benchmarks/:year',
      {
        config: { policy: 'public' },
        schema: {
          tags: ['public'],
          params: TransparencyYearParamsSchema,
          response: { 200: CrdcDistrictBenchmarkAnswerSchema },
        },
      },
      (req) => crdcDistrictBenchmark(ctx.db, req.params.id, req.params.year),
    );
    app.get(
      '/api/public/benchmarks/cpi-2017-18',
      { config: { policy: 'public' }, schema: { tags: ['public'], response: { 200: CpiTableSchema } } },
      () => loadCpiTable(),
    );
  };
}
