import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParamsSchema,
  PublishTransparencyInputSchema,
  PublishTransparencyResultSchema,
  TransparencyIndexSchema,
  TransparencyPdfQuerySchema,
  type TransparencyReport,
  TransparencyReleasesSchema,
  TransparencyReportSchema,
  TransparencyStatusSchema,
  TransparencyTableParamsSchema,
  TransparencyYearParamsSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import { TransparencyTableFileSchema, fileName, tableCsv, tableFile, tableOf } from './transparency.csv.js';
import {
  type Scope,
  freshWirePage,
  parseTableFile,
  readPublishedPage,
  readPublishedReport,
  readWirePage,
  transparencyIndex,
} from './transparency.public.js';
import { sendWirePage } from './transparency.http.js';
import { transparencyPdf } from './transparency.pdf-store.js';
import { publishTransparency, transparencyStatus } from './transparency.publish.js';
import { transparencyReleases } from './transparency.releases.js';

/**
 * The public transparency report (docs/transparency.md, "API"). The report routes are the hot
 * path: the stored JSON text is sent as it is, with its content type set, so Fastify sends the
 * string without running the response serializer (a string payload with a JSON content type goes
 * straight to onSend); the response schema is there for the OpenAPI document. The page route
 * also answers conditional requests and gzip from a per-process cache (transparency.http.ts).
 */
const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends stored JSON text unchanged (typed as the schema's object for the zod type provider). */
const sendStored = (reply: FastifyReply, payload: string) => reply.header('content-type', JSON_TYPE).send(payload);

const attachment = (reply: FastifyReply, name: string) =>
  reply.header('content-disposition', `attachment; filename="${name}"`);

const TextFile = z.string().describe('CSV (text/csv) when the file ends in .csv; the JSON table file otherwise');

export function transparencyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const pub = { config: { policy: 'public' as const } };

    app.get(
      '/api/public/districts/:id/transparency',
      {
        ...pub,
        schema: {
          tags: ['public'],
          summary: "Published school years of a district's transparency report",
          params: IdParamsSchema,
          response: { 200: TransparencyIndexSchema },
        },
      },
      (req) => transparencyIndex(ctx, req.params.id),
    );

    for (const scope of ['district', 'school'] as const satisfies readonly Scope[]) {
      const base = `/api/public/${scope === 'district' ? 'districts' : 'schools'}/:id/transparency/:year`;
      app.get(
        base,
        {
          ...pub,
          schema: {
            tags: ['public'],
            summary: `A ${scope}'s transparency report for a school year (e.g. 2025-26), after suppression`,
            params: TransparencyYearParamsSchema,
            response: { 200: TransparencyReportSchema },
          },
        },
        (req, reply) => {
          const { id, year } = req.params;
          const fresh = freshWirePage(ctx, scope, id, year);
          if (fresh) return void sendWirePage(req, reply, fresh);
          return readWirePage(ctx, scope, id, year).then(
            (page) => sendWirePage(req, reply, page) as unknown as TransparencyReport,
          );
        },
      );
      app.get(
        `${base}/report.json`,
        {
          ...pub,
          schema: {
            tags: ['public'],
            summary: `A ${scope}'s whole transparency report as a JSON download`,
            params: TransparencyYearParamsSchema,
            response: { 200: TransparencyReportSchema },
          },
        },
        async (req, reply) => {
          const payload = await readPublishedPage(ctx, scope, req.params.id, req.params.year);
          attachment(reply, fileName(JSON.parse(payload) as TransparencyReport, 'report', 'json'));
          return sendStored(reply, payload);
        },
      );
      // The annual report: the same published figures as the page, as charts and tables, in English or Spanish.
      app.get(
        `${base}/report.pdf`,
        {
          ...pub,
          schema: {
            tags: ['public'],
            summary: `A ${scope}'s annual transparency report as a PDF (lang=en|es)`,
            params: TransparencyYearParamsSchema,
            querystring: TransparencyPdfQuerySchema,
            produces: ['application/pdf'],
          },
        },
        async (req, reply) => {
          // Made once per publication and language, then served from storage (transparency.pdf-store.ts).
          const { pdf, name } = await transparencyPdf(ctx, scope, req.params.id, req.params.year, req.query.lang);
          return reply
            .header('content-type', 'application/pdf')
            .header('content-disposition', `inline; filename="${name}"`)
            .send(pdf);
        },
      );
      app.get(
        `${base}/tables/:file`,
        {
          ...pub,
          schema: {
            tags: ['public'],
            summary: `One table of a ${scope}'s report as open data: <table>.csv or <table>.json`,
            params: TransparencyTableParamsSchema,
            response: { 200: z.union([TransparencyTableFileSchema, TextFile]) },
          },
        },
        async (req, reply) => {
          const { table, format } = parseTableFile(req.params.file);
          const report = await readPublishedReport(ctx, scope, req.params.id, req.params.year);
          const t = tableOf(report, table);
          if (!t) throw new NotFoundError('Table', `A ${scope}'s report has no table ${table}`);
          attachment(reply, fileName(report, table, format));
          if (format === 'json') return sendStored(reply, JSON.stringify(tableFile(report, t)));
          return reply.header('content-type', 'text/csv; charset=utf-8').send(tableCsv(report, t));
        },
      );
    }

    app.post(
      '/api/districts/:id/transparency/publish',
      {
        config: { policy: 'transparency.publish' },
        schema: {
          tags: ['transparency'],
          summary: 'Publish (or re-publish) the transparency report',
          params: IdParamsSchema,
          body: PublishTransparencyInputSchema.default({}),
          response: { 200: PublishTransparencyResultSchema },
        },
      },
      (req) =>
        publishTransparency(ctx, req.actor, req.params.id, req.body.year !== undefined ? { year: req.body.year } : {}),
    );
    app.get(
      '/api/districts/:id/transparency/status',
      {
        config: { policy: 'transparency.status' },
        schema: {
          tags: ['transparency'],
          summary: 'When each school year was last published',
          params: IdParamsSchema,
          response: { 200: TransparencyStatusSchema },
        },
      },
      (req) => transparencyStatus(ctx, req.actor!, req.params.id),
    );
    app.get(
      '/api/districts/:id/transparency/releases',
      {
        config: { policy: 'transparency.status' },
        schema: {
          tags: ['transparency'],
          summary: 'Who published the report, when and which school years; the years that can be published',
          params: IdParamsSchema,
          response: { 200: TransparencyReleasesSchema },
        },
      },
      (req) => transparencyReleases(ctx, req.actor!, req.params.id),
    );
  };
}
