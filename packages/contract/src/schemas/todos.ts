import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * Issue 13: the dashboard's to-dos, computed for the signed-in person from the data (GET
 * /api/districts/:id/todos). Each item names its kind and what the web needs to say it in the
 * reader's language and link to where it is done; an item appears only when there is something to do
 * and the person may do it.
 */
export const TODO_KINDS = [
  'mou_review',
  'incidents_to_review',
  'flagged_incidents',
  'pending_invitations',
  'unpublished_year',
  'failed_imports',
  // Issue 14: training.
  'training_records_to_approve',
  'officers_not_compliant',
  'officers_expiring',
  'exceptions_ending',
  'own_training',
  // Issue 15: threat assessment and referrals (counts within the reader's own teams and caseload).
  'threat_tasks_overdue',
  'threat_checkins_due',
  'threat_cases_to_classify',
  'threat_cases_to_close',
  'threat_cases_unclassified',
  'referrals_awaiting_follow_up',
] as const;
export const TodoKindSchema = z.enum(TODO_KINDS);
export type TodoKind = z.infer<typeof TodoKindSchema>;

export const TodoSchema = z.object({
  kind: TodoKindSchema,
  /** How many things wait (1 for an MOU review or a year to publish). */
  count: z.number().int().min(0),
  /** mou_review: the agreement, its title and its review date (overdue when past). */
  mouId: IdSchema.optional(),
  title: z.string().optional(),
  dueDate: z.string().optional(),
  overdue: z.boolean().optional(),
  /** own_training: `dueDate` is the first deadline or lapse, `overdue` when not compliant now. */
  /** unpublished_year: the ended school year whose figures are not public yet. */
  schoolYear: z.string().optional(),
});
export type Todo = z.infer<typeof TodoSchema>;

export const GETTING_STARTED_STEPS = ['schools', 'people', 'mou', 'roster', 'training', 'publication'] as const;
export const GettingStartedStepSchema = z.enum(GETTING_STARTED_STEPS);
export type GettingStartedStep = z.infer<typeof GettingStartedStepSchema>;

export const TodoListSchema = z.object({
  /** The district's id. */
  id: IdSchema,
  items: z.array(TodoSchema),
  /**
   * A new district's first steps, each ticked off from the data; null for people who do not set the
   * district up (only the district administrator sees it).
   */
  gettingStarted: z.array(z.object({ step: GettingStartedStepSchema, done: z.boolean() })).nullable(),
});
export type TodoList = z.infer<typeof TodoListSchema>;
