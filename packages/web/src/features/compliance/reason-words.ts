import { TOPIC_LABELS, listWords, type TrainingTopic } from '@forefront/contract';
import type { z } from 'zod';
import type { ComplianceReasonSchema } from '@forefront/contract';

type Reason = z.infer<typeof ComplianceReasonSchema>;
export type ReasonLanguage = 'en' | 'es';
export interface CredentialName {
  key: string;
  en: string;
  es: string;
}

/** A calendar day (YYYY-MM-DD) in the reader's locale, never shifted by a time zone: "1 March 2026". */
export function dayWords(date: string, lang: ReasonLanguage): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** "6 hours", or with `more` "6 more hours" / "6 horas más". */
function hoursWords(hours: number, lang: ReasonLanguage, more = false): string {
  const n = new Intl.NumberFormat(lang === 'es' ? 'es-US' : 'en-US', { maximumFractionDigits: 2 }).format(hours);
  if (lang === 'es') return `${n} ${hours === 1 ? 'hora' : 'horas'}${more ? ' más' : ''}`;
  return `${n} ${more ? 'more ' : ''}${hours === 1 ? 'hour' : 'hours'}`;
}

const topicsOf = (topics: readonly TrainingTopic[] | undefined, lang: ReasonLanguage, joiner: 'and' | 'or') =>
  listWords(
    (topics ?? []).map((t) => TOPIC_LABELS[t][lang]),
    lang,
    joiner,
  );

/**
 * A compliance reason (contract training-compliance.ts: a code and its params) as one sentence in
 * the reader's language: "Needs 6 more hours of de-escalation before March 1, 2026."
 */
export function reasonSentence(reason: Reason, lang: ReasonLanguage, credentials: readonly CredentialName[]): string {
  const p = reason.params;
  const date = p.date ? dayWords(p.date, lang) : '';
  const credential = p.credential ? (credentials.find((c) => c.key === p.credential)?.[lang] ?? p.credential) : '';
  const of = p.topics?.length ? topicsOf(p.topics, lang, 'or') : '';
  const en = lang === 'en';
  switch (reason.code) {
    case 'needs_hours': {
      const what = `${hoursWords(p.hours ?? 0, lang, true)}${of ? (en ? ` of ${of}` : ` de ${of}`) : ''}`;
      if (en) return `Needs ${what} ${reason.overdue ? `(was due ${date})` : `before ${date}`}.`;
      return `Necesita ${what} ${reason.overdue ? `(vencía el ${date})` : `antes del ${date}`}.`;
    }
    case 'needs_topics': {
      const all = topicsOf(p.topics, lang, 'and');
      if (en) return `Needs training in ${all} ${reason.overdue ? `(was due ${date})` : `before ${date}`}.`;
      return `Necesita capacitación en ${all} ${reason.overdue ? `(vencía el ${date})` : `antes del ${date}`}.`;
    }
    case 'needs_credential':
      if (en) return `Needs ${credential} ${reason.overdue ? `(was due ${date})` : `before ${date}`}.`;
      return `Necesita ${credential} ${reason.overdue ? `(vencía el ${date})` : `antes del ${date}`}.`;
    case 'lapsed': {
      const what = credential || of || (en ? 'the required training' : 'la capacitación requerida');
      return en ? `Training in ${what} lapsed on ${date}.` : `La capacitación en ${what} caducó el ${date}.`;
    }
    case 'lapses':
      return en
        ? `Training for this requirement lapses on ${date}.`
        : `La capacitación para este requisito caduca el ${date}.`;
    case 'annual_short': {
      const what = `${hoursWords(p.hours ?? 0, lang)}${of ? (en ? ` of ${of}` : ` de ${of}`) : ''}`;
      return en
        ? `The ${p.year ?? ''} school year ended ${what} short.`
        : `El año escolar ${p.year ?? ''} terminó con ${what} de menos.`;
    }
  }
}
