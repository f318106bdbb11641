import type { TrainingRule, TrainingTopic } from './training.js';
import { EXPIRING_SOON_DAYS } from './training.js';
import { addDays, DEFAULT_SCHOOL_YEAR_START } from './district-clock.js';

/**
 * THE compliance evaluator (issue 14 item 3): an officer's approved completion records against the
 * district's rules, as of a date. Pure, so the server, the gate, the reminders and the public page
 * all judge the same way. Dates are ISO `YYYY-MM-DD` strings (the district's local dates) and compare
 * as strings. A lapse date is the first day the training no longer counts.
 */
export interface ComplianceRecord {
  completedOn: string;
  /** Whole minutes (the database keeps minutes so sums are exact). */
  minutes: number;
  topics: readonly TrainingTopic[];
  credential: string | null;
  /** The certificate's own expiry, if it has one (or the credential type's validity, filled in). */
  expiresOn: string | null;
}

export interface ComplianceInput {
  rules: readonly TrainingRule[];
  /** Approved records only. */
  records: readonly ComplianceRecord[];
  /**
   * The start of the officer's current assignment; null when not assigned. The gate passes the
   * proposed start date to ask "could they start then?".
   */
  assignedSince: string | null;
  asOf: string;
  soonDays?: number;
  /** The district's school-year start `MM-DD` (annual hours count per school year). */
  yearStart?: string;
}

export type ComplianceStatus = 'compliant' | 'expiring' | 'not_compliant';

/**
 * Why an officer is not compliant, or soon will not be. Each is a code with params, so pages say
 * it in the reader's language: `needs_hours` ("needs 6 more hours of de-escalation before 1 March"),
 * `needs_topics`, `needs_credential`, `lapsed` (on `date`), `lapses` (on `date`), `annual_short`
 * (`year` ended with `hours` missing).
 */
export type ComplianceReasonCode =
  'needs_hours' | 'needs_topics' | 'needs_credential' | 'lapsed' | 'lapses' | 'annual_short';

export interface ComplianceReason {
  rule: string;
  code: ComplianceReasonCode;
  /** `overdue`: the deadline has passed (the officer is not compliant because of it). */
  overdue: boolean;
  params: {
    hours?: number;
    topics?: TrainingTopic[];
    credential?: string;
    /** The deadline, the lapse date, or the last day of the school year. */
    date?: string;
    /** The school year an annual rule was short in, as `2025-26`. */
    year?: string;
  };
}

export interface RuleResult {
  rule: string;
  met: boolean;
  /** When what meets the rule stops counting; null: never (or not met). */
  lapsesOn: string | null;
  /** When it must be met by, if not met yet and a deadline applies. */
  dueOn: string | null;
}

export interface ComplianceResult {
  status: ComplianceStatus;
  reasons: ComplianceReason[];
  rules: RuleResult[];
  /** The earliest lapse date among met rules (for reminders); null when nothing lapses. */
  nextLapse: string | null;
}

/**
 * Memo of addMonths: the dashboard evaluates 5,000 officers at once and asks for the same few
 * thousand (date, months) pairs millions of times (docs/benchmarks.md, issue 14). Bounded.
 */
const monthsMemo = new Map<string, string>();

/** `date` plus `months` calendar months; a day past the end of the month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const key = `${date}|${months}`;
  const hit = monthsMemo.get(key);
  if (hit !== undefined) return hit;
  if (monthsMemo.size > 100_000) monthsMemo.clear();
  const out = computeAddMonths(date, months);
  monthsMemo.set(key, out);
  return out;
}

function computeAddMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The school year holding `date` (the district's start day, 1 July by default): its first and last
 * days and its label `2025-26`.
 */
export function trainingYearOf(
  date: string,
  yearStart = DEFAULT_SCHOOL_YEAR_START,
): { start: string; end: string; label: string } {
  const y = Number(date.slice(0, 4));
  const first = date.slice(5) >= yearStart ? y : y - 1;
  const start = `${first}-${yearStart}`;
  const end = addDays(`${first + 1}-${yearStart}`, -1);
  return { start, end, label: `${first}-${String(first + 1).slice(2)}` };
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function covers(record: ComplianceRecord, topics: readonly TrainingTopic[]): boolean {
  return topics.length === 0 || record.topics.some((t) => topics.includes(t));
}

/** The rule's deadline for this officer; null when not due yet (no assignment to count from). */
function dueOn(rule: TrainingRule, assignedSince: string | null, asOf: string): string | null {
  if (rule.kind === 'annual_hours') return null;
  if (rule.due.when === 'before_assignment') return assignedSince ?? asOf;
  return assignedSince === null ? null : addMonths(assignedSince, rule.due.months);
}

interface Judged {
  met: boolean;
  lapsesOn: string | null;
  /** What is missing, as a reason (without `overdue`, set by the caller). */
  missing: Omit<ComplianceReason, 'overdue' | 'rule'> | null;
}

/**
 * Hours: newest first, the records inside the renewal window until the hours are reached. The
 * record that reaches them dates the lapse: when it leaves the window, the hours fall short.
 */
function judgeHours(rule: Extract<TrainingRule, { kind: 'hours' }>, records: ComplianceRecord[], asOf: string): Judged {
  // A record counts until its own lapse date (completion + renewal), the same day `lapsesOn` names:
  // "completed after asOf minus the months" disagrees at month ends (31 Jan + 1 month = 28 Feb).
  const months = rule.renewEveryMonths;
  const counted = records
    .filter(
      (r) =>
        r.completedOn <= asOf && covers(r, rule.topics) && (months === null || addMonths(r.completedOn, months) > asOf),
    )
    .sort((a, b) => (a.completedOn < b.completedOn ? 1 : a.completedOn > b.completedOn ? -1 : 0));
  const needed = Math.round(rule.hours * 60);
  let sum = 0;
  for (const r of counted) {
    sum += r.minutes;
    if (sum >= needed) {
      const lapsesOn = rule.renewEveryMonths === null ? null : addMonths(r.completedOn, rule.renewEveryMonths);
      return { met: true, lapsesOn, missing: null };
    }
  }
  const everMet = rule.renewEveryMonths === null ? null : hadEnoughBefore(rule, records, asOf, needed);
  const params = { hours: hoursOf(needed - sum), topics: [...rule.topics] };
  if (everMet !== null)
    return { met: false, lapsesOn: null, missing: { code: 'lapsed', params: { ...params, date: everMet } } };
  return { met: false, lapsesOn: null, missing: { code: 'needs_hours', params } };
}

/**
 * For a renewed hours rule not met now: the day it last stopped being met, if it ever was (each
 * record's lapse date is a moment the window sum drops; the latest such drop that left it short).
 */
function hadEnoughBefore(
  rule: Extract<TrainingRule, { kind: 'hours' }>,
  records: ComplianceRecord[],
  asOf: string,
  needed: number,
): string | null {
  const months = rule.renewEveryMonths as number;
  const lapses = records
    .filter((r) => r.completedOn <= asOf && covers(r, rule.topics))
    .map((r) => addMonths(r.completedOn, months))
    .filter((d) => d <= asOf)
    .sort()
    .reverse();
  for (const day of lapses) {
    const before = addDays(day, -1);
    const sum = records
      .filter((r) => covers(r, rule.topics) && r.completedOn <= before && addMonths(r.completedOn, months) > before)
      .reduce((s, r) => s + r.minutes, 0);
    if (sum >= needed) return day;
  }
  return null;
}

function judgeTopics(
  rule: Extract<TrainingRule, { kind: 'topics' }>,
  records: ComplianceRecord[],
  asOf: string,
): Judged {
  let lapsesOn: string | null = null;
  const missing: TrainingTopic[] = [];
  let lapsedOn = '';
  for (const topic of rule.topics) {
    const dates = records.filter((r) => r.completedOn <= asOf && r.topics.includes(topic)).map((r) => r.completedOn);
    const latest = dates.sort().at(-1);
    if (latest === undefined) {
      missing.push(topic);
      continue;
    }
    if (rule.renewEveryMonths === null) continue;
    const lapse = addMonths(latest, rule.renewEveryMonths);
    if (lapse <= asOf) {
      missing.push(topic);
      if (lapse > lapsedOn) lapsedOn = lapse;
    } else if (lapsesOn === null || lapse < lapsesOn) lapsesOn = lapse;
  }
  if (missing.length === 0) return { met: true, lapsesOn, missing: null };
  if (lapsedOn !== '' && missing.every((t) => hasEver(records, t, asOf)))
    return { met: false, lapsesOn: null, missing: { code: 'lapsed', params: { date: lapsedOn, topics: missing } } };
  return { met: false, lapsesOn: null, missing: { code: 'needs_topics', params: { topics: missing } } };
}

const hasEver = (records: ComplianceRecord[], topic: TrainingTopic, asOf: string) =>
  records.some((r) => r.completedOn <= asOf && r.topics.includes(topic));

/** A credential counts from its completion until the earlier of its expiry and its renewal date. */
function judgeCredential(
  rule: Extract<TrainingRule, { kind: 'credential' }>,
  records: ComplianceRecord[],
  asOf: string,
): Judged {
  let best: string | null | undefined;
  let lastLapse: string | null = null;
  for (const r of records) {
    if (r.credential !== rule.credential || r.completedOn > asOf) continue;
    const renewal = rule.renewEveryMonths === null ? null : addMonths(r.completedOn, rule.renewEveryMonths);
    const until = [r.expiresOn, renewal].filter((d): d is string => d !== null).sort()[0] ?? null;
    if (until !== null && until <= asOf) {
      if (lastLapse === null || until > lastLapse) lastLapse = until;
      continue;
    }
    if (best === undefined || until === null || (best !== null && until > best)) best = until;
  }
  if (best !== undefined) return { met: true, lapsesOn: best, missing: null };
  if (lastLapse !== null)
    return {
      met: false,
      lapsesOn: null,
      missing: { code: 'lapsed', params: { date: lastLapse, credential: rule.credential } },
    };
  return { met: false, lapsesOn: null, missing: { code: 'needs_credential', params: { credential: rule.credential } } };
}

function yearMinutes(
  rule: Extract<TrainingRule, { kind: 'annual_hours' }>,
  records: ComplianceRecord[],
  start: string,
  end: string,
) {
  return records
    .filter((r) => r.completedOn >= start && r.completedOn <= end && covers(r, rule.topics))
    .reduce((s, r) => s + r.minutes, 0);
}

/**
 * Annual hours: the school year just ended counts if the officer was assigned for all of it (short:
 * not compliant until the year after); the current year is due on 30 June.
 */
function judgeAnnual(
  rule: Extract<TrainingRule, { kind: 'annual_hours' }>,
  records: ComplianceRecord[],
  assignedSince: string | null,
  asOf: string,
  reasons: ComplianceReason[],
  soon: string,
  yearStart: string | undefined,
): RuleResult {
  const needed = Math.round(rule.hours * 60);
  const year = trainingYearOf(asOf, yearStart);
  if (assignedSince === null) return { rule: rule.key, met: true, lapsesOn: null, dueOn: null };
  const previous = trainingYearOf(addDays(year.start, -1), yearStart);
  let met = true;
  if (assignedSince <= previous.start) {
    const had = yearMinutes(rule, records, previous.start, previous.end);
    if (had < needed) {
      met = false;
      reasons.push({
        rule: rule.key,
        code: 'annual_short',
        overdue: true,
        params: { hours: hoursOf(needed - had), topics: [...rule.topics], year: previous.label },
      });
    }
  }
  const now = yearMinutes(rule, records, year.start, asOf);
  if (now >= needed || assignedSince > year.start) return { rule: rule.key, met, lapsesOn: null, dueOn: null };
  if (year.end <= soon)
    reasons.push({
      rule: rule.key,
      code: 'needs_hours',
      overdue: false,
      params: { hours: hoursOf(needed - now), topics: [...rule.topics], date: year.end },
    });
  return { rule: rule.key, met, lapsesOn: null, dueOn: year.end };
}

const NEEDS = { hours: 'needs_hours', topics: 'needs_topics', credential: 'needs_credential' } as const;

export function evaluateCompliance(input: ComplianceInput): ComplianceResult {
  const { rules, assignedSince, asOf } = input;
  const records = [...input.records];
  const soon = addDays(asOf, input.soonDays ?? EXPIRING_SOON_DAYS);
  const reasons: ComplianceReason[] = [];
  const results: RuleResult[] = [];
  for (const rule of rules) {
    if (rule.kind === 'annual_hours') {
      results.push(judgeAnnual(rule, records, assignedSince, asOf, reasons, soon, input.yearStart));
      continue;
    }
    const judged =
      rule.kind === 'hours'
        ? judgeHours(rule, records, asOf)
        : rule.kind === 'topics'
          ? judgeTopics(rule, records, asOf)
          : judgeCredential(rule, records, asOf);
    const due = dueOn(rule, assignedSince, asOf);
    if (judged.met) {
      results.push({ rule: rule.key, met: true, lapsesOn: judged.lapsesOn, dueOn: null });
      if (judged.lapsesOn !== null && judged.lapsesOn <= soon)
        reasons.push({ rule: rule.key, code: 'lapses', overdue: false, params: { date: judged.lapsesOn } });
      continue;
    }
    results.push({ rule: rule.key, met: false, lapsesOn: null, dueOn: due });
    const missing = judged.missing as NonNullable<Judged['missing']>;
    if (due === null) continue; // not assigned: a window after assignment has not opened
    const overdue = due <= asOf;
    if (!overdue && due > soon) continue;
    // A lapse before the deadline began (an old course, a new assignment) reads as what is needed.
    const stale = missing.code === 'lapsed' && (missing.params.date ?? '') < due && !overdue;
    const code = stale ? NEEDS[rule.kind] : missing.code;
    const params = code === 'lapsed' ? missing.params : { ...missing.params, date: due };
    reasons.push({ rule: rule.key, code, overdue, params });
  }
  const nextLapse =
    results
      .map((r) => r.lapsesOn)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  const status: ComplianceStatus = reasons.some((r) => r.overdue)
    ? 'not_compliant'
    : reasons.length > 0
      ? 'expiring'
      : 'compliant';
  return { status, reasons, rules: results, nextLapse };
}

/** Total approved hours (the public page's "meeting 40 and 80 hours"). */
export function totalHours(records: readonly ComplianceRecord[]): number {
  return hoursOf(records.reduce((s, r) => s + r.minutes, 0));
}

/**
 * The day a record stops counting toward the standard: its own expiry, or the earliest renewal date
 * of a rule it counts toward; null when it counts for good. Annual hours end with their school year
 * but are not a lapse of the record, so they are left out.
 */
export function recordLapseDate(record: ComplianceRecord, rules: readonly TrainingRule[]): string | null {
  const dates: string[] = record.expiresOn === null ? [] : [record.expiresOn];
  for (const rule of rules) {
    if (rule.kind === 'annual_hours' || rule.renewEveryMonths === null) continue;
    const counts =
      rule.kind === 'credential'
        ? record.credential === rule.credential
        : rule.kind === 'hours'
          ? covers(record, rule.topics)
          : rule.topics.some((t) => record.topics.includes(t));
    if (counts) dates.push(addMonths(record.completedOn, rule.renewEveryMonths));
  }
  return dates.sort()[0] ?? null;
}
