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
 * open. The server enforces the same policy; this is the part a person sees.
 */
const ROLES = [
  {
    role: 'district_admin',
    who: 'a district administrator',
    label: 'District administrator',
    nav: [
      'Dashboard',
      'Schools',
      'Incidents',
      'Import incidents',
      'Role drift',
      'Students',
      'Agreements (MOUs)',
      'People',
      'Audit log',
      'Disclosure log',
      'Exports',
      'District settings',
      'CRDC files',
    ],
    refused: '/app/state',
  },
  {
    role: 'school_admin',
    who: 'a school administrator',
    label: 'School administrator',
    nav: ['Dashboard', 'Schools', 'Incidents', 'Role drift', 'Students', 'Agreements (MOUs)', 'People'],
    refused: '/app/audit',
  },
  {
    role: 'sro',
    who: 'a school resource officer',
    label: 'School resource officer',
    nav: ['Dashboard', 'Schools', 'Incidents', 'Students', 'Agreements (MOUs)'],
    refused: '/app/people',
  },
  {
    role: 'support_staff',
    who: 'a member of the support staff',
    label: 'Support staff',
    nav: ['Dashboard', 'Schools', 'Agreements (MOUs)'],
    refused: '/app/audit',
  },
  {
    role: 'auditor',
    who: 'an independent auditor',
    label: 'Auditor',
    nav: [
      'Dashboard',
      'Schools',
      'Incidents',
      'Role drift',
      'Students',
      'Agreements (MOUs)',
      'People',
      'Audit log',
      'Disclosure log',
      'Exports',
    ],
    refused: '/app/state',
  },
  {
    role: 'state_viewer',
    who: 'a state viewer',
    label: 'State viewer',
    nav: ['Dashboard', 'CRDC files', 'Districts in my state'],
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
  'Audit log',
  'Disclosure log',
  'Exports',
  'District settings',
  'CRDC files',
  'Districts in my state',
];

for (const { role, who: person, label, nav, refused } of ROLES) {
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
    for (const hidden of ALL_SECTIONS.filter((s) => !(nav as readonly string[]).includes(s)))
      await expect(primaryNav(page).getByRole('link', { name: hidden, exact: true })).toHaveCount(0);
    // The dashboard's quick links offer the same sections (everything but the dashboard itself).
    await expect(page.getByRole('main').getByRole('heading', { level: 3 })).toHaveText(nav.slice(1));
    await expectAccessible(page);

    // A section outside the role, typed into the address bar, is refused plainly.
    await page.goto(refused);
    await expect(pageHeading(page, 'You do not have access to this page')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to your dashboard' })).toBeVisible();
  });
}
