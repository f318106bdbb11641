import { describe, expect, it } from 'vitest';
import { NTAC_THEMES } from '@forefront/contract';
import {
  classifyBlockers,
  instantFromLocal,
  instantOrNow,
  signoffProgress,
  stepperSteps,
  stepsStillNeeded,
  todayLocal,
  type StepFacts,
} from './steps';

const base: StepFacts = {
  protocol: 'cstag',
  status: 'open',
  stepsDone: ['intake'],
  stepsRequired: [],
  student: { idea: false, section504: false },
};

describe('stepperSteps', () => {
  it('shows only the steps every case takes before classification, the first not done current', () => {
    expect(stepperSteps(base)).toEqual([
      { step: 'intake', status: 'complete' },
      { step: 'interviews', status: 'current' },
      { step: 'classification', status: 'incomplete' },
      { step: 'parent_contact', status: 'incomplete' },
      { step: 'closure', status: 'incomplete' },
    ]);
  });

  it('adds the IEP/504 check for a student with a 504 plan', () => {
    const steps = stepperSteps({ ...base, student: { idea: false, section504: true } }).map((s) => s.step);
    expect(steps).toEqual(['intake', 'interviews', 'iep_check', 'classification', 'parent_contact', 'closure']);
  });

  it('follows a very serious classification with its required steps in protocol order', () => {
    const steps = stepperSteps({
      ...base,
      stepsDone: ['intake', 'interviews', 'classification'],
      stepsRequired: ['interviews', 'safety_evaluation', 'safety_plan', 'monitoring', 'parent_contact'],
    });
    expect(steps).toEqual([
      { step: 'intake', status: 'complete' },
      { step: 'interviews', status: 'complete' },
      { step: 'classification', status: 'complete' },
      { step: 'safety_evaluation', status: 'current' },
      { step: 'safety_plan', status: 'incomplete' },
      { step: 'monitoring', status: 'incomplete' },
      { step: 'parent_contact', status: 'incomplete' },
      { step: 'closure', status: 'incomplete' },
    ]);
  });

  it('marks a parent contact made early as done without making it current, and a closed case all done', () => {
    const early = stepperSteps({ ...base, stepsDone: ['intake', 'parent_contact'] });
    expect(early.find((s) => s.step === 'parent_contact')?.status).toBe('complete');
    expect(early.filter((s) => s.status === 'current').map((s) => s.step)).toEqual(['interviews']);
    const closed = stepperSteps({
      ...base,
      status: 'closed',
      stepsDone: ['intake', 'interviews', 'classification', 'parent_contact'],
      stepsRequired: ['interviews', 'parent_contact'],
    });
    expect(closed.every((s) => s.status === 'complete')).toBe(true);
  });
});

describe('classifyBlockers', () => {
  const ready = {
    protocol: 'cstag' as const,
    interviews: [{ id: 'i1' }] as never[],
    iepCheck: null,
    themes: [],
    student: { idea: false, section504: false },
    team: { missingToClassify: [] },
  };

  it('has none when the team is complete and a student without a plan was interviewed', () => {
    expect(classifyBlockers(ready)).toEqual([]);
  });

  it('names the missing roles, the missing interview and the missing IEP check', () => {
    expect(
      classifyBlockers({
        ...ready,
        interviews: [],
        student: { idea: true, section504: false },
        team: { missingToClassify: ['law_enforcement', 'special_education'] },
      }),
    ).toEqual([
      { reason: 'missingRoles', roles: ['law_enforcement', 'special_education'] },
      { reason: 'noInterview' },
      { reason: 'iepCheck' },
    ]);
  });

  it('counts the NTAC questions still unanswered', () => {
    const themes = NTAC_THEMES.slice(0, 8).map((theme) => ({ theme, finding: 'x', updatedAt: '2026-01-01' }));
    expect(classifyBlockers({ ...ready, protocol: 'ntac', themes })).toEqual([{ reason: 'themes', missing: 3 }]);
  });
});

describe('signoffProgress', () => {
  it('needs two distinct members, one of them mental health', () => {
    expect(signoffProgress([{ userId: 'a', teamRole: 'administrator' }])).toEqual({
      count: 1,
      hasMentalHealth: false,
      enough: false,
    });
    expect(
      signoffProgress([
        { userId: 'a', teamRole: 'administrator' },
        { userId: 'b', teamRole: 'law_enforcement' },
      ]).enough,
    ).toBe(false);
    expect(
      signoffProgress([
        { userId: 'a', teamRole: 'administrator' },
        { userId: 'b', teamRole: 'mental_health' },
      ]),
    ).toEqual({ count: 2, hasMentalHealth: true, enough: true });
  });
});

describe('helpers', () => {
  it('lists required steps not done, closure aside', () => {
    expect(
      stepsStillNeeded({
        stepsDone: ['intake', 'interviews', 'safety_plan'],
        stepsRequired: ['interviews', 'safety_plan', 'monitoring', 'parent_contact', 'closure'],
      }),
    ).toEqual(['monitoring', 'parent_contact']);
  });

  it('formats dates on the local calendar and turns a local time into an instant', () => {
    expect(todayLocal(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(instantFromLocal('')).toBeNull();
    expect(instantFromLocal('not a date')).toBeNull();
    expect(instantFromLocal('2026-03-04T10:15')).toBe(new Date(2026, 2, 4, 10, 15).toISOString());
  });
});

describe('instantOrNow', () => {
  it('sends the moment of sending when the default was left alone, else the chosen time', () => {
    const now = new Date(2026, 4, 6, 9, 41, 37);
    expect(instantOrNow('2026-05-06T09:41', '2026-05-06T09:41', now)).toBe(now.toISOString());
    expect(instantOrNow('2026-05-06T08:00', '2026-05-06T09:41', now)).toBe(new Date(2026, 4, 6, 8, 0).toISOString());
  });
});
