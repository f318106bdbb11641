import { describe, expect, it } from 'vitest';
import {
  BEHAVIOR_KEYS,
  CLAUSE_KEYS,
  HANDLERS,
  INFORMATION_SHARING,
  MOU_REMINDER_KINDS,
  MOU_SIGNATURE_METHODS,
  MOU_TEMPLATES,
  MOU_VERSION_STATUSES,
  PERMISSIONS,
} from '@forefront/contract';
import en from '../../i18n/en.json';
import { SIGNING_ERROR_CODES } from './signature-how';
import es from '../../i18n/es.json';

/** The MOU pages build these keys at run time (t(`mous.handlers.${h}`)), so the static scan cannot see them. */
const dynamicKeys = [
  ...CLAUSE_KEYS.map((k) => `mous.clauseNames.${k}`),
  ...HANDLERS.map((h) => `mous.handlers.${h}`),
  ...PERMISSIONS.map((p) => `mous.permissions.${p}`),
  ...INFORMATION_SHARING.map((s) => `mous.sharing.${s}`),
  ...MOU_VERSION_STATUSES.map((s) => `mous.status.${s}`),
  ...MOU_REMINDER_KINDS.map((k) => `mous.reminder.${k}`),
  ...Object.keys(MOU_TEMPLATES).map((k) => `mous.templates.${k}`),
  ...BEHAVIOR_KEYS.map((b) => `incidents.behaviors.${b}`),
  ...['district', 'agency'].map((p) => `mous.parties.${p}`),
  ...['added', 'removed', 'changed', 'unchanged'].map((c) => `mous.diff.change.${c}`),
  ...[
    'searches',
    'questioningRequiresParentNotice',
    'physicalRestraint',
    'mechanicalRestraint',
    'useOfForce',
    'informationSharing',
    'routineDisciplineExcluded',
    'flagStaffReferrals',
    'effectiveDate',
    'reviewDate',
  ].map((r) => `mous.ruleNames.${r}`),
  ...MOU_SIGNATURE_METHODS.map((m) => `signatures.method.${m}`),
  ...SIGNING_ERROR_CODES.map((c) => `signatures.errors.${c}`),
];

const lookup = (tree: unknown, key: string) =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      tree,
    );

describe('MOU translations', () => {
  it.each([
    ['en', en],
    ['es', es],
  ] as const)('names every clause, handler, permission, status and rule in %s', (_lang, tree) => {
    const missing = dynamicKeys.filter(
      (k) => typeof lookup(tree, k) !== 'string' || !(lookup(tree, k) as string).trim(),
    );
    expect(missing).toEqual([]);
  });
});
