import {
  account,
  expect,
  expectAccessible,
  expectDashboard,
  pageHeading,
  primaryNav,
  signInThroughApi,
  signInThroughUi,
  test,
  withPassword,
} from '../../fixtures/forefront';

/**
 * What each demo role finds in the staff app's navigation, in order, and one section it may not
 * open. `nav` is the header's row of links; `records` the links in its "Records and reports" menu
 * (the record-keeping sections, gathered so that a district administrator's header fits in one
 * row at 1280 px). The server enforces the same policy; this is the part a person sees.
 */
// "Officers and training" (issue 14) in the order of the menu.
const COORDINATOR_TRAINING = [
  'Officers',
  'Training compliance',
  'Training approvals',
  'Import training transcripts',
  'Gate exceptions',
  'Training standard',
  'Courses and credentials',
  "Officers' time",
];
const READER_TRAINING = [
  'Officers',
  'Training compliance',
  'Gate exceptions',
  'Training standard',
  'Courses and credentials',
  "Officers' time",
];

// "Threat assessment" (issue 15): the cases (or their counts), the report form, referrals to support
// services, teams, the equity audit, settings.
const THREAT_ALL = [
  'Threat cases',
  'Report a concern',
  'Referrals',
  'Threat assessment teams',
  'Equity audit',
  'Threat assessment settings',
];
// School staff on teams; those who keep referrals (principals, support staff) see them too.
const THREAT_TEAM = ['Threat cases', 'Report a concern', 'Threat assessment teams'];
const THREAT_SCHOOL = ['Threat cases', 'Report a concern', 'Referrals', 'Threat assessment teams'];

const ROLES = [
  {
    role: 'district_admin',
    who: 'a district administrator',
    label: 'District administrator',
    nav: [
      'Dashboard',
      'Schools',
      'Incidents',
      'Role drift',
      'Students',
      'Agreements (MOUs)',
      'People',
      'District settings',
    ],
    records: ['Import incidents', 'Publish', 'Audit log', 'Jobs', 'Disclosure log', 'Exports', 'CRDC files'],
    training: COORDINATOR_TRAINING,
    threat: THREAT_ALL,
    refused: '/app/state',
  },
  {
    role: 'school_admin',
    who: 'a school administrator',
    label: 'School administrator',
    nav: ['Dashboard', 'Schools', 'Incidents', 'Role drift', 'Students', 'Agreements (MOUs)', 'People'],
    records: [],
    training: READER_TRAINING,
    threat: THREAT_SCHOOL,
    refused: '/app/audit',
  },
  {
    role: 'sro',
    who: 'a school resource officer',
    label: 'School resource officer',
    nav: ['Dashboard', 'Schools', 'Incidents', 'Students', 'Agreements (MOUs)'],
    records: [],
    // The officer's own status and records, the district's standard, their time.
    training: [
      'Training standard',
      'Courses and credentials',
      'My training status',
      'My training records',
      "Officers' time",
    ],
    threat: THREAT_TEAM,
    refused: '/app/people',
  },
  {
    role: 'support_staff',
    who: 'a member of the support staff',
    label: 'Support staff',
    nav: ['Dashboard', 'Schools', 'Agreements (MOUs)'],
    records: [],
    training: ['Training standard', 'Courses and credentials'],
    threat: THREAT_SCHOOL,
    refused: '/app/audit',
  },
  {
    role: 'auditor',
    who: 'an independent auditor',
    label: 'Auditor',
    nav: ['Dashboard', 'Schools', 'Incidents', 'Role drift', 'Students', 'Agreements (MOUs)', 'People'],
    records: ['Audit log', 'Jobs', 'Disclosure log', 'Exports'],
    training: READER_TRAINING,
    threat: ['Threat cases', 'Referrals', 'Threat assessment teams', 'Equity audit'],
    refused: '/app/state',
  },
  {
    role: 'state_viewer',
    who: 'a state viewer',
    label: 'State viewer',
    nav: ['Dashboard', 'CRDC files', 'Districts in my state'],
    records: [],
    training: [],
    threat: [],
    refused: '/app/people',
  },
  {
    role: 'training_coordinator',
    who: 'a training coordinator',
    label: 'Training coordinator',
    // The jobs page alone (a menu of one is a plain link): the coordinator follows transcript imports.
    // "Report a concern" alone (a menu of one is a plain link): any staff member reports a concern.
    nav: ['Dashboard', 'Schools', 'Report a concern', 'Jobs'],
    records: [],
    training: COORDINATOR_TRAINING,
    threat: [],
    refused: '/app/people',
  },
  {
    role: 'threat_coordinator',
    who: 'a threat assessment coordinator',
    label: 'Threat assessment coordinator',
    nav: ['Dashboard', 'Schools', 'Students', 'Agreements (MOUs)'],
    records: [],
    training: ['Training standard', 'Courses and credentials'],
    threat: THREAT_ALL,
    refused: '/app/people',
  },
] as const;

const ALL_SECTIONS = [
  'Dashboard',
  'Schools',
  'Incidents',
  'Import incidents',
  'Role drift',
  'Students',
  'Agreements (MOUs)',
  'People',
  "Officers' time",
  'Publish',
  'Audit log',
  'Jobs',
  'Disclosure log',
  'Exports',
  'District settings',
  'CRDC files',
  'Districts in my state',
  'Officers',
  'Training compliance',
  'Training approvals',
  'Import training transcripts',
  'Gate exceptions',
  'Training standard',
  'Courses and credentials',
  'My training status',
  'My training records',
  ...THREAT_ALL,
];

for (const { role, who: person, label, nav, records, training, threat, refused } of ROLES) {
  test(`${person} sees only the sections of their role`, async ({ page }) => {
    const who = withPassword(account(role));
    if (role === 'state_viewer') {
      // The one role without two-step verification signs in with the password alone.
      await signInThroughUi(page, who, { checkAccessibility: false });
    } else {
      await signInThroughApi(page, who);
      await page.goto('/app');
    }
    await expectDashboard(page, { displayName: who.displayName, roleLabel: label });

    const links = primaryNav(page).getByRole('link');
    await expect(links).toHaveText([...nav]);
    const menu = primaryNav(page).getByRole('button', { name: 'Records and reports' });
    if (records.length > 0) {
      await menu.click();
      await expect(links).toHaveText([...nav, ...records]);
    } else await expect(menu).toHaveCount(0);
    // "Officers and training" (issue 14): its own menu.
    const trainingMenu = primaryNav(page).getByRole('button', { name: 'Officers and training' });
    if (training.length > 0) {
      await trainingMenu.click();
      for (const name of training)
        await expect(primaryNav(page).getByRole('link', { name, exact: true })).toBeVisible();
      await trainingMenu.click();
    } else await expect(trainingMenu).toHaveCount(0);
    const threatMenu = primaryNav(page).getByRole('button', { name: 'Threat assessment' });
    if (threat.length > 0) {
      await threatMenu.click();
      for (const name of threat) await expect(primaryNav(page).getByRole('link', { name, exact: true })).toBeVisible();
      await threatMenu.click();
    } else await expect(threatMenu).toHaveCount(0);
    const sections: readonly string[] = [...new Set([...nav, ...records, ...training, ...threat])];
    for (const hidden of ALL_SECTIONS.filter((s) => !sections.includes(s)))
      await expect(primaryNav(page).getByRole('link', { name: hidden, exact: true })).toHaveCount(0);
    // The dashboard's quick links offer the same sections (everything but the dashboard itself).
    const quick = await page.getByRole('main').getByRole('heading', { level: 3 }).allTextContents();
    expect([...quick].sort()).toEqual(sections.slice(1).sort());
    await expectAccessible(page);

    // A section outside the role, typed into the address bar, is refused plainly.
    await page.goto(refused);
    await expect(pageHeading(page, 'You do not have access to this page')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to your dashboard' })).toBeVisible();
  });
}
