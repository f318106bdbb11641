import { describe, expect, it } from 'vitest';
import { PRESET_RULES, TrainingRuleSchema } from '@forefront/contract';
import { RULE_KINDS, checkDraft, draftWords, freeKey, newDraft, toDraft, toRule } from './rule-draft';

describe('the rule editor', () => {
  it('makes a rule of every kind that the contract accepts', () => {
    for (const kind of RULE_KINDS) {
      const rule = toRule(newDraft(kind, freeKey(kind, [])));
      expect(TrainingRuleSchema.safeParse(rule).success, kind).toBe(true);
    }
  });

  it('makes the Arkansas refresher from what a person would type', () => {
    const d = {
      ...newDraft('credential', 'refresher'),
      credential: 'sro_refresher',
      due: 'after_assignment' as const,
      dueMonths: '60',
      renews: true,
      renewMonths: '60',
    };
    expect(TrainingRuleSchema.parse(toRule(d))).toEqual({
      kind: 'credential',
      key: 'refresher',
      credential: 'sro_refresher',
      due: { when: 'after_assignment', months: 60 },
      renewEveryMonths: 60,
    });
    expect(draftWords(d, 'en', () => 'SRO refresher')).toBe(
      'Hold a current SRO refresher certificate, earned within 5 years of being assigned to a school, and again every 5 years.',
    );
  });

  it('gives back every preset rule unchanged through the editor', () => {
    for (const rules of Object.values(PRESET_RULES))
      for (const rule of rules) expect(toRule(toDraft(rule))).toEqual(rule);
  });

  it('refuses what the contract refuses: no hours, 0 months, 2000 hours', () => {
    expect(checkDraft({ ...newDraft('hours', 'h'), hours: '' }).success).toBe(false);
    expect(checkDraft({ ...newDraft('hours', 'h'), hours: '2000' }).success).toBe(false);
    expect(checkDraft({ ...newDraft('hours', 'h'), due: 'after_assignment', dueMonths: '0' }).success).toBe(false);
    expect(checkDraft({ ...newDraft('topics', 't'), topics: [] }).success).toBe(false);
    expect(draftWords({ ...newDraft('hours', 'h'), hours: 'x' }, 'es', (k) => k)).toBeNull();
  });

  it('picks a key no other rule has', () => {
    expect(freeKey('hours', ['hours', 'hours_2'])).toBe('hours_3');
  });
});
