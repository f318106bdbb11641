import {
  CLOSURE_SIGNOFFS,
  NTAC_THEMES,
  PROTOCOL_DEFS,
  type CaseDetail,
  type CaseStep,
  type TeamRole,
} from '@forefront/contract';

/** The facts of a case the stepper reads: a subset of CaseDetail, so tests can build one by hand. */
export type StepFacts = Pick<CaseDetail, 'protocol' | 'status' | 'stepsDone' | 'stepsRequired'> & {
  student: Pick<CaseDetail['student'], 'idea' | 'section504'>;
};

export type StepStatus = 'complete' | 'current' | 'incomplete';
export interface StepView {
  step: CaseStep;
  status: StepStatus;
}

/** Steps every case goes through, whatever its classification. */
const ALWAYS: readonly CaseStep[] = ['intake', 'interviews', 'classification', 'parent_contact', 'closure'];

/**
 * The steps the stepper shows, in the protocol's order: the ones every case takes, the IEP/504
 * check only for a student with an IEP or a 504 plan, and the rest once the classification requires
 * them (or when they were done anyway). The first step not done is the current one.
 */
export function stepperSteps(facts: StepFacts): StepView[] {
  const done = new Set(facts.stepsDone);
  const required = new Set(facts.stepsRequired);
  const needsIep = facts.student.idea || facts.student.section504;
  const shown = PROTOCOL_DEFS[facts.protocol].steps.filter(
    (s) => ALWAYS.includes(s) || (s === 'iep_check' && needsIep) || required.has(s) || done.has(s),
  );
  const closed = facts.status === 'closed';
  let currentSeen = closed;
  return shown.map((step) => {
    if (done.has(step) || (closed && step === 'closure')) return { step, status: 'complete' };
    if (!currentSeen) {
      currentSeen = true;
      return { step, status: 'current' };
    }
    return { step, status: 'incomplete' };
  });
}

/** Why the team cannot classify yet; empty when it can. Each reason is a translation key's last part. */
export type ClassifyBlocker =
  | { reason: 'missingRoles'; roles: TeamRole[] }
  | { reason: 'noInterview' }
  | { reason: 'iepCheck' }
  | { reason: 'themes'; missing: number };

export function classifyBlockers(
  c: Pick<CaseDetail, 'protocol' | 'interviews' | 'iepCheck' | 'themes'> & {
    student: Pick<CaseDetail['student'], 'idea' | 'section504'>;
    team: Pick<CaseDetail['team'], 'missingToClassify'>;
  },
): ClassifyBlocker[] {
  const out: ClassifyBlocker[] = [];
  if (c.team.missingToClassify.length > 0) out.push({ reason: 'missingRoles', roles: c.team.missingToClassify });
  if (c.interviews.length === 0) out.push({ reason: 'noInterview' });
  if ((c.student.idea || c.student.section504) && !c.iepCheck) out.push({ reason: 'iepCheck' });
  if (c.protocol === 'ntac') {
    const answered = new Set(c.themes.map((t) => t.theme));
    const missing = NTAC_THEMES.filter((t) => !answered.has(t)).length;
    if (missing > 0) out.push({ reason: 'themes', missing });
  }
  return out;
}

/** Sign-offs toward closure: two distinct members, one of them the mental-health professional. */
export function signoffProgress(signoffs: Pick<CaseDetail['signoffs'][number], 'userId' | 'teamRole'>[]): {
  count: number;
  hasMentalHealth: boolean;
  enough: boolean;
} {
  const count = new Set(signoffs.map((s) => s.userId)).size;
  const hasMentalHealth = signoffs.some((s) => s.teamRole === 'mental_health');
  return { count, hasMentalHealth, enough: count >= CLOSURE_SIGNOFFS && hasMentalHealth };
}

/** Steps the classification requires that are not done yet (closure itself aside). */
export function stepsStillNeeded(facts: Pick<CaseDetail, 'stepsDone' | 'stepsRequired'>): CaseStep[] {
  const done = new Set(facts.stepsDone);
  return facts.stepsRequired.filter((s) => s !== 'closure' && !done.has(s));
}

/** Today as YYYY-MM-DD on the reader's calendar (date inputs' default). */
export function todayLocal(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A datetime-local input's value (no zone) as an ISO instant with the reader's offset, which the
 * API requires; null when the field is empty or not a date.
 */
export function instantFromLocal(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Now as a datetime-local input's value, to the minute. */
export function nowLocalInput(now: Date = new Date()): string {
  return `${todayLocal(now)}T${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
}

/**
 * The instant to send for a datetime-local field whose default was "now": the field holds whole
 * minutes, so unchanged it would name a moment up to a minute ago, possibly before the case was
 * opened. Unchanged, it means the moment of sending; changed, the reader's choice.
 */
export function instantOrNow(value: string, initial: string, now: Date = new Date()): string {
  return value === initial ? now.toISOString() : (instantFromLocal(value) ?? value);
}
