import {
  type CredentialTypeView,
  type ExplainLanguage,
  type TrainingRule,
  TrainingRuleSchema,
  type TrainingTopic,
  explainRule,
} from '@forefront/contract';

/**
 * A rule as the editor holds it: numbers as typed (text), so a half-typed value stays on screen;
 * `toRule` turns it into the contract's rule, which TrainingRuleSchema then checks.
 */
export type RuleKind = TrainingRule['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['hours', 'topics', 'credential', 'annual_hours'];

export interface RuleDraft {
  kind: RuleKind;
  key: string;
  hours: string;
  topics: TrainingTopic[];
  credential: string;
  due: 'before_assignment' | 'after_assignment';
  dueMonths: string;
  renews: boolean;
  renewMonths: string;
}

export function newDraft(kind: RuleKind, key: string, credential = 'ymhfa'): RuleDraft {
  return {
    kind,
    key,
    hours: kind === 'annual_hours' ? '12' : '40',
    topics: kind === 'topics' ? ['crisis_intervention'] : [],
    credential,
    due: 'before_assignment',
    dueMonths: '12',
    renews: false,
    renewMonths: '48',
  };
}

export function toDraft(rule: TrainingRule): RuleDraft {
  const d = newDraft(rule.kind, rule.key);
  if (rule.kind === 'hours' || rule.kind === 'annual_hours') d.hours = String(rule.hours);
  if (rule.kind !== 'credential') d.topics = [...rule.topics];
  if (rule.kind === 'credential') d.credential = rule.credential;
  if (rule.kind !== 'annual_hours') {
    d.due = rule.due.when;
    if (rule.due.when === 'after_assignment') d.dueMonths = String(rule.due.months);
    d.renews = rule.renewEveryMonths !== null;
    if (rule.renewEveryMonths !== null) d.renewMonths = String(rule.renewEveryMonths);
  }
  return d;
}

/** Text as typed to a number; empty or not a number becomes NaN, which the schema refuses. */
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** The contract's shape of the draft (not yet checked: pass it to TrainingRuleSchema). */
export function toRule(d: RuleDraft): TrainingRule {
  const due =
    d.due === 'before_assignment'
      ? { when: 'before_assignment' as const }
      : { when: 'after_assignment' as const, months: num(d.dueMonths) };
  const renewEveryMonths = d.renews ? num(d.renewMonths) : null;
  switch (d.kind) {
    case 'hours':
      return { kind: 'hours', key: d.key, hours: num(d.hours), topics: d.topics, due, renewEveryMonths };
    case 'topics':
      return { kind: 'topics', key: d.key, topics: d.topics, due, renewEveryMonths };
    case 'credential':
      return { kind: 'credential', key: d.key, credential: d.credential, due, renewEveryMonths };
    case 'annual_hours':
      return { kind: 'annual_hours', key: d.key, hours: num(d.hours), topics: d.topics };
  }
}

/** The rule, checked: the rule itself, or the schema's issues (paths inside the rule). */
export function checkDraft(d: RuleDraft) {
  return TrainingRuleSchema.safeParse(toRule(d));
}

/** A key not used by any other rule: `<kind>`, else `<kind>_2`, `<kind>_3`... */
export function freeKey(kind: RuleKind, taken: readonly string[]): string {
  if (!taken.includes(kind)) return kind;
  for (let n = 2; ; n++) if (!taken.includes(`${kind}_${n}`)) return `${kind}_${n}`;
}

/** A credential type's name in the reader's language; unknown keys are shown as they are. */
export const credentialNamer = (types: readonly CredentialTypeView[], lang: ExplainLanguage) => (key: string) => {
  const t = types.find((c) => c.key === key);
  return t ? (lang === 'es' ? t.nameEs : t.nameEn) : key;
};

/** The draft in plain words, or null while it is not a valid rule. */
export function draftWords(d: RuleDraft, lang: ExplainLanguage, name: (key: string) => string): string | null {
  const checked = checkDraft(d);
  return checked.success ? explainRule(checked.data, lang, name) : null;
}
