import type { Action, Role, Scope } from '@forefront/contract';

/**
 * Who may do what, written out by hand a second time, independently of POLICY
 * (packages/contract/src/policy.ts): policy-matrix.test.ts checks that every row of POLICY says
 * exactly this, so a wrong row there fails a test instead of passing through a matrix that
 * derives its expectations from POLICY itself. A new action fails until its row is written here.
 *
 * Columns: district admin, school admin, SRO, support staff, auditor, state viewer, training coordinator,
 * threat assessment coordinator.
 * D = own district, S = assigned schools only, T = districts of the state, M = cases of a team the
 * account is a member of (issue 15), - = denied.
 */
// The columns line up so the table reads as a grid.
// prettier-ignore
export const EXPECTED_SCOPES = {
  //                         dist  sch   sro   supp  aud   state train threat
  'district.read':          'D     D     D     D     D     T     D     D',
  'district.update':        'D     -     -     -     -     -     -     -',
  'school.list':            'D     S     S     S     D     T     D     D',
  'school.read':            'D     S     S     S     D     T     D     D',
  'school.create':          'D     -     -     -     -     -     -     -',
  'school.update':          'D     S     -     -     -     -     -     -',
  'user.list':              'D     S     -     -     D     -     -     -',
  'user.read':              'D     S     -     -     D     -     -     -',
  'user.invite':            'D     -     -     -     -     -     -     -',
  'user.update':            'D     -     -     -     -     -     -     -',
  'invitation.list':        'D     -     -     -     D     -     -     -',
  'invitation.revoke':      'D     -     -     -     -     -     -     -',
  'audit.list':             'D     -     -     -     D     -     -     -',
  'audit.verify':           'D     -     -     -     D     -     -     -',
  'state.district.list':    '-     -     -     -     -     T     -     -',
  'mou.list':               'D     D     D     D     D     T     -     D',
  'mou.read':               'D     D     D     D     D     T     -     D',
  'mou.write':              'D     -     -     -     -     -     -     -',
  'mou.sign':               'D     -     -     -     -     -     -     -',
  'student.list':           'D     S     S     -     D     -     -     D',
  'student.read':           'D     S     S     -     D     -     -     D',
  'student.import':         'D     -     -     -     -     -     -     -',
  'incident.list':          'D     S     S     -     D     -     -     -',
  'incident.read':          'D     S     S     -     D     -     -     -',
  'incident.create':        'D     S     S     -     -     -     -     -',
  'incident.update':        'D     S     S     -     -     -     -     -',
  'incident.review':        'D     S     -     -     -     -     -     -',
  'incident.reclassify':    'D     -     -     -     -     -     -     -',
  'incident.import':        'D     -     -     -     -     -     -     -',
  'incident.export':        'D     -     -     -     D     -     -     -',
  'crdc.export':            'D     -     -     -     D     -     -     -',
  'drift.read':             'D     S     -     -     D     -     -     -',
  'transparency.publish':   'D     -     -     -     -     -     -     -',
  'transparency.status':    'D     -     -     -     D     -     -     -',
  'crdc.import':            'D     -     -     -     -     -     -     -',
  // Jobs: who may start one also needs the kind's own action (an auditor can start only exports).
  'job.start':              'D     -     -     -     D     -     D     -',
  'job.list':               'D     -     -     -     D     -     D     -',
  'job.cancel':             'D     -     -     -     -     -     -     -',
  'crdc.import.state':      '-     -     -     -     -     T     -     -',
  // Issue 14: the roster, training and officers' time.
  'officer.list':           'D     S     -     -     D     -     D     -',
  'officer.read':           'D     S     -     -     D     -     D     -',
  'officer.write':          'D     -     -     -     -     -     D     -',
  'officer.assign':         'D     -     -     -     -     -     D     -',
  'assignment.exception':   'D     -     -     -     -     -     -     -',
  'training.read':          'D     D     D     D     D     -     D     D',
  'training.standard':      'D     -     -     -     -     -     D     -',
  'training.record':        'D     -     -     -     -     -     D     -',
  'training.approve':       'D     -     -     -     -     -     D     -',
  'training.import':        'D     -     -     -     -     -     D     -',
  'compliance.read':        'D     S     -     -     D     -     D     -',
  'activity.list':          'D     S     S     -     D     -     D     -',
  'activity.write':         'D     -     S     -     -     -     -     -',
  // Issue 15: threat assessment. A case opens only to its team (M), the coordinator and the auditor.
  'threat.settings':        'D     -     -     -     -     -     -     D',
  'team.list':              'D     S     S     S     D     -     -     D',
  'team.write':             'D     -     -     -     -     -     -     D',
  'case.report':            'D     S     S     S     -     -     D     D',
  'case.counts':            'D     S     -     -     D     -     -     D',
  'case.list':              'M     M     M     M     D     -     -     D',
  'case.read':              'M     M     M     M     D     -     -     D',
  'case.write':             'M     M     M     M     -     -     -     D',
  'case.export':            'M     M     M     M     D     -     -     D',
  'provider.list':          'D     D     D     D     D     -     -     D',
  'provider.write':         'D     -     -     -     -     -     -     D',
  'referral.list':          'D     S     -     S     D     -     -     D',
  'referral.read':          'D     S     -     S     D     -     -     D',
  'referral.write':         'D     S     -     S     -     -     -     D',
  'equity.read':            'D     -     -     -     D     -     -     D',
} as const satisfies Record<string, string>;

const COLUMNS: readonly Role[] = [
  'district_admin',
  'school_admin',
  'sro',
  'support_staff',
  'auditor',
  'state_viewer',
  'training_coordinator',
  'threat_coordinator',
];
const LETTERS: Record<string, Scope> = { D: 'district', S: 'school', T: 'state', M: 'team', '-': 'none' };

/** The hand-written scope of `role` for `action`, or undefined when the table has no such row. */
export function expectedScope(action: Action, role: Role): Scope | undefined {
  const row = (EXPECTED_SCOPES as Record<string, string>)[action];
  if (row === undefined) return undefined;
  const letter = row.split(/\s+/)[COLUMNS.indexOf(role)];
  return letter === undefined ? undefined : LETTERS[letter];
}
