import { hoursText, topicWords, type ComplianceReasonWire, type CredentialName } from '@forefront/contract';

/**
 * A compliance reason (the contract evaluator's code and params) as one sentence in the reader's
 * language: "Needs 6 more hours of de-escalation before March 1, 2027". The roster, the officer's
 * page, the gate's answer and other pages (training, reminders) all say reasons through this.
 * Templates live in en/es.json under `officers.reasons`; topic names come from the contract's
 * TOPIC_LABELS; credential names from the district's catalog (given by the caller).
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
export type { CredentialName };

const langOf = (lang: string): 'en' | 'es' => (lang.toLowerCase().startsWith('es') ? 'es' : 'en');

/** A calendar day (YYYY-MM-DD) as the reader writes it, never shifted by a time zone. */
export function dayWords(date: string, lang: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

const hoursWords = (hours: number, lang: string) => {
  const n = Number(hoursText(hours));
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);
};

export function complianceWords(
  reason: Pick<ComplianceReasonWire, 'code' | 'params'>,
  t: Translate,
  lang: string,
  credentials: readonly CredentialName[] = [],
): string {
  const l = langOf(lang);
  const p = reason.params;
  const topics = p.topics ?? [];
  const credential = p.credential
    ? (credentials.find((c) => c.key === p.credential)?.[l] ?? p.credential)
    : t('officers.reasons.aCredential');
  const vars = {
    hours: hoursWords(p.hours ?? 0, lang),
    date: p.date ? dayWords(p.date, lang) : '',
    year: p.year ?? '',
    credential,
    // Hours count toward any of the topics; a topics rule needs each of them.
    anyOf: topics.length ? topicWords(topics, l, 'or') : t('officers.reasons.youthTraining'),
    allOf: topicWords(topics, l, 'and'),
    annual: topics.length ? topicWords(topics, l, 'or') : t('officers.reasons.continuingEducation'),
  };
  const by = p.date ? 'By' : '';
  switch (reason.code) {
    case 'needs_hours':
      return t(`officers.reasons.needsHours${by}`, vars);
    case 'needs_topics':
      return t(`officers.reasons.needsTopics${by}`, vars);
    case 'needs_credential':
      return t(`officers.reasons.needsCredential${by}`, vars);
    case 'lapsed':
      if (p.credential) return t('officers.reasons.lapsedCredential', vars);
      if (p.hours !== undefined) return t('officers.reasons.lapsedHours', vars);
      return t('officers.reasons.lapsedTopics', vars);
    case 'lapses':
      return t('officers.reasons.lapses', vars);
    case 'annual_short':
      return t('officers.reasons.annualShort', vars);
  }
}
