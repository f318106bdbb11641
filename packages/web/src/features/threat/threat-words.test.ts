import { describe, expect, it } from 'vitest';
import {
  CASE_OUTCOMES,
  CASE_SOURCES,
  CASE_STEPS,
  CONTACT_METHODS,
  INTERVIEWEE_KINDS,
  NTAC_THEMES,
  PROTOCOL_DEFS,
  PROTOCOLS,
  SEVERITIES,
  TASK_STATUSES,
  TEAM_ROLES,
} from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';

type Tree = { [key: string]: string | Tree };

function has(tree: Tree, path: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' && node.trim() !== '';
}

/** Keys the threat pages build at run time (t(`threat.steps.${step}`)), which the i18n scan cannot see. */
const dynamic = [
  ...PROTOCOLS.flatMap((p) => [`threat.protocols.${p}`, `threat.settings.protocolExplained.${p}`]),
  ...PROTOCOLS.flatMap((p) =>
    PROTOCOL_DEFS[p].classifications.flatMap((c) => [
      `threat.classifications.${c.key}`,
      `threat.classificationHints.${c.key}`,
    ]),
  ),
  ...TEAM_ROLES.map((r) => `threat.teamRoles.${r}`),
  ...CASE_STEPS.map((s) => `threat.steps.${s}`),
  ...CASE_SOURCES.map((s) => `threat.sources.${s}`),
  ...CASE_OUTCOMES.map((o) => `threat.outcomes.${o}`),
  ...['unclassified', ...SEVERITIES].map((s) => `threat.severities.${s}`),
  ...INTERVIEWEE_KINDS.map((k) => `threat.intervieweeKinds.${k}`),
  ...CONTACT_METHODS.map((m) => `threat.contactMethods.${m}`),
  ...TASK_STATUSES.map((s) => `threat.taskStatuses.${s}`),
  ...NTAC_THEMES.map((th) => `threat.ntacThemes.${th}`),
  ...['education', 'law_enforcement_unit'].map((c) => `threat.recordClasses.${c}`),
  ...['open', 'closed', 'all'].map((s) => `threat.cases.statuses.${s}`),
  ...['noInterview', 'iepCheck'].map((r) => `threat.classify.${r}`),
];

describe('threat assessment words', () => {
  it('has every protocol, step, role and outcome in English and Spanish', () => {
    const missing = Object.entries({ en, es }).flatMap(([lang, tree]) =>
      dynamic.filter((k) => !has(tree as Tree, k)).map((k) => `${k}: missing in ${lang}`),
    );
    expect(missing).toEqual([]);
    expect(dynamic.length).toBeGreaterThan(60);
  });
});
