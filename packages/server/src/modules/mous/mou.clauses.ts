import { type Clause, type Completeness, MOU_TEMPLATES, type MouTemplate } from '@forefront/contract';

/**
 * The clause library (English and Spanish) lives in the contract (mou-clauses.ts), so the web pages,
 * the PDF and the templates read the same words; re-exported here for the MOU module.
 */
export { CLAUSE_LIBRARY, type LibraryClause, libraryText, templateClauses } from '@forefront/contract';

/** Which clauses the template requires, which are present, and which are missing (empty text counts as missing). */
export function completeness(template: MouTemplate, clauses: readonly Pick<Clause, 'key' | 'text'>[]): Completeness {
  const required = [...MOU_TEMPLATES[template]];
  const written = new Set(clauses.filter((c) => c.text.trim().length > 0).map((c) => c.key));
  const present = required.filter((k) => written.has(k));
  const missing = required.filter((k) => !written.has(k));
  return { template, required, present, missing, complete: missing.length === 0 };
}
