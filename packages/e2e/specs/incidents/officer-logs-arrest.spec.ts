import type { Locator, Page } from '@playwright/test';
import {
  account,
  expect,
  expectAccessible,
  pageHeading,
  primaryNav,
  signInThroughApi,
  signInThroughUi,
  test,
  withPassword,
} from '../../fixtures/forefront';

/**
 * The story: the signed demo MOU leaves disrupting class to school staff. An officer logs
 * that they led the response and arrested a student; the incident and the role-drift dashboard
 * show the violation with the MOU clause it falls outside of. An administrator then records the
 * review they gave before the arrest: the "no review" flag clears, the category flag stays.
 */

const CLAUSE_CATEGORY = 'Separating school discipline from criminal matters';
const CLAUSE_REVIEW = 'Roles and responsibilities focused on safety';
const FLAG_LED = 'Officer led in a matter for school staff';
const FLAG_ENFORCEMENT = 'Enforcement in a matter for school staff';
const FLAG_REVIEW = 'No administrator review before the action';
/** The first student on the demo roster of the officer's high school (local ids: school number + sequence). */
const STUDENT_LOCAL_ID = '0010001';

/** A time `minutesAgo` before now as the browser's datetime-local value (its own time zone). */
const localTime = (page: Page, minutesAgo: number) =>
  page.evaluate((m) => {
    const d = new Date(Date.now() - m * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, minutesAgo);

/** USWDS draws its own boxes and hides the native input: a person clicks the label, so do we. */
async function tick(control: Locator) {
  const id = await control.getAttribute('id');
  await control.page().locator(`label[for="${id}"]`).click();
  await expect(control).toBeChecked();
}

const flagList = (page: Page) => page.getByRole('list').filter({ has: page.locator('[data-flag-kind]') });

/** The dashboard's count of one flag kind (0 when the kind has no row yet). */
async function kindCount(page: Page, kind: string): Promise<number> {
  const table = page.getByRole('table', { name: 'Actions outside the MOU by kind' });
  await expect(table).toBeVisible();
  const row = table.getByRole('row', { name: new RegExp(kind) });
  if ((await row.count()) === 0) return 0;
  return Number((await row.getByRole('cell').last().textContent())?.replace(/\D/g, ''));
}

test('an officer logs an arrest for disrupting class; the incident and the dashboard show the violation, and a review given before the arrest clears the review flag', async ({
  page,
  browser,
}) => {
  const officer = withPassword(account('sro'));
  const admin = withPassword(account('district_admin'));
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();

  const before = await test.step('the district administrator notes the dashboard before', async () => {
    await signInThroughApi(adminPage, admin);
    await adminPage.goto('/app/role-drift');
    await expect(pageHeading(adminPage, 'Role-drift dashboard')).toBeVisible();
    await expectAccessible(adminPage);
    return kindCount(adminPage, FLAG_ENFORCEMENT);
  });

  const incidentUrl = await test.step('the officer signs in and logs the incident on the form', async () => {
    await signInThroughUi(page, officer);
    await expectAccessible(page);
    await primaryNav(page).getByRole('link', { name: 'Incidents' }).click();
    await expect(pageHeading(page, 'Incidents')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Log an incident' }).click();
    await expect(pageHeading(page, 'Log an incident')).toBeVisible();
    await expectAccessible(page);

    // The officer's own school and themself are already filled in.
    await expect(page.getByLabel('School', { exact: true })).not.toHaveValue('');
    await expect(page.getByText(`Officer on this incident: ${officer.displayName} (you)`)).toBeVisible();
    await page.getByLabel('Date and time', { exact: true }).fill(await localTime(page, 90));
    await page.getByLabel('Where', { exact: true }).selectOption({ label: 'Classroom' });
    await tick(page.getByRole('checkbox', { name: 'Disrupting class' }));
    // An arrest stands on an alleged offense (issue 12); the officer alleges disorderly conduct.
    await tick(page.getByRole('checkbox', { name: /^An offense is alleged/ }));
    await page.getByLabel('Find a student').fill(STUDENT_LOCAL_ID);
    await page.getByRole('button', { name: new RegExp(`^Add .*\\(${STUDENT_LOCAL_ID}\\)$`) }).click();
    await tick(page.getByRole('radio', { name: 'Routine discipline' }));
    await tick(page.getByRole('radio', { name: 'Led the response' }));
    const towardStudent = page.getByRole('group', { name: /^Toward (?!no one)/ });
    await tick(towardStudent.getByRole('checkbox', { name: 'School-related arrest' }));
    await towardStudent.getByLabel('Time of: School-related arrest').fill(await localTime(page, 60));
    // The same engine previews the flags against today's signed MOU before anything is saved.
    const preview = page.getByRole('region', { name: 'Outside the MOU as it stands' });
    await expect(preview.getByText(FLAG_ENFORCEMENT)).toBeVisible();
    await expect(preview.getByText(`MOU clause: ${CLAUSE_CATEGORY}`).first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save and submit' }).click();

    await expect(pageHeading(page, /^Incident INC-\d{4}-\d{6}/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Incident saved' })).toBeVisible();
    return page.url();
  });

  await test.step('the incident shows each violation with the MOU clause it falls outside of', async () => {
    const flags = flagList(page);
    await expect(flags.getByText(FLAG_LED)).toBeVisible();
    await expect(flags.getByText(FLAG_ENFORCEMENT)).toBeVisible();
    await expect(flags.getByText(FLAG_REVIEW)).toBeVisible();
    await expect(flags.getByText(`MOU clause: ${CLAUSE_CATEGORY}`).first()).toBeVisible();
    await expect(flags.getByText(`MOU clause: ${CLAUSE_REVIEW}`)).toBeVisible();
    await expect(page.getByText('The MOU leaves Disrupting class to school staff').first()).toBeVisible();
    // Routine discipline stays an education record, whoever logs it.
    await expect(page.getByRole('heading', { name: /Record class:\s*Education record/ })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('the role-drift dashboard counts the violation', async () => {
    await adminPage.reload();
    await expect(pageHeading(adminPage, 'Role-drift dashboard')).toBeVisible();
    await expect.poll(() => kindCount(adminPage, FLAG_ENFORCEMENT)).toBe(before + 1);
    await expect(
      adminPage
        .getByRole('table', { name: 'Officer activity by officer' })
        .getByRole('row', { name: new RegExp(officer.displayName) }),
    ).toBeVisible();
    await expect(
      adminPage.getByRole('img', { name: /Actions outside the MOU, routine-discipline contacts and arrests by month/ }),
    ).toBeVisible();
    await expectAccessible(adminPage);
  });

  await test.step('an administrator records the review given before the arrest: the review flag clears, the category flags stay', async () => {
    await adminPage.goto(incidentUrl);
    await expect(pageHeading(adminPage, /^Incident INC-/)).toBeVisible();
    await expectAccessible(adminPage);
    await adminPage.getByLabel('Reviewed at', { exact: true }).fill(await localTime(adminPage, 75));
    await tick(adminPage.getByRole('radio', { name: 'Approved' }));
    await adminPage.getByLabel(/^Note/).fill('The principal and I agreed on the phone before the arrest.');
    await adminPage.getByRole('button', { name: 'Record review' }).click();
    await expect(adminPage.getByRole('heading', { name: 'Review recorded' })).toBeVisible();

    const flags = flagList(adminPage);
    await expect(flags.getByText(FLAG_REVIEW)).toHaveCount(0);
    await expect(flags.getByText(FLAG_ENFORCEMENT)).toBeVisible();
    await expect(flags.getByText(FLAG_LED)).toBeVisible();
    await expect(
      adminPage.getByRole('region', { name: 'Administrator reviews' }).getByText(`${admin.displayName}: Approved`),
    ).toBeVisible();
    await expectAccessible(adminPage);
  });

  await test.step('in Spanish, the incident and the dashboard read in Spanish and stay accessible', async () => {
    await adminPage.getByRole('button', { name: 'Español' }).click();
    await expect(pageHeading(adminPage, /^Incidente INC-/)).toBeVisible();
    await expect(adminPage.getByText('Medida policial en un asunto del personal escolar')).toBeVisible();
    await expectAccessible(adminPage);
    await adminPage.goto('/app/role-drift');
    await expect(pageHeading(adminPage, 'Panel de desvío de rol')).toBeVisible();
    await expectAccessible(adminPage);
  });

  await adminContext.close();
});
