import type { TFunction } from 'i18next';
import type { AuditEntry } from '@forefront/contract';
import { formatDateTime, formatNumber } from '../../components/format';

/**
 * An audit entry as a sentence in the reader's language ("Maria Lopez viewed incident
 * INC-2026-000041"). Each kind has its own template under `auditLog.sentences.<kind>`; the
 * placeholders are the entry's payload fields, with ids replaced by the words the server resolved
 * (`labels`), plus the few derived words below.
 */

/** Placeholders a template may use besides the payload's own fields. */
export const DERIVED_PARAMS = ['actor', 'result', 'recomputed', 'filters'] as const;

/** Payload keys whose string value is an id: shown by its label, else by a short id to look up. */
const ID_KEYS = new Set([
  'incidentId',
  'studentId',
  'mouId',
  'mouVersionId',
  'signatoryId',
  'signatureId',
  'schoolId',
  'userId',
  'adminUserId',
  'invitationId',
  'districtId',
  'linkId',
  'jobId',
  'rerunOf',
  'reviewId',
  'disclosureId',
  'resourceId',
  'courseId',
  'officerId',
  'recordId',
]);

/** Payload keys whose values are codes with words under auditLog.<vocabulary> (dots and dashes as _). */
const VOCABULARY: Record<string, string> = {
  reason: 'signInReasons',
  source: 'sources',
  format: 'formats',
  jobKind: 'jobKinds',
  action: 'actions',
};

const shortId = (id: string) => `#${id.slice(0, 8)}`;

/** Who did it: a person of the district by name, else by role, else the system itself. */
export function actorOf(entry: Pick<AuditEntry, 'actorName' | 'actorRole'>, t: TFunction): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actorRole)
    return t('auditLog.someone', { role: t(`roles.${entry.actorRole}`, { defaultValue: entry.actorRole }) });
  return t('auditLog.theSystem');
}

function valueOf(key: string, value: unknown, entry: AuditEntry, t: TFunction, lang: string): unknown {
  if (typeof value === 'string') {
    if (entry.labels[key] !== undefined) return entry.labels[key];
    if (ID_KEYS.has(key)) return shortId(value);
    if (key === 'role') return t(`roles.${value}`, { defaultValue: value });
    if (key === 'until') return formatDateTime(value, lang);
    if (key === 'decision') return t(`incidents.review.decisions.${value}`, { defaultValue: value });
    if (key === 'method') return t(`auditLog.methods.${value}`, { defaultValue: value });
    // Codes of the server's vocabulary in words; a code this app does not know yet is shown as is.
    const vocabulary = VOCABULARY[key];
    if (vocabulary) return t(`auditLog.${vocabulary}.${value.replace(/[.-]/g, '_')}`, { defaultValue: value });
    if (key === 'from' || key === 'to')
      return t(`incidents.states.${value}`, {
        defaultValue: t(`incidents.recordClasses.${value}`, { defaultValue: value }),
      });
    return value;
  }
  if (typeof value === 'number') return formatNumber(value, lang);
  if (Array.isArray(value)) {
    // Lists of ids are counted (the count is what a reader needs; the raw record has the ids).
    if (key === 'schoolIds' || key === 'studentIds' || key === 'incidentIds') return formatNumber(value.length, lang);
    const words =
      key === 'fields' ? value.map((f) => t(`auditLog.fieldNames.${String(f)}`, { defaultValue: f })) : value;
    return words.length ? words.join(', ') : t('auditLog.none');
  }
  return value; // objects (a clock's from/to) are reached by nested placeholders: {{from.timeZone}}
}

export function auditSentenceParams(entry: AuditEntry, t: TFunction, lang: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry.payload)) params[key] = valueOf(key, value, entry, t, lang);
  params.actor = actorOf(entry, t);
  if (typeof entry.payload.ok === 'boolean')
    params.result = entry.payload.ok ? t('auditLog.chainIntact') : t('auditLog.chainBroken');
  if (typeof entry.payload.republished === 'boolean')
    params.recomputed = entry.payload.republished ? t('auditLog.republished') : t('auditLog.notRepublished');
  if (entry.kind === 'audit.viewed') {
    const filters = Object.entries((entry.payload.filters ?? {}) as Record<string, string>);
    params.filters = filters.length
      ? filters
          .map(
            ([k, v]) => `${t(`auditLog.filterNames.${k}`, { defaultValue: k })}: ${k === 'actorId' ? shortId(v) : v}`,
          )
          .join(', ')
      : t('auditLog.noFilters');
  }
  return params;
}

/** The sentence, or the kind's name when this version of the app does not know the kind. */
export function auditSentence(entry: AuditEntry, t: TFunction, lang: string): string {
  const key = `auditLog.sentences.${entry.kind}`;
  const params = auditSentenceParams(entry, t, lang);
  return t(key, { ...params, defaultValue: t('auditLog.unknownKind', { actor: params.actor, kind: entry.kind }) });
}
