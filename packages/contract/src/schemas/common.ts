import { z } from 'zod';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../limits.js';
import { ApiIssueSchema, IssueParamSchema } from '../errors.js';

export const IdSchema = z.string().min(1).max(64);
export const IdParamsSchema = z.object({ id: IdSchema });

/** Two-letter postal code of a U.S. state, DC or territory. */
export const StateCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'Use the two-letter postal code, e.g. "VA"');

/** NCES ids are text: leading zeros matter (DOMAIN.md section 1). */
export const NcesLeaIdSchema = z.string().regex(/^\d{7}$/, 'An NCES LEA id has 7 digits');
export const NcesSchoolIdSchema = z.string().regex(/^\d{12}$/, 'An NCES school id has 12 digits');

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

/** The one error shape every API error answers with. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** What the page needs to say it in the reader's language, e.g. a conflict's `reason`. */
    params: z.record(z.string(), IssueParamSchema).optional(),
    /**
     * Field-level problems: path, a code with its params (contract/src/errors.ts) for the page to
     * say in the reader's language, and an English message for API clients; nothing internal.
     */
    issues: z.array(ApiIssueSchema).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const OkSchema = z.object({ ok: z.literal(true) });

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ reachable: z.boolean(), dialect: z.enum(['sqlite', 'postgres']) }),
  version: z.string(),
});
