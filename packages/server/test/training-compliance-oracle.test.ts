import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCompliance, type ComplianceRecord, type TrainingRule, type TrainingTopic } from '@forefront/contract';

/**
 * Issue 14 item 3, "Compliance results equal an independent computation": a small rule evaluator
 * written here from the rules' meaning, not from the contract's code. It asks one question, "does
 * this rule hold on day D?", and finds lapse dates by asking it on the days something could stop
 * counting. Hand-made cases below have their answers written by hand; a property compares the
 * contract's evaluator with this one on random inputs.
 */
const SOON = 60;

/** Calendar months on a JS Date, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
function plusMonths(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}
const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The first day a record no longer counts toward a rule (its expiry or its renewal), or null. */
function endOf(r: ComplianceRecord, renew: number | null, ownExpiry: boolean): string | null {
  const ends = [renew === null ? null : plusMonths(r.completedOn, renew), ownExpiry ? r.expiresOn : null].filter(
    (d): d is string => d !== null,
  );
  return ends.sort()[0] ?? null;
}
const live = (r: ComplianceRecord, end: string | null, day: string) =>
  r.completedOn <= day && (end === null || day < end);
const touches = (r: ComplianceRecord, topics: readonly TrainingTopic[]) =>
  topics.length === 0 || topics.some((t) => r.topics.includes(t));

type Renewing = Exclude<TrainingRule, { kind: 'annual_hours' }>;

/** Does the rule hold on `day`, with these records? */
function holds(rule: Renewing, records: ComplianceRecord[], day: string): boolean {
  if (rule.kind === 'hours') {
    const minutes = records
      .filter((r) => touches(r, rule.topics) && live(r, endOf(r, rule.renewEveryMonths, false), day))
      .reduce((s, r) => s + r.minutes, 0);
    return minutes >= rule.hours * 60;
  }
  if (rule.kind === 'topics')
    return rule.topics.every((t) =>
      records.some((r) => r.topics.includes(t) && live(r, endOf(r, rule.renewEveryMonths, false), day)),
    );
  return records.some((r) => r.credential === rule.credential && live(r, endOf(r, rule.renewEveryMonths, true), day));
}

/** Days on which the rule's answer can change from yes to no: every relevant record's end. */
function endDays(rule: Renewing, records: ComplianceRecord[]): string[] {
  const own = rule.kind === 'credential';
  return [
    ...new Set(records.map((r) => endOf(r, rule.renewEveryMonths, own)).filter((d): d is string => d !== null)),
  ].sort();
}

interface Reason {
  rule: string;
  code: string;
  overdue: boolean;
  date: string | undefined;
}
interface Oracle {
  status: string;
  rules: { rule: string; met: boolean; lapsesOn: string | null; dueOn: string | null }[];
  reasons: Reason[];
  nextLapse: string | null;
}

function schoolYear(day: string, start: string) {
  const y = Number(day.slice(0, 4)) - (day.slice(5) < start ? 1 : 0);
  return { first: `${y}-${start}`, last: plusDays(`${y + 1}-${start}`, -1), label: `${y}-${String(y + 1).slice(2)}` };
}

function oracle(
  rules: TrainingRule[],
  records: ComplianceRecord[],
  assignedSince: string | null,
  asOf: string,
  yearStart = '07-01',
): Oracle {
  const soon = plusDays(asOf, SOON);
  const out: Oracle = { status: 'compliant', rules: [], reasons: [], nextLapse: null };
  const past = records.filter((r) => r.completedOn <= asOf);
  for (const rule of rules) {
    if (rule.kind === 'annual_hours') {
      const minutesIn = (from: string, to: string) =>
        past
          .filter((r) => r.completedOn >= from && r.completedOn <= to && touches(r, rule.topics))
          .reduce((s, r) => s + r.minutes, 0);
      const year = schoolYear(asOf, yearStart);
      const last = schoolYear(plusDays(year.first, -1), yearStart);
      let met = true;
      if (assignedSince !== null && assignedSince <= last.first && minutesIn(last.first, last.last) < rule.hours * 60) {
        met = false;
        out.reasons.push({ rule: rule.key, code: 'annual_short', overdue: true, date: undefined });
      }
      const dueThisYear =
        assignedSince !== null && assignedSince <= year.first && minutesIn(year.first, asOf) < rule.hours * 60;
      if (dueThisYear && year.last <= soon)
        out.reasons.push({ rule: rule.key, code: 'needs_hours', overdue: false, date: year.last });
      out.rules.push({ rule: rule.key, met, lapsesOn: null, dueOn: dueThisYear ? year.last : null });
      continue;
    }
    const ends = endDays(rule, past);
    if (holds(rule, past, asOf)) {
      const lapsesOn = ends.find((d) => d > asOf && !holds(rule, past, d)) ?? null;
      out.rules.push({ rule: rule.key, met: true, lapsesOn, dueOn: null });
      if (lapsesOn !== null && lapsesOn <= soon)
        out.reasons.push({ rule: rule.key, code: 'lapses', overdue: false, date: lapsesOn });
      continue;
    }
    const due =
      rule.due.when === 'before_assignment'
        ? (assignedSince ?? asOf)
        : assignedSince === null
          ? null
          : plusMonths(assignedSince, rule.due.months);
    out.rules.push({ rule: rule.key, met: false, lapsesOn: null, dueOn: due });
    if (due === null || (due > asOf && due > soon)) continue;
    // It lapsed on the last end day it held the day before; topics: only when every missing topic was once done.
    let lapsed = [...ends].reverse().find((d) => d <= asOf && holds(rule, past, plusDays(d, -1)));
    if (rule.kind === 'topics') {
      const missing = rule.topics.filter((t) => !holds({ ...rule, topics: [t] }, past, asOf));
      const everyOnce = missing.every((t) => past.some((r) => r.topics.includes(t)));
      const lastEnds = missing.map((t) =>
        endDays(
          { ...rule, topics: [t] },
          past.filter((r) => r.topics.includes(t)),
        ).at(-1),
      );
      lapsed = everyOnce && lastEnds.every((d) => d !== undefined) ? lastEnds.sort().at(-1) : undefined;
    }
    const overdue = due <= asOf;
    const needs = { hours: 'needs_hours', topics: 'needs_topics', credential: 'needs_credential' }[rule.kind];
    if (lapsed !== undefined && (overdue || lapsed >= due))
      out.reasons.push({ rule: rule.key, code: 'lapsed', overdue, date: lapsed });
    else out.reasons.push({ rule: rule.key, code: needs, overdue, date: due });
  }
  out.nextLapse =
    out.rules
      .map((r) => r.lapsesOn)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  out.status = out.reasons.some((r) => r.overdue) ? 'not_compliant' : out.reasons.length ? 'expiring' : 'compliant';
  return out;
}

function contract(rules: TrainingRule[], records: ComplianceRecord[], assignedSince: string | null, asOf: string) {
  const r = evaluateCompliance({ rules, records, assignedSince, asOf, yearStart: '07-01' });
  return {
    status: r.status,
    rules: r.rules,
    reasons: r.reasons.map((x) => ({
      rule: x.rule,
      code: x.code,
      overdue: x.overdue,
      date: x.code === 'annual_short' ? undefined : x.params.date,
    })),
    nextLapse: r.nextLapse,
  };
}

const rec = (completedOn: string, hours: number, over: Partial<ComplianceRecord> = {}): ComplianceRecord => ({
  completedOn,
  minutes: hours * 60,
  topics: [],
  credential: null,
  expiresOn: null,
  ...over,
});
const before = { when: 'before_assignment' } as const;

/** Both evaluators, and the hand-written answer. */
function expectBoth(
  rules: TrainingRule[],
  records: ComplianceRecord[],
  since: string | null,
  asOf: string,
  expected: Partial<Oracle>,
) {
  const mine = oracle(rules, records, since, asOf);
  expect(mine).toMatchObject(expected);
  expect(contract(rules, records, since, asOf)).toEqual(mine);
}

describe('the compliance evaluator against hand-made records', () => {
  const cpr: TrainingRule = { kind: 'credential', key: 'cpr', credential: 'cpr', due: before, renewEveryMonths: 12 };

  it('a lapse exactly on the date: counts the day before, not on the day', () => {
    const records = [rec('2025-03-01', 8, { credential: 'cpr' })];
    expectBoth([cpr], records, '2025-01-01', '2026-02-28', {
      status: 'expiring',
      reasons: [{ rule: 'cpr', code: 'lapses', overdue: false, date: '2026-03-01' }],
      nextLapse: '2026-03-01',
    });
    expectBoth([cpr], records, '2025-01-01', '2026-03-01', {
      status: 'not_compliant',
      reasons: [{ rule: 'cpr', code: 'lapsed', overdue: true, date: '2026-03-01' }],
    });
  });

  it('month-end renewal: 31 January + 1 month lapses on 28 February, for hours as for credentials', () => {
    const monthly: TrainingRule = {
      kind: 'hours',
      key: 'drill',
      hours: 2,
      topics: [],
      due: before,
      renewEveryMonths: 1,
    };
    const records = [rec('2025-01-31', 2)];
    expectBoth([monthly], records, '2024-09-01', '2025-02-27', {
      status: 'expiring',
      rules: [{ rule: 'drill', met: true, lapsesOn: '2025-02-28', dueOn: null }],
    });
    expectBoth([monthly], records, '2024-09-01', '2025-02-28', {
      status: 'not_compliant',
      reasons: [{ rule: 'drill', code: 'lapsed', overdue: true, date: '2025-02-28' }],
    });
    // A leap year: 31 January 2024 + 1 month is 29 February.
    expectBoth([monthly], [rec('2024-01-31', 2)], '2023-09-01', '2024-02-28', {
      rules: [{ rule: 'drill', met: true, lapsesOn: '2024-02-29', dueOn: null }],
    });
  });

  it('a record on the window boundary: four hours in twelve months, the older half leaves the window on its anniversary', () => {
    const yearly: TrainingRule = {
      kind: 'hours',
      key: 'yearly',
      hours: 4,
      topics: ['de_escalation'],
      due: before,
      renewEveryMonths: 12,
    };
    const records = [
      rec('2024-06-15', 2, { topics: ['de_escalation'] }),
      rec('2025-06-10', 2, { topics: ['de_escalation', 'implicit_bias'] }),
      rec('2025-06-12', 5, { topics: ['school_law'] }), // another topic: does not count
    ];
    expectBoth([yearly], records, '2024-01-01', '2025-06-14', {
      status: 'expiring',
      rules: [{ rule: 'yearly', met: true, lapsesOn: '2025-06-15', dueOn: null }],
    });
    expectBoth([yearly], records, '2024-01-01', '2025-06-15', {
      status: 'not_compliant',
      reasons: [{ rule: 'yearly', code: 'lapsed', overdue: true, date: '2025-06-15' }],
    });
  });

  it("an expired certificate against its renewal: the certificate's own expiry comes first; a renewal counts anew", () => {
    const ymhfa: TrainingRule = {
      kind: 'credential',
      key: 'ymhfa',
      credential: 'ymhfa',
      due: before,
      renewEveryMonths: 48,
    };
    const old = rec('2024-01-10', 8, { credential: 'ymhfa', expiresOn: '2025-01-10' });
    expectBoth([ymhfa], [old], '2023-08-01', '2024-12-01', {
      rules: [{ rule: 'ymhfa', met: true, lapsesOn: '2025-01-10', dueOn: null }],
      status: 'expiring',
    });
    expectBoth([ymhfa], [old], '2023-08-01', '2025-02-01', {
      status: 'not_compliant',
      reasons: [{ rule: 'ymhfa', code: 'lapsed', overdue: true, date: '2025-01-10' }],
    });
    expectBoth([ymhfa], [old, rec('2025-01-05', 8, { credential: 'ymhfa' })], '2023-08-01', '2025-02-01', {
      status: 'compliant',
      rules: [{ rule: 'ymhfa', met: true, lapsesOn: '2029-01-05', dueOn: null }],
    });
  });

  it('annual hours across the school-year boundary: 30 June counts in the year ending, 1 July in the next', () => {
    const annual: TrainingRule = { kind: 'annual_hours', key: 'ce', hours: 12, topics: [] };
    const records = [rec('2024-09-01', 6), rec('2025-06-30', 6), rec('2025-07-01', 6)];
    expectBoth([annual], records, '2023-08-01', '2025-09-01', { status: 'compliant', reasons: [] });
    const short = [rec('2024-09-01', 6), rec('2025-07-01', 12)];
    expectBoth([annual], short, '2023-08-01', '2025-09-01', {
      status: 'not_compliant',
      reasons: [{ rule: 'ce', code: 'annual_short', overdue: true, date: undefined }],
    });
    // Assigned after the last year began: that year is not held against the officer.
    expectBoth([annual], short, '2024-08-01', '2025-09-01', { status: 'compliant' });
    // The current year, short within 60 days of 30 June: expiring soon, due 30 June.
    expectBoth([annual], [rec('2025-09-01', 4)], '2025-06-01', '2026-05-15', {
      status: 'expiring',
      reasons: [{ rule: 'ce', code: 'needs_hours', overdue: false, date: '2026-06-30' }],
    });
  });

  it('before and after the assignment window: due 18 months after the start, warned 60 days ahead', () => {
    const later: TrainingRule = {
      kind: 'credential',
      key: 'ymhfa',
      credential: 'ymhfa',
      due: { when: 'after_assignment', months: 18 },
      renewEveryMonths: 48,
    };
    expectBoth([later], [], '2025-01-15', '2026-01-01', { status: 'compliant', reasons: [] });
    expectBoth([later], [], '2025-01-15', '2026-05-20', {
      status: 'expiring',
      reasons: [{ rule: 'ymhfa', code: 'needs_credential', overdue: false, date: '2026-07-15' }],
    });
    expectBoth([later], [], '2025-01-15', '2026-07-15', {
      status: 'not_compliant',
      reasons: [{ rule: 'ymhfa', code: 'needs_credential', overdue: true, date: '2026-07-15' }],
    });
    // A course taken long before the assignment that lapsed before the window closes reads as "needs".
    const stale = [rec('2020-01-01', 8, { credential: 'ymhfa' })];
    expectBoth([later], stale, '2025-01-15', '2026-06-01', {
      reasons: [{ rule: 'ymhfa', code: 'needs_credential', overdue: false, date: '2026-07-15' }],
    });
  });

  it('an unassigned officer: nothing due after an assignment, but what is due before one is owed now', () => {
    const later: TrainingRule = {
      kind: 'topics',
      key: 'crisis',
      topics: ['crisis_intervention'],
      due: { when: 'after_assignment', months: 6 },
      renewEveryMonths: null,
    };
    const forty: TrainingRule = {
      kind: 'hours',
      key: 'youth_hours',
      hours: 40,
      topics: [],
      due: before,
      renewEveryMonths: null,
    };
    expectBoth([later], [], null, '2026-01-01', {
      status: 'compliant',
      rules: [{ rule: 'crisis', met: false, lapsesOn: null, dueOn: null }],
    });
    expectBoth([forty], [rec('2025-01-01', 30)], null, '2026-01-01', {
      status: 'not_compliant',
      reasons: [{ rule: 'youth_hours', code: 'needs_hours', overdue: true, date: '2026-01-01' }],
    });
    expectBoth([forty], [rec('2025-01-01', 30), rec('2025-03-01', 10)], null, '2026-01-01', {
      status: 'compliant',
      nextLapse: null,
    });
  });
});

const TOPICS: TrainingTopic[] = ['de_escalation', 'crisis_intervention', 'implicit_bias'];
const day = fc.integer({ min: 0, max: 1200 }).map((n) => plusDays('2023-01-01', n));
/** Month ends are where calendar arithmetic goes wrong: a third of the days are one. */
const edgy = fc.oneof(
  day,
  fc.integer({ min: 0, max: 39 }).map((m) => plusDays(plusMonths('2023-02-01', m), -1)),
);
const renew = fc.constantFrom(null, 1, 6, 12, 24);
const due = fc.oneof(
  fc.constant(before),
  fc.integer({ min: 1, max: 24 }).map((months) => ({ when: 'after_assignment' as const, months })),
);
const ruleArb: fc.Arbitrary<TrainingRule> = fc.oneof(
  fc.record({
    kind: fc.constant('hours' as const),
    key: fc.constant('h'),
    hours: fc.constantFrom(1, 4, 8, 16),
    topics: fc.subarray(TOPICS),
    due,
    renewEveryMonths: renew,
  }),
  fc.record({
    kind: fc.constant('topics' as const),
    key: fc.constant('t'),
    topics: fc.subarray(TOPICS, { minLength: 1 }),
    due,
    renewEveryMonths: renew,
  }),
  fc.record({
    kind: fc.constant('credential' as const),
    key: fc.constant('c'),
    credential: fc.constantFrom('cpr', 'ymhfa'),
    due,
    renewEveryMonths: renew,
  }),
  fc.record({
    kind: fc.constant('annual_hours' as const),
    key: fc.constant('a'),
    hours: fc.constantFrom(2, 8),
    topics: fc.subarray(TOPICS),
  }),
);
const recordArb: fc.Arbitrary<ComplianceRecord> = fc
  .record({
    completedOn: edgy,
    minutes: fc.constantFrom(30, 60, 120, 240, 480),
    topics: fc.subarray(TOPICS),
    credential: fc.constantFrom(null, 'cpr', 'ymhfa'),
    validDays: fc.option(fc.integer({ min: 1, max: 800 })),
  })
  .map(({ validDays, ...r }) => ({
    ...r,
    expiresOn: validDays === null || r.credential === null ? null : plusDays(r.completedOn, validDays),
  }));

describe('the compliance evaluator against the oracle on random inputs', () => {
  it('agrees on status, every rule, every reason and the next lapse', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(ruleArb, { selector: (r) => r.key, maxLength: 4 }),
        fc.array(recordArb, { maxLength: 8 }),
        fc.option(edgy),
        edgy,
        (rules, records, since, asOf) => {
          expect(contract(rules, records, since, asOf)).toEqual(oracle(rules, records, since, asOf));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
